//! Reading OVHcloud into the store: both families, each group written in its own
//! transaction. A group OVHcloud refuses to describe (expired: 460, gone: 404, …) is
//! marked stale with the reason and keeps what was known; the other groups are still
//! synced, and the push still runs. Only an unreachable OVHcloud stops the pull.

use std::collections::HashMap;

use time::Duration;

use super::engine::{Engine, Phase, StaleGroup, now, remote_error};
use crate::domain::{GroupFamily, LicenceType};
use crate::error::{Error, Result};
use crate::ovh::models::{LicenceKind, OfficeUser, PrepaidLicence, Statistics, UNCONFIGURED_NAME};
use crate::store::remote::{self, RemoteGroup, RemoteLicence, RemoteUsage};
use crate::store::{day, timestamp};

/// What a pull read.
#[derive(Debug, Default)]
pub struct Pulled {
    pub groups: u32,
    pub licences: u32,
    pub stale: Vec<StaleGroup>,
}

fn majority(types: impl Iterator<Item = LicenceType>) -> LicenceType {
    let mut counts: HashMap<LicenceType, u32> = HashMap::new();
    for t in types {
        *counts.entry(t).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(t, n)| (*n, *t == LicenceType::OfficeBusiness))
        .map(|(t, _)| t)
        .unwrap_or(LicenceType::OfficeBusiness)
}

fn licence_type(kinds: &[LicenceKind]) -> LicenceType {
    kinds.first().and_then(LicenceKind::licence_type).unwrap_or(LicenceType::OfficeBusiness)
}

fn name(value: &str) -> Option<String> {
    (!value.is_empty() && value != UNCONFIGURED_NAME).then(|| value.to_string())
}

fn login_of(email: &str) -> Option<String> {
    email.split_once('@').map(|(l, _)| l.to_string())
}

fn task_id(id: i64) -> Option<i64> {
    (id != 0).then_some(id)
}

fn usage(stats: Vec<Statistics>) -> Vec<RemoteUsage> {
    stats
        .into_iter()
        .flat_map(|s| {
            let d = day(s.date);
            s.lines.into_iter().filter_map(move |line| {
                Some(RemoteUsage {
                    day: d.clone(),
                    licence_type: line.licence_type.licence_type()?,
                    end_of_day: line.end_of_day_count,
                    peak: line.peak_count,
                })
            })
        })
        .collect()
}

fn payg_licence(u: &OfficeUser) -> RemoteLicence {
    RemoteLicence {
        remote_id: u.activation_email.clone(),
        licence_type: licence_type(&u.licences),
        state: u.status.as_str().to_string(),
        is_empty_slot: u.is_virtual,
        first_name: name(&u.first_name),
        last_name: name(&u.last_name),
        login: login_of(&u.activation_email),
        activation_email: Some(u.activation_email.clone()),
        usage_location: u.usage_location.as_ref().map(|l| l.to_ascii_uppercase()),
        pending_task_id: task_id(u.task_pending_id),
    }
}

fn prepaid_licence(l: &PrepaidLicence) -> RemoteLicence {
    RemoteLicence {
        remote_id: l.service_name.clone(),
        licence_type: licence_type(&l.licences),
        state: l.status.as_str().to_string(),
        is_empty_slot: l.is_virtual,
        first_name: if l.is_virtual { None } else { name(&l.first_name) },
        last_name: if l.is_virtual { None } else { name(&l.last_name) },
        login: if l.is_virtual { None } else { login_of(&l.activation_email) },
        activation_email: Some(l.activation_email.clone()),
        usage_location: l.usage_location.as_ref().map(|u| u.to_ascii_uppercase()),
        pending_task_id: task_id(l.task_pending_id),
    }
}

/// A group read whole from OVHcloud, ready to be written.
struct ReadGroup {
    group: RemoteGroup,
    licences: Vec<RemoteLicence>,
    usage: Vec<RemoteUsage>,
}

impl Engine<'_> {
    /// Reads every group of the account, each written in its own transaction.
    pub async fn pull(&self) -> Result<Pulled> {
        let c = self.client;
        let payg = c.office_groups().await.map_err(remote_error)?;
        let prepaid = c.prepaid_groups().await.map_err(remote_error)?;
        let total = payg.len() + prepaid.len();
        let mut pulled = Pulled::default();
        for (i, sn) in payg.iter().enumerate() {
            self.report(Phase::Pull, sn, i, total);
            let read = self.read_payg(sn).await;
            self.write_read(sn, read, &mut pulled)?;
        }
        for (i, (tenant, licence_names)) in prepaid.iter().enumerate() {
            self.report(Phase::Pull, tenant, payg.len() + i, total);
            let Some(any) = licence_names.first() else { continue };
            let read = self.read_prepaid(tenant, any).await;
            self.write_read(tenant, read, &mut pulled)?;
        }
        self.pull_prices().await;
        self.report(Phase::Pull, "", total, total);
        Ok(pulled)
    }

    /// Writes the group just read, or marks it stale; an unreachable OVHcloud ends the pull.
    fn write_read(&self, service_name: &str, result: Result<ReadGroup>, pulled: &mut Pulled) -> Result<()> {
        let at = timestamp(now());
        match result {
            Ok(g) => {
                self.store.write(|tx| {
                    remote::write_group(tx, self.account_id, &g.group, &g.licences, &g.usage, &at).map(|_| ())
                })?;
                pulled.groups += 1;
                pulled.licences += g.licences.len() as u32;
            }
            Err(e @ Error::Remote { offline: true, .. }) => return Err(e),
            Err(Error::Remote { message, .. }) => {
                self.store.write(|tx| remote::mark_group_stale(tx, self.account_id, service_name, &message, &at))?;
                pulled.stale.push(StaleGroup { service_name: service_name.to_string(), reason: message });
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }

    async fn read_payg(&self, sn: &str) -> Result<ReadGroup> {
        let c = self.client;
        let today = now().date();
        let tenant = c.office_group(sn).await.map_err(remote_error)?;
        let domain = c.office_domains(sn).await.map_err(remote_error)?.into_iter().next();
        let infos = c.office_service_infos(sn).await.ok();
        let users = c.office_users(sn).await.map_err(remote_error)?;
        let stats = c.office_usage_statistics(sn, today - Duration::days(365), today).await.unwrap_or_default();
        let licences: Vec<RemoteLicence> = users.iter().map(payg_licence).collect();
        let group = RemoteGroup {
            family: GroupFamily::PayAsYouGo,
            service_name: sn.to_string(),
            display_name: tenant.display_name.clone(),
            offer: majority(licences.iter().map(|r| r.licence_type)),
            status: infos
                .as_ref()
                .map(|i| i.status.as_str().to_string())
                .unwrap_or_else(|| tenant.status.as_str().to_string()),
            domain,
            created_on: Some(day(infos.as_ref().map(|i| i.creation).unwrap_or(tenant.creation_date.date()))),
            next_payment_on: None,
            renewal_period: Some("P1M".into()),
            mca_agreed: tenant.mca_agreed.unwrap_or(true),
        };
        Ok(ReadGroup { group, licences, usage: usage(stats) })
    }

    async fn read_prepaid(&self, tenant: &str, any: &str) -> Result<ReadGroup> {
        let c = self.client;
        let today = now().date();
        let list = c.prepaid_licences(tenant).await.map_err(remote_error)?;
        let parent = c.parent_tenant(any).await.map_err(remote_error)?;
        let infos = c.prepaid_service_infos(any).await.ok();
        let stats = c.tenant_usage_statistics(any, today - Duration::days(365), today).await.unwrap_or_default();
        let licences: Vec<RemoteLicence> = list.iter().map(prepaid_licence).collect();
        let domain = list.iter().find_map(|l| l.activation_email.split_once('@').map(|(_, d)| d.to_string()));
        let period = infos.as_ref().and_then(|i| i.renew.as_ref()).and_then(|r| r.period).filter(|p| *p > 0);
        let group = RemoteGroup {
            family: GroupFamily::Prepaid,
            service_name: tenant.to_string(),
            display_name: parent.display_name.clone(),
            offer: majority(licences.iter().map(|r| r.licence_type)),
            status: infos
                .as_ref()
                .map(|i| i.status.as_str().to_string())
                .unwrap_or_else(|| parent.status.as_str().to_string()),
            domain,
            created_on: Some(day(infos.as_ref().map(|i| i.creation).unwrap_or(parent.creation_date.date()))),
            next_payment_on: infos.as_ref().map(|i| day(i.expiration)),
            renewal_period: Some(match period {
                Some(12) => "P1Y".to_string(),
                Some(n) => format!("P{n}M"),
                None => "P1M".to_string(),
            }),
            mca_agreed: parent.mca_agreed.unwrap_or(true),
        };
        Ok(ReadGroup { group, licences, usage: usage(stats) })
    }

    /// The catalog prices of the prepaid plans, for the order wizard and the costs. A
    /// catalog that cannot be read leaves the prices known so far.
    async fn pull_prices(&self) {
        let Ok(catalog) = self.client.prepaid_catalog(self.client.endpoint().subsidiary()).await else { return };
        let prices: Vec<_> = crate::ovh::monthly_prices(&catalog)
            .into_iter()
            .map(|p| (p.plan_code, p.licence_type, p.renewal_period, p.price_ucents_per_month, p.currency))
            .collect();
        let _ = self.store.write(|tx| remote::write_prices(tx, self.account_id, &prices));
    }
}
