//! `/auth` routes: server time, consumer keys.

use super::client::{Client, Request};
use super::error::ApiError;
use super::models::{Credential, CredentialRequest, PendingCredential};
use reqwest::Method;

impl Client {
    /// `GET /auth/time`: the server's UNIX time (unauthenticated). Signing does not need
    /// this: [`Client::time_offset`] measures it once per client.
    pub async fn server_time(&self) -> Result<i64, ApiError> {
        self.call(Request::get("/auth/time").unauthenticated()).await
    }

    /// `POST /auth/credential`: asks for a new consumer key with `rules`. The user must
    /// open the answer's `validation_url`; until then the key is `pendingValidation`.
    /// Signed by the application key only; never retried.
    pub async fn request_credential(&self, request: &CredentialRequest) -> Result<PendingCredential, ApiError> {
        self.call(Request::new(Method::POST, "/auth/credential").unauthenticated().json(request)).await
    }

    /// `GET /auth/currentCredential`: the consumer key in use, its state and rules.
    pub async fn current_credential(&self) -> Result<Credential, ApiError> {
        self.call(Request::get("/auth/currentCredential")).await
    }

    /// `POST /auth/logout`: expires the consumer key in use.
    pub async fn logout(&self) -> Result<(), ApiError> {
        self.call_void(Request::new(Method::POST, "/auth/logout")).await
    }
}
