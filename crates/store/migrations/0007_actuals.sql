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
