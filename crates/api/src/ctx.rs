use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use junheng_core::projection::{CountyProjection, MigrationAssumption, Variant};
use junheng_core::scenario::Scenario;
use junheng_core::standards::Catalogue;
use junheng_core::{Actuals, CountyDataset};
use junheng_store::{HukouTable, OpenMode, SqliteStore, Store};
use junheng_store_pg::PgStore;
use tokio::sync::OnceCell;

use crate::cache::{projection_bytes, CacheLimits, Entry, Projections, ReadCache};
use crate::{project_dataset, ApiError, ErrorCode, PopulationBasis};

/// `Norm.origin` of a value the planner overrode for the county.
pub const COUNTY_OVERRIDE_ORIGIN: &str = "county_override";

/// Environment variable that overrides where the database lives.
pub const DB_ENV: &str = "JUNHENG_DB";

/// Where a database is: a SQLite file (a path, or `sqlite:PATH` / `sqlite://PATH`) or a
/// PostgreSQL database (`postgres://…`, `postgresql://…`). Every host chooses the store here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbLocation {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DbLocation {
    /// What a `--db` value or `$JUNHENG_DB` names.
    pub fn parse(text: &str) -> DbLocation {
        let t = text.trim();
        if junheng_store_pg::is_postgres_url(t) {
            return DbLocation::Postgres(t.to_string());
        }
        let path = t
            .strip_prefix("sqlite://")
            .or_else(|| t.strip_prefix("sqlite:"))
            .unwrap_or(text);
        DbLocation::Sqlite(PathBuf::from(path))
    }

    /// `--db` (a path, which may hold a URL), else `$JUNHENG_DB`, else `junheng.db` in the
    /// application-data directory (see [`resolve_db_path`]).
    pub fn resolve(flag: Option<&Path>, app_data_dir: Option<&Path>) -> DbLocation {
        let path = resolve_db_path(flag, app_data_dir);
        match path.to_str() {
            Some(text) => DbLocation::parse(text),
            // Not UTF-8: a file name, never a URL.
            None => DbLocation::Sqlite(path),
        }
    }

    /// How it is shown to the user: the path, or the URL without its password.
    pub fn shown(&self) -> String {
        match self {
            DbLocation::Sqlite(p) => p.display().to_string(),
            DbLocation::Postgres(url) => junheng_store_pg::redact(url),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, DbLocation::Postgres(_))
    }
}

/// What every command runs against: the store and the norms in force.
#[derive(Clone)]
pub struct Ctx {
    pub store: Arc<dyn Store>,
    pub norms: Catalogue,
    work: Arc<WorkCounters>,
    /// Recently used county views (see `cache.rs`); `None` computes every request afresh.
    cache: Option<Arc<ReadCache>>,
    /// Jobs running on this context (shared by its clones).
    pub(crate) jobs: Arc<crate::Jobs>,
    /// Who calls: the server session (jobs are scoped to it); empty on the desktop and the CLI.
    caller: String,
    /// The job the current command runs in, if its caller gave one.
    pub(crate) job: Option<Arc<crate::Job>>,
}

/// How much work a context has done since it was made: counted so that a test (and a
/// benchmark) can show that a request loads its county once and projects each assumption set
/// once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Work {
    /// Counties read from the store with their townships and facilities.
    pub county_loads: usize,
    /// Cohort-component projections run.
    pub projections: usize,
}

#[derive(Debug, Default)]
struct WorkCounters {
    county_loads: AtomicUsize,
    projections: AtomicUsize,
}

/// The assumptions a projection runs on. A [`CountyView`] projects each set once per request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProjectionSpec {
    pub variant: Variant,
    /// TFR from 2021; the engine default when absent.
    pub tfr: Option<f64>,
    pub migration: Option<MigrationAssumption>,
    /// 常住 (the census table) or 户籍 (the county's imported table in its place).
    pub basis: PopulationBasis,
}

impl ProjectionSpec {
    /// The medium variant on the resident base, no migration: what the dashboard, monitoring
    /// and the base scenario use.
    pub fn medium() -> ProjectionSpec {
        ProjectionSpec::default()
    }
}

/// One county as a command sees it: loaded once per request with the norms in force for it;
/// what a command may also need (actuals, the 户籍 table, scenarios, projections) is read or
/// computed on first use and kept for the rest of the request.
pub struct CountyView {
    pub code: String,
    pub data: Arc<CountyDataset>,
    pub norms: Catalogue,
    store: Arc<dyn Store>,
    /// The cache entry the view came from, which keeps its projections.
    entry: Option<Arc<Entry>>,
    work: Arc<WorkCounters>,
    /// Projections run at least to this year, so that a request asking for several horizons
    /// (the report: this year, 2030, 2035) projects once and reads the shorter ones from it.
    min_horizon: i32,
    actuals: OnceCell<Actuals>,
    hukou: OnceCell<Option<HukouTable>>,
    scenarios: OnceCell<Vec<Scenario>>,
    projections: Projections,
}

/// The last year-end a projection reaches.
fn horizon(p: &CountyProjection) -> i32 {
    p.county.last().map_or(i32::MIN, |y| y.year)
}

/// A projection cut at year-end `to`. Each year of the engine depends only on the years before
/// it, so this is the projection to `to` itself, bit for bit (tested in
/// `tests/county_view.rs`).
fn truncated(p: &CountyProjection, to: i32) -> CountyProjection {
    let upto = |s: &[junheng_core::projection::YearResult]| {
        s.iter()
            .filter(|y| y.year <= to)
            .cloned()
            .collect::<Vec<_>>()
    };
    let mut rates = p.rates.clone();
    rates.years.retain(|y| y.year <= to);
    CountyProjection {
        county: upto(&p.county),
        zones: p.zones.iter().map(|z| upto(z)).collect(),
        rates,
        fertility: p.fertility.clone(),
        e0: p.e0.clone(),
    }
}

impl CountyView {
    /// Projections of this view run at least to `year` (see `min_horizon`).
    pub fn with_horizon(mut self, year: i32) -> CountyView {
        self.min_horizon = year;
        self
    }

    /// The county's recorded actuals (动态监测), read once.
    pub async fn actuals(&self) -> Result<&Actuals, ApiError> {
        self.actuals
            .get_or_try_init(|| async { Ok(self.store.actuals(&self.code).await?) })
            .await
    }

    /// The county's 户籍 table, if one is imported, read once.
    pub async fn hukou(&self) -> Result<Option<&HukouTable>, ApiError> {
        let h = self
            .hukou
            .get_or_try_init(|| async {
                Ok::<_, ApiError>(self.store.hukou_population(&self.code).await?)
            })
            .await?;
        Ok(h.as_ref())
    }

    /// The county's stored scenarios, read once.
    pub async fn scenarios(&self) -> Result<&[Scenario], ApiError> {
        let s = self
            .scenarios
            .get_or_try_init(|| async {
                Ok::<_, ApiError>(self.store.scenarios(&self.code).await?)
            })
            .await?;
        Ok(s.as_slice())
    }

    /// The county, its townships and remainder projected to year-end `to` on `spec`; each
    /// assumption set is projected once per view and shorter horizons are cut from it.
    pub async fn projection(
        &self,
        spec: &ProjectionSpec,
        to: i32,
    ) -> Result<Arc<CountyProjection>, ApiError> {
        let cached = self
            .projections
            .lock()
            .expect("projection cache")
            .iter()
            .find(|(s, p)| s == spec && horizon(p) >= to)
            .map(|(_, p)| p.clone());
        let full = match cached {
            Some(p) => p,
            None => {
                let hukou_data;
                let data = match spec.basis {
                    PopulationBasis::Resident => &self.data,
                    PopulationBasis::Hukou => {
                        let h = self.hukou().await?.ok_or_else(|| no_hukou(&self.code))?;
                        let mut d = (*self.data).clone();
                        d.population = h.bands.clone();
                        hukou_data = d;
                        &hukou_data
                    }
                };
                // A year before the census keeps its error rather than being read from a
                // longer projection.
                let run_to = if to >= junheng_core::projection::BASE_YEAR {
                    to.max(self.min_horizon)
                } else {
                    to
                };
                let p = Arc::new(project_dataset(
                    data,
                    spec.variant,
                    spec.tfr,
                    run_to,
                    spec.migration.as_ref(),
                )?);
                self.work.projections.fetch_add(1, Ordering::Relaxed);
                self.projections
                    .lock()
                    .expect("projection cache")
                    .push((spec.clone(), p.clone()));
                if let Some(e) = &self.entry {
                    e.grew(projection_bytes(&p));
                }
                p
            }
        };
        Ok(if horizon(&full) == to {
            full
        } else {
            Arc::new(truncated(&full, to))
        })
    }
}

/// No 户籍 table is stored for the county.
pub fn no_hukou(county: &str) -> ApiError {
    ApiError::new(
        ErrorCode::ProjectionNoHukou,
        "no 户籍 table is stored for this county: import one first",
        serde_json::json!({ "county": county }),
    )
}

impl Ctx {
    pub fn new(store: Arc<dyn Store>) -> Ctx {
        Ctx {
            store,
            norms: Catalogue::national(),
            work: Arc::default(),
            cache: crate::cache::limits_from_env().map(|l| Arc::new(ReadCache::new(l))),
            jobs: Arc::default(),
            caller: String::new(),
            job: None,
        }
    }

    /// The same store and norms with a read cache of `limits`, or none (every request
    /// computed afresh).
    pub fn with_cache(mut self, limits: Option<CacheLimits>) -> Ctx {
        self.cache = limits.map(|l| Arc::new(ReadCache::new(l)));
        self
    }

    /// The read cache, where there is one.
    pub fn cache(&self) -> Option<&ReadCache> {
        self.cache.as_deref()
    }

    /// This context for requests of `caller` (a server session): its jobs are its own.
    pub fn with_caller(&self, caller: &str) -> Ctx {
        let mut c = self.clone();
        c.caller = caller.to_string();
        c.job = None;
        c
    }

    /// Who calls (see [`Ctx::with_caller`]).
    pub fn caller(&self) -> &str {
        &self.caller
    }

    /// The job `id` of this context's caller, for a host that forwards its progress (made
    /// when not known yet, so a watcher may come first).
    pub fn watch_job(&self, id: &str) -> Result<Arc<crate::Job>, ApiError> {
        self.jobs.open(&self.caller, id)
    }

    /// The work done through this context so far.
    pub fn work(&self) -> Work {
        Work {
            county_loads: self.work.county_loads.load(Ordering::Relaxed),
            projections: self.work.projections.load(Ordering::Relaxed),
        }
    }

    /// Opens the SQLite database at `path`; with `seed_demo`, an empty database gets the demo
    /// county so that a first start shows something real.
    pub async fn open_sqlite(path: &Path, seed_demo: bool) -> Result<Ctx, ApiError> {
        Self::open_sqlite_with(path, seed_demo, OpenMode::CreateIfMissing).await
    }

    /// Opens the store at `location`: PostgreSQL for a `postgres://` URL, else the SQLite file
    /// (`mode` says whether it may be created). With `seed_demo`, an empty SQLite database gets
    /// the demo county; a shared PostgreSQL server starts empty and gets counties from its
    /// administrators.
    pub async fn open(
        location: &DbLocation,
        seed_demo: bool,
        mode: OpenMode,
    ) -> Result<Ctx, ApiError> {
        match location {
            DbLocation::Sqlite(path) => Self::open_sqlite_with(path, seed_demo, mode).await,
            DbLocation::Postgres(url) => Ok(Ctx::new(Arc::new(PgStore::open(url).await?))),
        }
    }

    pub async fn open_sqlite_with(
        path: &Path,
        seed_demo: bool,
        mode: OpenMode,
    ) -> Result<Ctx, ApiError> {
        let store = SqliteStore::open_with(path, mode).await?;
        if seed_demo && !store.is_read_only() && store.county_codes().await?.is_empty() {
            store.create_county(&junheng_io::demo_dataset()?).await?;
        }
        Ok(Ctx::new(Arc::new(store)))
    }

    /// The norms in force for a county: national values with its stored overrides.
    pub async fn norms_for(&self, county: &str) -> Result<Catalogue, ApiError> {
        let overrides = self.store.norm_overrides(county).await?;
        self.norms
            .with_values(&overrides, COUNTY_OVERRIDE_ORIGIN)
            .map_err(|e| {
                ApiError::new(
                    ErrorCode::StoreCorrupt,
                    e.to_string(),
                    serde_json::json!({}),
                )
            })
    }

    /// The stored county `code` with its townships and facilities.
    pub async fn load_county(&self, code: &str) -> Result<CountyDataset, ApiError> {
        self.work.county_loads.fetch_add(1, Ordering::Relaxed);
        self.store
            .load_dataset(code)
            .await?
            .ok_or_else(|| ApiError::county_not_found(code))
    }

    /// The county a command acts on: the one requested (which must be stored), else the only
    /// one stored. With several stored and none named, the command is refused and the error
    /// lists them, so that nothing ever acts on "the first county" by accident.
    pub async fn county_code(&self, requested: Option<&str>) -> Result<String, ApiError> {
        let codes = self.store.county_codes().await?;
        match requested.filter(|c| !c.is_empty()) {
            Some(code) if codes.iter().any(|c| c == code) => Ok(code.to_string()),
            Some(code) => Err(ApiError::county_not_found(code)),
            None => match codes.as_slice() {
                [] => Err(ApiError::no_county()),
                [only] => Ok(only.clone()),
                many => Err(ApiError::with(
                    ErrorCode::CountyAmbiguous,
                    serde_json::json!({ "codes": many.join(", ") }),
                )),
            },
        }
    }

    /// Loads the county a request names (see [`Ctx::county_code`]) with its norms, once.
    pub async fn view(&self, requested: Option<&str>) -> Result<CountyView, ApiError> {
        let named = requested.filter(|c| !c.is_empty());
        let (Some(_), Some(code)) = (&self.cache, named) else {
            let code = self.county_code(requested).await?;
            return self.view_at(&code, None).await;
        };
        // The version read says whether the county is stored, as the code list would.
        let version = self
            .store
            .county_version(code)
            .await?
            .ok_or_else(|| ApiError::county_not_found(code))?;
        self.view_at(code, Some(version)).await
    }

    /// The view of stored county `code` at data version `version` (read before the county,
    /// so that what is cached under a version is never older than it): from the cache when
    /// it holds that version, else loaded (and kept). Without a version or a cache, loaded.
    pub async fn view_at(&self, code: &str, version: Option<i64>) -> Result<CountyView, ApiError> {
        let cached = match (&self.cache, version) {
            (Some(c), Some(v)) => c.get(code, v).map(|e| (c, e)),
            _ => None,
        };
        let entry = match cached {
            Some((_, e)) => Some(e),
            None => {
                let data = Arc::new(self.load_county(code).await?);
                let norms = self.norms_for(code).await?;
                match (&self.cache, version) {
                    (Some(c), Some(v)) => {
                        let e = Arc::new(Entry::new(v, data, norms));
                        c.insert(code, e.clone());
                        Some(e)
                    }
                    _ => {
                        return Ok(self.make_view(code, data, norms, None, Projections::default()))
                    }
                }
            }
        };
        Ok(self.entry_view(code, entry.expect("an entry")))
    }

    /// The view of a cache entry, sharing its data, norms and projections.
    fn entry_view(&self, code: &str, e: Arc<Entry>) -> CountyView {
        self.make_view(
            code,
            e.data.clone(),
            e.norms.clone(),
            Some(e.clone()),
            e.projections.clone(),
        )
    }

    /// The view of stored county `code` at `version` from the cache when it holds it, else
    /// loaded without being kept: a pass over many counties (a national overview reads every
    /// stored one) must not push out the views that dashboards are being read from.
    pub async fn view_passing(&self, code: &str, version: i64) -> Result<CountyView, ApiError> {
        if let Some(e) = self.cache.as_ref().and_then(|c| c.get(code, version)) {
            return Ok(self.entry_view(code, e));
        }
        let data = Arc::new(self.load_county(code).await?);
        let norms = self.norms_for(code).await?;
        Ok(self.make_view(code, data, norms, None, Projections::default()))
    }

    fn make_view(
        &self,
        code: &str,
        data: Arc<CountyDataset>,
        norms: Catalogue,
        entry: Option<Arc<Entry>>,
        projections: Projections,
    ) -> CountyView {
        CountyView {
            code: code.to_string(),
            data,
            norms,
            store: self.store.clone(),
            entry,
            work: self.work.clone(),
            min_horizon: i32::MIN,
            actuals: OnceCell::new(),
            hukou: OnceCell::new(),
            scenarios: OnceCell::new(),
            projections,
        }
    }
}

/// The desktop app's identifier; its data folder is named after it, as Tauri names it.
pub const APP_IDENTIFIER: &str = "cn.junheng.planner";

/// The OS application-data directory of Junheng (`~/.local/share/cn.junheng.planner` on Linux),
/// the same folder the desktop host gets from Tauri, so the CLI and the app share a database.
pub fn default_app_data_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.data_dir().join(APP_IDENTIFIER))
}

/// Where the database lives: `--db`, else `$JUNHENG_DB`, else `junheng.db` in the OS
/// application-data directory (`app_data_dir` from the host, else [`default_app_data_dir`]).
pub fn resolve_db_path(flag: Option<&Path>, app_data_dir: Option<&Path>) -> PathBuf {
    if let Some(p) = flag {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    app_data_dir
        .map(Path::to_path_buf)
        .or_else(default_app_data_dir)
        .map(|d| d.join("junheng.db"))
        .unwrap_or_else(|| PathBuf::from("junheng.db"))
}
