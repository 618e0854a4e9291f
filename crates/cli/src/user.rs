//! `junheng user add|list|remove|passwd|audit` — the accounts of a shared server, stored in its
//! database. Passwords come on standard input (`--password-stdin`), never as arguments, which
//! other users of the machine could read.

use std::io::Read;

use junheng_api::auth::{check_name, hash_password, parse_scope, NATIONAL};
use junheng_api::{ApiError, ErrorCode};
use junheng_store::{Role, User};
use serde_json::json;

use crate::db::{open_existing, open_or_create, DbArg};
use crate::error::CliError;
use crate::output::table_or_json;
use crate::FormatArg;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum RoleArg {
    /// Everything within the scope; with scope 000000, every county.
    Admin,
    /// Reads and writes (imports, edits, scenarios) within the scope.
    Planner,
    /// Reads within the scope.
    Viewer,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Admin => Role::Admin,
            RoleArg::Planner => Role::Planner,
            RoleArg::Viewer => Role::Viewer,
        }
    }
}

#[derive(clap::Subcommand)]
pub enum UserCmd {
    /// Add an account. Once a database has any account, `junheng serve` requires sign-in.
    Add {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Division codes, comma-separated: counties (331125), prefectures (331100), provinces
        /// (330000), or 000000 for the whole country.
        #[arg(long)]
        scope: String,
        #[command(flatten)]
        db: DbArg,
        /// Read the password from standard input (first line).
        #[arg(long)]
        password_stdin: bool,
    },
    /// The accounts: name, role, scope, created.
    List {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        out: FormatArg,
    },
    /// Remove an account and end its sessions.
    Remove {
        name: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Set a new password (ends the account's sessions and lifts a lock).
    Passwd {
        name: String,
        #[command(flatten)]
        db: DbArg,
        /// Read the password from standard input (first line).
        #[arg(long)]
        password_stdin: bool,
    },
    /// The audit log of writes made through the server, newest first.
    Audit {
        #[command(flatten)]
        db: DbArg,
        /// How many rows.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[command(flatten)]
        out: FormatArg,
    },
}

fn password(stdin: bool) -> Result<String, CliError> {
    if !stdin {
        return Err(CliError::arg(
            "--password-stdin",
            "请用 --password-stdin 从标准输入给出密码（例如 `printf '%s\\n' \"$PW\" | junheng user add …`）",
            "give the password on standard input with --password-stdin (e.g. `printf '%s\\n' \"$PW\" | junheng user add …`)",
        ));
    }
    let mut text = String::new();
    std::io::stdin()
        .take(64 * 1024)
        .read_to_string(&mut text)
        .map_err(|e| {
            CliError::arg(
                "--password-stdin",
                format!("无法读取密码：{e}"),
                format!("cannot read the password: {e}"),
            )
        })?;
    let first = text.lines().next().unwrap_or("").to_string();
    junheng_api::auth::check_password(&first)?;
    Ok(first)
}

pub async fn run(cmd: UserCmd) -> Result<String, CliError> {
    match cmd {
        UserCmd::Add {
            name,
            role,
            scope,
            db,
            password_stdin,
        } => {
            check_name(&name)?;
            let scope = parse_scope(&scope)?;
            let role = Role::from(role);
            let pw = password(password_stdin)?;
            let hash = hash_password(&pw)?;
            let (ctx, shown) = open_or_create(db.db.as_deref()).await?;
            let user = User {
                name: name.clone(),
                role,
                scope: scope.clone(),
                created_at: junheng_store::rows::now_seconds(),
            };
            let r = ctx.store.auth().add_user(&user, &hash).await;
            ctx.store.close().await;
            r.map_err(|e| match e {
                junheng_store::StoreError::Conflict(_) => ApiError::with(
                    ErrorCode::AuthBadUser,
                    json!({ "detail": format!("the name {name} is taken") }),
                ),
                other => other.into(),
            })?;
            let national = if scope.iter().any(|s| s == NATIONAL) {
                " (national)"
            } else {
                ""
            };
            Ok(format!(
                "added {name}: {} of {}{national} → {shown}",
                role.key(),
                scope.join(",")
            ))
        }
        UserCmd::List {
            db,
            out: FormatArg { format },
        } => {
            let ctx = open_existing(db.db.as_deref()).await?;
            let users = ctx.store.auth().users().await;
            ctx.store.close().await;
            let users = users?;
            Ok(table_or_json(format, &users, &|users| {
                let mut s = format!(
                    "{:<20} {:<8} {:<30} {}\n",
                    "name", "role", "scope", "created"
                );
                for u in users.iter() {
                    s.push_str(&format!(
                        "{:<20} {:<8} {:<30} {}\n",
                        u.name,
                        u.role.key(),
                        u.scope.join(","),
                        u.created_at
                    ));
                }
                s
            }))
        }
        UserCmd::Remove { name, db } => {
            let ctx = open_existing(db.db.as_deref()).await?;
            let r = ctx.store.auth().remove_user(&name).await;
            ctx.store.close().await;
            if !r? {
                return Err(
                    ApiError::with(ErrorCode::AuthUnknownUser, json!({ "name": name })).into(),
                );
            }
            Ok(format!("removed {name}"))
        }
        UserCmd::Passwd {
            name,
            db,
            password_stdin,
        } => {
            let hash = hash_password(&password(password_stdin)?)?;
            let ctx = open_existing(db.db.as_deref()).await?;
            let r = ctx.store.auth().set_password(&name, &hash).await;
            ctx.store.close().await;
            if !r? {
                return Err(
                    ApiError::with(ErrorCode::AuthUnknownUser, json!({ "name": name })).into(),
                );
            }
            Ok(format!(
                "new password set for {name}; their sessions were ended"
            ))
        }
        UserCmd::Audit {
            db,
            limit,
            out: FormatArg { format },
        } => {
            let ctx = open_existing(db.db.as_deref()).await?;
            let log = ctx.store.auth().audit_log(limit.min(100_000)).await;
            ctx.store.close().await;
            Ok(table_or_json(format, &log?, &|log| {
                // No header line: scripts (and the server's tests) split the rows on tabs.
                log.iter()
                    .map(|e| {
                        format!(
                            "{}\t{}\t{}\t{}\t{}",
                            e.at, e.user, e.command, e.county, e.outcome
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            }))
        }
    }
}
