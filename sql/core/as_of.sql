-- tier: public
-- core.as_of: the date the data speaks for: the day the most recent file
-- was loaded (北京时间). Ledgers measure "days since" and "overdue" against
-- it, never against the clock of the run, so a run that loads nothing new
-- leaves every mart unchanged.
CREATE OR REPLACE TABLE core.as_of AS
SELECT coalesce(max(loaded_at)::DATE, DATE '1970-01-01') AS as_of
FROM raw.load_log WHERE outcome = 'loaded';
