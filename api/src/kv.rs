//! Shared key-value state: Redis when `REDIS_URL` is set, else an in-process
//! map that is correct for a single instance only.
//!
//! It holds what several API instances must agree on: login lockout counters,
//! revoked access tokens and the barcode cache.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use deadpool_redis::redis::AsyncCommands;

use crate::error::ApiResult;

#[derive(Clone)]
pub enum Kv {
    Redis {
        pool: deadpool_redis::Pool,
        prefix: String,
    },
    Memory(Arc<Mutex<HashMap<String, Entry>>>),
}

#[derive(Clone)]
pub struct Entry {
    value: String,
    expires: Instant,
}

impl Kv {
    pub fn redis(url: &str, prefix: String) -> anyhow::Result<Self> {
        let mut cfg = deadpool_redis::Config::from_url(url);
        cfg.pool = Some(deadpool_redis::PoolConfig {
            max_size: 32,
            timeouts: deadpool_redis::Timeouts {
                wait: Some(Duration::from_secs(2)),
                create: Some(Duration::from_secs(2)),
                recycle: Some(Duration::from_secs(2)),
            },
            ..Default::default()
        });
        let pool = cfg.create_pool(Some(deadpool_redis::Runtime::Tokio1))?;
        Ok(Self::Redis { pool, prefix })
    }

    pub fn memory() -> Self {
        Self::Memory(Arc::default())
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Redis { .. } => "redis",
            Self::Memory(_) => "in-process",
        }
    }

    pub async fn ping(&self) -> ApiResult<()> {
        if let Self::Redis { pool, .. } = self {
            let mut conn = pool.get().await?;
            let _: String = deadpool_redis::redis::cmd("PING")
                .query_async(&mut conn)
                .await?;
        }
        Ok(())
    }

    pub async fn get(&self, key: &str) -> ApiResult<Option<String>> {
        match self {
            Self::Redis { pool, prefix } => {
                let mut conn = pool.get().await?;
                Ok(conn.get(format!("{prefix}{key}")).await?)
            }
            Self::Memory(map) => {
                let mut map = map.lock().expect("kv lock");
                Ok(live_entry(&mut map, key).map(|e| e.value.clone()))
            }
        }
    }

    pub async fn set_ex(&self, key: &str, value: &str, ttl: Duration) -> ApiResult<()> {
        let secs = ttl.as_secs().max(1);
        match self {
            Self::Redis { pool, prefix } => {
                let mut conn = pool.get().await?;
                let _: () = conn.set_ex(format!("{prefix}{key}"), value, secs).await?;
            }
            Self::Memory(map) => {
                let mut map = map.lock().expect("kv lock");
                if map.len() > 100_000 {
                    let now = Instant::now();
                    map.retain(|_, e| e.expires > now);
                }
                map.insert(
                    key.to_owned(),
                    Entry {
                        value: value.to_owned(),
                        expires: Instant::now() + Duration::from_secs(secs),
                    },
                );
            }
        }
        Ok(())
    }

    pub async fn del(&self, keys: &[String]) -> ApiResult<()> {
        if keys.is_empty() {
            return Ok(());
        }
        match self {
            Self::Redis { pool, prefix } => {
                let mut conn = pool.get().await?;
                let full: Vec<String> = keys.iter().map(|k| format!("{prefix}{k}")).collect();
                let _: () = conn.del(full).await?;
            }
            Self::Memory(map) => {
                let mut map = map.lock().expect("kv lock");
                for k in keys {
                    map.remove(k);
                }
            }
        }
        Ok(())
    }

    /// Increments a counter whose window starts at its first increment and
    /// lasts `window`; returns the new count.
    pub async fn incr_in_window(&self, key: &str, window: Duration) -> ApiResult<u64> {
        match self {
            Self::Redis { pool, prefix } => {
                let mut conn = pool.get().await?;
                let full = format!("{prefix}{key}");
                let (count,): (u64,) = deadpool_redis::redis::pipe()
                    .atomic()
                    .incr(&full, 1)
                    .cmd("EXPIRE")
                    .arg(&full)
                    .arg(window.as_secs())
                    .arg("NX")
                    .ignore()
                    .query_async(&mut conn)
                    .await?;
                Ok(count)
            }
            Self::Memory(map) => {
                let mut map = map.lock().expect("kv lock");
                let count = live_entry(&mut map, key)
                    .map(|e| e.value.parse::<u64>().unwrap_or(0))
                    .unwrap_or(0)
                    + 1;
                let expires = live_entry(&mut map, key)
                    .map(|e| e.expires)
                    .unwrap_or_else(|| Instant::now() + window);
                map.insert(
                    key.to_owned(),
                    Entry {
                        value: count.to_string(),
                        expires,
                    },
                );
                Ok(count)
            }
        }
    }

    /// Seconds until `key` expires, or `None` when it does not exist.
    pub async fn ttl_secs(&self, key: &str) -> ApiResult<Option<u64>> {
        match self {
            Self::Redis { pool, prefix } => {
                let mut conn = pool.get().await?;
                let ttl: i64 = conn.ttl(format!("{prefix}{key}")).await?;
                Ok((ttl > 0).then_some(ttl as u64).or((ttl == -1).then_some(1)))
            }
            Self::Memory(map) => {
                let mut map = map.lock().expect("kv lock");
                Ok(live_entry(&mut map, key).map(|e| {
                    e.expires
                        .saturating_duration_since(Instant::now())
                        .as_secs()
                        .max(1)
                }))
            }
        }
    }
}

fn live_entry<'a>(map: &'a mut HashMap<String, Entry>, key: &str) -> Option<&'a Entry> {
    if map.get(key).is_some_and(|e| e.expires <= Instant::now()) {
        map.remove(key);
    }
    map.get(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn memory_counter_counts_within_its_window() {
        let kv = Kv::memory();
        assert_eq!(
            kv.incr_in_window("k", Duration::from_secs(60))
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            kv.incr_in_window("k", Duration::from_secs(60))
                .await
                .unwrap(),
            2
        );
        assert!(kv.ttl_secs("k").await.unwrap().is_some());
        kv.del(&["k".into()]).await.unwrap();
        assert_eq!(kv.ttl_secs("k").await.unwrap(), None);
    }
}
