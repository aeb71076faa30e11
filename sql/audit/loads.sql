-- tier: public
-- audit.loads: one row per file the pipeline has seen, in load order.
-- rows_quarantined counts rows with at least one broken rule, including
-- unknown codes found at this build; rows_skipped counts the rows of a
-- 核查反馈 whose 核查结果 is blank (not visited yet), which are neither
-- loaded nor quarantined; rows_loaded is the rest.
CREATE OR REPLACE TABLE audit.loads AS
WITH bad AS (
    SELECT load_id, count(DISTINCT (sheet, row_number)) AS n
    FROM audit.quarantine GROUP BY load_id
)
SELECT
    l.load_id,
    l.file_name,
    l.sha256,
    l.kind,
    l.rows_total,
    CASE WHEN l.outcome = 'loaded' THEN l.rows_total - coalesce(l.rows_skipped, 0) - coalesce(bad.n, 0) ELSE 0 END AS rows_loaded,
    CASE WHEN l.outcome = 'loaded' THEN coalesce(bad.n, 0) ELSE 0 END AS rows_quarantined,
    CASE WHEN l.outcome = 'loaded' THEN coalesce(l.rows_skipped, 0) ELSE 0 END AS rows_skipped,
    l.outcome,
    l.message,
    l.loaded_at
FROM raw.load_log l
LEFT JOIN bad USING (load_id)
ORDER BY l.load_id;

COMMENT ON TABLE audit.loads IS '装载记录：流水线见过的每个文件一行';
COMMENT ON COLUMN audit.loads.load_id IS '装载号';
COMMENT ON COLUMN audit.loads.file_name IS '文件名（到达时的名称）';
COMMENT ON COLUMN audit.loads.sha256 IS '文件内容的 SHA-256；内容相同的文件不会重复装载';
COMMENT ON COLUMN audit.loads.kind IS '文件种类：village, school, roster, household, migration, dropout, disability, graduate, handoff, followup, attendance；无法识别时为空';
COMMENT ON COLUMN audit.loads.rows_total IS '读取的数据行数';
COMMENT ON COLUMN audit.loads.rows_loaded IS '通过校验的行数';
COMMENT ON COLUMN audit.loads.rows_quarantined IS '被隔离的行数（一行违反多条规则只计一次）';
COMMENT ON COLUMN audit.loads.rows_skipped IS '跳过的行数：核查反馈中核查结果为空（尚未走访）的行，既不装载也不隔离';
COMMENT ON COLUMN audit.loads.outcome IS '结果：loaded 已装载，skipped_duplicate 重复跳过，rejected 整个文件被拒';
COMMENT ON COLUMN audit.loads.message IS '被拒或跳过的原因';
COMMENT ON COLUMN audit.loads.loaded_at IS '装载时间（北京时间）';
