//! Accounts, sessions and the audit log in PostgreSQL.

use sqlx::postgres::PgRow;
use sqlx::Row;

use crate::PgStore;
use junheng_store::rows::now_seconds;
use junheng_store::{AuditEntry, AuthStore, Role, Session, StoreError, User, UserRecord};

fn user_from_row(r: &PgRow) -> Result<UserRecord, StoreError> {
    let role: String = r.get("role");
    let scope: String = r.get("scope");
    Ok(UserRecord {
        user: User {
            name: r.get("name"),
            role: Role::from_key(&role)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown role {role}")))?,
            scope: scope
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            created_at: r.get("created_at"),
        },
        password_hash: r.get("password_hash"),
        failed_logins: r.get::<i32, _>("failed_logins") as u32,
        locked_until: r.get("locked_until"),
    })
}

#[async_trait::async_trait]
impl AuthStore for PgStore {
    async fn user_count(&self) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM app_user")
            .fetch_one(&self.pool)
            .await?;
        Ok(n as u64)
    }

    async fn users(&self) -> Result<Vec<User>, StoreError> {
        let rows = sqlx::query("SELECT * FROM app_user ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| user_from_row(r).map(|u| u.user))
            .collect()
    }

    async fn user(&self, name: &str) -> Result<Option<UserRecord>, StoreError> {
        sqlx::query("SELECT * FROM app_user WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| user_from_row(&r))
            .transpose()
    }

    async fn add_user(&self, user: &User, password_hash: &str) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        let exists: Option<String> =
            sqlx::query_scalar("SELECT name FROM app_user WHERE name = $1")
                .bind(&user.name)
                .fetch_optional(&mut *tx)
                .await?;
        if exists.is_some() {
            return Err(StoreError::Conflict(format!(
                "user {} already exists",
                user.name
            )));
        }
        sqlx::query(
            "INSERT INTO app_user (name, role, scope, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&user.name)
        .bind(user.role.key())
        .bind(user.scope.join(","))
        .bind(password_hash)
        .bind(&user.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn remove_user(&self, name: &str) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM user_session WHERE user_name = $1")
            .bind(name)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM app_user WHERE name = $1")
            .bind(name)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    async fn set_password(&self, name: &str, password_hash: &str) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let done = sqlx::query(
            "UPDATE app_user SET password_hash = $1, failed_logins = 0, locked_until = NULL WHERE name = $2",
        )
        .bind(password_hash)
        .bind(name)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM user_session WHERE user_name = $1")
            .bind(name)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    async fn login_failed(
        &self,
        name: &str,
        lock_after: u32,
        lock_until: &str,
    ) -> Result<u32, StoreError> {
        let mut tx = self.write().await?;
        let n: Option<i32> = sqlx::query_scalar(
            "UPDATE app_user SET failed_logins = failed_logins + 1 WHERE name = $1 RETURNING failed_logins",
        )
        .bind(name)
        .fetch_optional(&mut *tx)
        .await?;
        let n = n.unwrap_or(0) as u32;
        if n >= lock_after {
            sqlx::query("UPDATE app_user SET locked_until = $1 WHERE name = $2")
                .bind(lock_until)
                .bind(name)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(n)
    }

    async fn login_succeeded(&self, name: &str) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        sqlx::query("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE name = $1")
            .bind(name)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn create_session(&self, s: &Session) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO user_session (token_hash, user_name, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&s.token_hash)
        .bind(&s.user)
        .bind(&s.csrf)
        .bind(&s.created_at)
        .bind(&s.expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn signed_in(
        &self,
        token_hash: &str,
        now: &str,
    ) -> Result<Option<(Session, User)>, StoreError> {
        let Some(r) = sqlx::query(
            "SELECT s.token_hash, s.user_name, s.csrf, s.created_at AS session_created_at, \
             s.expires_at, u.* FROM user_session s JOIN app_user u ON u.name = s.user_name \
             WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let session = Session {
            token_hash: r.get("token_hash"),
            user: r.get("user_name"),
            csrf: r.get("csrf"),
            created_at: r.get("session_created_at"),
            expires_at: r.get("expires_at"),
        };
        Ok(Some((session, user_from_row(&r)?.user)))
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM user_session WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn purge_sessions(&self, now: &str) -> Result<u64, StoreError> {
        let mut tx = self.write().await?;
        let done = sqlx::query("DELETE FROM user_session WHERE expires_at <= $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }

    async fn append_audit(&self, e: &AuditEntry) -> Result<(), StoreError> {
        let at = if e.at.is_empty() {
            now_seconds()
        } else {
            e.at.clone()
        };
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO audit_log (at, user_name, command, county_code, outcome) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(at)
        .bind(&e.user)
        .bind(&e.command)
        .bind(&e.county)
        .bind(&e.outcome)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query("SELECT * FROM audit_log ORDER BY seq DESC LIMIT $1")
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| AuditEntry {
                seq: r.get("seq"),
                at: r.get("at"),
                user: r.get("user_name"),
                command: r.get("command"),
                county: r.get("county_code"),
                outcome: r.get("outcome"),
            })
            .collect())
    }
}
