-- tier: restricted
-- audit.quarantine: one row per broken rule of a row of a loaded file.
-- Rules checked at load (values, identity numbers, required cells) come
-- from raw.cell_errors; unknown codes are checked at every build against
-- the directories as they stand (staging.unknown_codes). column_name is the
-- header as written in the file.
CREATE OR REPLACE TABLE audit.quarantine AS
SELECT load_id, file_name, sheet, row_number, column_name, value, reason
FROM raw.cell_errors
UNION ALL
SELECT u.load_id, u.file_name, u.sheet, u.row_number,
       coalesce(json_extract_string(l.columns, '$.' || u.column_key), u.column_key),
       u.value, u.reason
FROM staging.unknown_codes u
JOIN raw.load_log l USING (load_id);

COMMENT ON TABLE audit.quarantine IS '隔离记录：已装载文件中每一行违反的每一条规则一行（行号按电子表格显示，表头为第1行）';
COMMENT ON COLUMN audit.quarantine.load_id IS '装载号';
COMMENT ON COLUMN audit.quarantine.file_name IS '文件名';
COMMENT ON COLUMN audit.quarantine.sheet IS '工作表（CSV 为空）';
COMMENT ON COLUMN audit.quarantine.row_number IS '行号（表头为第1行）';
COMMENT ON COLUMN audit.quarantine.column_name IS '列名（按文件中的写法）';
COMMENT ON COLUMN audit.quarantine.value IS '出错的单元格内容';
COMMENT ON COLUMN audit.quarantine.reason IS '原因及修改办法';
