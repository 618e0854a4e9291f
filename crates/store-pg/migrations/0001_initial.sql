-- Junheng on PostgreSQL: the schema of the SQLite store (crates/store/migrations) as it stands,
-- in one step, with county-scoped keys. Only standard SQL types (TEXT, INTEGER, BIGINT, DOUBLE
-- PRECISION), primary, unique and foreign keys, CHECK constraints and BIGSERIAL: what openGauss
-- and KingbaseES also have (docs/postgresql.md). Booleans are INTEGER 0/1 as in SQLite; JSON is
-- TEXT, parsed by the application.

-- 县 county, 乡镇 township, 常住人口 by age band and sex, 设施 facilities, 学校学段 school sections.
CREATE TABLE county (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    province TEXT NOT NULL,
    prefecture TEXT NOT NULL,
    census_year INTEGER NOT NULL,
    sample_facilities INTEGER NOT NULL,
    population_note_zh TEXT NOT NULL,
    population_note_en TEXT NOT NULL,
    census_code TEXT,
    outline_geojson TEXT,
    seat_lon DOUBLE PRECISION,
    seat_lat DOUBLE PRECISION,
    population_source TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- A township code is unique across counties, as in the SQLite store, so that counties move
-- between the two in both directions.
CREATE TABLE township (
    county_code TEXT NOT NULL REFERENCES county(code) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    area_km2 DOUBLE PRECISION NOT NULL,
    centroid_lon DOUBLE PRECISION NOT NULL,
    centroid_lat DOUBLE PRECISION NOT NULL,
    interior_lon DOUBLE PRECISION NOT NULL,
    interior_lat DOUBLE PRECISION NOT NULL,
    boundary_geojson TEXT NOT NULL,
    position BIGINT NOT NULL,
    population_status TEXT NOT NULL,
    boundary_status TEXT NOT NULL,
    seat_lon DOUBLE PRECISION,
    seat_lat DOUBLE PRECISION,
    user_defined INTEGER NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (county_code, code)
);
CREATE INDEX township_county ON township (county_code, position);

CREATE TABLE population_band (
    county_code TEXT NOT NULL,
    zone_code TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    band INTEGER NOT NULL CHECK (band >= 0 AND band < 19),
    persons BIGINT NOT NULL CHECK (persons >= 0),
    PRIMARY KEY (county_code, zone_code, sex, band),
    FOREIGN KEY (county_code, zone_code) REFERENCES township(county_code, code) ON DELETE CASCADE
);

-- 未分配: the part of the county's 常住人口 no township holds yet.
CREATE TABLE unallocated_population (
    county_code TEXT NOT NULL REFERENCES county(code) ON DELETE CASCADE,
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    band INTEGER NOT NULL CHECK (band >= 0 AND band < 19),
    persons BIGINT NOT NULL CHECK (persons >= 0),
    PRIMARY KEY (county_code, sex, band)
);

CREATE TABLE facility (
    county_code TEXT NOT NULL REFERENCES county(code) ON DELETE CASCADE,
    id TEXT NOT NULL,
    township_code TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    ownership TEXT NOT NULL,
    inclusive INTEGER NOT NULL,
    status TEXT NOT NULL,
    opening_year INTEGER,
    sample INTEGER NOT NULL,
    childcare_json TEXT,
    elderly_json TEXT,
    position BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (county_code, id),
    FOREIGN KEY (county_code, township_code) REFERENCES township(county_code, code)
);
CREATE INDEX facility_county ON facility (county_code, position);

CREATE TABLE school_section (
    county_code TEXT NOT NULL,
    facility_id TEXT NOT NULL,
    level TEXT NOT NULL,
    section_json TEXT NOT NULL,
    PRIMARY KEY (county_code, facility_id, level),
    FOREIGN KEY (county_code, facility_id) REFERENCES facility(county_code, id) ON DELETE CASCADE
);

-- 村/社区 points with their 常住人口.
CREATE TABLE place (
    county_code TEXT NOT NULL REFERENCES county(code) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    township_code TEXT,
    lon DOUBLE PRECISION NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    population BIGINT NOT NULL CHECK (population >= 0),
    position BIGINT NOT NULL,
    PRIMARY KEY (county_code, code)
);

-- 标准调整: a county's overrides of national norm values.
CREATE TABLE norm_override (
    county_code TEXT NOT NULL REFERENCES county(code) ON DELETE CASCADE,
    norm_id TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    source TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (county_code, norm_id)
);

-- 规划方案: one JSON document per scenario. No foreign key to county: a reset keeps them.
CREATE TABLE scenario (
    county_code TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    body_json TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (county_code, id)
);

-- 修改记录: every change as its rows before and after (JSON), in effect, undone or discarded.
CREATE TABLE change_log (
    seq BIGSERIAL PRIMARY KEY,
    county_code TEXT NOT NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    action TEXT NOT NULL,
    facility_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'undone', 'discarded')),
    items_json TEXT NOT NULL
);
CREATE INDEX change_log_county ON change_log (county_code, seq);

-- 户籍人口 by census age band and sex, with its source; kept when base data are replaced.
CREATE TABLE hukou_population (
    county_code TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    band INTEGER NOT NULL CHECK (band >= 0 AND band < 19),
    persons BIGINT NOT NULL CHECK (persons >= 0),
    PRIMARY KEY (county_code, sex, band)
);

CREATE TABLE hukou_source (
    county_code TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- 动态监测: what facilities and the county actually served and recorded, year by year.
CREATE TABLE actual_facility (
    county_code TEXT NOT NULL REFERENCES county(code) ON DELETE CASCADE,
    facility_id TEXT NOT NULL,
    year INTEGER NOT NULL CHECK (year >= 2000 AND year <= 2100),
    body_json TEXT NOT NULL,
    PRIMARY KEY (county_code, facility_id, year)
);

CREATE TABLE actual_county (
    county_code TEXT NOT NULL REFERENCES county(code) ON DELETE CASCADE,
    year INTEGER NOT NULL CHECK (year >= 2000 AND year <= 2100),
    body_json TEXT NOT NULL,
    PRIMARY KEY (county_code, year)
);

-- 账号: users, sessions (a hash of the cookie's token) and the audit log of server writes.
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
    seq BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    user_name TEXT NOT NULL,
    command TEXT NOT NULL,
    county_code TEXT NOT NULL,
    outcome TEXT NOT NULL
);
