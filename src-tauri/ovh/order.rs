//! The public catalog of prepaid licences and its prices, ordering prepaid licences
//! through the order cart, and following orders up (reference §5.1, §5.2).

use reqwest::Method;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::client::{Client, Request, path_segment as seg};
use super::error::{ApiError, ErrorKind};
use super::models::{
    BillingOrder, Cart, CartCreation, CartItem, Catalog, CatalogPricing, Checkout, DurationUnit, EXISTING_TENANT_LABEL,
    ItemConfiguration, Order, OrderStatus, PLAN_APPS_FOR_BUSINESS, PLAN_APPS_FOR_ENTERPRISE, PricingCapacity,
    ProductCreation,
};
use crate::domain::LicenceType;

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
    /// ISO 8601 renewal period of the licences: `P1M`, `P1Y`.
    pub duration: String,
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

/// One renewal price of a catalog plan, brought to a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogPrice {
    pub plan_code: String,
    pub licence_type: LicenceType,
    /// ISO 8601 duration of one renewal: `P1M`, `P1Y`…
    pub renewal_period: String,
    /// The price without tax per licence per month, in micro-cents (10⁻⁸ of the
    /// currency), rounded to the nearest.
    pub price_ucents_per_month: i64,
    /// `EUR`, `GBP`… (the catalog's `locale.currencyCode`).
    pub currency: String,
}

/// The licence type a prepaid plan sells, for the plans Seatkeeper knows.
fn plan_licence_type(plan_code: &str) -> Option<LicenceType> {
    match plan_code {
        PLAN_APPS_FOR_BUSINESS => Some(LicenceType::OfficeBusiness),
        PLAN_APPS_FOR_ENTERPRISE => Some(LicenceType::OfficeProPlus),
        _ => None,
    }
}

/// The length of a pricing's renewal in months: `interval` months, or years (a unit the
/// schema does not list, accepted all the same). Days, hours and `none` have no month.
fn pricing_months(pricing: &CatalogPricing) -> Option<i64> {
    let months = match &pricing.interval_unit {
        DurationUnit::Month => pricing.interval,
        DurationUnit::Other(unit) if unit == "year" => pricing.interval.checked_mul(12)?,
        _ => return None,
    };
    (months > 0).then_some(months)
}

/// `months` as an ISO 8601 duration, in years when whole (`P12M` is `P1Y`).
fn iso_period(months: i64) -> String {
    if months % 12 == 0 { format!("P{}Y", months / 12) } else { format!("P{months}M") }
}

/// `n / d` rounded to the nearest, halves away from zero; `d > 0`.
fn div_round(n: i64, d: i64) -> i64 {
    let (q, r) = (n / d, n % d);
    if 2 * r.abs() >= d { q + n.signum() } else { q }
}

/// The monthly prices of a catalog: one per known plan and renewal period, from the
/// `default`-mode pricings that can start or renew a licence (`installation`, `renew`).
/// Pricings of other modes (commitments, degressive…) and other units are left out,
/// and so are plans Seatkeeper does not know. When two pricings give the same plan and
/// period, a `renew` one wins, then the first.
pub fn monthly_prices(catalog: &Catalog) -> Vec<CatalogPrice> {
    let currency = catalog.locale.currency_code.as_str().to_string();
    let mut prices: Vec<(CatalogPrice, bool)> = Vec::new();
    for plan in &catalog.plans {
        let Some(licence_type) = plan_licence_type(&plan.plan_code) else { continue };
        for pricing in &plan.pricings {
            let renews = pricing.capacities.contains(&PricingCapacity::Renew);
            let starts = pricing.capacities.contains(&PricingCapacity::Installation);
            if pricing.mode != "default" || !(renews || starts) {
                continue;
            }
            let Some(months) = pricing_months(pricing) else { continue };
            let price = CatalogPrice {
                plan_code: plan.plan_code.clone(),
                licence_type,
                renewal_period: iso_period(months),
                price_ucents_per_month: div_round(pricing.price, months),
                currency: currency.clone(),
            };
            let same = prices
                .iter_mut()
                .find(|(p, _)| p.plan_code == price.plan_code && p.renewal_period == price.renewal_period);
            match same {
                None => prices.push((price, renews)),
                Some(slot) if renews && !slot.1 => *slot = (price, renews),
                Some(_) => {}
            }
        }
    }
    prices.into_iter().map(|(p, _)| p).collect()
}

impl Client {
    /// `GET /order/catalog/public/officePrepaid?ovhSubsidiary=`: the public catalog of
    /// prepaid licences (plans, pricings, configurations) for a subsidiary (`FR`, `GB`…).
    /// Sent unsigned, as the route needs no authentication: it works before an account
    /// is connected.
    pub async fn prepaid_catalog(&self, ovh_subsidiary: &str) -> Result<Catalog, ApiError> {
        let request = Request::get("/order/catalog/public/officePrepaid").query("ovhSubsidiary", ovh_subsidiary);
        self.call(request.unauthenticated()).await
    }

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

    /// `GET /order/cart/{cartId}/item/{itemId}/configuration?label=`: the ids of the
    /// item's configurations with that label.
    pub async fn item_configurations(&self, cart_id: &str, item_id: i64, label: &str) -> Result<Vec<i64>, ApiError> {
        let path = format!("{}/item/{item_id}/configuration", cart_path(cart_id));
        self.call(Request::get(path).query("label", label)).await
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
    pub async fn orders(&self, from: Option<OffsetDateTime>, to: Option<OffsetDateTime>) -> Result<Vec<i64>, ApiError> {
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
        let item = self
            .add_prepaid_item(
                &cart.cart_id,
                &ProductCreation {
                    plan_code: order.plan_code.clone(),
                    duration: order.duration.clone(),
                    pricing_mode: "default".into(),
                    quantity: order.quantity,
                },
            )
            .await?;
        if let Some(tenant) = &order.existing_tenant {
            self.configure_item(&cart.cart_id, item.item_id, EXISTING_TENANT_LABEL, tenant).await?;
        }
        let checkout =
            Checkout { auto_pay_with_preferred_payment_method: order.auto_pay, waive_retractation_period: false };
        let placed = self.checkout(&cart.cart_id, &checkout).await?;
        Ok(OrderOutcome::Placed { cart_id: cart.cart_id, order: placed })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn pricing(mode: &str, capacities: &[&str], interval: i64, unit: &str, price: i64) -> Value {
        json!({
            "capacities": capacities, "commitment": 0, "description": "", "engagementConfiguration": null,
            "interval": interval, "intervalUnit": unit, "mode": mode, "mustBeCompleted": false, "phase": 1,
            "price": price, "promotions": [], "quantity": {"min": 1, "max": null}, "repeat": {"min": 1, "max": null},
            "strategy": "tiered", "tax": price / 5, "type": "rental"
        })
    }

    fn plan(code: &str, pricings: Vec<Value>) -> Value {
        json!({
            "addonFamilies": [], "blobs": null, "configurations": [], "consumptionConfiguration": null, "family": null,
            "invoiceName": code, "planCode": code, "pricingType": "rental", "pricings": pricings,
            "product": "officePrepaid",
            "someFieldAddedLater": true
        })
    }

    #[test]
    fn monthly_prices_per_plan_and_renewal_period() {
        let catalog: Catalog = serde_json::from_value(json!({
            "addons": [], "catalogId": 1234, "planFamilies": [], "products": [],
            "locale": {"currencyCode": "EUR", "subsidiary": "FR", "taxRate": 20},
            "plans": [
                plan(PLAN_APPS_FOR_BUSINESS, vec![
                    pricing("default", &["installation", "renew"], 1, "month", 1_050_000_000),
                    // Yearly, in months (the schema's DurationUnitEnum has no `year`); rounds up.
                    pricing("default", &["installation", "renew"], 12, "month", 12_000_000_006),
                    // A commitment mode and a pricing for other uses: skipped.
                    pricing("upfront12", &["installation", "renew"], 12, "month", 11_000_000_000),
                    pricing("default", &["detach"], 1, "month", 1),
                    pricing("default", &["renew"], 1, "day", 1),
                ]),
                plan(PLAN_APPS_FOR_ENTERPRISE, vec![
                    // A year written as one: accepted too.
                    pricing("default", &["renew"], 1, "year", 19_440_000_000),
                    // Installation only, then a renewal for the same period: the renewal wins.
                    pricing("default", &["installation"], 1, "month", 1_800_000_000),
                    pricing("default", &["renew"], 1, "month", 1_705_000_000),
                ]),
                plan("microsoft-365-business-basic-pp-nce", vec![
                    pricing("default", &["installation", "renew"], 1, "month", 500_000_000),
                ]),
            ]
        }))
        .unwrap();
        let price = |plan: &str, licence_type, period: &str, ucents| CatalogPrice {
            plan_code: plan.into(),
            licence_type,
            renewal_period: period.into(),
            price_ucents_per_month: ucents,
            currency: "EUR".into(),
        };
        assert_eq!(
            monthly_prices(&catalog),
            vec![
                price(PLAN_APPS_FOR_BUSINESS, LicenceType::OfficeBusiness, "P1M", 1_050_000_000),
                price(PLAN_APPS_FOR_BUSINESS, LicenceType::OfficeBusiness, "P1Y", 1_000_000_001),
                price(PLAN_APPS_FOR_ENTERPRISE, LicenceType::OfficeProPlus, "P1Y", 1_620_000_000),
                price(PLAN_APPS_FOR_ENTERPRISE, LicenceType::OfficeProPlus, "P1M", 1_705_000_000),
            ]
        );
        assert_eq!(catalog.plans[1].pricings[0].interval_unit, DurationUnit::Other("year".into()));
    }

    #[test]
    fn periods_and_rounding() {
        let periods = [1, 3, 12, 24, 18].map(iso_period);
        assert_eq!(periods, ["P1M", "P3M", "P1Y", "P2Y", "P18M"]);
        assert_eq!([div_round(10, 4), div_round(9, 4), div_round(11, 4), div_round(-10, 4)], [3, 2, 3, -3]);
    }
}
