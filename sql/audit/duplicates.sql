-- audit.duplicates: the same child listed more than once in one roster
-- snapshot of one file. The later row is kept (kept_row); each earlier row
-- is reported here. Duplicates are not quarantined rows.
CREATE OR REPLACE TABLE audit.duplicates AS
SELECT d._load_id AS load_id, d._file AS file_name, d._sheet AS sheet, d._row AS row_number,
       k._row AS kept_row, d.school_year::INTEGER AS school_year, d.term::INTEGER AS term,
       d.school_code, d.child_key, d.name
FROM staging.roster_ranked d
JOIN staging.roster_ranked k
  ON k.school_year = d.school_year AND k.term = d.term AND k.school_code = d.school_code
 AND k.child_key = d.child_key AND k.dup_rank = 1
WHERE d.dup_rank > 1
ORDER BY load_id, row_number;

COMMENT ON TABLE audit.duplicates IS '重复行：同一学生在同一份名册快照中出现多次，保留最后一行，其余行列于此';
