-- A planner's database as the previous release (schema 0001–0005, commit b8a32b8) left it:
-- one county that is not the demo county, so that what the upgraded app shows can only come
-- from these rows. Test data: 庆元县's code and seat area, made-up townships and figures.
-- Written in that release's formats: boundaries as GeoJSON geometries, facility inputs and
-- school sections as the JSON of junheng-core's types (unchanged since).
INSERT INTO county (code, name, province, prefecture, census_year, sample_facilities, population_note_zh, population_note_en)
VALUES ('331126', '庆元县', '浙江省', '丽水市', 2020, 0,
        '测试数据：升级测试用的两个乡镇（街道）。', 'Test data: two townships for the upgrade test.');

INSERT INTO township (code, county_code, name, kind, area_km2, centroid_lon, centroid_lat, interior_lon, interior_lat, boundary_geojson, position) VALUES
('331126001', '331126', '松源街道', '街道', 52.4, 119.04, 27.63, 119.04, 27.63,
 '{"type":"Polygon","coordinates":[[[119.00,27.60],[119.08,27.60],[119.08,27.66],[119.00,27.66],[119.00,27.60]]]}', 0),
('331126101', '331126', '黄田镇', '镇', 52.4, 119.12, 27.63, 119.12, 27.63,
 '{"type":"Polygon","coordinates":[[[119.08,27.60],[119.16,27.60],[119.16,27.66],[119.08,27.66],[119.08,27.60]]]}', 1);

-- 常住人口 by census age band (0–18) and sex: each township's rows, and the county's as their sum.
WITH RECURSIVE b(band) AS (SELECT 0 UNION ALL SELECT band + 1 FROM b WHERE band < 18),
t(code, male, female) AS (VALUES ('331126001', 1200, 1150), ('331126101', 600, 580))
INSERT INTO population_band (county_code, zone_code, sex, band, persons)
SELECT '331126', t.code, 'male', b.band, t.male + 20 * b.band FROM t, b
UNION ALL SELECT '331126', t.code, 'female', b.band, t.female + 25 * b.band FROM t, b;
INSERT INTO population_band (county_code, zone_code, sex, band, persons)
SELECT '331126', '331126', sex, band, SUM(persons) FROM population_band
WHERE county_code = '331126' GROUP BY sex, band;

INSERT INTO facility (id, county_code, township_code, name, kind, lon, lat, ownership, inclusive, status, opening_year, sample, childcare_json, elderly_json, position) VALUES
('QY-CC01', '331126', '331126001', '庆元县松源托育中心', 'childcare_center', 119.05, 27.62, 'public', 1, 'existing', 2022, 0,
 '{"service_mode":"full_day","registered_slots":120,"infant_classes":1,"toddler_small_classes":3,"toddler_large_classes":3,"mixed_classes":0,"nursery_classes":0,"caregivers":24}', NULL, 0),
('QY-EL01', '331126', '331126101', '黄田镇敬老院', 'elderly_institution', 119.12, 27.64, 'public', 1, 'existing', 2015, 0,
 NULL, '{"beds":80,"nursing_beds":40,"nursing_rooms":30,"max_beds_per_room":3,"room_usable_area_m2":640.0}', 1),
('QY-PS01', '331126', '331126001', '庆元县实验小学', 'primary_school', 119.03, 27.64, 'public', 1, 'existing', 1998, 0, NULL, NULL, 2);

INSERT INTO school_section (county_code, facility_id, level, section_json) VALUES
('331126', 'QY-PS01', 'primary', '{"school_code":"QY-PS01","school_name":"庆元县实验小学","level":"primary","kind":"complete","students":900,"classes":20,"max_class_size":45,"teachers_qualified":48.0,"teachers_backbone":10.0,"teachers_pe_art":9.0,"teaching_area_m2":4200.0,"sports_area_m2":6300.0,"equipment_value_yuan":1900000.0,"multimedia_rooms":22.0}');

-- A county override of a national norm, with its source (标准调整).
INSERT INTO norm_override (county_code, norm_id, value, source)
VALUES ('331126', 'elderly.beds_per_1000_elderly', 45, '庆元县养老服务设施布局规划（测试）');
