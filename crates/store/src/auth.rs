//! 账号 — users, their sessions and the audit log of a shared server, stored beside the
//! counties by every backend. Hashing, scopes and who may do what are decided above the store
//! (junheng-api); the store keeps the rows and makes each change atomic.

use serde::{Deserialize, Serialize};

use crate::StoreError;

/// 角色 — what a user may do within their scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 管理员: everything, and every county when the scope is national.
    Admin,
    /// 规划编制人员: reads and writes within the scope.
    Planner,
    /// 领导/查看: reads within the scope.
    Viewer,
}

impl Role {
    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Planner => "planner",
            Role::Viewer => "viewer",
        }
    }

    pub fn from_key(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "planner" => Some(Role::Planner),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }
}

/// A user as listed: name, role, scope (county, prefecture or province codes) and when the
/// account was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct User {
    pub name: String,
    pub role: Role,
    /// Division codes the user may see: a county (331125), a prefecture (331100), a province
    /// (330000), or 000000 for the whole country.
    pub scope: Vec<String>,
    pub created_at: String,
}

/// A user with what login checks need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub user: User,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Failed logins since the last success.
    pub failed_logins: u32,
    /// Until when logins are refused (UTC, ISO 8601), after too many failures.
    pub locked_until: Option<String>,
}

/// A signed-in session. The cookie carries the token; only its hash is stored, so a copy of
/// the database does not let anyone sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token_hash: String,
    pub user: String,
    /// The token the UI sends back in `x-csrf-token` with every write.
    pub csrf: String,
    pub created_at: String,
    pub expires_at: String,
}

/// 审计日志 — one write command run on the server: who, when, what, on which county, and how
/// it ended (`ok` or the error code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub user: String,
    pub command: String,
    pub county: String,
    pub outcome: String,
}

/// Accounts, sessions and the audit log: what a shared server stores besides counties.
#[async_trait::async_trait]
pub trait AuthStore: Send + Sync {
    /// How many accounts exist (a server with none serves without sign-in).
    async fn user_count(&self) -> Result<u64, StoreError>;
    /// Every account, by name.
    async fn users(&self) -> Result<Vec<User>, StoreError>;
    async fn user(&self, name: &str) -> Result<Option<UserRecord>, StoreError>;
    /// Adds an account; a conflict when the name is taken.
    async fn add_user(&self, user: &User, password_hash: &str) -> Result<(), StoreError>;
    /// Removes an account and its sessions; false when there was none.
    async fn remove_user(&self, name: &str) -> Result<bool, StoreError>;
    /// Sets a new password hash, ends the user's sessions and lifts a lock; false when there is
    /// no such user.
    async fn set_password(&self, name: &str, password_hash: &str) -> Result<bool, StoreError>;
    /// Counts one failed login atomically; from `lock_after` failures on, logins are refused
    /// until `lock_until`. Returns the failures counted so far (0 for an unknown name).
    async fn login_failed(
        &self,
        name: &str,
        lock_after: u32,
        lock_until: &str,
    ) -> Result<u32, StoreError>;
    /// Clears the failure count after a successful login.
    async fn login_succeeded(&self, name: &str) -> Result<(), StoreError>;
    async fn create_session(&self, s: &Session) -> Result<(), StoreError>;
    /// The session of a token hash with its user, if it exists and has not expired at `now`:
    /// one read, what every request of a signed-in user needs.
    async fn signed_in(
        &self,
        token_hash: &str,
        now: &str,
    ) -> Result<Option<(Session, User)>, StoreError>;
    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;
    /// Deletes sessions expired at `now`; how many.
    async fn purge_sessions(&self, now: &str) -> Result<u64, StoreError>;
    /// Appends one audit row (its `seq` and, when empty, `at` are the store's).
    async fn append_audit(&self, e: &AuditEntry) -> Result<(), StoreError>;
    /// The audit log, newest first.
    async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError>;
}
