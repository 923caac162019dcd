//! The OVHcloud API v1 client: endpoints, request signing, wire models of the two
//! licence families (`/license/office` pay-as-you-go, `/license/officePrepaid`), the
//! public catalog, the order cart, `/me/order` and `/auth`; errors, throttling, retries and paging.
//!
//! This module owns wire formats and HTTP, and nothing else: it never touches SQLite,
//! Tauri or the keychain (callers hand it [`Secret`](crate::secret::Secret)s). OVHcloud's
//! field names (`activationEmail`, `serviceName`) stay inside it. Reference:
//! `shared/ovh/README.md` and the schemas in `shared/ovh/schema/`.
//!
//! ```no_run
//! # async fn demo() -> Result<(), seatkeeper::ovh::ApiError> {
//! use seatkeeper::ovh::{Client, ClientConfig, Endpoint};
//! use seatkeeper::secrets::Secret;
//! let config = ClientConfig::new(Endpoint::Eu, "app-key", Secret::new("app-secret"))
//!     .with_consumer_key(Secret::new("consumer-key"));
//! let client = Client::new(config)?;
//! for group in client.office_groups().await? {
//!     let users = client.office_users(&group).await?;
//!     println!("{group}: {} users", users.len());
//! }
//! # Ok(()) }
//! ```

mod auth;
mod client;
mod endpoint;
mod error;
mod limiter;
pub mod models;
mod office;
mod order;
mod prepaid;
pub mod sign;

pub use client::{
    Answer, Client, ClientConfig, PAGINATION_ELEMENTS, PAGINATION_MODE, PAGINATION_MODE_PAGES, PAGINATION_NUMBER,
    PAGINATION_SIZE, PAGINATION_TOTAL, QUERY_ID, Request, RetryPolicy, path_segment,
};
pub use endpoint::{BadEndpoint, Endpoint, Generation};
pub use error::{ApiError, AuthErrorCode, ErrorKind};
pub use limiter::{RateLimit, RateLimiter};
pub use order::{CatalogPrice, LicenceOrder, OrderOutcome, monthly_prices};
pub use prepaid::group_licence_names;
pub use reqwest::Method;
