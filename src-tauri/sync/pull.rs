//! Reading OVHcloud into the store: both families, each group written in its own
//! transaction. A group OVHcloud refuses to describe (expired: 460, gone: 404, …) is
//! marked stale with the reason and keeps what was known; the other groups are still
//! synced, and the push still runs. Only an unreachable OVHcloud stops the pull.
//!
//! Incremental: what changes often — the groups, their licences and users, with their
//! states and tasks — is read at every sync, in as few requests as OVHcloud allows (one
//! paged listing of every prepaid licence, one per pay-as-you-go group). What changes
//! rarely is read when it is due, recorded per group in SQLite so a restart does not
//! reset it: a group's details (name, status, domain, service information, agreement)
//! once a day, after a change of ours to it, or when the user opens it; its usage
//! statistics and the account's catalog once a day. A new group is read whole.
//!
//! Some parts of a group come from requests of their own — how it renews
//! (`…/serviceInfos`), each domain, the usage statistics. One of them OVHcloud answers
//! in a shape Seatkeeper cannot read (or refuses) does not sink the group: the rest is
//! written, that part keeps what was read before and is recorded as unread with why
//! (`store::remote::write_parts`, shown on the group's page and in the sync report),
//! logged with its route and OVHcloud's query id, and read again at the next sync.

use std::collections::{BTreeMap, HashMap};

use time::{Duration, OffsetDateTime};

use super::engine::{Engine, Phase, StaleGroup, is_offline, now, remote_error};
use crate::domain::{GroupFamily, LicenceType};
use crate::error::{Error, PartProblem, PartUnread, Result};
use crate::ovh::models::{LicenceKind, OfficeUser, PrepaidLicence, Statistics, UNCONFIGURED_NAME};
use crate::ovh::{ApiError, ErrorKind};
use crate::store::remote::{self, GroupDetails, ReadMarks, RemoteDomain, RemoteGroup, RemoteLicence, RemoteUsage};
use crate::store::{GroupPart, day, timestamp};

/// Whose usage statistics to read.
enum UsageOf<'a> {
    Payg(&'a str),
    Prepaid(&'a str),
}

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

/// Why a part of a group was not read, from the client's error.
fn unread(e: &ApiError) -> PartUnread {
    let problem = match e.kind() {
        ErrorKind::Malformed => PartProblem::Unreadable,
        _ if is_offline(e) => PartProblem::Unanswered,
        _ => PartProblem::Refused,
    };
    PartUnread {
        route: format!("{} {}", e.method(), e.path()),
        problem,
        detail: e.message().to_string(),
        query_id: e.query_id().map(str::to_string),
    }
}

/// How long what changes rarely is trusted before it is read again.
const RARELY_CHANGES: Duration = Duration::DAY;

/// Whether something last read at `read_at` (RFC 3339, or never) is due again.
fn due(read_at: Option<&str>, now: OffsetDateTime) -> bool {
    read_at
        .and_then(|t| OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok())
        .is_none_or(|t| now - t >= RARELY_CHANGES)
}

/// A group as read from OVHcloud at this pull, ready to be written.
struct ReadGroup {
    group: RemoteGroup,
    licences: Vec<RemoteLicence>,
    /// `None`: not due at this pull.
    usage: Option<Vec<RemoteUsage>>,
    /// The parts read on their own requests at this pull, and why each not read was not.
    parts: Vec<(GroupPart, Option<PartUnread>)>,
}

/// What is due for one group: its details, its usage.
#[derive(Debug, Clone, Copy)]
struct Due {
    details: bool,
    usage: bool,
}

impl Due {
    fn of(marks: Option<&ReadMarks>, now: OffsetDateTime) -> Due {
        match marks {
            None => Due { details: true, usage: true },
            Some(m) => {
                Due { details: due(m.details_read_at.as_deref(), now), usage: due(m.usage_read_at.as_deref(), now) }
            }
        }
    }
}

impl Engine<'_> {
    /// Reads every group of the account, each written in its own transaction.
    pub async fn pull(&self) -> Result<Pulled> {
        let c = self.client;
        let started = now();
        let marks = self.store.read(|conn| remote::read_marks(conn, self.account_id))?;
        let payg = c.office_groups().await.map_err(remote_error)?;
        // Every prepaid licence of the account in one listing, grouped by tenant.
        let mut prepaid: BTreeMap<String, Vec<PrepaidLicence>> = BTreeMap::new();
        for licence in c.all_prepaid_licences().await.map_err(remote_error)? {
            prepaid.entry(licence.tenant_service_name.clone()).or_default().push(licence);
        }
        let total = payg.len() + prepaid.len();
        let mut pulled = Pulled::default();
        for (i, sn) in payg.iter().enumerate() {
            self.report(Phase::Pull, sn, i, total);
            let read = self.read_payg(sn, Due::of(marks.get(sn), started)).await;
            self.write_read(sn, read, &mut pulled)?;
        }
        for (i, (tenant, licences)) in prepaid.iter().enumerate() {
            self.report(Phase::Pull, tenant, payg.len() + i, total);
            let read = self.read_prepaid(tenant, licences, Due::of(marks.get(tenant), started)).await;
            self.write_read(tenant, read, &mut pulled)?;
        }
        let catalog_due = self.store.read(|conn| remote::catalog_read_at(conn, self.account_id))?;
        if due(catalog_due.as_deref(), started) {
            self.pull_prices().await;
        }
        self.report(Phase::Pull, "", total, total);
        Ok(pulled)
    }

    /// Writes the group just read, or marks it stale; an unreachable OVHcloud ends the pull.
    fn write_read(&self, service_name: &str, result: Result<ReadGroup>, pulled: &mut Pulled) -> Result<()> {
        let at = timestamp(now());
        match result {
            Ok(g) => {
                self.store.write(|tx| {
                    let (id, _) =
                        remote::write_group(tx, self.account_id, &g.group, &g.licences, g.usage.as_deref(), &at)?;
                    remote::write_parts(tx, id, &g.parts, &at)
                })?;
                pulled.groups += 1;
                pulled.licences += g.licences.len() as u32;
                for (part, why) in &g.parts {
                    let Some(why) = why else { continue };
                    tracing::warn!(
                        group = service_name,
                        part = part.as_str(),
                        route = %why.route,
                        query_id = why.query_id.as_deref().unwrap_or("-"),
                        error = %why.detail,
                        "a part of the group could not be read; the rest was"
                    );
                    pulled.stale.push(StaleGroup {
                        service_name: service_name.to_string(),
                        part: Some(*part),
                        reason: why.to_string(),
                    });
                }
            }
            Err(e @ Error::Remote { offline: true, .. }) => return Err(e),
            Err(Error::Remote { message, .. }) => {
                self.store.write(|tx| remote::mark_group_stale(tx, self.account_id, service_name, &message, &at))?;
                pulled.stale.push(StaleGroup { service_name: service_name.to_string(), part: None, reason: message });
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }

    async fn read_payg(&self, sn: &str, due: Due) -> Result<ReadGroup> {
        let c = self.client;
        let users = c.office_users(sn).await.map_err(remote_error)?;
        let licences: Vec<RemoteLicence> = users.iter().map(payg_licence).collect();
        let mut parts = Vec::new();
        let details = if due.details {
            let tenant = c.office_group(sn).await.map_err(remote_error)?;
            let mut domains = Vec::new();
            let mut domains_unread = None;
            for name in c.office_domains(sn).await.map_err(remote_error)? {
                domains.push(match c.office_domain(sn, &name).await {
                    Ok(d) => RemoteDomain {
                        name: d.domain_name,
                        status: d.status.as_str().to_string(),
                        txt_entry: Some(d.txt_entry).filter(|t| !t.is_empty()),
                    },
                    // Listed but not described: known by name, its state unknown.
                    Err(e) if !e.is_transient() => {
                        domains_unread.get_or_insert_with(|| unread(&e));
                        RemoteDomain { name, status: "unknown".into(), txt_entry: None }
                    }
                    Err(e) => return Err(remote_error(e)),
                });
            }
            parts.push((GroupPart::Domains, domains_unread));
            // New logins go to the first verified domain by default.
            let domain = domains.iter().find(|d| d.status == "ok").or(domains.first()).map(|d| d.name.clone());
            let infos = self.part(c.office_service_infos(sn).await, GroupPart::Renewal, &mut parts)?;
            Some(GroupDetails {
                display_name: tenant.display_name.clone(),
                status: infos
                    .as_ref()
                    .and_then(|i| i.status.as_ref())
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_else(|| tenant.status.as_str().to_string()),
                domain,
                created_on: Some(day(infos.as_ref().and_then(|i| i.creation).unwrap_or(tenant.creation_date.date()))),
                next_payment_on: None,
                renewal_period: Some("P1M".into()),
                mca_agreed: tenant.mca_agreed.unwrap_or(true),
                renewal: infos.as_ref().map(|i| i.renewal()),
                domains: Some(domains),
            })
        } else {
            None
        };
        let usage = if due.usage { Some(self.usage_of(UsageOf::Payg(sn), &mut parts).await?) } else { None };
        let offer = majority(licences.iter().map(|r| r.licence_type));
        Ok(ReadGroup {
            group: RemoteGroup { family: GroupFamily::PayAsYouGo, service_name: sn.to_string(), offer, details },
            licences,
            usage,
            parts,
        })
    }

    async fn read_prepaid(&self, tenant: &str, list: &[PrepaidLicence], due: Due) -> Result<ReadGroup> {
        let c = self.client;
        let any = list.first().map(|l| l.service_name.clone()).unwrap_or_default();
        let licences: Vec<RemoteLicence> = list.iter().map(prepaid_licence).collect();
        let mut parts = Vec::new();
        let details = if due.details {
            let parent = c.parent_tenant(&any).await.map_err(remote_error)?;
            // How the group renews is read on a licence that is not being terminated.
            let terminated = self.store.read(|conn| remote::terminated_licences(conn, self.account_id, tenant))?;
            let renewing = list.iter().map(|l| &l.service_name).find(|n| !terminated.contains(*n)).unwrap_or(&any);
            let infos = self.part(c.prepaid_service_infos(renewing).await, GroupPart::Renewal, &mut parts)?;
            let domain = list.iter().find_map(|l| l.activation_email.split_once('@').map(|(_, d)| d.to_string()));
            let period = infos.as_ref().and_then(|i| i.renew.as_ref()).and_then(|r| r.period).filter(|p| *p > 0);
            Some(GroupDetails {
                display_name: parent.display_name.clone(),
                status: infos
                    .as_ref()
                    .and_then(|i| i.status.as_ref())
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_else(|| parent.status.as_str().to_string()),
                domain,
                created_on: Some(day(infos.as_ref().and_then(|i| i.creation).unwrap_or(parent.creation_date.date()))),
                next_payment_on: infos.as_ref().map(|i| day(i.expiration)),
                renewal_period: Some(match period {
                    Some(12) => "P1Y".to_string(),
                    Some(n) => format!("P{n}M"),
                    None => "P1M".to_string(),
                }),
                mca_agreed: parent.mca_agreed.unwrap_or(true),
                renewal: infos.as_ref().map(|i| i.renewal()),
                domains: None,
            })
        } else {
            None
        };
        let usage = if due.usage { Some(self.usage_of(UsageOf::Prepaid(&any), &mut parts).await?) } else { None };
        let offer = majority(licences.iter().map(|r| r.licence_type));
        Ok(ReadGroup {
            group: RemoteGroup { family: GroupFamily::Prepaid, service_name: tenant.to_string(), offer, details },
            licences,
            usage,
            parts,
        })
    }

    /// A part of a group read on its own request: its value, or `None` with why noted in
    /// `parts` (the rest of the group is read all the same). Only an unreachable
    /// OVHcloud ends the pull, as for any request.
    fn part<T>(
        &self,
        read: std::result::Result<T, ApiError>,
        part: GroupPart,
        parts: &mut Vec<(GroupPart, Option<PartUnread>)>,
    ) -> Result<Option<T>> {
        match read {
            Ok(value) => {
                parts.push((part, None));
                Ok(Some(value))
            }
            Err(e) if is_offline(&e) => Err(remote_error(e)),
            Err(e) => {
                parts.push((part, Some(unread(&e))));
                Ok(None)
            }
        }
    }

    /// A year of usage statistics; none when they cannot be read (they are not vital:
    /// the part is noted unread, and the statistics known so far stay).
    async fn usage_of(
        &self,
        of: UsageOf<'_>,
        parts: &mut Vec<(GroupPart, Option<PartUnread>)>,
    ) -> Result<Vec<RemoteUsage>> {
        let today = now().date();
        let from = today - Duration::days(365);
        let stats = match of {
            UsageOf::Payg(sn) => self.client.office_usage_statistics(sn, from, today).await,
            UsageOf::Prepaid(any) => self.client.tenant_usage_statistics(any, from, today).await,
        };
        Ok(usage(self.part(stats, GroupPart::Usage, parts)?.unwrap_or_default()))
    }

    /// The catalog prices of the prepaid plans, for the order wizard and the costs. A
    /// catalog that cannot be read leaves the prices known so far.
    async fn pull_prices(&self) {
        let catalog = match self.client.prepaid_catalog(self.client.endpoint().subsidiary()).await {
            Ok(catalog) => catalog,
            Err(e) => {
                tracing::warn!(route = %format!("{} {}", e.method(), e.path()), query_id = e.query_id().unwrap_or("-"),
                    error = %e.message(), "the catalog could not be read; the prices known so far stay");
                return;
            }
        };
        let prices: Vec<_> = crate::ovh::monthly_prices(&catalog)
            .into_iter()
            .map(|p| (p.plan_code, p.licence_type, p.renewal_period, p.price_ucents_per_month, p.currency))
            .collect();
        let at = timestamp(now());
        let _ = self.store.write(|tx| remote::write_prices(tx, self.account_id, &prices, &at));
    }
}
