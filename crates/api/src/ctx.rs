use std::path::{Path, PathBuf};
use std::sync::Arc;

use junheng_core::standards::Catalogue;
use junheng_core::CountyDataset;
use junheng_store::{OpenMode, SqliteStore, Store};
use junheng_store_pg::PgStore;

use crate::{ApiError, ErrorCode};

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
}

/// One county as a command sees it: loaded once per request with the norms in force for it.
pub struct CountyView {
    pub code: String,
    pub data: CountyDataset,
    pub norms: Catalogue,
}

impl Ctx {
    pub fn new(store: Arc<dyn Store>) -> Ctx {
        Ctx {
            store,
            norms: Catalogue::national(),
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
        let code = self.county_code(requested).await?;
        let data = self.load_county(&code).await?;
        let norms = self.norms_for(&code).await?;
        Ok(CountyView { code, data, norms })
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
