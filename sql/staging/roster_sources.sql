-- tier: public
-- incremental: school_year
-- staging.roster_sources: which files make up each roster snapshot
-- (学年, 学期, 学校标识码), one row per snapshot and file, in load order.
--
-- The contract's rule (inputs.md, 学籍名册; docs/inputs.md): a later file
-- for the same snapshot REPLACES it when it is a re-send, holding at
-- least half as many children as the snapshot it would replace; a
-- smaller file (a 补报 of a few pupils) SUPPLEMENTS it, child by child,
-- the later row winning. The first file of a snapshot founds it.
-- "The snapshot it would replace" is the snapshot as it stands after
-- every earlier file: its base and the supplements since, so the walk
-- below carries the snapshot's children from file to file.
--
-- children counts distinct children among the file's valid rows for the
-- snapshot; in_force says the file's rows are part of the snapshot now
-- (its base and the supplements after it).
-- Most snapshots come from one file: only those with more than one carry
-- their children's keys through the walk.
CREATE OR REPLACE TABLE staging.roster_sources AS
WITH RECURSIVE keyed AS (
    SELECT school_year, term, school_code, _load_id, _file,
           CASE WHEN coalesce(id_type, '1') = '1' THEN id_number
                ELSE id_type || ':' || id_number END AS child_key
    FROM raw.roster
    WHERE _ok AND school_code IN (SELECT school_code FROM staging.school)
),
files AS (
    SELECT school_year, term, school_code, _load_id AS load_id, any_value(_file) AS file_name,
           count(DISTINCT child_key) AS children,
           row_number() OVER (PARTITION BY school_year, term, school_code ORDER BY _load_id) AS seq,
           count(*) OVER (PARTITION BY school_year, term, school_code) AS files
    FROM keyed
    GROUP BY school_year, term, school_code, _load_id
),
kids AS (
    SELECT f.school_year, f.term, f.school_code, f.load_id, f.seq, f.children, list(DISTINCT k.child_key) AS kids
    FROM files f
    JOIN keyed k ON k.school_year = f.school_year AND k.term = f.term
                AND k.school_code = f.school_code AND k._load_id = f.load_id
    WHERE f.files > 1
    GROUP BY ALL
),
walk AS (
    SELECT school_year, term, school_code, seq, load_id, 'first' AS decision,
           NULL::BIGINT AS snapshot_before, load_id AS base_load_id, kids AS snapshot_kids
    FROM kids WHERE seq = 1
    UNION ALL
    SELECT f.school_year, f.term, f.school_code, f.seq, f.load_id,
           CASE WHEN f.children * 2 >= len(w.snapshot_kids) THEN 'replace' ELSE 'supplement' END,
           len(w.snapshot_kids),
           CASE WHEN f.children * 2 >= len(w.snapshot_kids) THEN f.load_id ELSE w.base_load_id END,
           CASE WHEN f.children * 2 >= len(w.snapshot_kids) THEN f.kids
                ELSE list_distinct(list_concat(w.snapshot_kids, f.kids)) END
    FROM walk w
    JOIN kids f ON f.school_year = w.school_year AND f.term = w.term
               AND f.school_code = w.school_code AND f.seq = w.seq + 1
),
decided AS (
    SELECT school_year, term, school_code, load_id, decision, snapshot_before, base_load_id,
           max_by(base_load_id, seq) OVER (PARTITION BY school_year, term, school_code) AS final_base
    FROM walk
    UNION ALL
    SELECT school_year, term, school_code, load_id, 'first', NULL, load_id, load_id
    FROM files WHERE files = 1
)
SELECT f.school_year, f.term, f.school_code, f.seq::INTEGER AS seq,
       f.load_id, f.file_name, f.children, d.decision, d.snapshot_before, d.base_load_id,
       b.file_name AS base_file_name, f.load_id >= d.final_base AS in_force
FROM files f
JOIN decided d USING (school_year, term, school_code, load_id)
JOIN files b ON b.school_year = f.school_year AND b.term = f.term
            AND b.school_code = f.school_code AND b.load_id = d.base_load_id;
