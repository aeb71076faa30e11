-- tier: public
-- audit.snapshot_sources: every roster file that arrived for a snapshot
-- (学年, 学期, 学校) that already had one, and what the build did with it
-- (inputs.md, 学籍名册): a re-send holding at least half as many children
-- as the snapshot replaced it (替换); a smaller file supplemented it child
-- by child, its rows winning (补报合并). The data-quality page lists these
-- so nobody is surprised by a snapshot that changed size, or did not.
CREATE OR REPLACE TABLE audit.snapshot_sources AS
SELECT s.school_year::INTEGER AS school_year, s.term::INTEGER AS term, s.school_code,
       sc.school_name, s.load_id, s.file_name, s.children, s.snapshot_before,
       CASE s.decision WHEN 'replace' THEN '替换' ELSE '补报合并' END AS decision,
       s.base_load_id, s.base_file_name, s.in_force,
       CASE s.decision
           WHEN 'replace' THEN '「' || s.file_name || '」有 ' || s.children || ' 名儿童，不少于原名册 '
                || s.snapshot_before || ' 名的一半，视为重新报送，替换了原名册'
           ELSE '「' || s.file_name || '」只有 ' || s.children || ' 名儿童，不到原名册 ' || s.snapshot_before
                || ' 名的一半，视为补报：逐个儿童并入「' || s.base_file_name || '」的名册，同一儿童以补报的行为准'
       END || CASE WHEN s.in_force THEN '' ELSE '（此后又有重新报送，该文件已不在现行名册中）' END AS explanation
FROM staging.roster_sources s
LEFT JOIN staging.school sc USING (school_code)
WHERE s.decision <> 'first'
ORDER BY school_year, term, s.school_code, s.load_id;

COMMENT ON TABLE audit.snapshot_sources IS '名册快照的后续文件：同一学年、学期、学校已有名册时又送来的文件，及其处理方式（替换或补报合并）';
COMMENT ON COLUMN audit.snapshot_sources.school_year IS '学年（起始年份）';
COMMENT ON COLUMN audit.snapshot_sources.term IS '学期：1 秋季，2 春季';
COMMENT ON COLUMN audit.snapshot_sources.school_code IS '学校标识码';
COMMENT ON COLUMN audit.snapshot_sources.school_name IS '学校名称';
COMMENT ON COLUMN audit.snapshot_sources.load_id IS '后到文件的装载号';
COMMENT ON COLUMN audit.snapshot_sources.file_name IS '后到文件的文件名';
COMMENT ON COLUMN audit.snapshot_sources.children IS '后到文件中该快照的儿童数（有效行，按儿童去重）';
COMMENT ON COLUMN audit.snapshot_sources.snapshot_before IS '该文件到达前快照的儿童数';
COMMENT ON COLUMN audit.snapshot_sources.decision IS '处理方式：替换（儿童数不少于快照的一半，视为重新报送）或补报合并（不到一半，逐个儿童并入，后到的行为准）';
COMMENT ON COLUMN audit.snapshot_sources.base_load_id IS '处理后快照所依据的名册文件的装载号';
COMMENT ON COLUMN audit.snapshot_sources.base_file_name IS '处理后快照所依据的名册文件名';
COMMENT ON COLUMN audit.snapshot_sources.in_force IS '该文件的行是否在现行快照中（之后又被重新报送替换时为否）';
COMMENT ON COLUMN audit.snapshot_sources.explanation IS '处理说明（中文）';
