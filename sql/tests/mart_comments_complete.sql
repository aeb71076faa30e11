-- severity: error
-- Every relation and column of the contract schema mart explains itself
-- in Chinese (COMMENT ON), so DESCRIBE and duckdb_columns() are a data
-- dictionary. Views count too: DuckDB accepts COMMENT ON COLUMN on a view
-- (mart.violations), so a view's columns must explain themselves as well.
SELECT 'table' AS what, table_name AS name, NULL AS column_name
FROM duckdb_tables() WHERE schema_name = 'mart' AND (comment IS NULL OR comment = '')
UNION ALL
SELECT 'view', view_name, NULL
FROM duckdb_views() WHERE schema_name = 'mart' AND (comment IS NULL OR comment = '')
UNION ALL
SELECT 'column', c.table_name, c.column_name
FROM duckdb_columns() c
WHERE c.schema_name = 'mart' AND (c.comment IS NULL OR c.comment = '');
