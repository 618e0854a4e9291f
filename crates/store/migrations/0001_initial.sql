-- 县 county, 乡镇 township, 常住人口 by age band and sex, 设施 facilities, 学校学段 school sections.
CREATE TABLE county (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    province TEXT NOT NULL,
    prefecture TEXT NOT NULL,
    census_year INTEGER NOT NULL,
    sample_facilities INTEGER NOT NULL,
    population_note_zh TEXT NOT NULL,
    population_note_en TEXT NOT NULL
);

CREATE TABLE township (
    code TEXT PRIMARY KEY,
    county_code TEXT NOT NULL REFERENCES county(code) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    area_km2 REAL NOT NULL,
    centroid_lon REAL NOT NULL,
    centroid_lat REAL NOT NULL,
    interior_lon REAL NOT NULL,
    interior_lat REAL NOT NULL,
    boundary_geojson TEXT NOT NULL,
    position INTEGER NOT NULL
);

-- zone_code is a county or a township code; band is the index of the census age band.
CREATE TABLE population_band (
    county_code TEXT NOT NULL REFERENCES county(code) ON DELETE CASCADE,
    zone_code TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    band INTEGER NOT NULL CHECK (band >= 0 AND band < 19),
    persons INTEGER NOT NULL CHECK (persons >= 0),
    PRIMARY KEY (zone_code, sex, band)
);

CREATE TABLE facility (
    id TEXT NOT NULL,
    county_code TEXT NOT NULL REFERENCES county(code) ON DELETE CASCADE,
    township_code TEXT NOT NULL REFERENCES township(code),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    ownership TEXT NOT NULL,
    inclusive INTEGER NOT NULL,
    status TEXT NOT NULL,
    opening_year INTEGER,
    sample INTEGER NOT NULL,
    childcare_json TEXT,
    elderly_json TEXT,
    position INTEGER NOT NULL,
    PRIMARY KEY (county_code, id)
);

CREATE TABLE school_section (
    county_code TEXT NOT NULL,
    facility_id TEXT NOT NULL,
    level TEXT NOT NULL,
    section_json TEXT NOT NULL,
    PRIMARY KEY (county_code, facility_id, level),
    FOREIGN KEY (county_code, facility_id) REFERENCES facility(county_code, id) ON DELETE CASCADE
);
