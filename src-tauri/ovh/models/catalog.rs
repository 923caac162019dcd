//! `GET /order/catalog/public/officePrepaid` (`order.catalog.public.Catalog`): the public
//! catalog of prepaid licences, with every model it references, field for field after
//! `shared/ovh/schema/order_office_subset.json`.
//!
//! Nullable fields are `Option`s; other fields default when absent, except enums,
//! datetimes and the catalog's `locale`, which the schema always fills. Every enum
//! keeps values it does not know (`Other`). Prices are in micro-cents (10⁻⁸ of the
//! currency).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::wire_enum;

/// `order.catalog.public.Catalog`: Describes a Catalog inside a Subsidiary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    /// List of addons of the catalog.
    #[serde(default)]
    pub addons: Vec<CatalogPlan>,
    /// Identifier of the catalog.
    #[serde(default)]
    pub catalog_id: i64,
    /// Subsidiary specific information.
    pub locale: CatalogLocale,
    /// List of plan families of the catalog.
    #[serde(default)]
    pub plan_families: Vec<CatalogPlanFamily>,
    /// List of main plans of the catalog.
    #[serde(default)]
    pub plans: Vec<CatalogPlan>,
    /// List of products of the catalog.
    #[serde(default)]
    pub products: Vec<CatalogProduct>,
}

/// `order.catalog.public.Locale`: Describes specifics for a given Subsidiary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogLocale {
    /// Currency used by the Subsidiary.
    pub currency_code: CurrencyCode,
    /// Current Subsidiary.
    pub subsidiary: OvhSubsidiary,
    /// Default VAT rate used by the Subsidiary.
    #[serde(default)]
    pub tax_rate: f64,
}

wire_enum! {
    /// `order.CurrencyCodeEnum`: Currency code.
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
    /// `nichandle.OvhSubsidiaryEnum`: OVH subsidiaries.
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

/// `order.catalog.public.PlanFamily`: Describes a PlanFamily for a Catalog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogPlanFamily {
    /// Family name.
    #[serde(default)]
    pub name: String,
}

/// `order.catalog.public.Plan`: Describes a Commercial offer inside a Catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogPlan {
    /// Addon families for this offer.
    #[serde(default)]
    pub addon_families: Vec<CatalogAddonFamily>,
    /// Blobs.
    #[serde(default)]
    pub blobs: Option<CatalogProductBlob>,
    /// List of possible Configurations for this Commercial offer.
    #[serde(default)]
    pub configurations: Vec<CatalogConfiguration>,
    /// Configuration when pricing type is consumption.
    #[serde(default)]
    pub consumption_configuration: Option<CatalogConsumptionConfiguration>,
    /// Name of the family this Commercial offer belongs to.
    #[serde(default)]
    pub family: Option<String>,
    /// Commercial offer description.
    #[serde(default)]
    pub invoice_name: String,
    /// Commercial offer identifier.
    #[serde(default)]
    pub plan_code: String,
    /// Type of Pricing used by this Commercial offer.
    pub pricing_type: PricingType,
    /// List of possible Pricings for this Commercial offer.
    #[serde(default)]
    pub pricings: Vec<CatalogPricing>,
    /// Identifier of the Product linked to this Commercial offer.
    #[serde(default)]
    pub product: String,
}

wire_enum! {
    /// `order.cart.GenericProductPricingTypeEnum`: Type of a pricing.
    PricingType {
        Consumption = "consumption",
        Purchase = "purchase",
        Rental = "rental",
    }
}

/// `order.catalog.public.Pricing`: Describes a Pricing for a Commercial offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogPricing {
    /// Capacities of the Pricing, describes what the Pricing can be used for.
    #[serde(default)]
    pub capacities: Vec<PricingCapacity>,
    /// Engagement period.
    #[serde(default)]
    pub commitment: i64,
    /// Pricing description.
    #[serde(default)]
    pub description: String,
    /// Engagement Configuration.
    #[serde(default)]
    pub engagement_configuration: Option<CatalogEngagementConfiguration>,
    /// Length of the interval.
    #[serde(default)]
    pub interval: i64,
    /// Unit of the interval.
    pub interval_unit: DurationUnit,
    /// Pricing mode.
    #[serde(default)]
    pub mode: String,
    /// Pricing must be completed.
    #[serde(default)]
    pub must_be_completed: bool,
    /// Phase for the Pricing.
    #[serde(default)]
    pub phase: i64,
    /// Price, in micro-cents.
    #[serde(default)]
    pub price: i64,
    /// Promotions.
    #[serde(default)]
    pub promotions: Option<Vec<CatalogPromotion>>,
    /// Describes how many times the Commercial offer can be added to the Cart.
    #[serde(default)]
    pub quantity: CatalogPricingMinMax,
    /// Describes how many times the interval can be repeated.
    #[serde(default)]
    pub repeat: CatalogPricingMinMax,
    /// Pricing strategy.
    pub strategy: PricingStrategy,
    /// Tax that can be applied, in micro-cents.
    #[serde(default)]
    pub tax: i64,
    /// Pricing type.
    #[serde(rename = "type")]
    pub kind: PricingType,
}

wire_enum! {
    /// `order.cart.GenericProductPricingCapacitiesEnum`: Capacity of a pricing (type).
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
    /// `order.cart.DurationUnitEnum`: Unit corresponding to a duration range.
    DurationUnit {
        Day = "day",
        Hour = "hour",
        Month = "month",
        NoUnit = "none",
    }
}

wire_enum! {
    /// `order.cart.GenericProductPricingStrategyEnum`: Strategy of a Pricing.
    PricingStrategy {
        Stairstep = "stairstep",
        Tiered = "tiered",
        Volume = "volume",
    }
}

/// `order.catalog.public.PricingMinMax`: Describes minimal and maximal values for a Pricing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogPricingMinMax {
    /// Maximal value.
    #[serde(default)]
    pub max: Option<i64>,
    /// Minimal value.
    #[serde(default)]
    pub min: i64,
}

/// `order.catalog.public.EngagementConfiguration`: Configuration of an engagement triggered by a given pricing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogEngagementConfiguration {
    /// Default action executed once the engagement is fully consumed.
    pub default_end_action: CatalogEngagementEndStrategy,
    /// Engagement's duration.
    #[serde(default)]
    pub duration: String,
    /// Engagement type, either fully pre-paid (upfront) or periodically paid up to engagement duration (periodic).
    #[serde(rename = "type")]
    pub kind: CatalogEngagementType,
}

wire_enum! {
    /// `order.catalog.public.EngagementConfiguration.EndStrategyEnum`: Strategy applicable at the end of the Engagement.
    CatalogEngagementEndStrategy {
        CancelService = "CANCEL_SERVICE",
        ReactivateEngagement = "REACTIVATE_ENGAGEMENT",
        StopEngagementFallbackDefaultPrice = "STOP_ENGAGEMENT_FALLBACK_DEFAULT_PRICE",
        StopEngagementKeepPrice = "STOP_ENGAGEMENT_KEEP_PRICE",
    }
}

wire_enum! {
    /// `order.catalog.public.EngagementConfiguration.TypeEnum`: Engagement's type, either
    /// fully pre-paid (upfront) or periodically paid up to engagement duration (periodic).
    CatalogEngagementType {
        Periodic = "periodic",
        Upfront = "upfront",
    }
}

/// `order.catalog.public.Promotion`: Describes a Promotion inside a Catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogPromotion {
    /// Promotion description.
    #[serde(default)]
    pub description: String,
    /// Promotion discount.
    #[serde(default)]
    pub discount: CatalogPromotionDiscountTotal,
    /// Promotion duration.
    #[serde(default)]
    pub duration: Option<i64>,
    /// Promotion end date using rfc3339.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub end_date: Option<OffsetDateTime>,
    /// Is the global quantity of the promotion limited?
    #[serde(default)]
    pub is_global_quantity_limited: bool,
    /// Promotion name.
    #[serde(default)]
    pub name: String,
    /// Promotion quantity.
    #[serde(default)]
    pub quantity: Option<i64>,
    /// Promotion start date using rfc3339.
    #[serde(with = "time::serde::rfc3339")]
    pub start_date: OffsetDateTime,
    /// Promotion total.
    #[serde(default)]
    pub total: CatalogPromotionDiscountTotal,
    /// Promotion type.
    #[serde(rename = "type")]
    pub kind: ReductionType,
    /// Promotion value.
    #[serde(default)]
    pub value: i64,
}

/// `order.catalog.public.PromotionDiscountTotal`: Describes a Promotion discount or total inside a Catalog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogPromotionDiscountTotal {
    /// Tax.
    #[serde(default)]
    pub tax: i64,
    /// Value.
    #[serde(default)]
    pub value: i64,
}

wire_enum! {
    /// `order.ReductionTypeEnum`: Type of reduction.
    ReductionType {
        FixedAmount = "fixed_amount",
        ForcedAmount = "forced_amount",
        Percentage = "percentage",
    }
}

/// `order.catalog.public.Configuration`: Describes the Configuration for a Commercial offer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogConfiguration {
    /// Whether the value of this Configuration is custom.
    #[serde(default)]
    pub is_custom: bool,
    /// Whether this Configuration is mandatory.
    #[serde(default)]
    pub is_mandatory: bool,
    /// Identifier of the Configuration.
    #[serde(default)]
    pub name: String,
    /// Possible values for this Configuration, if not custom.
    #[serde(default)]
    pub values: Option<Vec<String>>,
}

/// `order.catalog.public.ConsumptionConfiguration`: Describes consumption configuration for a Plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogConsumptionConfiguration {
    /// Consumption billing strategy.
    pub billing_strategy: CatalogBillingStrategy,
    /// Consumption ping end policy used at end of usage.
    #[serde(default)]
    pub ping_end_policy: Option<CatalogPingEndPolicy>,
    /// Consumption prorata unit.
    pub prorata_unit: CatalogProrataUnit,
}

wire_enum! {
    /// `order.catalog.public.BillingStrategyEnum`: Enum values for Billing Strategy.
    CatalogBillingStrategy {
        Custom = "custom",
        Diff = "diff",
        Max = "max",
        MaxRetain = "max_retain",
        Ping = "ping",
        Sum = "sum",
    }
}

wire_enum! {
    /// `order.catalog.public.PingEndPolicyEnum`: Enum values for Ping End Policy.
    CatalogPingEndPolicy {
        Full = "full",
        Prorata = "prorata",
    }
}

wire_enum! {
    /// `order.catalog.public.ProrataUnitEnum`: Enum values for Prorata Unit.
    CatalogProrataUnit {
        Day = "day",
        Hour = "hour",
        Month = "month",
    }
}

/// `order.catalog.public.AddonFamily`: Describes an Addon family for a Commercial offer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogAddonFamily {
    /// List of Commercial offers that can be ordered as an Addon of the current Commerical offer for the current Family.
    #[serde(default)]
    pub addons: Option<Vec<String>>,
    /// Default Commercial offer that can be ordered as an Addon of the current Commercial offer for the current Family.
    #[serde(default)]
    pub default: Option<String>,
    /// Whether this Addon family is exclusive and can be ordered only once for the main Commercial offer.
    #[serde(default)]
    pub exclusive: Option<bool>,
    /// Whether this Addon family is mandatory.
    #[serde(default)]
    pub mandatory: Option<bool>,
    /// Family name.
    #[serde(default)]
    pub name: String,
}

/// `order.catalog.public.Product`: Describes a Product attached to a Commercial offer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProduct {
    /// Product blobs.
    #[serde(default)]
    pub blobs: Option<CatalogProductBlob>,
    /// List of possible Configurations for this Commercial offer.
    #[serde(default)]
    pub configurations: Option<Vec<CatalogConfiguration>>,
    /// Description of the Product.
    #[serde(default)]
    pub description: String,
    /// Identifier of the Product.
    #[serde(default)]
    pub name: String,
}

// ---- product blobs (descriptions of servers and VPS; not used for licences) ----------

/// `order.catalog.public.ProductBlob`: Describes a Blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlob {
    /// Commercial information for Dedicated Server Product.
    #[serde(default)]
    pub commercial: Option<CatalogProductBlobCommercial>,
    /// Marketing information for VPS Product.
    #[serde(default)]
    pub marketing: Option<CatalogProductBlobMarketing>,
    /// Meta blobs for VPS Product.
    #[serde(default)]
    pub meta: Option<CatalogProductBlobMeta>,
    /// Tags.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Technical information for Dedicated Server Product.
    #[serde(default)]
    pub technical: Option<CatalogProductBlobTechnical>,
    /// Value for meta blobs.
    #[serde(default)]
    pub value: Option<String>,
}

/// `order.catalog.public.ProductBlobCommercial`: Describes a Commercial blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobCommercial {
    /// Brick.
    #[serde(default)]
    pub brick: Option<String>,
    /// Brick subtype.
    #[serde(default)]
    pub brick_subtype: Option<String>,
    /// Connection.
    #[serde(default)]
    pub connection: Option<CatalogProductBlobConnection>,
    /// Features.
    #[serde(default)]
    pub features: Option<Vec<CatalogProductBlobCommercialFeatures>>,
    /// Line.
    #[serde(default)]
    pub line: Option<String>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Price.
    #[serde(default)]
    pub price: Option<CatalogProductBlobCommercialPrice>,
    /// Range.
    #[serde(default)]
    pub range: Option<String>,
}

/// `order.catalog.public.ProductBlobConnection`: Describes a Connection for a blob for a Dedicated Server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobConnection {
    /// Clients.
    #[serde(default)]
    pub clients: CatalogProductBlobConnectionClients,
    /// Total.
    #[serde(default)]
    pub total: i64,
}

/// `order.catalog.public.ProductBlobConnectionClients`: Describes Clients for a Connection
/// for a blob for a Dedicated Server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobConnectionClients {
    /// Concurrency.
    #[serde(default)]
    pub concurrency: i64,
    /// Number.
    #[serde(default)]
    pub number: i64,
}

/// `order.catalog.public.ProductBlobCommercialFeatures`: Describes Features for a commercial blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobCommercialFeatures {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Value.
    #[serde(default)]
    pub value: Option<String>,
}

/// `order.catalog.public.ProductBlobCommercialPrice`: Describes a Price for a commercial blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobCommercialPrice {
    /// Display.
    #[serde(default)]
    pub display: Option<CatalogProductBlobCommercialPriceDisplay>,
    /// Interval.
    #[serde(default)]
    pub interval: Option<String>,
    /// Precision.
    #[serde(default)]
    pub precision: Option<i64>,
    /// Unit.
    #[serde(default)]
    pub unit: Option<String>,
}

/// `order.catalog.public.ProductBlobCommercialPriceDisplay`: Describes a Display a price.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobCommercialPriceDisplay {
    /// Value.
    #[serde(default)]
    pub value: String,
}

/// `order.catalog.public.ProductBlobMarketing`: Describes a Marketing blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobMarketing {
    /// Marketing content information for VPS Product.
    #[serde(default)]
    pub content: Vec<CatalogProductBlobMarketingContent>,
}

/// `order.catalog.public.ProductBlobMarketingContent`: Describes a Content for a Marketing blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobMarketingContent {
    /// Key.
    #[serde(default)]
    pub key: String,
    /// Value.
    #[serde(default)]
    pub value: String,
}

/// `order.catalog.public.ProductBlobMeta`: Describes a Meta blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobMeta {
    /// Configurations.
    #[serde(default)]
    pub configurations: Vec<CatalogProductBlobMetaConfigurations>,
}

/// `order.catalog.public.ProductBlobMetaConfigurations`: Describes a Configuration for a meta blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobMetaConfigurations {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Values.
    #[serde(default)]
    pub values: Vec<CatalogProductBlobMetaConfigurationsValues>,
}

/// `order.catalog.public.ProductBlobMetaConfigurationsValues`: Describes a Values configuration for a meta blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobMetaConfigurationsValues {
    /// Blobs.
    #[serde(default)]
    pub blobs: CatalogProductBlob,
    /// Value.
    #[serde(default)]
    pub value: String,
}

/// `order.catalog.public.ProductBlobTechnical`: Describes a Technical Blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnical {
    /// Network information.
    #[serde(default)]
    pub bandwidth: Option<CatalogProductBlobTechnicalNetwork>,
    /// Connection.
    #[serde(default)]
    pub connection: Option<CatalogProductBlobConnection>,
    /// Connection per seconds.
    #[serde(default)]
    pub connection_per_seconds: Option<CatalogProductBlobTechnicalPerSeconds>,
    /// CPU information.
    #[serde(default)]
    pub cpu: Option<CatalogProductBlobTechnicalCpu>,
    /// Datacenter.
    #[serde(default)]
    pub datacenter: Option<CatalogProductBlobTechnicalDatacenter>,
    /// Ephemeral local storage.
    #[serde(default)]
    pub ephemeral_local_storage: Option<CatalogProductBlobTechnicalEphemeralStorage>,
    /// GPU information.
    #[serde(default)]
    pub gpu: Option<CatalogProductBlobTechnicalGpu>,
    /// License information.
    #[serde(default)]
    pub license: Option<CatalogProductBlobTechnicalLicense>,
    /// Memory information.
    #[serde(default)]
    pub memory: Option<CatalogProductBlobTechnicalMemory>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Nodes.
    #[serde(default)]
    pub nodes: Option<CatalogProductBlobTechnicalNodes>,
    /// NVME.
    #[serde(default)]
    pub nvme: Option<CatalogProductBlobTechnicalNvme>,
    /// OS.
    #[serde(default)]
    pub os: Option<CatalogProductBlobTechnicalOs>,
    /// Provider.
    #[serde(default)]
    pub provider: Option<CatalogProductBlobTechnicalProvider>,
    /// Connection per seconds.
    #[serde(default)]
    pub request_per_seconds: Option<CatalogProductBlobTechnicalPerSeconds>,
    /// Hardware information.
    #[serde(default)]
    pub server: Option<CatalogProductBlobTechnicalServer>,
    /// Disks information.
    #[serde(default)]
    pub storage: Option<CatalogProductBlobTechnicalStorage>,
    /// Throughput.
    #[serde(default)]
    pub throughput: Option<CatalogProductBlobTechnicalThroughput>,
    /// Virtualization.
    #[serde(default)]
    pub virtualization: Option<CatalogProductBlobTechnicalVirtualization>,
    /// Volume.
    #[serde(default)]
    pub volume: Option<CatalogProductBlobTechnicalVolume>,
    /// vRack information.
    #[serde(default)]
    pub vrack: Option<CatalogProductBlobTechnicalNetwork>,
}

/// `order.catalog.public.ProductBlobTechnicalNetwork`: Describes a Network technical Blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalNetwork {
    /// Network burst.
    #[serde(default)]
    pub burst: Option<i64>,
    /// Network capacity.
    #[serde(default)]
    pub capacity: Option<i64>,
    /// Guaranteed Network.
    #[serde(default)]
    pub guaranteed: Option<bool>,
    /// Network interfaces.
    #[serde(default)]
    pub interfaces: Option<i64>,
    /// Is max?
    #[serde(default)]
    pub is_max: Option<bool>,
    /// Network level.
    #[serde(default)]
    pub level: Option<f64>,
    /// Network limit.
    #[serde(default)]
    pub limit: Option<i64>,
    /// Maximum.
    #[serde(default)]
    pub max: f64,
    /// Unit of maximum.
    #[serde(default)]
    pub max_unit: String,
    /// Shared.
    #[serde(default)]
    pub shared: Option<bool>,
    /// Traffic.
    #[serde(default)]
    pub traffic: Option<i64>,
    /// Unit.
    #[serde(default)]
    pub unit: String,
    /// Unlimited.
    #[serde(default)]
    pub unlimited: Option<bool>,
}

/// `order.catalog.public.ProductBlobTechnicalPerSeconds`: Describes a connection or request
/// per seconds for a technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalPerSeconds {
    /// Total.
    #[serde(default)]
    pub total: i64,
    /// Unit.
    #[serde(default)]
    pub unit: Option<String>,
}

/// `order.catalog.public.ProductBlobTechnicalCPU`: Describes a CPU for a technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalCpu {
    /// CPU Boost.
    #[serde(default)]
    pub boost: Option<f64>,
    /// CPU Brand.
    #[serde(default)]
    pub brand: Option<String>,
    /// Number of cores.
    #[serde(default)]
    pub cores: Option<i64>,
    /// Customizable.
    #[serde(default)]
    pub customizable: Option<bool>,
    /// Frequency of CPU in GHz.
    #[serde(default)]
    pub frequency: Option<f64>,
    /// Maximum frequency of CPU in GHz.
    #[serde(default)]
    pub max_frequency: Option<f64>,
    /// Displayable name.
    #[serde(default)]
    pub model: Option<String>,
    /// Number of CPU.
    #[serde(default)]
    pub number: Option<i64>,
    /// CPU score.
    #[serde(default)]
    pub score: Option<i64>,
    /// Number of threads.
    #[serde(default)]
    pub threads: Option<i64>,
    /// Type of CPU.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

/// `order.catalog.public.ProductBlobTechnicalDatacenter`: Describes a Datacenter for a technical Blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalDatacenter {
    /// City.
    #[serde(default)]
    pub city: Option<String>,
    /// Country.
    #[serde(default)]
    pub country: Option<String>,
    /// Country code.
    #[serde(default)]
    pub country_code: Option<OvhSubsidiary>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Region.
    #[serde(default)]
    pub region: Option<String>,
}

/// `order.catalog.public.ProductBlobTechnicalEphemeralStorage`: Describes an Ephemeral Storage for technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalEphemeralStorage {
    /// Disk properties.
    #[serde(default)]
    pub disks: Option<Vec<CatalogProductBlobTechnicalDisk>>,
}

/// `order.catalog.public.ProductBlobTechnicalDisk`: Describes a Disk for a technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalDisk {
    /// Disk capacity in Gb.
    #[serde(default)]
    pub capacity: f64,
    /// Disk interface.
    #[serde(default)]
    pub interface: Option<String>,
    /// Iops.
    #[serde(default)]
    pub iops: Option<i64>,
    /// Maximum disk capacity in Gb.
    #[serde(default)]
    pub maximum_capacity: f64,
    /// Number of disks.
    #[serde(default)]
    pub number: Option<i64>,
    /// Size unit.
    #[serde(default)]
    pub size_unit: Option<String>,
    /// Disk specs.
    #[serde(default)]
    pub specs: Option<String>,
    /// Disk technology.
    #[serde(default)]
    pub technology: Option<String>,
    /// Usage information.
    #[serde(default)]
    pub usage: Option<String>,
}

/// `order.catalog.public.ProductBlobTechnicalGPU`: Describes a GPU for a technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalGpu {
    /// GPU brand.
    #[serde(default)]
    pub brand: Option<String>,
    /// GPU memory size.
    #[serde(default)]
    pub memory: CatalogProductBlobTechnicalMemory,
    /// GPU model.
    #[serde(default)]
    pub model: Option<String>,
    /// GPU number.
    #[serde(default)]
    pub number: Option<i64>,
    /// GPU performance.
    #[serde(default)]
    pub performance: Option<f64>,
}

/// `order.catalog.public.ProductBlobTechnicalMemory`: Describes a Memory technical Blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalMemory {
    /// Customizable.
    #[serde(default)]
    pub customizable: Option<bool>,
    /// ECC.
    #[serde(default)]
    pub ecc: Option<bool>,
    /// RAM Frequency.
    #[serde(default)]
    pub frequency: Option<i64>,
    /// Interface.
    #[serde(default)]
    pub interface: Option<String>,
    /// RAM Type (DDRx...).
    #[serde(default)]
    pub ram_type: Option<String>,
    /// Size of the RAM in Gb.
    #[serde(default)]
    pub size: f64,
    /// Size unit.
    #[serde(default)]
    pub size_unit: Option<String>,
}

/// `order.catalog.public.ProductBlobTechnicalLicense`: Describes a License for a technical Blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalLicense {
    /// Application.
    #[serde(default)]
    pub application: Option<String>,
    /// Cores information.
    #[serde(default)]
    pub cores: Option<CatalogProductBlobTechnicalLicenseCores>,
    /// CPU.
    #[serde(default)]
    pub cpu: Option<CatalogProductBlobTechnicalCpu>,
    /// Network information.
    #[serde(default)]
    pub distribution: Option<String>,
    /// Edition information.
    #[serde(default)]
    pub edition: Option<String>,
    /// Family.
    #[serde(default)]
    pub family: Option<String>,
    /// Feature.
    #[serde(default)]
    pub feature: Option<String>,
    /// Flavor information.
    #[serde(default)]
    pub flavor: Option<String>,
    /// Images information.
    #[serde(default)]
    pub images: Option<Vec<String>>,
    /// Number of accounts.
    #[serde(default)]
    pub nb_of_account: Option<i64>,
    /// Package.
    #[serde(default)]
    pub package: Option<String>,
    /// Version information.
    #[serde(default)]
    pub version: Option<String>,
}

/// `order.catalog.public.ProductBlobTechnicalLicenseCores`: Describes license cores for a technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalLicenseCores {
    /// Number of cores.
    #[serde(default)]
    pub number: i64,
    /// Total of cores.
    #[serde(default)]
    pub total: Option<i64>,
}

/// `order.catalog.public.ProductBlobTechnicalNodes`: Describes a Node for technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalNodes {
    /// Number of nodes.
    #[serde(default)]
    pub number: i64,
}

/// `order.catalog.public.ProductBlobTechnicalNvme`: Describes a NVME for technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalNvme {
    /// Disk properties.
    #[serde(default)]
    pub disks: Option<Vec<CatalogProductBlobTechnicalDisk>>,
}

/// `order.catalog.public.ProductBlobTechnicalOS`: Describes an OS for a technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalOs {
    /// Distribution.
    #[serde(default)]
    pub distribution: Option<String>,
    /// Edition.
    #[serde(default)]
    pub edition: Option<String>,
    /// Family.
    #[serde(default)]
    pub family: Option<String>,
    /// Version.
    #[serde(default)]
    pub version: Option<String>,
}

/// `order.catalog.public.ProductBlobTechnicalProvider`: Describes a provider for a technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalProvider {
    /// Number of points of presence.
    #[serde(default)]
    pub points_of_presence: i64,
    /// Reference.
    #[serde(default)]
    pub reference: Option<bool>,
}

/// `order.catalog.public.ProductBlobTechnicalServer`: Describes some technicals information for a technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalServer {
    /// CPU properties.
    #[serde(default)]
    pub cpu: CatalogProductBlobTechnicalCpu,
    /// Frame properties.
    #[serde(default)]
    pub frame: CatalogProductBlobTechnicalFrame,
    /// Network.
    #[serde(default)]
    pub network: Option<CatalogProductBlobTechnicalNetwork>,
    /// Dedicated server series.
    #[serde(default)]
    pub range: String,
    /// Services properties.
    #[serde(default)]
    pub services: CatalogProductBlobTechnicalServices,
}

/// `order.catalog.public.ProductBlobTechnicalFrame`: Describes a Frame for a technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalFrame {
    /// Dual power supply.
    #[serde(default)]
    pub dual_power_supply: bool,
    /// Frame model.
    #[serde(default)]
    pub model: String,
    /// Frame size.
    #[serde(default)]
    pub size: String,
}

/// `order.catalog.public.ProductBlobTechnicalServices`: Describes some technicals information.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalServices {
    /// Anti DDOS.
    #[serde(default)]
    pub antiddos: String,
    /// Included backup.
    #[serde(default)]
    pub included_backup: Option<i64>,
    /// SLA.
    #[serde(default)]
    pub sla: f64,
}

/// `order.catalog.public.ProductBlobTechnicalStorage`: Describes a Storage technical Blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalStorage {
    /// Disk properties.
    #[serde(default)]
    pub disks: Option<Vec<CatalogProductBlobTechnicalDisk>>,
    /// Hot Swap.
    #[serde(default)]
    pub hot_swap: Option<bool>,
    /// Raid.
    #[serde(default)]
    pub raid: Option<String>,
    /// Raid details.
    #[serde(default)]
    pub raid_details: Option<CatalogProductBlobTechnicalRaid>,
}

/// `order.catalog.public.ProductBlobTechnicalRaid`: Describes a Raid for a technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalRaid {
    /// Card size.
    #[serde(default)]
    pub card_model: Option<String>,
    /// Card size.
    #[serde(default)]
    pub card_size: Option<String>,
    /// Type.
    #[serde(default, rename = "type")]
    pub kind: String,
}

/// `order.catalog.public.ProductBlobTechnicalThroughput`: Describes a Throughput for a technical blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalThroughput {
    /// Level.
    #[serde(default)]
    pub level: i64,
}

/// `order.catalog.public.ProductBlobTechnicalVirtualization`: Describes a Virtualization for a Technical Blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalVirtualization {
    /// Hypervisor.
    #[serde(default)]
    pub hypervisor: Option<String>,
}

/// `order.catalog.public.ProductBlobTechnicalVolume`: Describes a Volume for a technichal blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalVolume {
    /// Capacity.
    #[serde(default)]
    pub capacity: CatalogProductBlobTechnicalVolumeCapacity,
    /// CPU information.
    #[serde(default)]
    pub iops: CatalogProductBlobTechnicalVolumeIops,
}

/// `order.catalog.public.ProductBlobTechnicalVolumeCapacity`: Describes a Capacity for a Volume for a technichal blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalVolumeCapacity {
    /// Max.
    #[serde(default)]
    pub max: i64,
}

/// `order.catalog.public.ProductBlobTechnicalVolumeIops`: Describes a Iops for a Volume for a technichal blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogProductBlobTechnicalVolumeIops {
    /// Guaranteed.
    #[serde(default)]
    pub guaranteed: bool,
    /// Level.
    #[serde(default)]
    pub level: i64,
    /// Maximum IOPS.
    #[serde(default)]
    pub max: i64,
    /// Unit of maximum IOPS.
    #[serde(default)]
    pub max_unit: String,
    /// Unit.
    #[serde(default)]
    pub unit: String,
}
