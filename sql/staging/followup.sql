-- tier: restricted
-- incremental: school_year
-- staging.followup: 核查反馈, what a village or school found about a listed
-- child (docs/inputs.md, kind followup), typed, one row per visit.
--
-- Rows whose 核查结果 was blank never reach raw (skipped at load). The
-- pre-filled columns of the 核查表 (案件编号, 村代码, 原因, ...) come back in
-- raw.followup._extra and are not validated; case_ref keeps 案件编号 for
-- the findings (a row matches its child by 身份证件号 only). The same visit
-- sent twice (a workbook re-sent with more rows filled in) keeps one row:
-- per (number, 核查日期, 核查结果) the one loaded last.
-- evidence: 证明材料, blank is no. school_year and term: the term by date
-- that holds 核查日期 (1 September-31 January term 1, February-August
-- term 2). in_e: 在外地就读 with 证明材料 yes and 就读学段 given, the
-- followup part of E(Y) for school_year (indicators.md).
CREATE OR REPLACE TABLE staging.followup AS
SELECT
    f.id_number,
    f.name,
    f.check_date::DATE AS check_date,
    school_year_of(f.check_date)::INTEGER AS school_year,
    term_of(f.check_date)::INTEGER AS term,
    f.outcome,
    coalesce(f.evidence::BOOLEAN, false) AS evidence,
    f.school_attended,
    f.level_attended,
    f.checker,
    f.checker_phone,
    f.measures,
    f.deadline::DATE AS deadline,
    f.note,
    (f.outcome = '在外地就读' AND coalesce(f.evidence::BOOLEAN, false) AND f.level_attended IS NOT NULL) AS in_e,
    nullif(trim(json_extract_string(f._extra, '$."案件编号"')), '') AS case_ref,
    f._load_id AS load_id,
    f._file AS file_name,
    f._row AS row_number
FROM raw.followup f
WHERE f._ok
QUALIFY row_number() OVER (PARTITION BY f.id_number, f.check_date, f.outcome ORDER BY f._load_id DESC, f._row DESC) = 1;

COMMENT ON TABLE staging.followup IS '核查反馈：村、学校对名单上儿童的每次核查一行';
