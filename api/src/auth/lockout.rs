//! Login lockout: 5 failures for one username within 5 minutes lock it for
//! 5 minutes. Kept in the shared key-value store so it holds across instances.

use std::time::Duration;

use crate::{error::ApiResult, kv::Kv};

pub const MAX_FAILURES: u64 = 5;
pub const WINDOW: Duration = Duration::from_secs(300);
pub const LOCK: Duration = Duration::from_secs(300);

fn failures_key(username: &str) -> String {
    format!("login:failures:{}", username.to_lowercase())
}

fn lock_key(username: &str) -> String {
    format!("login:lock:{}", username.to_lowercase())
}

/// Seconds the username stays locked, if it is locked.
pub async fn locked_for(kv: &Kv, username: &str) -> ApiResult<Option<u64>> {
    kv.ttl_secs(&lock_key(username)).await
}

/// Records a failure; returns true when this failure locked the username.
pub async fn record_failure(kv: &Kv, username: &str) -> ApiResult<bool> {
    let failures = kv.incr_in_window(&failures_key(username), WINDOW).await?;
    if failures >= MAX_FAILURES {
        kv.set_ex(&lock_key(username), "1", LOCK).await?;
        kv.del(&[failures_key(username)]).await?;
        return Ok(true);
    }
    Ok(false)
}

pub async fn clear_failures(kv: &Kv, username: &str) -> ApiResult<()> {
    kv.del(&[failures_key(username)]).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_fifth_failure_locks() {
        let kv = Kv::memory();
        for _ in 0..4 {
            assert!(!record_failure(&kv, "Amina").await.unwrap());
        }
        assert_eq!(locked_for(&kv, "amina").await.unwrap(), None);
        assert!(record_failure(&kv, "amina").await.unwrap());
        assert!(locked_for(&kv, "AMINA").await.unwrap().unwrap() > 290);
    }
}
