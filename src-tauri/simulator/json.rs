//! The simulator's answers, written field by field after the schemas so that they
//! stay independent of the client's models (each checks the other).

use serde_json::{Value, json};
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use super::state::{
    BUSINESS_MAX, CartRec, DomainRec, ItemRec, LicenceRec, OrderRec, RenewRec, SalePlan, TaskRec, TenantRec, UserRec,
};
use crate::Generation;

const DATETIME: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]");

pub fn datetime(t: OffsetDateTime) -> String {
    t.format(DATETIME).expect("datetimes format")
}

pub fn date(d: Date) -> String {
    d.to_string()
}

fn opt_datetime(t: Option<OffsetDateTime>) -> Value {
    t.map_or(Value::Null, |t| Value::String(datetime(t)))
}

fn uuid(n: i64) -> String {
    format!("8b5c1e2a-0000-4000-8000-{n:012x}")
}

fn iam(kind: &str, service_name: &str, display_name: &str, id: i64, generation: Generation) -> Value {
    let mut iam = json!({
        "displayName": display_name,
        "id": uuid(id),
        "tags": {},
        "urn": format!("urn:v1:eu:resource:{kind}:{service_name}"),
    });
    if generation == Generation::Native {
        iam["state"] = json!("OK");
    }
    iam
}

/// `OfficeTenantNativeWithIAM` (native) or `OfficeTenantWithIAM` (classic).
pub fn payg_tenant(t: &TenantRec, generation: Generation) -> Value {
    let mut v = tenant_fields(t);
    v["iam"] = iam("licenseOffice", &t.service_name, &t.display_name, t.service_id, generation);
    if generation == Generation::Classic {
        v.as_object_mut().expect("object").remove("mcaAgreed");
    }
    v
}

/// `license.officePrepaid.OfficeTenantNative` (no IAM block).
pub fn parent_tenant(t: &TenantRec) -> Value {
    tenant_fields(t)
}

fn tenant_fields(t: &TenantRec) -> Value {
    json!({
        "address": t.address,
        "city": t.city,
        "creationDate": datetime(t.creation),
        "displayName": t.display_name,
        "firstName": t.first_name,
        "lastName": t.last_name,
        "mcaAgreed": t.mca_agreed,
        "phone": t.phone,
        "serviceName": t.service_name,
        "serviceType": if t.prepaid { "prepaid" } else { "payAsYouGo" },
        "status": "ok",
        "zipCode": t.zip_code,
    })
}

/// `OfficeUserNative` / classic `OfficeUser`.
pub fn payg_user(u: &UserRec) -> Value {
    json!({
        "activationEmail": u.activation_email,
        "deleteAtExpiration": u.delete_at_expiration,
        "firstName": u.first_name,
        "isVirtual": false,
        "lastName": u.last_name,
        "licences": [u.licence],
        "status": u.status,
        "taskPendingId": u.task_pending_id,
        "usageLocation": u.usage_location,
    })
}

/// `license.officePrepaid.OfficeUserNativeWithIAM`.
pub fn prepaid_licence(l: &LicenceRec) -> Value {
    json!({
        "activationEmail": l.activation_email,
        "firstName": l.first_name,
        "iam": iam("licenseOfficePrepaid", &l.service_name, &l.service_name, l.service_id, Generation::Native),
        "isVirtual": l.is_virtual,
        "lastName": l.last_name,
        "licences": [l.licence],
        "serviceName": l.service_name,
        "status": l.status,
        "taskPendingId": l.task_pending_id,
        "tenantServiceName": l.tenant,
        "usageLocation": l.usage_location,
    })
}

/// `OfficeTaskNative` / `OfficeTask`.
pub fn task(t: &TaskRec) -> Value {
    json!({
        "finishDate": opt_datetime(t.finish_date),
        "function": t.function,
        "id": t.id,
        "status": t.status,
        "todoDate": datetime(t.todo_date),
    })
}

pub fn domain(d: &DomainRec) -> Value {
    json!({ "domainName": d.name, "status": if d.verified { "ok" } else { "unverified" }, "txtEntry": d.txt_entry })
}

/// `services.Service`.
pub fn service_infos(
    service_id: i64,
    domain: &str,
    creation: Date,
    today: Date,
    expired: bool,
    nic: &str,
    renew: &RenewRec,
) -> Value {
    // The next renewal: from the creation day, in steps of the renewal period (prepaid:
    // the next payment).
    let expiration = renew.expiration(creation, today);
    let automatic = renew.automatic && !expired && !renew.terminated;
    json!({
        "canDeleteAtExpiration": true,
        "contactAdmin": nic,
        "contactBilling": nic,
        "contactTech": nic,
        "creation": date(creation),
        "domain": domain,
        "engagedUpTo": renew.engaged_up_to.map(date),
        "expiration": date(if expired { today } else { expiration }),
        "possibleRenewPeriod": renew.possible_periods,
        "renew": {
            "automatic": automatic,
            "deleteAtExpiration": renew.delete_at_expiration || renew.terminated,
            "forced": false,
            "manualPayment": !automatic,
            "period": renew.period,
        },
        "renewalType": "automaticV2016",
        "serviceId": service_id,
        "status": if expired { "expired" } else { "ok" },
    })
}

pub fn add_month(d: Date) -> Date {
    let (year, month) = if d.month() == time::Month::December {
        (d.year() + 1, time::Month::January)
    } else {
        (d.year(), d.month().next())
    };
    let day = d.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).expect("valid date")
}

/// `order.Price` for an amount in micro-cents of euro.
pub fn price(ucents: i64) -> Value {
    let value = ucents as f64 / 100_000_000.0;
    json!({ "currencyCode": "EUR", "priceInUcents": ucents, "text": format!("{value:.2} €"), "value": (value * 100.0).round() / 100.0 })
}

/// `order.catalog.public.Catalog` of prepaid licences for a subsidiary: each plan renews
/// monthly or yearly (a 12-month commitment paid upfront), prices in euro, VAT 20%.
pub fn prepaid_catalog(subsidiary: &str, plans: &[SalePlan]) -> Value {
    let pricing = |months: i64, ucents: i64| {
        let (description, engagement) = if months == 1 {
            ("Monthly fees", Value::Null)
        } else {
            let engagement =
                json!({ "defaultEndAction": "REACTIVATE_ENGAGEMENT", "duration": "P1Y", "type": "upfront" });
            ("Yearly fees, 12-month commitment", engagement)
        };
        json!({
            "capacities": ["installation", "renew"],
            "commitment": if months == 1 { 0 } else { months },
            "description": description,
            "engagementConfiguration": engagement,
            "interval": months,
            "intervalUnit": "month",
            "mode": "default",
            "mustBeCompleted": false,
            "phase": 1,
            "price": ucents,
            "promotions": [],
            "quantity": { "max": BUSINESS_MAX, "min": 1 },
            "repeat": { "max": null, "min": 1 },
            "strategy": "tiered",
            "tax": ucents / 5,
            "type": "rental",
        })
    };
    let plans: Vec<Value> = plans
        .iter()
        .map(|p| {
            json!({
                "addonFamilies": [],
                "blobs": null,
                "configurations": [],
                "consumptionConfiguration": null,
                "family": null,
                "invoiceName": p.invoice_name,
                "planCode": p.plan_code,
                "pricingType": "rental",
                "pricings": [pricing(1, p.monthly_ucents), pricing(12, 12 * p.yearly_ucents_per_month)],
                "product": "officePrepaid",
            })
        })
        .collect();
    let configuration = |name: &str| json!({ "isCustom": true, "isMandatory": false, "name": name, "values": null });
    let configurations = ["zip_code", "country", "vat_number", "existing_tenant_service_name"].map(configuration);
    json!({
        "addons": [],
        "catalogId": 3187,
        "locale": { "currencyCode": "EUR", "subsidiary": subsidiary, "taxRate": 20 },
        "planFamilies": [],
        "plans": plans,
        "products": [{
            "blobs": null,
            "configurations": configurations,
            "description": "Microsoft 365 prepaid licences",
            "name": "officePrepaid",
        }],
    })
}

pub fn cart(c: &CartRec) -> Value {
    json!({
        "cartId": c.cart_id,
        "description": c.description,
        "expire": opt_datetime(c.expire),
        "items": c.items,
        "readOnly": c.read_only,
    })
}

pub fn item(i: &ItemRec) -> Value {
    let total = i.unit_ucents * i.quantity;
    json!({
        "cartId": i.cart_id,
        "configurations": i.configurations.iter().map(|(id, _, _)| *id).collect::<Vec<_>>(),
        "duration": i.duration,
        "itemId": i.item_id,
        "offerId": null,
        "options": [],
        "parentItemId": null,
        "prices": [
            { "label": "PRICE", "price": price(i.unit_ucents), "promotions": [] },
            { "label": "TOTAL", "price": price(total), "promotions": [] },
        ],
        "productId": "officePrepaid",
        "settings": { "planCode": i.plan_code, "pricingMode": i.pricing_mode, "quantity": i.quantity },
    })
}

pub fn configuration(id: i64, label: &str, value: &str) -> Value {
    json!({ "id": id, "label": label, "value": value })
}

/// `order.Order`, for a checkout (with an order) or its preview (without).
pub fn order(items: &[&ItemRec], order: Option<&OrderRec>, base_url: &str) -> Value {
    let without_tax: i64 = items.iter().map(|i| i.unit_ucents * i.quantity).sum();
    let tax = without_tax / 5;
    let details: Vec<Value> = items
        .iter()
        .map(|i| {
            json!({
                "cartItemID": i.item_id,
                "description": format!("{} x{}", i.plan_code, i.quantity),
                "detailType": "DURATION",
                "domain": i.tenant.clone().unwrap_or_else(|| "*001".into()),
                "originalTotalPrice": price(i.unit_ucents * i.quantity),
                "quantity": i.quantity,
                "reductionTotalPrice": price(0),
                "reductions": [],
                "totalPrice": price(i.unit_ucents * i.quantity),
                "unitPrice": price(i.unit_ucents),
            })
        })
        .collect();
    json!({
        "contracts": [{
            "content": "Conditions particulières Microsoft 365 (simulated).",
            "name": "Conditions particulières Microsoft",
            "url": format!("{base_url}/contracts/microsoft-365.pdf"),
        }],
        "details": details,
        "orderId": order.map(|o| o.order_id),
        "prices": {
            "originalWithoutTax": price(without_tax),
            "reduction": price(0),
            "tax": price(tax),
            "withTax": price(without_tax + tax),
            "withoutTax": price(without_tax),
        },
        "url": order.map(|o| order_url(o, base_url)),
    })
}

fn order_url(o: &OrderRec, base_url: &str) -> String {
    format!("{base_url}/order/pay?orderId={}&orderPassword={}", o.order_id, o.password)
}

/// `billing.Order`.
pub fn billing_order(o: &OrderRec, base_url: &str) -> Value {
    let tax = o.without_tax_ucents / 5;
    json!({
        "date": datetime(o.date),
        "expirationDate": datetime(o.date + time::Duration::days(14)),
        "orderId": o.order_id,
        "password": o.password,
        "pdfUrl": format!("{base_url}/order/{}.pdf", o.order_id),
        "priceWithTax": price(o.without_tax_ucents + tax),
        "priceWithoutTax": price(o.without_tax_ucents),
        "retractionDate": null,
        "tax": price(tax),
        "url": order_url(o, base_url),
    })
}
