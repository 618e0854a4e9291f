-- A county's township populations are read by county (load, summary): without this index every
-- read scanned the bands of all counties, so a database of 2,900 counties slowed to seconds a
-- county.
CREATE INDEX population_band_county ON population_band (county_code, zone_code);
