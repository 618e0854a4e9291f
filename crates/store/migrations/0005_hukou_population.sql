-- 户籍人口: a county's registered population by census age band and sex (optional; for the 户籍
-- view of the projection). Kept when the county's base data are replaced.
CREATE TABLE hukou_population (
    county_code TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    band INTEGER NOT NULL CHECK (band >= 0 AND band < 19),
    persons INTEGER NOT NULL CHECK (persons >= 0),
    PRIMARY KEY (county_code, sex, band)
);

CREATE TABLE hukou_source (
    county_code TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
