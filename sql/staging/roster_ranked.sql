-- staging.roster_ranked: every valid roster row of the snapshots in force,
-- ranked within (学年, 学期, 学校, child).
--
-- A snapshot (学年, 学期, 学校标识码) comes whole from the latest file that
-- carries it: a school that re-sends a corrected roster replaces its
-- earlier one instead of adding to it. Within the file, a child listed
-- twice keeps the later row (dup_rank = 1); the others are reported in
-- audit.duplicates.
--
-- child_key identifies a child: the 18-character resident identity number,
-- or '<证件类型>:<号码>' for other document types (never matched across
-- kinds).
CREATE OR REPLACE TABLE staging.roster_ranked AS
WITH ok AS (
    SELECT r.*,
           CASE WHEN coalesce(r.id_type, '1') = '1' THEN r.id_number
                ELSE r.id_type || ':' || r.id_number END AS child_key
    FROM raw.roster r
    WHERE r._ok AND r.school_code IN (SELECT school_code FROM staging.school)
),
source AS (
    SELECT school_year, term, school_code, max(_load_id) AS load_id
    FROM ok GROUP BY ALL
)
SELECT ok.*,
       row_number() OVER (PARTITION BY ok.school_year, ok.term, ok.school_code, ok.child_key
                          ORDER BY ok._row DESC) AS dup_rank
FROM ok
JOIN source ON ok.school_year = source.school_year AND ok.term = source.term
           AND ok.school_code = source.school_code AND ok._load_id = source.load_id;
