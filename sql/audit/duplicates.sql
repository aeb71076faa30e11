-- tier: restricted
-- audit.duplicates: the same child listed more than once in one snapshot
-- of one file: a roster's (学年, 学期, 学校), a household extract's 学年.
-- The later row is kept (kept_row); each earlier row is listed here.
-- Duplicates are reported, not quarantined.
CREATE OR REPLACE TABLE audit.duplicates AS
SELECT 'roster' AS kind, d._load_id AS load_id, d._file AS file_name, d._sheet AS sheet,
       d._row AS row_number, d.dup_row_of AS kept_row, d.school_year::INTEGER AS school_year,
       d.term::INTEGER AS term, d.school_code, d.child_key, d.name
FROM staging.roster_ranked d
WHERE d._row <> d.dup_row_of
UNION ALL
SELECT 'household', h._load_id, h._file, h._sheet, h._row, k.kept_row, h.school_year::INTEGER,
       NULL, NULL, h.id_number, h.name
FROM raw.household h
JOIN (SELECT _load_id, school_year, id_number, max(_row) AS kept_row
      FROM raw.household WHERE _ok GROUP BY ALL HAVING count(*) > 1) k
  ON k._load_id = h._load_id AND k.school_year = h.school_year AND k.id_number = h.id_number
WHERE h._ok AND h._row < k.kept_row
ORDER BY load_id, row_number;

COMMENT ON TABLE audit.duplicates IS '重复行：同一儿童在同一文件的同一快照（名册的学年、学期、学校；户籍的学年）中出现多次，保留最后一行，其余行列于此';
COMMENT ON COLUMN audit.duplicates.kind IS '文件种类：roster 或 household';
COMMENT ON COLUMN audit.duplicates.row_number IS '被舍弃的重复行行号（表头为第1行）';
COMMENT ON COLUMN audit.duplicates.kept_row IS '保留的行号';
COMMENT ON COLUMN audit.duplicates.load_id IS '装载号（audit.loads）';
COMMENT ON COLUMN audit.duplicates.file_name IS '文件名';
COMMENT ON COLUMN audit.duplicates.sheet IS '工作表名；CSV 为空';
COMMENT ON COLUMN audit.duplicates.school_year IS '学年（起始年份）';
COMMENT ON COLUMN audit.duplicates.term IS '学期（名册）；户籍为空';
COMMENT ON COLUMN audit.duplicates.school_code IS '学校标识码（名册）；户籍为空';
COMMENT ON COLUMN audit.duplicates.child_key IS '儿童标识：身份证号，其他证件为“证件类型:号码”';
COMMENT ON COLUMN audit.duplicates.name IS '姓名';
