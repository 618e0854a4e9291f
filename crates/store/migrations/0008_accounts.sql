-- 账号: the users of a shared server, their sessions (only a hash of the cookie's token is
-- kept) and the audit log of every write made through the server.
CREATE TABLE app_user (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('admin', 'planner', 'viewer')),
    scope TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE user_session (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES app_user(name) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_name);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user_name TEXT NOT NULL,
    command TEXT NOT NULL,
    county_code TEXT NOT NULL,
    outcome TEXT NOT NULL
);
