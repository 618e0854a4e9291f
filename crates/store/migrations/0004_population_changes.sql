-- 人口修改 in the change log: a township's 常住人口 by age band and sex before and after (JSON).
ALTER TABLE change_log ADD COLUMN kind TEXT NOT NULL DEFAULT 'facility';
ALTER TABLE change_log ADD COLUMN before_population_json TEXT;
ALTER TABLE change_log ADD COLUMN after_population_json TEXT;
