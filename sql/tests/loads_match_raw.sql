-- severity: error
-- The load log agrees with the rows the raw layer holds: for every loaded
-- file, rows_total less the skipped rows (unvisited 核查反馈 rows, which
-- are not stored) equals the rows of that load in its kind's raw view
-- (counted there, not derived from the log), rows_quarantined is at least
-- the rows stored as broken (_ok false; unknown codes found at build time
-- add to it) and at most those stored, and rows_loaded is what is left.
-- A new kind must be added to the union below (its raw view exists from
-- the first run, whether or not a file of it arrived).
WITH stored AS (
    SELECT _load_id AS load_id, count(*) AS n, count(*) FILTER (WHERE NOT _ok) AS broken FROM raw.village GROUP BY 1
    UNION ALL SELECT _load_id, count(*), count(*) FILTER (WHERE NOT _ok) FROM raw.school GROUP BY 1
    UNION ALL SELECT _load_id, count(*), count(*) FILTER (WHERE NOT _ok) FROM raw.roster GROUP BY 1
    UNION ALL SELECT _load_id, count(*), count(*) FILTER (WHERE NOT _ok) FROM raw.household GROUP BY 1
    UNION ALL SELECT _load_id, count(*), count(*) FILTER (WHERE NOT _ok) FROM raw.migration GROUP BY 1
    UNION ALL SELECT _load_id, count(*), count(*) FILTER (WHERE NOT _ok) FROM raw.dropout GROUP BY 1
    UNION ALL SELECT _load_id, count(*), count(*) FILTER (WHERE NOT _ok) FROM raw.disability GROUP BY 1
    UNION ALL SELECT _load_id, count(*), count(*) FILTER (WHERE NOT _ok) FROM raw.graduate GROUP BY 1
    UNION ALL SELECT _load_id, count(*), count(*) FILTER (WHERE NOT _ok) FROM raw.handoff GROUP BY 1
    UNION ALL SELECT _load_id, count(*), count(*) FILTER (WHERE NOT _ok) FROM raw.attendance GROUP BY 1
    UNION ALL SELECT _load_id, count(*), count(*) FILTER (WHERE NOT _ok) FROM raw.followup GROUP BY 1
)
SELECT l.load_id, l.file_name, l.kind, l.rows_total, l.rows_skipped, l.rows_loaded, l.rows_quarantined,
       coalesce(s.n, 0) AS rows_in_raw, coalesce(s.broken, 0) AS broken_in_raw
FROM audit.loads l
LEFT JOIN stored s USING (load_id)
WHERE l.outcome = 'loaded'
  AND (l.rows_total - l.rows_skipped <> coalesce(s.n, 0)
       OR l.rows_skipped < 0
       OR l.rows_quarantined < coalesce(s.broken, 0)
       OR l.rows_quarantined > coalesce(s.n, 0)
       OR l.rows_loaded <> l.rows_total - l.rows_skipped - l.rows_quarantined);
