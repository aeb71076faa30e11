-- tier: restricted
-- incremental: school_year
-- core.quarantined_roster: roster rows that were quarantined (a broken cell
-- at load, or an unknown school code at this build), with what is needed
-- to recognise the child they may stand for (indicators.md, "Possible data
-- error" and reason 数据待核实): school year and term where those cells
-- parsed, the identity number trimmed and upper-cased (15-digit numbers
-- that parsed were already upgraded at load), the name trimmed and the
-- 出生日期 where it parsed (raw keeps dates as DATE, NULL where the cell
-- did not parse).
CREATE OR REPLACE TABLE core.quarantined_roster AS
SELECT
    try_cast(r.school_year AS INTEGER) AS school_year,
    try_cast(r.term AS INTEGER) AS term,
    upper(trim(r.id_number)) AS id_number,
    trim(r.name) AS name,
    r.birth_date,
    r._load_id AS load_id,
    r._row AS row_number
FROM raw.roster r
WHERE NOT r._ok
   OR EXISTS (SELECT 1 FROM staging.unknown_codes u
              WHERE u.load_id = r._load_id AND u.row_number = r._row AND u.column_key = 'school_code'
                AND u.file_name = r._file);
