//! Ordering prepaid licences through the order cart, and following orders up
//! (reference §5.2).

use reqwest::Method;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::client::{Client, Request, path_segment as seg};
use super::error::{ApiError, ErrorKind};
use super::models::{
    BillingOrder, Cart, CartCreation, CartItem, Checkout, EXISTING_TENANT_LABEL, ItemConfiguration, Order, OrderStatus,
    ProductCreation,
};

fn cart_path(cart_id: &str) -> String {
    format!("/order/cart/{}", seg(cart_id))
}

/// An order of prepaid licences, as the sync engine asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenceOrder {
    /// A caller-chosen id, unique per order (e.g. the pending change's id). It goes in
    /// the cart's `description`, which is how a crashed order is recognised later.
    pub reference: String,
    /// `FR`, `GB`…
    pub ovh_subsidiary: String,
    pub plan_code: String,
    pub quantity: i64,
    /// The group to add the licences to; `None` orders a new group.
    pub existing_tenant: Option<String>,
    /// Pay at once with the account's default payment method.
    pub auto_pay: bool,
}

/// What [`Client::place_licence_order`] did.
#[allow(clippy::large_enum_variant)] // made once per order
#[derive(Debug, Clone, PartialEq)]
pub enum OrderOutcome {
    /// The cart was checked out now; `order.url` is where the customer pays.
    Placed { cart_id: String, order: Order },
    /// A cart with this reference was checked out before (by an earlier attempt whose
    /// answer was lost): nothing was ordered again.
    AlreadyPlaced { cart_id: String },
}

impl Client {
    /// `POST /order/cart`.
    pub async fn create_cart(&self, creation: &CartCreation) -> Result<Cart, ApiError> {
        self.call(Request::new(Method::POST, "/order/cart").json(creation)).await
    }

    /// `GET /order/cart?description=`: the account's carts carrying `description`.
    pub async fn carts_with_description(&self, description: &str) -> Result<Vec<String>, ApiError> {
        self.call(Request::get("/order/cart").query("description", description)).await
    }

    /// `GET /order/cart/{cartId}`.
    pub async fn cart(&self, cart_id: &str) -> Result<Cart, ApiError> {
        self.call(Request::get(cart_path(cart_id))).await
    }

    /// `POST /order/cart/{cartId}/assign`: attaches the cart to the account (idempotent).
    pub async fn assign_cart(&self, cart_id: &str) -> Result<(), ApiError> {
        let request = Request::new(Method::POST, format!("{}/assign", cart_path(cart_id)));
        self.call_void(request.idempotent(true)).await
    }

    /// `POST /order/cart/{cartId}/officePrepaid`: adds prepaid licences to the cart.
    pub async fn add_prepaid_item(&self, cart_id: &str, product: &ProductCreation) -> Result<CartItem, ApiError> {
        self.call(Request::new(Method::POST, format!("{}/officePrepaid", cart_path(cart_id))).json(product)).await
    }

    /// `POST /order/cart/{cartId}/item/{itemId}/configuration`.
    pub async fn configure_item(
        &self,
        cart_id: &str,
        item_id: i64,
        label: &str,
        value: &str,
    ) -> Result<ItemConfiguration, ApiError> {
        let body = ItemConfiguration { id: None, label: label.to_string(), value: value.to_string() };
        let path = format!("{}/item/{item_id}/configuration", cart_path(cart_id));
        self.call(Request::new(Method::POST, path).json(&body)).await
    }

    /// `GET /order/cart/{cartId}/checkout`: the order as it would be (no `order_id`).
    pub async fn checkout_preview(&self, cart_id: &str) -> Result<Order, ApiError> {
        self.call(Request::get(format!("{}/checkout", cart_path(cart_id)))).await
    }

    /// `POST /order/cart/{cartId}/checkout`: turns the cart into an order. Never retried.
    pub async fn checkout(&self, cart_id: &str, checkout: &Checkout) -> Result<Order, ApiError> {
        self.call(Request::new(Method::POST, format!("{}/checkout", cart_path(cart_id))).json(checkout)).await
    }

    /// `GET /me/order?date.from=&date.to=`: the account's order ids in a period.
    pub async fn orders(
        &self,
        from: Option<OffsetDateTime>,
        to: Option<OffsetDateTime>,
    ) -> Result<Vec<i64>, ApiError> {
        let mut request = Request::get("/me/order");
        for (name, value) in [("date.from", from), ("date.to", to)] {
            if let Some(value) = value {
                let text = value.format(&Rfc3339).map_err(|e| {
                    ApiError::new(ErrorKind::InvalidRequest, "GET", "/me/order", format!("bad date: {e}"))
                })?;
                request = request.query(name, text);
            }
        }
        self.call(request).await
    }

    /// `GET /me/order/{orderId}`.
    pub async fn order(&self, order_id: i64) -> Result<BillingOrder, ApiError> {
        self.call(Request::get(format!("/me/order/{order_id}"))).await
    }

    /// `GET /me/order/{orderId}/status`.
    pub async fn order_status(&self, order_id: i64) -> Result<OrderStatus, ApiError> {
        self.call(Request::get(format!("/me/order/{order_id}/status"))).await
    }

    /// Orders prepaid licences at most once per `order.reference`: if a cart carrying
    /// the reference was already checked out, nothing is sent again
    /// ([`OrderOutcome::AlreadyPlaced`]); otherwise a new cart is created, assigned,
    /// filled (with `existing_tenant_service_name` when adding to a group) and checked
    /// out. Carts left open by an interrupted attempt are harmless and expire.
    pub async fn place_licence_order(&self, order: &LicenceOrder) -> Result<OrderOutcome, ApiError> {
        for cart_id in self.carts_with_description(&order.reference).await? {
            if self.cart(&cart_id).await?.read_only {
                return Ok(OrderOutcome::AlreadyPlaced { cart_id });
            }
        }
        let creation = CartCreation {
            ovh_subsidiary: order.ovh_subsidiary.clone(),
            description: Some(order.reference.clone()),
            expire: None,
        };
        let cart = self.create_cart(&creation).await?;
        self.assign_cart(&cart.cart_id).await?;
        let item = self.add_prepaid_item(&cart.cart_id, &ProductCreation::monthly(&order.plan_code, order.quantity)).await?;
        if let Some(tenant) = &order.existing_tenant {
            self.configure_item(&cart.cart_id, item.item_id, EXISTING_TENANT_LABEL, tenant).await?;
        }
        let checkout = Checkout { auto_pay_with_preferred_payment_method: order.auto_pay, waive_retractation_period: false };
        let placed = self.checkout(&cart.cart_id, &checkout).await?;
        Ok(OrderOutcome::Placed { cart_id: cart.cart_id, order: placed })
    }
}
