//! 读缓存 — recently used county views kept between requests, so that many officials reading
//! the same counties do not each reload and re-project them. An entry is the county as stored
//! at one 数据版本 (the store moves the version in the transaction of every write, from any
//! process): its dataset, the norms in force, its projections, and the finished answers of read
//! commands that are pure functions of it. A request first reads the version (one indexed row)
//! and uses an entry only when the versions are equal, so a write anywhere is seen by the next
//! read. Bounded by count and by an estimate of bytes; the least recently used goes first.
//! Requests for an answer not yet kept compute it one at a time (`flights`): the first computes,
//! the others wait and read what it kept.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use junheng_core::overview::OverviewRow;
use junheng_core::projection::CountyProjection;
use junheng_core::standards::Catalogue;
use junheng_core::CountyDataset;
use serde_json::Value;

use crate::ProjectionSpec;

mod answers;
mod flights;
use answers::Answers;
pub(crate) use flights::Turn;

/// How much a cache may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheLimits {
    /// County entries at most.
    pub counties: usize,
    /// Estimated bytes of every entry together (datasets, projections).
    pub bytes: usize,
    /// Bytes of the finished answers' JSON text together, kept apart from the entries.
    pub answer_bytes: usize,
}

impl Default for CacheLimits {
    /// 512 counties or 512 MiB of views: a province's counties several times over (a county
    /// with its projections is most of a MiB), within a small server's memory; and 256 MiB of
    /// answers, the dashboards of every county of the country (about 30 kB each for a county
    /// from the census) several times over.
    fn default() -> CacheLimits {
        CacheLimits {
            counties: 512,
            bytes: 512 << 20,
            answer_bytes: 256 << 20,
        }
    }
}

/// Environment variable that sets the read cache of every context a process opens: `off`, or
/// `COUNTIES`, `COUNTIES,MIB` or `COUNTIES,MIB,ANSWER_MIB` (e.g. `200,1024,512`); the default
/// limits for what is left out.
pub const CACHE_ENV: &str = "JUNHENG_READ_CACHE";

/// The limits `$JUNHENG_READ_CACHE` asks for (`None`: no cache). A value that cannot be read
/// leaves the defaults, with a warning on stderr.
pub fn limits_from_env() -> Option<CacheLimits> {
    match std::env::var(CACHE_ENV) {
        Ok(v) => parse_limits(&v).unwrap_or_else(|| {
            eprintln!(
                "{CACHE_ENV}={v:?} is not `off`, `COUNTIES`, `COUNTIES,MIB` or `COUNTIES,MIB,ANSWER_MIB`: using the defaults"
            );
            Some(CacheLimits::default())
        }),
        Err(_) => Some(CacheLimits::default()),
    }
}

/// `off` → no cache; `N` → N counties; `N,M` → N counties and M MiB of views; `N,M,A` and A MiB
/// of answers. Counties 1–100 000, MiB 1–1 048 576.
fn parse_limits(text: &str) -> Option<Option<CacheLimits>> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("off") || t == "0" {
        return Some(None);
    }
    let mut parts = t.split(',');
    let counties: usize = parts.next()?.trim().parse().ok()?;
    let mut mib = |default: usize| -> Option<usize> {
        let m = match parts.next() {
            Some(m) => m.trim().parse().ok()?,
            None => default >> 20,
        };
        (1..=1 << 20).contains(&m).then_some(m << 20)
    };
    let bytes = mib(CacheLimits::default().bytes)?;
    let answer_bytes = mib(CacheLimits::default().answer_bytes)?;
    if parts.next().is_some() || !(1..=100_000).contains(&counties) {
        return None;
    }
    Some(Some(CacheLimits {
        counties,
        bytes,
        answer_bytes,
    }))
}

/// Projections of one view, shared by every request that uses the same entry.
pub(crate) type Projections = Arc<Mutex<Vec<(ProjectionSpec, Arc<CountyProjection>)>>>;

/// One county at one data version.
pub(crate) struct Entry {
    pub version: i64,
    pub data: Arc<CountyDataset>,
    pub norms: Catalogue,
    pub projections: Projections,
    /// Estimated bytes: the dataset at insertion, grown by each projection kept.
    bytes: AtomicUsize,
    last_used: AtomicU64,
}

impl Entry {
    pub fn new(version: i64, data: Arc<CountyDataset>, norms: Catalogue) -> Entry {
        let bytes = dataset_bytes(&data);
        Entry {
            version,
            data,
            norms,
            projections: Arc::default(),
            bytes: AtomicUsize::new(bytes),
            last_used: AtomicU64::new(0),
        }
    }

    /// Counts a projection kept in the entry.
    pub fn grew(&self, bytes: usize) {
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    fn bytes(&self) -> usize {
        self.bytes.load(Ordering::Relaxed)
    }
}

/// Estimated heap bytes of a dataset: the geometries' JSON length (coordinates dominate it and
/// take about as much in memory as in text), plus a flat size per row.
fn dataset_bytes(d: &CountyDataset) -> usize {
    let json = |v: &Value| serde_json::to_vec(v).map_or(0, |b| b.len());
    let geometry: usize = d.townships.iter().map(|t| json(&t.boundary)).sum::<usize>()
        + d.outline.as_ref().map_or(0, json);
    geometry + 2048 * (1 + d.townships.len()) + 1024 * (d.facilities.len() + d.places.len())
}

/// Estimated heap bytes of a projection: per year and zone, two sexes of single ages as f64.
pub(crate) fn projection_bytes(p: &CountyProjection) -> usize {
    let years = p.county.len();
    let series = 1 + p.zones.len();
    series * years * (2 * 101 * 8 + 64)
}

/// The cache of one context (shared by its clones).
pub struct ReadCache {
    limits: CacheLimits,
    entries: Mutex<HashMap<String, Arc<Entry>>>,
    clock: AtomicU64,
    hits: AtomicU64,
    misses: AtomicU64,
    /// Overview rows of counties from the census alone, by (code, year): pure functions of
    /// the bundled data and the national norms, so never stale.
    census_rows: Mutex<HashMap<(String, i32), OverviewRow>>,
    /// Overview rows of stored counties by (code, year), with the data version they were
    /// computed at: a prefecture or province read again costs lookups, without holding every
    /// county's whole view.
    stored_rows: Mutex<HashMap<(String, i32), (i64, OverviewRow)>>,
    /// The thinned county outlines of each scope asked for (bundled data: never stale; at
    /// most one per province and prefecture, a few hundred kB each).
    scope_outlines: Mutex<HashMap<String, Arc<str>>>,
    /// The finished answers of cached read commands, by county and data version.
    answers: Answers,
    /// 区域总览 answers by request, with the fingerprint of their counties' versions.
    scope_answers: Mutex<HashMap<String, (u64, Arc<str>)>>,
    /// Answers being computed, so that a slot is computed by one request at a time.
    flights: flights::Flights<Slot>,
}

/// Scopes whose outlines are kept at most (a province's are a few hundred kB).
const SCOPE_OUTLINES: usize = 16;

/// Census rows kept at most: every county of the country for about seven years (~10 MiB).
const CENSUS_ROWS: usize = 20_000;

/// What a cache holds and how it has served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacheStats {
    pub counties: usize,
    pub bytes: usize,
    pub hits: u64,
    pub misses: u64,
    /// Counties with finished answers kept, and the bytes of their text.
    pub answer_counties: usize,
    pub answer_bytes: usize,
}

impl ReadCache {
    pub fn new(limits: CacheLimits) -> ReadCache {
        ReadCache {
            limits,
            entries: Mutex::default(),
            clock: AtomicU64::new(0),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            census_rows: Mutex::default(),
            scope_outlines: Mutex::default(),
            stored_rows: Mutex::default(),
            answers: Answers::new(limits.answer_bytes),
            scope_answers: Mutex::default(),
            flights: flights::Flights::default(),
        }
    }

    /// A stored county's overview row of `year`, if kept at `version`.
    pub(crate) fn stored_row(&self, code: &str, version: i64, year: i32) -> Option<OverviewRow> {
        let rows = self.stored_rows.lock().expect("stored rows");
        match rows.get(&(code.to_string(), year)) {
            Some((v, row)) if *v == version => Some(row.clone()),
            _ => None,
        }
    }

    /// Keeps a stored county's row; when full, the rows kept so far are dropped.
    pub(crate) fn keep_stored_row(&self, code: &str, version: i64, year: i32, row: OverviewRow) {
        let mut rows = self.stored_rows.lock().expect("stored rows");
        if rows.len() >= CENSUS_ROWS {
            rows.clear();
        }
        rows.insert((code.to_string(), year), (version, row));
    }

    pub(crate) fn scope_outlines(&self, scope: &str) -> Option<Arc<str>> {
        self.scope_outlines
            .lock()
            .expect("outlines")
            .get(scope)
            .cloned()
    }

    /// Keeps a scope's outlines; past [`SCOPE_OUTLINES`] scopes the kept ones are dropped.
    pub(crate) fn keep_scope_outlines(&self, scope: &str, v: Arc<str>) {
        let mut kept = self.scope_outlines.lock().expect("outlines");
        if kept.len() >= SCOPE_OUTLINES {
            kept.clear();
        }
        kept.insert(scope.to_string(), v);
    }

    /// The overview row of a county from the census alone, if kept.
    pub(crate) fn census_row(&self, code: &str, year: i32) -> Option<OverviewRow> {
        let rows = self.census_rows.lock().expect("census rows");
        rows.get(&(code.to_string(), year)).cloned()
    }

    /// Keeps a census row; when full, the rows kept so far are dropped (they are recomputed
    /// in milliseconds, and a national overview refills them in one pass).
    pub(crate) fn keep_census_row(&self, code: &str, year: i32, row: OverviewRow) {
        let mut rows = self.census_rows.lock().expect("census rows");
        if rows.len() >= CENSUS_ROWS {
            rows.clear();
        }
        rows.insert((code.to_string(), year), row);
    }

    /// The answer kept for `slot` (a county's at its version, a scope's at its counties'
    /// versions), counted as a hit.
    fn kept(&self, slot: &Slot) -> Option<Arc<str>> {
        let text = match slot {
            Slot::County {
                county,
                key,
                version,
            } => self.answers.get(county, *version, key),
            Slot::Scope { key, versions } => {
                let kept = self.scope_answers.lock().expect("scope answers");
                kept.get(key)
                    .filter(|(v, _)| v == versions)
                    .map(|(_, text)| text.clone())
            }
        }?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(text)
    }

    /// The answer kept for `slot`, else the slot to keep it in.
    fn lookup(&self, slot: Slot) -> Lookup {
        match self.kept(&slot) {
            Some(text) => Lookup::Hit(text),
            None => Lookup::Miss(Some(slot)),
        }
    }

    pub fn limits(&self) -> CacheLimits {
        self.limits
    }

    /// The entry of `county` when it is at `version`; an entry of another version is dropped.
    pub(crate) fn get(&self, county: &str, version: i64) -> Option<Arc<Entry>> {
        let mut entries = self.entries.lock().expect("cache");
        match entries.get(county) {
            Some(e) if e.version == version => {
                e.last_used.store(
                    self.clock.fetch_add(1, Ordering::Relaxed),
                    Ordering::Relaxed,
                );
                self.hits.fetch_add(1, Ordering::Relaxed);
                Some(e.clone())
            }
            Some(_) => {
                entries.remove(county);
                self.misses.fetch_add(1, Ordering::Relaxed);
                None
            }
            None => {
                self.misses.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// Keeps `entry` for `county` (replacing an older version; a newer one already kept
    /// stays) and evicts until the limits hold.
    pub(crate) fn insert(&self, county: &str, entry: Arc<Entry>) {
        let mut entries = self.entries.lock().expect("cache");
        if entries
            .get(county)
            .is_some_and(|e| e.version > entry.version)
        {
            return;
        }
        entry.last_used.store(
            self.clock.fetch_add(1, Ordering::Relaxed),
            Ordering::Relaxed,
        );
        entries.insert(county.to_string(), entry);
        self.evict(&mut entries);
    }

    /// Evicts least recently used entries until both limits hold. Called on insert; an entry
    /// grows afterwards only by the projections its requests add (a few per view), so a check
    /// per insert keeps the total near its bound.
    fn evict(&self, entries: &mut HashMap<String, Arc<Entry>>) {
        loop {
            let bytes: usize = entries.values().map(|e| e.bytes()).sum();
            if entries.len() <= self.limits.counties && bytes <= self.limits.bytes {
                return;
            }
            let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, e)| e.last_used.load(Ordering::Relaxed))
                .map(|(k, _)| k.clone())
            else {
                return;
            };
            entries.remove(&oldest);
        }
    }

    pub fn stats(&self) -> CacheStats {
        let entries = self.entries.lock().expect("cache");
        let (answer_counties, answer_bytes) = self.answers.stats();
        CacheStats {
            counties: entries.len(),
            bytes: entries.values().map(|e| e.bytes()).sum(),
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            answer_counties,
            answer_bytes,
        }
    }
}

/// Read commands whose answer is a pure function of the county view, the request and the
/// current year (a request without a year means this year): their JSON text is kept.
const CACHED_ANSWERS: &[&str] = &[
    "get_dashboard",
    "get_outlook",
    "get_school_balance",
    "get_monitoring",
];

/// The county and the answer key of a cacheable request; `None` when the command is not
/// cached or the request names no county (then the county is resolved by the command itself).
pub(crate) fn answer_key(cmd: &str, payload: &Value) -> Option<(String, String)> {
    if !CACHED_ANSWERS.contains(&cmd) {
        return None;
    }
    let county = payload.get("county")?.as_str()?.to_string();
    Some((county, request_key(cmd, payload)?))
}

/// The key of a request's answer: the command, this year (a request without a year means this
/// year) and the payload's fields in order, so that equal requests give equal keys whatever
/// order their fields came in.
fn request_key(cmd: &str, payload: &Value) -> Option<String> {
    let fields: std::collections::BTreeMap<&String, &Value> = payload.as_object()?.iter().collect();
    let text = serde_json::to_string(&fields).ok()?;
    Some(format!("{cmd}|{}|{text}", crate::dashboard::current_year()))
}

/// Where a computed answer goes: the county at the version read before computing, or a
/// scope at the versions of its stored counties.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) enum Slot {
    County {
        county: String,
        key: String,
        version: i64,
    },
    Scope {
        key: String,
        versions: u64,
    },
}

/// 区域总览 answers kept at most (a national one is about 2 MB of text).
const SCOPE_ANSWERS: usize = 32;

/// A fingerprint of the data versions of the stored counties of `scope` (as the overview
/// reads them): any write to one of them changes it, a write elsewhere does not. `None` for a
/// scope the overview refuses.
fn scope_versions(scope: &str, versions: &[(String, i64)]) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let counties = crate::overview::scope_counties(scope)?;
    let stored: HashMap<&str, i64> = versions.iter().map(|(c, v)| (c.as_str(), *v)).collect();
    let mut h = std::hash::DefaultHasher::new();
    for c in counties {
        (&c.code, stored.get(c.code.as_str())).hash(&mut h);
    }
    Some(h.finish())
}

pub(crate) enum Lookup {
    Hit(Arc<str>),
    /// Not held; `Some` where the answer may be kept once computed.
    Miss(Option<Slot>),
}

impl crate::Ctx {
    /// The cached answer of a request, or where to keep it.
    pub(crate) async fn cached_response(
        &self,
        cmd: &str,
        payload: &Value,
    ) -> Result<Lookup, crate::ApiError> {
        if cmd == "get_overview" {
            return self.cached_overview(payload).await;
        }
        let (Some(cache), Some((county, key))) = (self.cache(), answer_key(cmd, payload)) else {
            return Ok(Lookup::Miss(None));
        };
        let Some(version) = self.store.county_version(&county).await? else {
            // Not stored: the command answers with its own error.
            return Ok(Lookup::Miss(None));
        };
        Ok(cache.lookup(Slot::County {
            county,
            key,
            version,
        }))
    }

    /// A 区域总览 kept for the request while no stored county of its scope has been written.
    async fn cached_overview(&self, payload: &Value) -> Result<Lookup, crate::ApiError> {
        let Some(cache) = self.cache() else {
            return Ok(Lookup::Miss(None));
        };
        let Some(scope) = payload.get("scope").and_then(Value::as_str) else {
            return Ok(Lookup::Miss(None));
        };
        let scope = scope.trim();
        let versions = crate::overview::scope_stored_versions(self.store.as_ref(), scope).await?;
        let Some(versions) = scope_versions(scope, &versions) else {
            return Ok(Lookup::Miss(None));
        };
        let Some(key) = request_key("get_overview", payload) else {
            return Ok(Lookup::Miss(None));
        };
        Ok(cache.lookup(Slot::Scope { key, versions }))
    }

    /// Waits until no other request computes the answer of `slot`, then holds it: the first of
    /// many requests for one county or scope computes, the others find what it kept
    /// ([`Self::kept_response`]).
    pub(crate) async fn computing(&self, slot: &Slot) -> Option<Turn<'_, Slot>> {
        Some(self.cache()?.flights.turn(slot.clone()).await)
    }

    /// The answer kept for `slot`, if another request has computed it meanwhile.
    pub(crate) fn kept_response(&self, slot: &Slot) -> Option<Arc<str>> {
        self.cache()?.kept(slot)
    }

    /// Keeps a computed answer where its slot says.
    pub(crate) fn keep_response(&self, slot: Slot, text: Arc<str>) {
        let Some(cache) = self.cache() else { return };
        match slot {
            Slot::County {
                county,
                key,
                version,
            } => cache.answers.keep(&county, version, key, text),
            Slot::Scope { key, versions } => {
                let mut kept = cache.scope_answers.lock().expect("scope answers");
                if kept.len() >= SCOPE_ANSWERS && !kept.contains_key(&key) {
                    kept.clear();
                }
                kept.insert(key, (versions, text));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(version: i64, bytes: usize) -> Arc<Entry> {
        let e = Entry::new(
            version,
            Arc::new(junheng_io::demo_dataset().unwrap()),
            Catalogue::national(),
        );
        e.bytes.store(bytes, Ordering::Relaxed);
        Arc::new(e)
    }

    #[test]
    fn the_least_recently_used_goes_first_within_both_limits() {
        let c = ReadCache::new(CacheLimits {
            counties: 2,
            bytes: 1000,
            ..CacheLimits::default()
        });
        c.insert("a", entry(1, 100));
        c.insert("b", entry(1, 100));
        assert!(c.get("a", 1).is_some());
        c.insert("c", entry(1, 100));
        // b was used least recently: gone at three counties.
        assert!(c.get("b", 1).is_none());
        assert!(c.get("a", 1).is_some() && c.get("c", 1).is_some());
        // 600 + 600 > 1000 bytes: the older one goes although the count allows two.
        c.insert("d", entry(1, 600));
        c.insert("e", entry(1, 600));
        let s = c.stats();
        assert_eq!((s.counties, s.bytes), (1, 600));
        assert!(c.get("e", 1).is_some());
    }

    #[test]
    fn another_version_is_a_miss_and_an_older_one_never_replaces_a_newer() {
        let c = ReadCache::new(CacheLimits::default());
        c.insert("a", entry(5, 10));
        assert!(c.get("a", 6).is_none(), "written since: a miss");
        assert_eq!(c.stats().counties, 0, "and the stale entry is dropped");
        c.insert("a", entry(7, 10));
        c.insert("a", entry(6, 10));
        assert!(c.get("a", 7).is_some());
    }

    #[test]
    fn limits_are_read_from_their_text() {
        assert_eq!(parse_limits("off"), Some(None));
        assert_eq!(
            parse_limits(" 200, 1024 "),
            Some(Some(CacheLimits {
                counties: 200,
                bytes: 1024 << 20,
                answer_bytes: 256 << 20,
            }))
        );
        assert_eq!(
            parse_limits("10"),
            Some(Some(CacheLimits {
                counties: 10,
                bytes: 512 << 20,
                answer_bytes: 256 << 20,
            }))
        );
        assert_eq!(
            parse_limits("10,20,30"),
            Some(Some(CacheLimits {
                counties: 10,
                bytes: 20 << 20,
                answer_bytes: 30 << 20,
            }))
        );
        for bad in ["", "x", "10,", "10,0", "-1", "1,2,3,4", "1,2,0", "100001"] {
            assert_eq!(parse_limits(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn an_overview_is_kept_until_a_county_of_its_scope_is_written() {
        let stored = |v: i64| {
            vec![
                ("331125".to_string(), v), // 云和县, in 丽水市 and 浙江省
                ("110101".to_string(), 3), // 东城区, in neither
                ("331102".to_string(), 1), // 莲都区, in both
            ]
        };
        let lishui = scope_versions("331100", &stored(5)).unwrap();
        assert_eq!(lishui, scope_versions("331100", &stored(5)).unwrap());
        assert_ne!(lishui, scope_versions("331100", &stored(6)).unwrap());
        assert_ne!(
            scope_versions("330000", &stored(5)),
            scope_versions("330000", &stored(6))
        );
        // A write outside the scope keeps its answer.
        let mut elsewhere = stored(5);
        elsewhere[1].1 = 4;
        assert_eq!(lishui, scope_versions("331100", &elsewhere).unwrap());
        // A county of the scope added or removed changes it.
        assert_ne!(lishui, scope_versions("331100", &stored(5)[..2]).unwrap());
        assert_eq!(
            scope_versions("331125", &stored(5)),
            None,
            "a county is no scope"
        );
        assert!(scope_versions("000000", &stored(5)).is_some());
    }

    #[test]
    fn answers_are_keyed_by_the_whole_request_and_this_year() {
        let k = |p: Value| answer_key("get_dashboard", &p);
        let a = k(serde_json::json!({ "county": "331125", "as_of": 2026 })).unwrap();
        let b = k(serde_json::json!({ "as_of": 2026, "county": "331125" })).unwrap();
        assert_eq!(a, b);
        assert_ne!(
            a,
            k(serde_json::json!({ "county": "331125", "as_of": 2027 })).unwrap()
        );
        assert!(k(serde_json::json!({ "as_of": 2026 })).is_none());
        assert!(answer_key("edit_facility", &serde_json::json!({ "county": "331125" })).is_none());
    }
}
