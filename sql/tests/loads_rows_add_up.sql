-- severity: error
-- For every file: rows read = rows loaded + rows quarantined + rows
-- skipped (unvisited 核查反馈 rows).
SELECT load_id, file_name, rows_total, rows_loaded, rows_quarantined, rows_skipped
FROM audit.loads
WHERE rows_total <> rows_loaded + rows_quarantined + rows_skipped AND outcome = 'loaded';
