//! `/order/cart` and `/me/order`: ordering prepaid licences (reference §5.2).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::wire_enum;

/// The plan codes of prepaid licences OVHcloud's panel allows.
pub const PLAN_APPS_FOR_BUSINESS: &str = "microsoft-365-apps-for-business-pp-nce";
pub const PLAN_APPS_FOR_ENTERPRISE: &str = "microsoft-365-apps-for-enterprise-pp-nce";
/// The item configuration that adds the licences to an existing group.
pub const EXISTING_TENANT_LABEL: &str = "existing_tenant_service_name";

wire_enum! {
    /// `billing.order.OrderStatusEnum`.
    OrderStatus {
        Cancelled = "cancelled",
        Cancelling = "cancelling",
        Checking = "checking",
        Delivered = "delivered",
        Delivering = "delivering",
        DocumentsRequested = "documentsRequested",
        NotPaid = "notPaid",
        Unknown = "unknown",
    }
}

/// Body of `POST /order/cart` (`order.cart.Creation`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CartCreation {
    /// `FR`, `GB`, `DE`… (`nichandle.OvhSubsidiaryEnum`).
    pub ovh_subsidiary: String,
    /// Free text; Seatkeeper puts the id of its pending change here, so a cart can be
    /// found again after a crash (`GET /order/cart?description=`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", with = "time::serde::rfc3339::option")]
    pub expire: Option<OffsetDateTime>,
}

/// `order.cart.Cart`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cart {
    pub cart_id: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expire: Option<OffsetDateTime>,
    #[serde(default)]
    pub items: Vec<i64>,
    /// Set once the cart has been checked out.
    #[serde(default)]
    pub read_only: bool,
}

/// Body of `POST /order/cart/{cartId}/officePrepaid` (`order.cart.GenericProductCreation`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductCreation {
    pub plan_code: String,
    /// `P1M`.
    pub duration: String,
    /// `default`.
    pub pricing_mode: String,
    pub quantity: i64,
}

impl ProductCreation {
    /// `quantity` monthly prepaid licences of `plan_code`.
    pub fn monthly(plan_code: impl Into<String>, quantity: i64) -> ProductCreation {
        ProductCreation {
            plan_code: plan_code.into(),
            duration: "P1M".into(),
            pricing_mode: "default".into(),
            quantity,
        }
    }
}

/// `order.cart.Item`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CartItem {
    pub item_id: i64,
    pub cart_id: String,
    pub product_id: String,
    #[serde(default)]
    pub duration: Option<String>,
    pub settings: ItemSettings,
    #[serde(default)]
    pub configurations: Option<Vec<i64>>,
    #[serde(default)]
    pub options: Vec<i64>,
    #[serde(default)]
    pub prices: Vec<CartPrice>,
}

/// `order.cart.ItemSettings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemSettings {
    #[serde(default)]
    pub plan_code: Option<String>,
    #[serde(default)]
    pub pricing_mode: Option<String>,
    #[serde(default)]
    pub quantity: Option<i64>,
}

/// `order.cart.Price`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartPrice {
    pub label: String,
    pub price: Price,
}

/// `order.Price`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Price {
    pub currency_code: String,
    #[serde(default)]
    pub price_in_ucents: Option<i64>,
    pub text: String,
    pub value: f64,
}

/// Body of `POST /order/cart/{cartId}/item/{itemId}/configuration`, and its answer
/// (`order.cart.ConfigurationItem`, which adds `id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemConfiguration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    pub label: String,
    pub value: String,
}

/// Body of `POST /order/cart/{cartId}/checkout` (`order.cart.Checkout`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checkout {
    pub auto_pay_with_preferred_payment_method: bool,
    pub waive_retractation_period: bool,
}

/// `order.Order`: a checkout (or its preview, where `order_id` is null).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    #[serde(default)]
    pub order_id: Option<i64>,
    /// The purchase-order page where the customer pays.
    #[serde(default)]
    pub url: Option<String>,
    pub prices: OrderPrices,
    #[serde(default)]
    pub details: Vec<OrderDetail>,
    #[serde(default)]
    pub contracts: Vec<Contract>,
}

/// `order.OrderPrices`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderPrices {
    pub with_tax: Price,
    pub without_tax: Price,
    pub tax: Price,
}

/// `order.OrderDetail` (the fields Seatkeeper reads).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderDetail {
    #[serde(default, rename = "cartItemID")]
    pub cart_item_id: Option<i64>,
    pub description: String,
    pub domain: String,
    pub quantity: i64,
    pub total_price: Price,
    pub unit_price: Price,
}

/// `order.Contract`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub name: String,
    pub url: String,
    #[serde(default)]
    pub content: String,
}

/// `billing.Order` (`GET /me/order/{orderId}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingOrder {
    pub order_id: i64,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub date: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expiration_date: Option<OffsetDateTime>,
    pub url: String,
    #[serde(default)]
    pub pdf_url: String,
    pub price_with_tax: Price,
    pub price_without_tax: Price,
    pub tax: Price,
}
