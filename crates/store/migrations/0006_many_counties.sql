-- Many counties, granular writes. A county is created from the bundled national data (census
-- table, township list, outline); its townships may still wait for their population (待导入),
-- boundaries (none, or 估算 from seats) and seats; what the townships do not hold yet is the
-- county's 未分配 remainder, so a partial township file never shrinks the county.

ALTER TABLE county ADD COLUMN census_code TEXT;
ALTER TABLE county ADD COLUMN outline_geojson TEXT;
ALTER TABLE county ADD COLUMN seat_lon REAL;
ALTER TABLE county ADD COLUMN seat_lat REAL;
ALTER TABLE county ADD COLUMN population_source TEXT NOT NULL DEFAULT 'census';
ALTER TABLE county ADD COLUMN created_at TEXT NOT NULL DEFAULT '2026-01-01T00:00:00Z';
UPDATE county SET census_code = code;

-- population_status: imported (from the planner's file or edit), census (a published bulletin),
-- estimated (a provisional split the planner chose), pending (待导入: no figure yet).
-- boundary_status: surveyed (imported polygons), estimated (Voronoi cells of the seats clipped
-- to the county outline), none.
ALTER TABLE township ADD COLUMN population_status TEXT NOT NULL DEFAULT 'estimated';
ALTER TABLE township ADD COLUMN boundary_status TEXT NOT NULL DEFAULT 'surveyed';
ALTER TABLE township ADD COLUMN seat_lon REAL;
ALTER TABLE township ADD COLUMN seat_lat REAL;
ALTER TABLE township ADD COLUMN user_defined INTEGER NOT NULL DEFAULT 0;
ALTER TABLE township ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

ALTER TABLE facility ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE scenario ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- 未分配: the part of the county's 常住人口 no township holds yet, by age band and sex. Until
-- now the county's own rows held the whole county; the remainder is what they exceed the
-- townships by (zero for every county stored so far, whose townships summed to it).
CREATE TABLE unallocated_population (
    county_code TEXT NOT NULL REFERENCES county(code) ON DELETE CASCADE,
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    band INTEGER NOT NULL CHECK (band >= 0 AND band < 19),
    persons INTEGER NOT NULL CHECK (persons >= 0),
    PRIMARY KEY (county_code, sex, band)
);
INSERT INTO unallocated_population (county_code, sex, band, persons)
SELECT c.county_code, c.sex, c.band,
       MAX(0, c.persons - COALESCE((SELECT SUM(t.persons) FROM population_band t
            JOIN township tw ON tw.code = t.zone_code AND tw.county_code = c.county_code
            WHERE t.sex = c.sex AND t.band = c.band), 0))
FROM population_band c WHERE c.zone_code = c.county_code;
DELETE FROM population_band WHERE zone_code = county_code;

-- 村/社区 points with their 常住人口: where people live, for the demand grid.
CREATE TABLE place (
    county_code TEXT NOT NULL REFERENCES county(code) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    township_code TEXT,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    population INTEGER NOT NULL CHECK (population >= 0),
    position INTEGER NOT NULL,
    PRIMARY KEY (county_code, code)
);

-- Every change (an edit, an import, an undo of either) as a list of items, each a row
-- before and after (JSON); the older per-facility columns stay readable.
ALTER TABLE change_log ADD COLUMN items_json TEXT;

CREATE INDEX facility_county ON facility (county_code, position);
CREATE INDEX township_county ON township (county_code, position);
