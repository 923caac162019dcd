//! Client-side throttling: a token bucket shared by every request of one client.
//!
//! OVHcloud's only statement on limits is "fair use, about 60 requests per minute per
//! consumer key" (reference §6.5), so the client keeps under that by itself instead of
//! waiting for 429s.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// How fast requests may go: `per_minute` sustained, with bursts of up to `burst`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    pub per_minute: f64,
    pub burst: u32,
}

impl RateLimit {
    /// OVHcloud's fair use: 60 requests per minute, bursts of 5.
    pub const FAIR_USE: RateLimit = RateLimit { per_minute: 60.0, burst: 5 };

    /// No throttling at all (for benchmarks against the simulator).
    pub const UNLIMITED: RateLimit = RateLimit { per_minute: f64::INFINITY, burst: u32::MAX };
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit::FAIR_USE
    }
}

struct Bucket {
    tokens: f64,
    last: Instant,
}

/// A token bucket. Waiters queue on a fair mutex, so they are served in arrival order.
pub struct RateLimiter {
    limit: RateLimit,
    bucket: Mutex<Bucket>,
}

impl RateLimiter {
    pub fn new(limit: RateLimit) -> RateLimiter {
        let burst = f64::from(limit.burst.max(1));
        RateLimiter { limit, bucket: Mutex::new(Bucket { tokens: burst, last: Instant::now() }) }
    }

    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Waits until one request may be sent, and takes its token.
    pub async fn acquire(&self) {
        if self.limit.per_minute.is_infinite() {
            return;
        }
        let per_second = (self.limit.per_minute / 60.0).max(f64::MIN_POSITIVE);
        let burst = f64::from(self.limit.burst.max(1));
        let mut bucket = self.bucket.lock().await;
        loop {
            let now = Instant::now();
            let earned = now.duration_since(bucket.last).as_secs_f64() * per_second;
            bucket.tokens = (bucket.tokens + earned).min(burst);
            bucket.last = now;
            if bucket.tokens >= 1.0 {
                bucket.tokens -= 1.0;
                return;
            }
            // Hold the lock while sleeping: the next waiter must not jump the queue.
            let wait = (1.0 - bucket.tokens) / per_second;
            tokio::time::sleep(Duration::from_secs_f64(wait)).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn bursts_then_sustains_the_rate() {
        let limiter = RateLimiter::new(RateLimit { per_minute: 600.0, burst: 3 });
        let start = Instant::now();
        for _ in 0..3 {
            limiter.acquire().await;
        }
        assert!(start.elapsed() < Duration::from_millis(1), "the burst is free");
        for _ in 0..10 {
            limiter.acquire().await;
        }
        // 10 more tokens at 10 per second: one second, give or take a tick.
        let spent = start.elapsed();
        assert!(spent >= Duration::from_millis(990) && spent <= Duration::from_millis(1100), "{spent:?}");
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
