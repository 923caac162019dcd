//! Which OVHcloud requests each pending change becomes (shared/ovh/README.md §4 and
//! §5.2), typed. One [`Plan`] per change: the Pending changes panel shows its
//! [`preview`](Plan::preview) and the sender sends the very same [`PlannedRequest`]s —
//! same method, same path, same body bytes — so what the user approved is what goes
//! out. The only difference is a password, shown as [`PASSWORD_PLACEHOLDER`] and read
//! from the keychain at the moment of sending.
//!
//! Paths are relative to the API base (`/1.0`), with each value encoded as the client
//! encodes path segments.

use reqwest::Method;
use serde::Serialize;
use ts_rs::TS;

use crate::domain::GroupFamily;
use crate::ovh::models::{
    CartCreation, ChangePassword, Checkout, EXISTING_TENANT_LABEL, ItemConfiguration, LicenceAssignment, LicenceKind,
    NewOfficeUser, OfficeUserUpdate, ProductCreation, ServiceRenewalUpdate, TenantUpdate, TerminationConfirmation,
};
use crate::ovh::{Endpoint, Request, path_segment as seg};
use crate::secrets::Secret;
use crate::store::{AccountChange, ChangePayload, ChangeRow};

/// Stands where a secret goes in a previewed body; the real value is read from the
/// keychain at the moment of sending.
pub const PASSWORD_PLACEHOLDER: &str = "<from the keychain>";

/// Stand for the ids OVHcloud gives along an order, in its preview.
pub const CART_PLACEHOLDER: &str = "{cartId}";
pub const ITEM_PLACEHOLDER: &str = "{itemId}";

/// One HTTP request of a change, exactly as it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlannedRequest {
    pub method: String,
    pub path: String,
    /// The JSON body, byte for byte.
    pub body: Option<String>,
}

impl PlannedRequest {
    fn new(method: Method, path: String, body: Option<String>) -> PlannedRequest {
        PlannedRequest { method: method.as_str().to_string(), path, body }
    }

    fn json<B: Serialize>(method: Method, path: String, body: &B) -> PlannedRequest {
        PlannedRequest::new(method, path, Some(serde_json::to_string(body).expect("wire models serialize")))
    }

    /// The client request that sends exactly this (not retried: writes are never
    /// resent blindly; the engine checks OVHcloud's state first).
    pub fn request(&self) -> Request {
        let method = Method::from_bytes(self.method.as_bytes()).unwrap_or(Method::GET);
        let mut request = Request::new(method, self.path.clone());
        if let Some(body) = &self.body {
            request = request.raw_json(body.as_bytes().to_vec());
        }
        request
    }
}

/// Why a change cannot be planned (the data it needs is missing locally).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError(pub String);

/// An order's requests, with the ids OVHcloud gives along the way filled in by the
/// sender (and shown as placeholders in the preview).
#[derive(Debug, Clone, PartialEq)]
pub struct OrderPlan {
    pub cart: CartCreation,
    pub product: ProductCreation,
    /// `existing_tenant_service_name`, when adding licences to a group.
    pub tenant: Option<ItemConfiguration>,
    pub checkout: Checkout,
}

impl OrderPlan {
    pub fn create_cart(&self) -> PlannedRequest {
        PlannedRequest::json(Method::POST, "/order/cart".into(), &self.cart)
    }

    /// `cart` is an encoded path segment (or the placeholder).
    pub fn assign(&self, cart: &str) -> PlannedRequest {
        PlannedRequest::new(Method::POST, format!("/order/cart/{cart}/assign"), None)
    }

    pub fn add_item(&self, cart: &str) -> PlannedRequest {
        PlannedRequest::json(Method::POST, format!("/order/cart/{cart}/officePrepaid"), &self.product)
    }

    pub fn configure(&self, cart: &str, item: &str) -> Option<PlannedRequest> {
        let tenant = self.tenant.as_ref()?;
        Some(PlannedRequest::json(Method::POST, format!("/order/cart/{cart}/item/{item}/configuration"), tenant))
    }

    pub fn checkout(&self, cart: &str) -> PlannedRequest {
        PlannedRequest::json(Method::POST, format!("/order/cart/{cart}/checkout"), &self.checkout)
    }

    /// The reference the cart carries, which finds it again after a crash.
    pub fn reference(&self) -> &str {
        self.cart.description.as_deref().unwrap_or_default()
    }
}

/// A change as the requests it becomes.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// Prepaid: put a user on a slot, or edit the slot's user.
    ConfigureSlot {
        licence: String,
        body: LicenceAssignment,
    },
    /// Pay-as-you-go: add a user.
    CreateUser {
        group: String,
        body: NewOfficeUser,
    },
    /// Pay-as-you-go: edit a user (`user` is the activation e-mail before the edit).
    UpdateUser {
        group: String,
        user: String,
        body: OfficeUserUpdate,
    },
    /// Either family; the password is read from the keychain when sending.
    ChangePassword {
        path: String,
        has_password: bool,
        notify_email: Option<String>,
    },
    Unconfigure {
        licence: String,
    },
    DeleteUser {
        group: String,
        user: String,
    },
    /// A prepaid group's routes hang off any of its licences.
    RenamePrepaid {
        any_licence: String,
        body: TenantUpdate,
    },
    RenamePayg {
        group: String,
        body: TenantUpdate,
    },
    Order(OrderPlan),
    /// `PUT …/serviceInfos` on each service: the pay-as-you-go group, or each licence of a
    /// prepaid group. Idempotent: sending it again sets the same renewal.
    SetRenewal {
        family: GroupFamily,
        services: Vec<String>,
        body: ServiceRenewalUpdate,
    },
    /// A prepaid group's agreement, through any of its licences.
    AcceptAgreement {
        any_licence: String,
    },
    ConfirmTermination {
        licence: String,
        body: TerminationConfirmation,
    },
}

/// The path of a service's billing information.
pub fn service_infos_path(family: GroupFamily, service: &str) -> String {
    match family {
        GroupFamily::Prepaid => format!("/license/officePrepaid/{}/serviceInfos", seg(service)),
        GroupFamily::PayAsYouGo => format!("/license/office/{}/serviceInfos", seg(service)),
    }
}

fn required(value: Option<&String>, what: &str) -> Result<String, PlanError> {
    value.filter(|v| !v.is_empty()).cloned().ok_or_else(|| PlanError(format!("{what} is not known yet")))
}

fn assignment(a: &AccountChange) -> LicenceAssignment {
    LicenceAssignment {
        activation_email: Some(a.email()),
        first_name: Some(a.first_name.clone()),
        last_name: Some(a.last_name.clone()),
        usage_location: Some(a.usage_location.to_ascii_lowercase()),
    }
}

/// The cart description that ties an OVHcloud order back to the change that made it:
/// unique to this installation and never reused.
pub fn order_reference(change_key: &str) -> String {
    format!("seatkeeper-{change_key}")
}

impl Plan {
    /// The plan of a pending change.
    pub fn for_change(change: &ChangeRow) -> Result<Plan, PlanError> {
        let family = change.family.unwrap_or(GroupFamily::Prepaid);
        let group = || required(change.group_service_name.as_ref(), "the group's OVHcloud name");
        let licence = || required(change.licence_remote_id.as_ref(), "the licence's OVHcloud name");
        Ok(match (&change.payload, family) {
            (ChangePayload::Activate(a) | ChangePayload::EditAccount(a), GroupFamily::Prepaid) => {
                Plan::ConfigureSlot { licence: licence()?, body: assignment(a) }
            }
            (ChangePayload::Activate(a), GroupFamily::PayAsYouGo) => Plan::CreateUser {
                group: group()?,
                body: NewOfficeUser {
                    domain: a.domain.clone(),
                    login: a.login.clone(),
                    first_name: Some(a.first_name.clone()),
                    last_name: Some(a.last_name.clone()),
                    licence: LicenceKind::from(a.licence_type),
                    usage_location: Some(a.usage_location.to_ascii_lowercase()),
                },
            },
            (ChangePayload::EditAccount(a), GroupFamily::PayAsYouGo) => {
                let fields = assignment(a);
                Plan::UpdateUser {
                    group: group()?,
                    user: licence()?,
                    body: OfficeUserUpdate {
                        activation_email: fields.activation_email,
                        first_name: fields.first_name,
                        last_name: fields.last_name,
                        usage_location: fields.usage_location,
                        delete_at_expiration: None,
                    },
                }
            }
            (ChangePayload::ChangePassword(p), family) => {
                let path = match family {
                    GroupFamily::Prepaid => format!("/license/officePrepaid/{}/changePassword", seg(&licence()?)),
                    GroupFamily::PayAsYouGo => {
                        format!("/license/office/{}/user/{}/changePassword", seg(&group()?), seg(&licence()?))
                    }
                };
                Plan::ChangePassword { path, has_password: p.has_password, notify_email: p.notify_email.clone() }
            }
            (ChangePayload::Free, GroupFamily::Prepaid) => Plan::Unconfigure { licence: licence()? },
            (ChangePayload::Free, GroupFamily::PayAsYouGo) => Plan::DeleteUser { group: group()?, user: licence()? },
            (ChangePayload::RenameGroup(r), family) => {
                let body = TenantUpdate { display_name: Some(r.display_name.clone()), ..TenantUpdate::default() };
                match family {
                    GroupFamily::Prepaid => Plan::RenamePrepaid {
                        any_licence: required(change.any_licence.as_ref(), "a licence of the group")?,
                        body,
                    },
                    GroupFamily::PayAsYouGo => Plan::RenamePayg { group: group()?, body },
                }
            }
            (ChangePayload::SetRenewal(r), family) => {
                if r.services.is_empty() {
                    return Err(PlanError("the group has no licence to renew".into()));
                }
                Plan::SetRenewal { family, services: r.services.clone(), body: ServiceRenewalUpdate::from(&r.settings) }
            }
            (ChangePayload::AcceptAgreement, _) => {
                Plan::AcceptAgreement { any_licence: required(change.any_licence.as_ref(), "a licence of the group")? }
            }
            (ChangePayload::ConfirmTermination(t), _) => {
                Plan::ConfirmTermination { licence: licence()?, body: TerminationConfirmation::from(t) }
            }
            (ChangePayload::Order(o), _) => {
                let endpoint: Option<Endpoint> = change.endpoint.parse().ok();
                Plan::Order(OrderPlan {
                    cart: CartCreation {
                        ovh_subsidiary: endpoint.as_ref().map_or("FR", Endpoint::subsidiary).to_string(),
                        description: Some(order_reference(&change.change_key)),
                        expire: None,
                    },
                    product: ProductCreation {
                        plan_code: o.plan_code.clone(),
                        duration: o.renewal_period.clone(),
                        pricing_mode: "default".into(),
                        quantity: o.quantity,
                    },
                    tenant: o.existing_tenant.as_ref().map(|t| ItemConfiguration {
                        id: None,
                        label: EXISTING_TENANT_LABEL.into(),
                        value: t.clone(),
                    }),
                    checkout: Checkout {
                        auto_pay_with_preferred_payment_method: false,
                        waive_retractation_period: false,
                    },
                })
            }
        })
    }

    /// A password change's request, with `password` in its body (the keychain's, or
    /// the placeholder for the preview).
    pub fn password_request(&self, password: Option<Secret>) -> Option<PlannedRequest> {
        let Plan::ChangePassword { path, has_password, notify_email } = self else { return None };
        let body = ChangePassword {
            password: if *has_password { password } else { None },
            should_send_mail: notify_email.is_some(),
            notify_email: notify_email.clone(),
        };
        Some(PlannedRequest::json(Method::POST, path.clone(), &body))
    }

    /// The single write of a one-request change (every kind but orders and passwords).
    pub fn request(&self) -> Option<PlannedRequest> {
        Some(match self {
            Plan::ConfigureSlot { licence, body } => {
                PlannedRequest::json(Method::PUT, format!("/license/officePrepaid/{}", seg(licence)), body)
            }
            Plan::CreateUser { group, body } => {
                PlannedRequest::json(Method::POST, format!("/license/office/{}/user", seg(group)), body)
            }
            Plan::UpdateUser { group, user, body } => {
                PlannedRequest::json(Method::PUT, format!("/license/office/{}/user/{}", seg(group), seg(user)), body)
            }
            Plan::Unconfigure { licence } => {
                PlannedRequest::new(Method::POST, format!("/license/officePrepaid/{}/unconfigure", seg(licence)), None)
            }
            Plan::DeleteUser { group, user } => {
                PlannedRequest::new(Method::DELETE, format!("/license/office/{}/user/{}", seg(group), seg(user)), None)
            }
            Plan::RenamePrepaid { any_licence, body } => PlannedRequest::json(
                Method::PUT,
                format!("/license/officePrepaid/{}/parentTenant", seg(any_licence)),
                body,
            ),
            Plan::RenamePayg { group, body } => {
                PlannedRequest::json(Method::PUT, format!("/license/office/{}", seg(group)), body)
            }
            Plan::AcceptAgreement { any_licence } => PlannedRequest::new(
                Method::POST,
                format!("/license/officePrepaid/{}/parentTenant/acceptAgreement", seg(any_licence)),
                None,
            ),
            Plan::ConfirmTermination { licence, body } => Plan::termination_request(licence, body),
            Plan::ChangePassword { .. } | Plan::Order(_) | Plan::SetRenewal { .. } => return None,
        })
    }

    /// A termination's confirmation.
    pub fn termination_request(licence: &str, body: &TerminationConfirmation) -> PlannedRequest {
        PlannedRequest::json(Method::POST, format!("/license/officePrepaid/{}/confirmTermination", seg(licence)), body)
    }

    /// A renewal's request for one of its services.
    pub fn renewal_request(family: GroupFamily, service: &str, body: &ServiceRenewalUpdate) -> PlannedRequest {
        PlannedRequest::json(Method::PUT, service_infos_path(family, service), body)
    }

    /// What the user approves: every request, in order.
    pub fn preview(&self) -> Vec<PlannedRequest> {
        match self {
            Plan::ChangePassword { .. } => {
                self.password_request(Some(Secret::new(PASSWORD_PLACEHOLDER))).into_iter().collect()
            }
            Plan::Order(order) => {
                let mut requests =
                    vec![order.create_cart(), order.assign(CART_PLACEHOLDER), order.add_item(CART_PLACEHOLDER)];
                requests.extend(order.configure(CART_PLACEHOLDER, ITEM_PLACEHOLDER));
                requests.push(order.checkout(CART_PLACEHOLDER));
                requests
            }
            Plan::SetRenewal { family, services, body } => {
                services.iter().map(|s| Plan::renewal_request(*family, s, body)).collect()
            }
            other => other.request().into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::LicenceType;
    use crate::store::{ChangeKind, ChangeState, GroupRename, OrderChange, PasswordChange};

    fn change(payload: ChangePayload, family: GroupFamily) -> ChangeRow {
        ChangeRow {
            id: 7,
            account_id: 1,
            kind: payload.kind(),
            state: ChangeState::Queued,
            payload,
            group_id: Some(1),
            group_name: None,
            licence_id: Some(1),
            licence_label: None,
            attempts: 0,
            last_error: None,
            created_at: String::new(),
            updated_at: String::new(),
            can_undo: true,
            family: Some(family),
            group_service_name: Some("office4417.o365.ovh.com".into()),
            licence_remote_id: Some(match family {
                GroupFamily::Prepaid => "office4417.o365.ovh.com-2210".into(),
                GroupFamily::PayAsYouGo => "jean@office4417.o365.ovh.com".into(),
            }),
            any_licence: Some("office4417.o365.ovh.com-2201".into()),
            endpoint: "ovh-eu".into(),
            change_key: "0123abcd-7".into(),
            remote_ref: None,
            cart_id: None,
            checkout_sent_at: None,
            expected_price: None,
            not_before: None,
            acknowledged_at: None,
            parked_reason: None,
        }
    }

    fn account() -> AccountChange {
        AccountChange {
            first_name: "Jean".into(),
            last_name: "Dupont".into(),
            login: "jean".into(),
            domain: "office4417.o365.ovh.com".into(),
            usage_location: "FR".into(),
            licence_type: LicenceType::OfficeBusiness,
        }
    }

    fn preview(payload: ChangePayload, family: GroupFamily) -> Vec<PlannedRequest> {
        Plan::for_change(&change(payload, family)).unwrap().preview()
    }

    #[test]
    fn activation_goes_to_the_slot_or_to_the_user_list() {
        let prepaid = preview(ChangePayload::Activate(account()), GroupFamily::Prepaid);
        assert_eq!(prepaid.len(), 1);
        assert_eq!(
            (prepaid[0].method.as_str(), prepaid[0].path.as_str()),
            ("PUT", "/license/officePrepaid/office4417.o365.ovh.com-2210")
        );
        assert_eq!(
            prepaid[0].body.as_deref(),
            Some(
                r#"{"activationEmail":"jean@office4417.o365.ovh.com","firstName":"Jean","lastName":"Dupont","usageLocation":"fr"}"#
            )
        );
        let payg = preview(ChangePayload::Activate(account()), GroupFamily::PayAsYouGo);
        assert_eq!(
            (payg[0].method.as_str(), payg[0].path.as_str()),
            ("POST", "/license/office/office4417.o365.ovh.com/user")
        );
        assert!(payg[0].body.as_deref().unwrap().contains(r#""licence":"officeBusiness""#));
    }

    #[test]
    fn a_pay_as_you_go_edit_sends_every_field_the_user_changed() {
        let edit = preview(ChangePayload::EditAccount(account()), GroupFamily::PayAsYouGo);
        assert_eq!(edit[0].path, "/license/office/office4417.o365.ovh.com/user/jean@office4417.o365.ovh.com");
        assert_eq!(
            edit[0].body.as_deref(),
            Some(
                r#"{"activationEmail":"jean@office4417.o365.ovh.com","firstName":"Jean","lastName":"Dupont","usageLocation":"fr"}"#
            ),
            "the usage location is part of the edit"
        );
    }

    #[test]
    fn a_password_never_appears_in_a_plan() {
        let payload = ChangePayload::ChangePassword(PasswordChange {
            has_password: true,
            notify_email: Some("boss@example.com".into()),
        });
        let plan = preview(payload.clone(), GroupFamily::PayAsYouGo);
        let body = plan[0].body.as_deref().unwrap();
        assert_eq!(
            body,
            format!(
                r#"{{"password":"{PASSWORD_PLACEHOLDER}","shouldSendMail":true,"notifyEmail":"boss@example.com"}}"#
            )
        );
        // What is sent differs by the password only.
        let sent = Plan::for_change(&change(payload, GroupFamily::PayAsYouGo))
            .unwrap()
            .password_request(Some(Secret::new("Abcdefg1!")))
            .unwrap();
        assert_eq!(sent.body.unwrap().replace("Abcdefg1!", PASSWORD_PLACEHOLDER), body);
        let generated = preview(
            ChangePayload::ChangePassword(PasswordChange { has_password: false, notify_email: None }),
            GroupFamily::Prepaid,
        );
        assert_eq!(generated[0].body.as_deref(), Some(r#"{"shouldSendMail":false}"#));
        assert_eq!(generated[0].path, "/license/officePrepaid/office4417.o365.ovh.com-2210/changePassword");
    }

    #[test]
    fn freeing_unconfigures_a_slot_or_deletes_a_user() {
        let prepaid = preview(ChangePayload::Free, GroupFamily::Prepaid);
        assert_eq!((prepaid[0].method.as_str(), prepaid[0].body.is_none()), ("POST", true));
        assert!(prepaid[0].path.ends_with("/unconfigure"));
        let payg = preview(ChangePayload::Free, GroupFamily::PayAsYouGo);
        assert_eq!(payg[0].method, "DELETE");
    }

    #[test]
    fn renaming_a_prepaid_group_goes_through_one_of_its_licences() {
        let rename = || ChangePayload::RenameGroup(GroupRename { display_name: "X".into() });
        let plan = preview(rename(), GroupFamily::Prepaid);
        assert_eq!(plan[0].path, "/license/officePrepaid/office4417.o365.ovh.com-2201/parentTenant");
        assert_eq!(plan[0].body.as_deref(), Some(r#"{"displayName":"X"}"#));
        let plan = preview(rename(), GroupFamily::PayAsYouGo);
        assert_eq!(plan[0].path, "/license/office/office4417.o365.ovh.com");
    }

    #[test]
    fn an_order_names_its_cart_after_the_change_key() {
        let order = |tenant: Option<&str>| {
            ChangePayload::Order(OrderChange {
                order_id: 3,
                plan_code: "microsoft-365-apps-for-business-pp-nce".into(),
                licence_type: LicenceType::OfficeBusiness,
                renewal_period: "P1M".into(),
                quantity: 5,
                existing_tenant: tenant.map(str::to_string),
            })
        };
        let plan = preview(order(Some("office4417.o365.ovh.com")), GroupFamily::Prepaid);
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
        assert_eq!(plan[0].body.as_deref(), Some(r#"{"ovhSubsidiary":"FR","description":"seatkeeper-0123abcd-7"}"#));
        assert!(plan[2].body.as_deref().unwrap().contains(r#""quantity":5"#));
        assert_eq!(preview(order(None), GroupFamily::Prepaid).len(), 4, "no tenant configuration for a new group");
        assert_eq!(ChangeKind::Order, order(None).kind());
    }

    #[test]
    fn a_renewal_puts_the_same_body_on_each_service() {
        use crate::domain::RenewalSettings;
        use crate::store::RenewalChange;
        let settings = RenewalSettings { automatic: false, delete_at_expiration: true, period_months: 1 };
        let payload = |services: &[&str]| {
            ChangePayload::SetRenewal(RenewalChange {
                settings,
                services: services.iter().map(|s| s.to_string()).collect(),
            })
        };
        let prepaid =
            preview(payload(&["office4417.o365.ovh.com-2201", "office4417.o365.ovh.com-2210"]), GroupFamily::Prepaid);
        let paths: Vec<_> = prepaid.iter().map(|r| (r.method.as_str(), r.path.as_str())).collect();
        assert_eq!(
            paths,
            [
                ("PUT", "/license/officePrepaid/office4417.o365.ovh.com-2201/serviceInfos"),
                ("PUT", "/license/officePrepaid/office4417.o365.ovh.com-2210/serviceInfos")
            ]
        );
        assert_eq!(
            prepaid[0].body.as_deref(),
            Some(r#"{"renew":{"automatic":false,"deleteAtExpiration":true,"period":1}}"#)
        );
        let payg = preview(payload(&["office4417.o365.ovh.com"]), GroupFamily::PayAsYouGo);
        assert_eq!(payg[0].path, "/license/office/office4417.o365.ovh.com/serviceInfos");
        assert!(Plan::for_change(&change(payload(&[]), GroupFamily::Prepaid)).is_err(), "nothing to renew");
    }

    #[test]
    fn the_agreement_and_a_termination_are_one_request_each() {
        use crate::domain::{TerminationInput, TerminationReason};
        let accept = preview(ChangePayload::AcceptAgreement, GroupFamily::Prepaid);
        assert_eq!(
            (accept[0].method.as_str(), accept[0].path.as_str(), accept[0].body.as_deref()),
            ("POST", "/license/officePrepaid/office4417.o365.ovh.com-2201/parentTenant/acceptAgreement", None)
        );
        let terminate = preview(
            ChangePayload::ConfirmTermination(TerminationInput {
                token: "3f9a1c0e".into(),
                reason: Some(TerminationReason::NotNeededAnymore),
                future_use: None,
                commentary: None,
            }),
            GroupFamily::Prepaid,
        );
        assert_eq!(terminate[0].path, "/license/officePrepaid/office4417.o365.ovh.com-2210/confirmTermination");
        assert_eq!(terminate[0].body.as_deref(), Some(r#"{"token":"3f9a1c0e","reason":"NOT_NEEDED_ANYMORE"}"#));
    }

    #[test]
    fn a_change_without_its_ovhcloud_name_cannot_be_planned() {
        let mut c = change(ChangePayload::Free, GroupFamily::Prepaid);
        c.licence_remote_id = None;
        assert!(Plan::for_change(&c).is_err());
    }
}
