-- 数据版本: a number that changes with every write to a county, in the same transaction, so
-- that a reader (a server's cache of county views) can tell cheaply whether what it computed is
-- still current. Every write sets it to at least the current time in microseconds, so a county
-- removed and stored again, or a database restored from a backup and written to, never shows a
-- number an earlier state had.
ALTER TABLE county ADD COLUMN data_version INTEGER NOT NULL DEFAULT 0;
