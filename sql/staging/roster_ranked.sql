-- staging.roster_ranked: every valid roster row of the snapshots in force,
-- ranked within (学年, 学期, 学校, child).
--
-- A snapshot (学年, 学期, 学校标识码) comes whole from the latest file that
-- carries it: a school that re-sends a corrected roster replaces its
-- earlier one instead of adding to it. Within the file, a child listed
-- twice keeps the later row (kept, at kept_row); the others are reported
-- in audit.duplicates.
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
),
cur AS (
    SELECT ok.* FROM ok
    JOIN source ON ok.school_year = source.school_year AND ok.term = source.term
               AND ok.school_code = source.school_code AND ok._load_id = source.load_id
),
-- the row kept for each child of a snapshot: the last in file order
kept AS (
    SELECT school_year, term, school_code, child_key, max(_row) AS kept_row
    FROM cur GROUP BY ALL
)
SELECT cur.*, kept.kept_row, cur._row = kept.kept_row AS kept
FROM cur JOIN kept USING (school_year, term, school_code, child_key);
