-- tier: restricted
-- incremental: school_year
-- staging.roster_ranked: every valid roster row of the files in force for
-- each snapshot, ranked within (学年, 学期, 学校, child).
--
-- Which files are in force comes from staging.roster_sources: the file
-- that founded or last replaced the snapshot (a re-send), and the smaller
-- files (补报) that supplemented it since. A child's row comes from the
-- latest of those files that lists the child (a 补报 row wins over the
-- roster's); within that file a child listed twice keeps the later row
-- (kept, at kept_row), and every earlier row of the same file is reported
-- in audit.duplicates (dup_row_of: the row of that file kept for the
-- child).
--
-- child_key identifies a child: the 18-character resident identity number,
-- or '<证件类型>:<号码>' for other document types (never matched across
-- kinds).
CREATE OR REPLACE TABLE staging.roster_ranked AS
WITH cur AS (
    SELECT r.*,
           CASE WHEN coalesce(r.id_type, '1') = '1' THEN r.id_number
                ELSE r.id_type || ':' || r.id_number END AS child_key
    FROM raw.roster r
    SEMI JOIN staging.roster_sources s
      ON r.school_year = s.school_year AND r.term = s.term
     AND r.school_code = s.school_code AND r._load_id = s.load_id AND s.in_force
    WHERE r._ok
),
ranked AS (
    SELECT *,
           max(_load_id) OVER (PARTITION BY school_year, term, school_code, child_key) AS kept_load,
           max(_row) OVER (PARTITION BY school_year, term, school_code, child_key, _load_id) AS file_kept_row
    FROM cur
)
SELECT * EXCLUDE (file_kept_row),
       file_kept_row AS dup_row_of,
       _load_id = kept_load AND _row = file_kept_row AS kept,
       CASE WHEN _load_id = kept_load THEN file_kept_row END AS kept_row
FROM ranked;
