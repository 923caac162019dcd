//! Client-side throttling, shared by every request of one client.
//!
//! OVHcloud's only statement on limits is "fair use: not over 60 requests per minute
//! per consumer key" (reference §6.5). The limiter keeps exactly that, and no tighter:
//! a sliding window remembers when the last `max` requests left, and a request waits
//! only if `max` of them left within the last `window`. So at most `max` requests go
//! in **any** window-long span, and a sync that needs 30 requests sends them at once
//! (within the client's in-flight bound).

use std::collections::VecDeque;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// At most `max` requests in any `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub max: u32,
    pub window: Duration,
}

impl RateLimit {
    /// OVHcloud's fair use: 60 requests in any minute.
    pub const FAIR_USE: RateLimit = RateLimit { max: 60, window: Duration::from_secs(60) };

    /// No throttling at all (for benchmarks and tests against the simulator).
    pub const UNLIMITED: RateLimit = RateLimit { max: u32::MAX, window: Duration::ZERO };

    pub fn is_unlimited(&self) -> bool {
        self.max == u32::MAX || self.window.is_zero()
    }
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit::FAIR_USE
    }
}

/// A sliding-window limiter. Waiters queue on a fair mutex, so they are served in
/// arrival order.
pub struct RateLimiter {
    limit: RateLimit,
    /// When the most recent requests (at most `max`) left, oldest first.
    sent: Mutex<VecDeque<Instant>>,
    /// Until when a request is waiting for the window, if one is (for a progress bar).
    blocked_until: std::sync::Mutex<Option<Instant>>,
}

impl RateLimiter {
    pub fn new(limit: RateLimit) -> RateLimiter {
        RateLimiter { limit, sent: Mutex::new(VecDeque::new()), blocked_until: std::sync::Mutex::new(None) }
    }

    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    /// How much longer the request now waiting for the window will wait, if one is.
    pub fn blocked_for(&self) -> Option<Duration> {
        let until = (*self.blocked_until.lock().unwrap_or_else(|p| p.into_inner()))?;
        Some(until.saturating_duration_since(Instant::now()))
    }

    fn set_blocked(&self, until: Option<Instant>) {
        *self.blocked_until.lock().unwrap_or_else(|p| p.into_inner()) = until;
    }

    /// How long a request asked now would wait.
    pub async fn wait_ahead(&self) -> Duration {
        if self.limit.is_unlimited() {
            return Duration::ZERO;
        }
        let sent = self.sent.lock().await;
        Self::wait_for(&sent, self.limit, Instant::now())
    }

    fn wait_for(sent: &VecDeque<Instant>, limit: RateLimit, now: Instant) -> Duration {
        if (sent.len() as u64) < u64::from(limit.max) {
            return Duration::ZERO;
        }
        // The window is full: the oldest must be a window old before another goes.
        sent.front().map(|oldest| (*oldest + limit.window).saturating_duration_since(now)).unwrap_or_default()
    }

    /// Waits until one request may be sent, and records it as sent.
    pub async fn acquire(&self) {
        if self.limit.is_unlimited() {
            return;
        }
        // Hold the lock while sleeping: the next waiter must not jump the queue.
        let mut sent = self.sent.lock().await;
        loop {
            let now = Instant::now();
            while sent.front().is_some_and(|t| now.duration_since(*t) >= self.limit.window) {
                sent.pop_front();
            }
            let wait = Self::wait_for(&sent, self.limit, now);
            if wait.is_zero() {
                sent.push_back(now);
                self.set_blocked(None);
                return;
            }
            self.set_blocked(Some(now + wait));
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_whole_window_goes_at_once_then_waits_for_the_oldest() {
        let limiter = RateLimiter::new(RateLimit { max: 10, window: Duration::from_secs(60) });
        let start = Instant::now();
        for _ in 0..10 {
            limiter.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO, "the first ten go at once");
        assert_eq!(limiter.wait_ahead().await, Duration::from_secs(60));
        assert_eq!(limiter.blocked_for(), None, "nobody waits yet");
        let limiter = std::sync::Arc::new(limiter);
        let waiting = {
            let limiter = limiter.clone();
            tokio::spawn(async move { limiter.acquire().await })
        };
        tokio::time::sleep(Duration::from_secs(20)).await;
        assert_eq!(limiter.blocked_for(), Some(Duration::from_secs(40)), "the progress bar can say how long");
        waiting.await.unwrap();
        assert_eq!(start.elapsed(), Duration::from_secs(60), "the eleventh waits for the first to be a minute old");
    }

    #[tokio::test(start_paused = true)]
    async fn no_window_ever_holds_more_than_the_limit() {
        let limit = RateLimit { max: 60, window: Duration::from_secs(60) };
        let limiter = RateLimiter::new(limit);
        let start = Instant::now();
        let mut times = Vec::new();
        for i in 0..200 {
            // Irregular arrivals: bursts and pauses.
            if i % 37 == 0 {
                tokio::time::sleep(Duration::from_millis(7_300)).await;
            }
            limiter.acquire().await;
            times.push(start.elapsed());
        }
        for (i, t) in times.iter().enumerate() {
            let in_window = times[i..].iter().take_while(|u| **u - *t < limit.window).count();
            assert!(in_window <= 60, "{in_window} requests within a minute from {t:?}");
        }
        // And no tighter than needed: the 61st goes the moment the first is a minute old.
        assert_eq!(times[60], times[0] + limit.window);
        assert!(*times.last().unwrap() < Duration::from_secs(240), "{:?}", times.last());
    }

    #[tokio::test(start_paused = true)]
    async fn unlimited_never_waits() {
        let limiter = RateLimiter::new(RateLimit::UNLIMITED);
        let start = Instant::now();
        for _ in 0..10_000 {
            limiter.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
}
