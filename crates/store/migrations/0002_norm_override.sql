-- 标准调整: a county's overrides of national norm values, applied to every assessment of it.
CREATE TABLE norm_override (
    county_code TEXT NOT NULL REFERENCES county(code) ON DELETE CASCADE,
    norm_id TEXT NOT NULL,
    value REAL NOT NULL,
    source TEXT,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (county_code, norm_id)
);
