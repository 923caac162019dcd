//! `GET /order/catalog/public/officePrepaid` (`order.catalog.public.Catalog`): the public
//! catalog of prepaid licences, cut to what Seatkeeper reads — the plans and their
//! pricings (for monthly prices), the products' configurations (to know an order for an
//! existing group is possible), and the locale. Every other field OVHcloud sends (plan
//! families, addons, blobs describing servers, promotions, engagements…) is ignored;
//! the full answer is still checked against `order_office_subset.json` in the tests.
//!
//! Enums keep values they do not know (`Other`). Prices are in micro-cents (10⁻⁸ of the
//! currency).

use serde::{Deserialize, Serialize};

use super::wire_enum;

/// `order.catalog.public.Catalog`: the plans of a subsidiary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    /// Subsidiary specific information.
    pub locale: CatalogLocale,
    /// The main plans of the catalog.
    #[serde(default)]
    pub plans: Vec<CatalogPlan>,
    /// The products the plans sell.
    #[serde(default)]
    pub products: Vec<CatalogProduct>,
}

/// `order.catalog.public.Locale`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogLocale {
    pub currency_code: CurrencyCode,
    pub subsidiary: OvhSubsidiary,
    /// Default VAT rate of the subsidiary.
    #[serde(default)]
    pub tax_rate: f64,
}

wire_enum! {
    /// `order.CurrencyCodeEnum`.
    CurrencyCode {
        Aud = "AUD",
        Cad = "CAD",
        Czk = "CZK",
        Eur = "EUR",
        Gbp = "GBP",
        Inr = "INR",
        Ltl = "LTL",
        Mad = "MAD",
        NotApplicable = "N/A",
        Pln = "PLN",
        Sgd = "SGD",
        Tnd = "TND",
        Usd = "USD",
        Xof = "XOF",
        Points = "points",
    }
}

wire_enum! {
    /// `nichandle.OvhSubsidiaryEnum`.
    OvhSubsidiary {
        Cz = "CZ",
        De = "DE",
        Es = "ES",
        Eu = "EU",
        Fi = "FI",
        Fr = "FR",
        Gb = "GB",
        Ie = "IE",
        It = "IT",
        Lt = "LT",
        Ma = "MA",
        Nl = "NL",
        Pl = "PL",
        Pt = "PT",
        Sn = "SN",
        Tn = "TN",
    }
}

/// `order.catalog.public.Plan`: a commercial offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogPlan {
    /// What the invoice calls it.
    #[serde(default)]
    pub invoice_name: String,
    #[serde(default)]
    pub plan_code: String,
    #[serde(default)]
    pub pricings: Vec<CatalogPricing>,
    /// The product the plan sells.
    #[serde(default)]
    pub product: String,
}

/// `order.catalog.public.Pricing`: one way to pay for a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogPricing {
    /// What the pricing can be used for (starting a service, renewing it…).
    #[serde(default)]
    pub capacities: Vec<PricingCapacity>,
    /// Length of the interval.
    #[serde(default)]
    pub interval: i64,
    pub interval_unit: DurationUnit,
    /// `default`, or a commitment / degressive mode.
    #[serde(default)]
    pub mode: String,
    /// Price per interval without tax, in micro-cents.
    #[serde(default)]
    pub price: i64,
    /// Tax on the price, in micro-cents.
    #[serde(default)]
    pub tax: i64,
}

wire_enum! {
    /// `order.cart.GenericProductPricingCapacitiesEnum`.
    PricingCapacity {
        Consumption = "consumption",
        Detach = "detach",
        Downgrade = "downgrade",
        Dynamic = "dynamic",
        Installation = "installation",
        Renew = "renew",
        Upgrade = "upgrade",
    }
}

wire_enum! {
    /// `order.cart.DurationUnitEnum`.
    DurationUnit {
        Day = "day",
        Hour = "hour",
        Month = "month",
        NoUnit = "none",
    }
}

/// `order.catalog.public.Product`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProduct {
    #[serde(default)]
    pub name: String,
    /// What an order of it can be configured with (`existing_tenant_service_name`…).
    #[serde(default)]
    pub configurations: Option<Vec<CatalogConfiguration>>,
}

/// `order.catalog.public.Configuration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogConfiguration {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub is_mandatory: bool,
}
