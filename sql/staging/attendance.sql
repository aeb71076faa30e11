-- tier: restricted
-- incremental: school_year
-- staging.attendance: 月考勤, typed, one row per (学年, 月份, 学校, pupil)
-- (docs/inputs.md, kind attendance).
--
-- A month of a school (学年, 月份, 学校标识码) comes whole from the latest
-- file that carries it: a corrected re-send replaces that month and leaves
-- the school's other months alone. The same pupil twice in one school's
-- month keeps the later row (on two sheets of one workbook, the row of the
-- sheet whose name sorts last). Rows naming a school missing from 学校名录 are
-- left out (staging.unknown_codes lists them).
--
-- term: months 9-1 are term 1, 2-7 term 2, August none. term_month orders
-- a term's months (September 1 … January 5; February 1 … July 6), so "the
-- latest reported month" is the largest term_month with a row.
-- days_unexcused: 缺勤 less 病事假 (blank 病事假 is 0).
-- id_number: the canonical identity number, or another document's number
-- as written (trimmed, upper-cased).
CREATE OR REPLACE TABLE staging.attendance AS
WITH source AS (
    SELECT school_year, month, school_code, max(_load_id) AS load_id
    FROM raw.attendance
    WHERE _ok AND school_code IN (SELECT school_code FROM staging.school)
    GROUP BY ALL
),
-- the last row of each pupil's month in that file: the (pupil, month)s
-- listed more than once (few or none) are found on the key columns and
-- their earlier rows dropped. A window over every row ran out of a 5 GB
-- limit at province size (73 million rows); one aggregate taking every
-- column cost 3.3-3.8 s at county, this 2.3-2.5 s.
dups AS (
    -- the row kept: the later row (on two sheets of a workbook, the sheet
    -- whose name sorts last)
    SELECT a.school_year, a.month, a.school_code, a.id_number, a._load_id,
           max({'sheet': coalesce(a._sheet, ''), 'row': a._row}) AS kept
    FROM raw.attendance a
    SEMI JOIN source s
      ON a.school_year = s.school_year AND a.month = s.month
     AND a.school_code = s.school_code AND a._load_id = s.load_id
    WHERE a._ok
    GROUP BY ALL
    HAVING count(*) > 1
),
picked AS (
    SELECT a.school_year, a.month, a.school_code, a.id_number, a._load_id, a.name, a.days_required,
           a.days_absent, a.days_excused, a.absence_reason, a._row
    FROM raw.attendance a
    SEMI JOIN source s
      ON a.school_year = s.school_year AND a.month = s.month
     AND a.school_code = s.school_code AND a._load_id = s.load_id
    ANTI JOIN dups d
      ON a.school_year = d.school_year AND a.month = d.month AND a.school_code = d.school_code
     AND a.id_number = d.id_number AND a._load_id = d._load_id
     AND {'sheet': coalesce(a._sheet, ''), 'row': a._row} < d.kept
    WHERE a._ok
)
SELECT
    a.school_year::INTEGER AS school_year,
    a.month::INTEGER AS month,
    CASE WHEN a.month >= 9 OR a.month = 1 THEN 1 WHEN a.month BETWEEN 2 AND 7 THEN 2 END AS term,
    CASE WHEN a.month >= 9 THEN a.month - 8 WHEN a.month = 1 THEN 5 ELSE a.month - 1 END AS term_month,
    a.school_code,
    a.id_number,
    a.name,
    a.days_required::INTEGER AS days_required,
    a.days_absent::INTEGER AS days_absent,
    coalesce(a.days_excused, 0)::INTEGER AS days_excused,
    (a.days_absent - coalesce(a.days_excused, 0))::INTEGER AS days_unexcused,
    a.absence_reason,
    a._load_id AS load_id,
    a._row AS row_number
FROM picked a;

COMMENT ON TABLE staging.attendance IS '月考勤：每学年、月份、学校、学生一行（同一学校同一月份以最新文件为准）';
