//! The simulated order side: the public catalog of prepaid plans, carts (created,
//! assigned, filled, configured, checked out, expiring), the 300-licence cap, orders that
//! deliver free slots once paid, and `/me/order`.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use time::OffsetDateTime;

use super::json;
use super::state::*;

impl State {
    /// `GET /order/catalog/public/officePrepaid?ovhSubsidiary=` (no authentication).
    pub fn prepaid_catalog(&self, query: &BTreeMap<String, String>) -> SimResult {
        let subsidiary = query
            .get("ovhSubsidiary")
            .cloned()
            .ok_or_else(|| SimError::bad_request("Missing parameter: ovhSubsidiary"))?;
        Ok(json::prepaid_catalog(&check_subsidiary(subsidiary)?, &SALE_PLANS))
    }

    pub fn cart_create(&mut self, account: Option<&str>, body: &[u8]) -> SimResult {
        let map = body_object(body)?;
        reject_unknown(&map, &["description", "expire", "ovhSubsidiary"])?;
        let subsidiary = check_subsidiary(req_string(&map, "ovhSubsidiary")?)?;
        let expire = match opt_string(&map, "expire")? {
            Some(v) => Some(
                OffsetDateTime::parse(&v, &time::format_description::well_known::Rfc3339)
                    .map_err(|_| SimError::bad_request("Invalid value for expire"))?,
            ),
            None => Some(self.now() + time::Duration::days(1)),
        };
        let n = self.next_id();
        let cart = CartRec {
            cart_id: format!("cart-{n:08x}-{:04x}", self.rng.u16(..)),
            description: opt_string(&map, "description")?.unwrap_or_default(),
            expire,
            subsidiary,
            owner: account.map(str::to_string),
            items: Vec::new(),
            read_only: false,
        };
        let v = json::cart(&cart);
        self.carts.insert(cart.cart_id.clone(), cart);
        Ok(v)
    }

    pub fn cart_list(&self, account: &str, query: &BTreeMap<String, String>) -> Value {
        json!(
            self.carts
                .values()
                .filter(|c| c.owner.as_deref() == Some(account) && c.expire.is_none_or(|e| e > self.now()))
                .filter(|c| query.get("description").is_none_or(|d| &c.description == d))
                .map(|c| &c.cart_id)
                .collect::<Vec<_>>()
        )
    }

    pub(crate) fn cart(&self, account: Option<&str>, cart_id: &str) -> SimResult<&CartRec> {
        let now = self.now();
        match self.carts.get(cart_id) {
            Some(c) if (c.owner.is_none() || c.owner.as_deref() == account) && c.expire.is_none_or(|e| e > now) => {
                Ok(c)
            }
            _ => Err(SimError::not_found("cartId", cart_id)),
        }
    }

    /// `GET /order/cart/{cartId}/item/{itemId}/configuration?label=`: configuration ids.
    pub fn item_configurations(
        &self,
        account: Option<&str>,
        cart_id: &str,
        item_id: i64,
        label: Option<&str>,
    ) -> SimResult {
        self.cart(account, cart_id)?;
        let item = self.items.get(&item_id).filter(|i| i.cart_id == cart_id);
        let item = item.ok_or_else(|| SimError::not_found("itemId", &item_id.to_string()))?;
        Ok(json!(
            item.configurations
                .iter()
                .filter(|(_, l, _)| label.is_none_or(|want| want == l))
                .map(|(id, _, _)| *id)
                .collect::<Vec<_>>()
        ))
    }

    pub fn cart_get(&self, account: Option<&str>, cart_id: &str) -> SimResult {
        Ok(json::cart(self.cart(account, cart_id)?))
    }

    pub fn cart_assign(&mut self, account: &str, cart_id: &str) -> SimResult {
        self.cart(Some(account), cart_id)?;
        self.carts.get_mut(cart_id).expect("checked").owner = Some(account.to_string());
        Ok(Value::Null)
    }

    pub(crate) fn open_cart(&self, account: Option<&str>, cart_id: &str) -> SimResult<&CartRec> {
        let cart = self.cart(account, cart_id)?;
        if cart.read_only {
            return Err(SimError::forbidden("This cart is read-only: it has been checked out"));
        }
        Ok(cart)
    }

    pub fn cart_add_prepaid(&mut self, account: Option<&str>, cart_id: &str, body: &[u8]) -> SimResult {
        self.open_cart(account, cart_id)?;
        let map = body_object(body)?;
        reject_unknown(&map, &["duration", "planCode", "pricingMode", "quantity"])?;
        let plan_code = req_string(&map, "planCode")?;
        let duration = req_string(&map, "duration")?;
        let pricing_mode = req_string(&map, "pricingMode")?;
        let quantity = match map.get("quantity") {
            Some(Value::Number(n)) if n.is_i64() => n.as_i64().expect("i64"),
            Some(_) => return Err(SimError::bad_request("Invalid type for parameter quantity: long expected")),
            None => return Err(SimError::bad_request("Missing parameter: quantity")),
        };
        let Some(plan) = SALE_PLANS.iter().find(|p| p.plan_code == plan_code) else {
            return Err(SimError::bad_request(format!("Plan {plan_code} is not available for officePrepaid")));
        };
        let unit_ucents = plan.monthly_ucents;
        if !matches!(duration.as_str(), "P1M" | "P1Y") || pricing_mode != "default" {
            return Err(SimError::bad_request("Only durations P1M or P1Y and pricingMode default are available"));
        }
        if !(1..=BUSINESS_MAX).contains(&quantity) {
            return Err(SimError::bad_request(format!("quantity must be between 1 and {BUSINESS_MAX}")));
        }
        let item_id = self.next_id();
        let item = ItemRec {
            item_id,
            cart_id: cart_id.into(),
            plan_code,
            duration,
            pricing_mode,
            quantity,
            unit_ucents,
            configurations: Vec::new(),
            tenant: None,
        };
        let v = json::item(&item);
        self.items.insert(item_id, item);
        self.carts.get_mut(cart_id).expect("checked").items.push(item_id);
        Ok(v)
    }

    pub fn item_configure(&mut self, account: Option<&str>, cart_id: &str, item_id: i64, body: &[u8]) -> SimResult {
        self.open_cart(account, cart_id)?;
        if self.items.get(&item_id).is_none_or(|i| i.cart_id != cart_id) {
            return Err(SimError::not_found("itemId", &item_id.to_string()));
        }
        let map = body_object(body)?;
        reject_unknown(&map, &["label", "value"])?;
        let label = req_string(&map, "label")?;
        let value = req_string(&map, "value")?;
        let tenant = match label.as_str() {
            "existing_tenant_service_name" => {
                let known = self.tenants.get(&value).is_some_and(|t| {
                    t.prepaid && Some(t.account.as_str()) == account.or(self.carts[cart_id].owner.as_deref())
                });
                if !known {
                    return Err(SimError::bad_request(format!("{value} is not one of your prepaid licence groups")));
                }
                Some(value.clone())
            }
            "zip_code" | "country" | "vat_number" => None,
            other => return Err(SimError::bad_request(format!("Unknown configuration label {other}"))),
        };
        let id = self.next_id();
        let item = self.items.get_mut(&item_id).expect("checked");
        item.configurations.push((id, label.clone(), value.clone()));
        if tenant.is_some() {
            item.tenant = tenant;
        }
        Ok(json::configuration(id, &label, &value))
    }

    pub(crate) fn cart_items(&self, cart_id: &str) -> Vec<&ItemRec> {
        self.carts[cart_id].items.iter().filter_map(|id| self.items.get(id)).collect()
    }

    pub fn checkout_preview(&self, account: &str, cart_id: &str) -> SimResult {
        self.cart(Some(account), cart_id)?;
        Ok(json::order(&self.cart_items(cart_id), None, &self.base_url))
    }

    /// Business licences of a group, ordered-and-unpaid included.
    pub(crate) fn business_count(&self, tenant: &str) -> i64 {
        let held =
            self.licences.values().filter(|l| l.tenant == tenant && l.licence == "officeBusiness").count() as i64;
        let ordered: i64 = self
            .orders
            .values()
            .filter(|o| {
                o.tenant.as_deref() == Some(tenant)
                    && o.plan_code == BUSINESS_PLAN
                    && o.status != "delivered"
                    && o.status != "cancelled"
            })
            .map(|o| o.quantity)
            .sum();
        held + ordered
    }

    pub fn checkout(&mut self, account: &str, cart_id: &str, body: &[u8]) -> SimResult {
        let cart = self.open_cart(Some(account), cart_id)?;
        if cart.owner.as_deref() != Some(account) {
            return Err(SimError::forbidden("This cart is not assigned to your account"));
        }
        let map = body_object(body)?;
        reject_unknown(&map, &["autoPayWithPreferredPaymentMethod", "waiveRetractationPeriod"])?;
        let auto_pay = opt_bool(&map, "autoPayWithPreferredPaymentMethod")?.unwrap_or(false);
        opt_bool(&map, "waiveRetractationPeriod")?;
        let items: Vec<ItemRec> = self.cart_items(cart_id).into_iter().cloned().collect();
        let [item] = items.as_slice() else {
            return Err(SimError::bad_request(if items.is_empty() {
                "The cart is empty"
            } else {
                "One product per cart"
            }));
        };
        if item.plan_code == BUSINESS_PLAN {
            let existing = item.tenant.as_deref().map_or(0, |t| self.business_count(t));
            if existing + item.quantity > BUSINESS_MAX {
                return Err(SimError::bad_request(format!(
                    "A Microsoft 365 Apps for business group holds at most {BUSINESS_MAX} licences: it has {existing}, {} more were ordered",
                    item.quantity
                )));
            }
        }
        let order_id = self.next_id() + 100_000_000;
        let order = OrderRec {
            order_id,
            account: account.to_string(),
            cart_id: cart_id.to_string(),
            date: self.now(),
            password: format!("{:08x}", self.rng.u32(..)),
            plan_code: item.plan_code.clone(),
            duration: item.duration.clone(),
            quantity: item.quantity,
            tenant: item.tenant.clone(),
            status: "notPaid".into(),
            without_tax_ucents: item.unit_ucents * item.quantity,
            delivered: Vec::new(),
        };
        let v = json::order(&[item], Some(&order), &self.base_url);
        self.orders.insert(order_id, order);
        self.carts.get_mut(cart_id).expect("checked").read_only = true;
        if auto_pay {
            self.deliver(order_id);
        }
        Ok(v)
    }

    /// Marks an order paid and delivers its licences as free slots.
    pub fn deliver(&mut self, order_id: i64) -> Vec<String> {
        let Some(order) = self.orders.get(&order_id).cloned() else { return Vec::new() };
        if order.status == "delivered" {
            return order.delivered;
        }
        let tenant = match &order.tenant {
            Some(t) => t.clone(),
            None => {
                let n = self.next_id();
                let name = format!("office{n}.o365.ovh.com");
                let mut rec = new_tenant(&name, true, &order.account, self.now(), n);
                // Licences of a new group are issued once its Microsoft Customer
                // Agreement is accepted.
                rec.mca_agreed = false;
                self.tenants.insert(name.clone(), rec);
                name
            }
        };
        let kind = if order.plan_code == BUSINESS_PLAN { "officeBusiness" } else { "officeProPlus" };
        let mut names = Vec::new();
        let today = self.today();
        for _ in 0..order.quantity {
            let name = self.add_slot(&tenant, kind);
            self.licences.get_mut(&name).expect("slot").renew = RenewRec::prepaid(&order.duration, today);
            names.push(name);
        }
        let rec = self.orders.get_mut(&order_id).expect("order");
        rec.status = "delivered".into();
        rec.delivered = names.clone();
        names
    }

    /// Adds one free slot to a prepaid group and answers its name.
    pub fn add_slot(&mut self, tenant: &str, kind: &str) -> String {
        let now = self.now();
        let service_id = self.next_id();
        let t = self.tenants.get_mut(tenant).expect("tenant exists");
        let number = t.next_licence;
        t.next_licence += 1;
        let name = format!("{tenant}-{number}");
        let mut rec = LicenceRec {
            service_name: name.clone(),
            service_id,
            tenant: tenant.to_string(),
            number,
            activation_email: String::new(),
            first_name: String::new(),
            last_name: String::new(),
            is_virtual: true,
            licence: kind.to_string(),
            status: "ok".into(),
            task_pending_id: 0,
            usage_location: "fr".into(),
            creation: now,
            expired: false,
            renew: RenewRec::prepaid("P1M", now.date()),
        };
        rec.reset_to_slot();
        self.licences.insert(name.clone(), rec);
        name
    }

    pub fn me_orders(&self, account: &str, query: &BTreeMap<String, String>) -> SimResult {
        let parse = |name: &str| -> SimResult<Option<OffsetDateTime>> {
            query
                .get(name)
                .map(|v| {
                    OffsetDateTime::parse(v, &time::format_description::well_known::Rfc3339)
                        .map_err(|_| SimError::bad_request(format!("Invalid value for parameter {name}")))
                })
                .transpose()
        };
        let (from, to) = (parse("date.from")?, parse("date.to")?);
        Ok(json!(
            self.orders
                .values()
                .filter(|o| o.account == account && from.is_none_or(|f| o.date >= f) && to.is_none_or(|t| o.date <= t))
                .map(|o| o.order_id)
                .collect::<Vec<_>>()
        ))
    }

    pub(crate) fn my_order(&self, account: &str, id: i64) -> SimResult<&OrderRec> {
        self.orders
            .get(&id)
            .filter(|o| o.account == account)
            .ok_or_else(|| SimError::not_found("orderId", &id.to_string()))
    }

    pub fn me_order(&self, account: &str, id: i64) -> SimResult {
        Ok(json::billing_order(self.my_order(account, id)?, &self.base_url))
    }

    pub fn me_order_status(&self, account: &str, id: i64) -> SimResult {
        Ok(json!(self.my_order(account, id)?.status))
    }
}
