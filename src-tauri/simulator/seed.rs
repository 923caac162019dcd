//! What the simulator starts with: application keys, consumer keys and licence groups.

use super::state::CkState;

/// An application key and the consumer keys the seed creates are all given every right.
pub const APP_KEY: &str = "sim-application-key";
pub const APP_SECRET: &str = "sim-application-secret";
pub const CONSUMER_KEY: &str = "sim-consumer-key";
/// The OVHcloud account (nic handle) everything belongs to.
pub const ACCOUNT: &str = "ab12345-ovh";
/// The demo groups.
pub const DEMO_PREPAID_TENANT: &str = "office5678.o365.ovh.com";
pub const DEMO_PAYG_TENANT: &str = "office529.o365.ovh.com";

#[derive(Debug, Clone, PartialEq)]
pub struct SeedCredential {
    pub consumer_key: String,
    pub application_key: String,
    pub account: String,
    pub state: CkState,
    /// `(METHOD, path pattern)`.
    pub rules: Vec<(String, String)>,
}

/// A prepaid group: `configured` licences given to users and `unconfigured` free slots.
#[derive(Debug, Clone, PartialEq)]
pub struct PrepaidGroupSeed {
    pub tenant: String,
    pub display_name: String,
    /// `officeBusiness` or `officeProPlus`.
    pub licence: String,
    pub configured: usize,
    pub unconfigured: usize,
    pub account: String,
}

/// A pay-as-you-go group with `business` + `pro_plus` users.
#[derive(Debug, Clone, PartialEq)]
pub struct PaygGroupSeed {
    pub tenant: String,
    pub display_name: String,
    pub business: usize,
    pub pro_plus: usize,
    pub account: String,
}

/// The simulator's starting state, built up with the `with_*` methods.
#[derive(Debug, Clone, PartialEq)]
pub struct Seed {
    /// `(application key, application secret)`.
    pub apps: Vec<(String, String)>,
    pub credentials: Vec<SeedCredential>,
    pub prepaid: Vec<PrepaidGroupSeed>,
    pub payg: Vec<PaygGroupSeed>,
    /// Domains added to pay-as-you-go groups: `(tenant, domain, verified)`.
    pub domains: Vec<(String, String, bool)>,
}

impl Default for Seed {
    fn default() -> Self {
        Seed::demo()
    }
}

fn all_rules() -> Vec<(String, String)> {
    ["GET", "POST", "PUT", "DELETE"].iter().map(|m| (m.to_string(), "/*".to_string())).collect()
}

impl Seed {
    /// The application and a validated consumer key with every right; no groups.
    pub fn empty() -> Seed {
        Seed {
            apps: vec![(APP_KEY.into(), APP_SECRET.into())],
            credentials: vec![SeedCredential {
                consumer_key: CONSUMER_KEY.into(),
                application_key: APP_KEY.into(),
                account: ACCOUNT.into(),
                state: CkState::Validated,
                rules: all_rules(),
            }],
            prepaid: Vec::new(),
            payg: Vec::new(),
            domains: Vec::new(),
        }
    }

    /// One prepaid Apps for business group of 30 licences (24 given, 6 free slots) and
    /// one pay-as-you-go Apps for enterprise group of 12 users, whose company domain
    /// waits for its TXT record.
    pub fn demo() -> Seed {
        Seed::empty()
            .with_prepaid_group(DEMO_PREPAID_TENANT, "Contoso — Apps for business", "officeBusiness", 24, 6)
            .with_payg_group(DEMO_PAYG_TENANT, "Contoso — pay as you go", 0, 12)
            .with_domain(DEMO_PAYG_TENANT, "contoso.example", false)
    }

    /// A small business: two groups, 17 licences (a prepaid group of 10 with 2 free
    /// slots, a pay-as-you-go group of 7 users).
    pub fn small_account() -> Seed {
        Seed::empty()
            .with_prepaid_group(DEMO_PREPAID_TENANT, "Small business — Apps for business", "officeBusiness", 8, 2)
            .with_payg_group(DEMO_PAYG_TENANT, "Small business — pay as you go", 0, 7)
    }

    /// One prepaid Apps for business group at the 300 cap (280 given, 20 free slots).
    pub fn prepaid_benchmark() -> Seed {
        Seed::empty().with_prepaid_group("office7000.o365.ovh.com", "Benchmark prepaid", "officeBusiness", 280, 20)
    }

    /// One pay-as-you-go group of 5,000 users (300 business, 4,700 enterprise).
    pub fn payg_benchmark() -> Seed {
        Seed::empty().with_payg_group("office8000.o365.ovh.com", "Benchmark pay as you go", 300, 4700)
    }

    pub fn with_prepaid_group(
        mut self,
        tenant: &str,
        display_name: &str,
        licence: &str,
        configured: usize,
        unconfigured: usize,
    ) -> Seed {
        self.prepaid.push(PrepaidGroupSeed {
            tenant: tenant.into(),
            display_name: display_name.into(),
            licence: licence.into(),
            configured,
            unconfigured,
            account: ACCOUNT.into(),
        });
        self
    }

    pub fn with_payg_group(mut self, tenant: &str, display_name: &str, business: usize, pro_plus: usize) -> Seed {
        self.payg.push(PaygGroupSeed {
            tenant: tenant.into(),
            display_name: display_name.into(),
            business,
            pro_plus,
            account: ACCOUNT.into(),
        });
        self
    }

    /// Adds a domain to a pay-as-you-go group of the seed.
    pub fn with_domain(mut self, tenant: &str, domain: &str, verified: bool) -> Seed {
        self.domains.push((tenant.into(), domain.into(), verified));
        self
    }

    pub fn with_app(mut self, key: &str, secret: &str) -> Seed {
        self.apps.push((key.into(), secret.into()));
        self
    }

    /// A consumer key of `application_key` for `account`, in `state`, with `rules`.
    pub fn with_credential(
        mut self,
        consumer_key: &str,
        application_key: &str,
        account: &str,
        state: CkState,
        rules: &[(&str, &str)],
    ) -> Seed {
        self.credentials.push(SeedCredential {
            consumer_key: consumer_key.into(),
            application_key: application_key.into(),
            account: account.into(),
            state,
            rules: rules.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect(),
        });
        self
    }
}

const FIRST: [&str; 16] = [
    "Jane", "Louis", "Amira", "Noah", "Chloé", "Hugo", "Lina", "Arthur", "Emma", "Jules", "Inès", "Léo", "Sofia",
    "Gabriel", "Manon", "Yanis",
];
const LAST: [&str; 16] = [
    "Doe", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
    "Laurent", "Lefebvre", "Michel", "Garcia",
];

/// A deterministic person for the `i`th seeded user: `(first, last, login)`.
pub fn person(i: usize) -> (String, String, String) {
    let first = FIRST[i % FIRST.len()];
    let last = LAST[(i / FIRST.len()) % LAST.len()];
    let ascii = |s: &str| s.to_lowercase().replace(['é', 'è'], "e");
    let login = format!("{}.{}{}", ascii(first), ascii(last), i / (FIRST.len() * LAST.len()) + 1);
    (first.to_string(), last.to_string(), login)
}
