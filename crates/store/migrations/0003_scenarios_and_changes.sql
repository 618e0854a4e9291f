-- 规划方案: one JSON document per scenario (interventions, overrides, assumptions). No foreign
-- key to county: replacing a county's base data (a re-import) keeps its scenarios.
CREATE TABLE scenario (
    county_code TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    body_json TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (county_code, id)
);

-- 修改记录: every edit of the base data with who and when, the facility before and after (JSON,
-- NULL when it did not exist), and whether it is in effect, undone, or discarded by a later edit.
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    county_code TEXT NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    author TEXT NOT NULL,
    action TEXT NOT NULL,
    facility_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    state TEXT NOT NULL CHECK (state IN ('done', 'undone', 'discarded'))
);
CREATE INDEX change_log_county ON change_log (county_code, seq);
