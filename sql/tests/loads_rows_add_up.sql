-- severity: error
-- For every file: rows read = rows loaded + rows quarantined.
SELECT load_id, file_name, rows_total, rows_loaded, rows_quarantined
FROM audit.loads
WHERE rows_total <> rows_loaded + rows_quarantined AND outcome = 'loaded';
