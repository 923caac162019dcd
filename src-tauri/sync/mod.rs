//! Sending the outbox to OVHcloud and reading OVHcloud back into the store.
//!
//! For now this holds the plan of each pending change: the exact requests it becomes
//! (`plan.rs`), which the Pending changes panel previews and the sender will follow,
//! so what the user is shown is what is sent. Never imports Tauri; never holds a
//! secret in a plan (a password is shown as a placeholder and read from the keychain
//! only when sending).

pub mod engine;
pub mod plan;
pub mod service;

pub use engine::{client_config_for, client_for, ChangeOutcome, Engine, Progress, SyncReport};
pub use service::{Connected, SyncService, SyncStatus, DEMO_ENDPOINT, DEMO_LABEL};
pub use plan::{plan_change, ChangeContext, PlannedRequest};
