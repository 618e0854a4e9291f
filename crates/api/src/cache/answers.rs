//! 答复缓存 — the finished JSON text of read commands (dashboard, outlook, school balance,
//! monitoring), kept apart from the county views they were computed from. A census county's
//! dashboard is about 30 kB of text where its view (dataset and projections) is most of a MiB, so
//! the answers of every county of the country fit where a few hundred views would, and a view
//! evicted to make room does not take its answers with it. Each county's answers are kept at
//! the data version they were computed at; a read at another version drops them. When the
//! byte bound is passed the least recently used county's answers go first.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Bookkeeping bytes counted per kept answer besides its key and text.
const PER_ANSWER: usize = 96;

pub(crate) struct Answers {
    limit: usize,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    counties: HashMap<String, CountyAnswers>,
    bytes: usize,
    clock: u64,
}

struct CountyAnswers {
    version: i64,
    by_key: HashMap<String, Arc<str>>,
    bytes: usize,
    last_used: u64,
}

impl Answers {
    /// Answers of at most about `limit` bytes together.
    pub fn new(limit: usize) -> Answers {
        Answers {
            limit,
            inner: Mutex::default(),
        }
    }

    /// The answer kept under `key` for `county` at `version`. Answers of another version are
    /// dropped: the county was written since (or, rarely, this reader is behind a writer, and
    /// then the next read at the newer version recomputes).
    pub fn get(&self, county: &str, version: i64, key: &str) -> Option<Arc<str>> {
        let mut inner = self.inner.lock().expect("answers");
        inner.clock += 1;
        let now = inner.clock;
        let c = inner.counties.get_mut(county)?;
        if c.version != version {
            let gone = c.bytes;
            inner.counties.remove(county);
            inner.bytes -= gone;
            return None;
        }
        c.last_used = now;
        c.by_key.get(key).cloned()
    }

    /// Keeps `text` as the answer under `key` of `county` at `version`. An answer computed at
    /// an older version than the one kept is not kept; a newer one replaces the county's
    /// answers. Then the least recently used counties go until the bound holds.
    pub fn keep(&self, county: &str, version: i64, key: String, text: Arc<str>) {
        let size = key.len() + text.len() + PER_ANSWER;
        if size > self.limit {
            return;
        }
        let mut inner = self.inner.lock().expect("answers");
        inner.clock += 1;
        let now = inner.clock;
        let Inner {
            counties, bytes, ..
        } = &mut *inner;
        let c = counties
            .entry(county.to_string())
            .or_insert_with(|| CountyAnswers {
                version,
                by_key: HashMap::new(),
                bytes: 0,
                last_used: now,
            });
        if c.version > version {
            return;
        }
        if c.version < version {
            *bytes -= c.bytes;
            c.by_key.clear();
            c.bytes = 0;
            c.version = version;
        }
        c.last_used = now;
        if let Some(old) = c.by_key.insert(key.clone(), text) {
            let old_size = key.len() + old.len() + PER_ANSWER;
            c.bytes -= old_size;
            *bytes -= old_size;
        }
        c.bytes += size;
        *bytes += size;
        while *bytes > self.limit {
            let Some(oldest) = counties
                .iter()
                .filter(|(k, _)| k.as_str() != county)
                .min_by_key(|(_, c)| c.last_used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(c) = counties.remove(&oldest) {
                *bytes -= c.bytes;
            }
        }
    }

    /// Counties with answers kept, and their bytes.
    pub fn stats(&self) -> (usize, usize) {
        let inner = self.inner.lock().expect("answers");
        (inner.counties.len(), inner.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: usize) -> Arc<str> {
        "x".repeat(n).into()
    }

    #[test]
    fn an_answer_is_kept_at_its_version_only() {
        let a = Answers::new(1 << 20);
        a.keep("331125", 4, "d".into(), text(10));
        assert_eq!(a.get("331125", 4, "d").as_deref(), Some("xxxxxxxxxx"));
        assert!(a.get("331125", 4, "other").is_none());
        // Written since: a miss, and the county's answers are gone.
        assert!(a.get("331125", 5, "d").is_none());
        assert_eq!(a.stats(), (0, 0));
        // An answer computed from an older version never replaces a newer one.
        a.keep("331125", 7, "d".into(), text(3));
        a.keep("331125", 6, "d".into(), text(5));
        assert_eq!(a.get("331125", 7, "d").as_deref(), Some("xxx"));
        assert_eq!(a.stats(), (1, 1 + 3 + PER_ANSWER));
    }

    #[test]
    fn the_least_recently_used_county_goes_first_and_bytes_add_up() {
        // Room for two answers of 100 + 1 + 96 bytes, not three.
        let a = Answers::new(2 * (100 + 1 + PER_ANSWER) + 50);
        a.keep("a", 1, "d".into(), text(100));
        a.keep("b", 1, "d".into(), text(100));
        assert!(a.get("a", 1, "d").is_some());
        a.keep("c", 1, "d".into(), text(100));
        assert!(a.get("b", 1, "d").is_none(), "b was used least recently");
        assert!(a.get("a", 1, "d").is_some() && a.get("c", 1, "d").is_some());
        assert_eq!(a.stats(), (2, 2 * (100 + 1 + PER_ANSWER)));
        // Replacing an answer counts its new size, not both.
        a.keep("c", 1, "d".into(), text(10));
        assert_eq!(a.stats(), (2, 2 * (1 + PER_ANSWER) + 110));
        // An answer larger than the whole bound is not kept at all.
        a.keep("d", 1, "d".into(), text(10_000));
        assert!(a.get("d", 1, "d").is_none());
        assert_eq!(a.stats().0, 2);
    }
}
