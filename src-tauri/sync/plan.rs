//! Which OVHcloud requests each kind of pending change becomes (shared/ovh/README.md §4
//! and §5.2). Paths are relative to the API base (`/1.0`).

use serde::Serialize;
use serde_json::{json, Value};
use ts_rs::TS;

use crate::domain::GroupFamily;
use crate::store::ChangeKind;

/// Stands where a secret goes in a previewed body; the real value is read from the
/// keychain at the moment of sending.
pub const PASSWORD_PLACEHOLDER: &str = "<from the keychain>";

/// One HTTP request of a change, as it will be sent.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlannedRequest {
    pub method: String,
    pub path: String,
    #[ts(type = "unknown")]
    pub body: Option<Value>,
}

/// What a plan needs to know besides the change itself.
#[derive(Debug, Clone)]
pub struct ChangeContext<'a> {
    pub change_id: i64,
    pub family: GroupFamily,
    pub group_service_name: &'a str,
    /// Any licence of a prepaid group: its group-level routes hang off a licence.
    pub any_licence: Option<&'a str>,
    /// The licence's OVHcloud id (prepaid service name or PAYG activation e-mail).
    pub licence_remote_id: Option<&'a str>,
    pub subsidiary: &'a str,
}

fn req(method: &str, path: String, body: Option<Value>) -> PlannedRequest {
    PlannedRequest { method: method.into(), path, body }
}

fn text<'a>(payload: &'a Value, key: &str) -> &'a str {
    payload.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// The requests `kind` with `payload` becomes. `{cartId}` and `{itemId}` stand for
/// values OVHcloud returns along the way.
pub fn plan_change(kind: ChangeKind, payload: &Value, ctx: &ChangeContext) -> Vec<PlannedRequest> {
    let group = ctx.group_service_name;
    let licence = ctx.licence_remote_id.unwrap_or_default();
    let lower = |s: &str| s.to_ascii_lowercase();
    match (kind, ctx.family) {
        (ChangeKind::Activate | ChangeKind::EditAccount, GroupFamily::Prepaid) => vec![req(
            "PUT",
            format!("/license/officePrepaid/{licence}"),
            Some(json!({
                "activationEmail": format!("{}@{}", text(payload, "login"), text(payload, "domain")),
                "firstName": text(payload, "firstName"),
                "lastName": text(payload, "lastName"),
                "usageLocation": lower(text(payload, "usageLocation")),
            })),
        )],
        (ChangeKind::Activate, GroupFamily::PayAsYouGo) => vec![req(
            "POST",
            format!("/license/office/{group}/user"),
            Some(json!({
                "domain": text(payload, "domain"),
                "login": text(payload, "login"),
                "firstName": text(payload, "firstName"),
                "lastName": text(payload, "lastName"),
                "licence": text(payload, "licenceType"),
                "usageLocation": lower(text(payload, "usageLocation")),
            })),
        )],
        (ChangeKind::EditAccount, GroupFamily::PayAsYouGo) => vec![req(
            "PUT",
            format!("/license/office/{group}/user/{licence}"),
            Some(json!({
                "activationEmail": format!("{}@{}", text(payload, "login"), text(payload, "domain")),
                "firstName": text(payload, "firstName"),
                "lastName": text(payload, "lastName"),
            })),
        )],
        (ChangeKind::ChangePassword, family) => {
            let path = match family {
                GroupFamily::Prepaid => format!("/license/officePrepaid/{licence}/changePassword"),
                GroupFamily::PayAsYouGo => format!("/license/office/{group}/user/{licence}/changePassword"),
            };
            let notify = payload.get("notifyEmail").and_then(Value::as_str);
            let mut body = json!({ "shouldSendMail": notify.is_some() });
            if let Some(email) = notify {
                body["notifyEmail"] = json!(email);
            }
            if payload.get("hasPassword").and_then(Value::as_bool).unwrap_or(false) {
                body["password"] = json!(PASSWORD_PLACEHOLDER);
            }
            vec![req("POST", path, Some(body))]
        }
        (ChangeKind::Free, GroupFamily::Prepaid) => {
            vec![req("POST", format!("/license/officePrepaid/{licence}/unconfigure"), None)]
        }
        (ChangeKind::Free, GroupFamily::PayAsYouGo) => {
            vec![req("DELETE", format!("/license/office/{group}/user/{licence}"), None)]
        }
        (ChangeKind::RenameGroup, family) => {
            let path = match family {
                GroupFamily::Prepaid => {
                    format!("/license/officePrepaid/{}/parentTenant", ctx.any_licence.unwrap_or_default())
                }
                GroupFamily::PayAsYouGo => format!("/license/office/{group}"),
            };
            vec![req("PUT", path, Some(json!({ "displayName": text(payload, "displayName") })))]
        }
        (ChangeKind::Order, _) => {
            let mut plan = vec![
                req(
                    "POST",
                    "/order/cart".into(),
                    Some(json!({
                        "ovhSubsidiary": ctx.subsidiary,
                        "description": order_description(ctx.change_id),
                    })),
                ),
                req("POST", "/order/cart/{cartId}/assign".into(), None),
                req(
                    "POST",
                    "/order/cart/{cartId}/officePrepaid".into(),
                    Some(json!({
                        "planCode": text(payload, "planCode"),
                        "duration": text(payload, "renewalPeriod"),
                        "pricingMode": "default",
                        "quantity": payload.get("quantity").cloned().unwrap_or(json!(0)),
                    })),
                ),
            ];
            if let Some(tenant) = payload.get("existingTenant").and_then(Value::as_str) {
                plan.push(req(
                    "POST",
                    "/order/cart/{cartId}/item/{itemId}/configuration".into(),
                    Some(json!({ "label": "existing_tenant_service_name", "value": tenant })),
                ));
            }
            plan.push(req(
                "POST",
                "/order/cart/{cartId}/checkout".into(),
                Some(json!({ "autoPayWithPreferredPaymentMethod": false, "waiveRetractationPeriod": false })),
            ));
            plan
        }
    }
}

/// The cart description that ties an OVHcloud order back to the change that made it,
/// so a resend after a crash can find the order instead of ordering twice.
pub fn order_description(change_id: i64) -> String {
    format!("seatkeeper-change-{change_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(family: GroupFamily) -> ChangeContext<'static> {
        ChangeContext {
            change_id: 7,
            family,
            group_service_name: "office4417.o365.ovh.com",
            any_licence: Some("office4417.o365.ovh.com-2201"),
            licence_remote_id: Some(match family {
                GroupFamily::Prepaid => "office4417.o365.ovh.com-2210",
                GroupFamily::PayAsYouGo => "jean@office4417.o365.ovh.com",
            }),
            subsidiary: "FR",
        }
    }

    #[test]
    fn activation_goes_to_the_slot_or_to_the_user_list() {
        let payload = json!({"firstName": "Jean", "lastName": "Dupont", "login": "jean", "domain": "office4417.o365.ovh.com", "usageLocation": "FR", "licenceType": "officeBusiness"});
        let prepaid = plan_change(ChangeKind::Activate, &payload, &ctx(GroupFamily::Prepaid));
        assert_eq!(prepaid.len(), 1);
        assert_eq!((prepaid[0].method.as_str(), prepaid[0].path.as_str()), ("PUT", "/license/officePrepaid/office4417.o365.ovh.com-2210"));
        assert_eq!(
            prepaid[0].body,
            Some(json!({"activationEmail": "jean@office4417.o365.ovh.com", "firstName": "Jean", "lastName": "Dupont", "usageLocation": "fr"}))
        );
        let payg = plan_change(ChangeKind::Activate, &payload, &ctx(GroupFamily::PayAsYouGo));
        assert_eq!((payg[0].method.as_str(), payg[0].path.as_str()), ("POST", "/license/office/office4417.o365.ovh.com/user"));
        assert_eq!(payg[0].body.as_ref().unwrap()["licence"], "officeBusiness");
    }

    #[test]
    fn a_password_never_appears_in_a_plan() {
        let payload = json!({"hasPassword": true, "notifyEmail": "boss@example.com"});
        let plan = plan_change(ChangeKind::ChangePassword, &payload, &ctx(GroupFamily::PayAsYouGo));
        let body = plan[0].body.as_ref().unwrap();
        assert_eq!(body["password"], PASSWORD_PLACEHOLDER);
        assert_eq!(body["shouldSendMail"], true);
        let generated = plan_change(ChangeKind::ChangePassword, &json!({"hasPassword": false}), &ctx(GroupFamily::Prepaid));
        assert_eq!(generated[0].body, Some(json!({"shouldSendMail": false})));
        assert_eq!(generated[0].path, "/license/officePrepaid/office4417.o365.ovh.com-2210/changePassword");
    }

    #[test]
    fn freeing_unconfigures_a_slot_or_deletes_a_user() {
        let prepaid = plan_change(ChangeKind::Free, &json!({}), &ctx(GroupFamily::Prepaid));
        assert_eq!((prepaid[0].method.as_str(), prepaid[0].body.is_none()), ("POST", true));
        assert!(prepaid[0].path.ends_with("/unconfigure"));
        let payg = plan_change(ChangeKind::Free, &json!({}), &ctx(GroupFamily::PayAsYouGo));
        assert_eq!(payg[0].method, "DELETE");
    }

    #[test]
    fn renaming_a_prepaid_group_goes_through_one_of_its_licences() {
        let plan = plan_change(ChangeKind::RenameGroup, &json!({"displayName": "X"}), &ctx(GroupFamily::Prepaid));
        assert_eq!(plan[0].path, "/license/officePrepaid/office4417.o365.ovh.com-2201/parentTenant");
        let plan = plan_change(ChangeKind::RenameGroup, &json!({"displayName": "X"}), &ctx(GroupFamily::PayAsYouGo));
        assert_eq!(plan[0].path, "/license/office/office4417.o365.ovh.com");
    }

    #[test]
    fn an_order_for_an_existing_group_names_its_tenant_and_the_change() {
        let payload = json!({"planCode": "microsoft-365-apps-for-business-pp-nce", "renewalPeriod": "P1M", "quantity": 5, "existingTenant": "office4417.o365.ovh.com"});
        let plan = plan_change(ChangeKind::Order, &payload, &ctx(GroupFamily::Prepaid));
        let paths: Vec<_> = plan.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/order/cart",
                "/order/cart/{cartId}/assign",
                "/order/cart/{cartId}/officePrepaid",
                "/order/cart/{cartId}/item/{itemId}/configuration",
                "/order/cart/{cartId}/checkout"
            ]
        );
        assert_eq!(plan[0].body.as_ref().unwrap()["description"], "seatkeeper-change-7");
        assert_eq!(plan[2].body.as_ref().unwrap()["quantity"], 5);
        let new_group = plan_change(ChangeKind::Order, &json!({"planCode": "p", "renewalPeriod": "P1M", "quantity": 1}), &ctx(GroupFamily::Prepaid));
        assert_eq!(new_group.len(), 4, "no tenant configuration for a new group");
    }
}
