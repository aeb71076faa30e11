-- tier: restricted
-- incremental: school_year
-- core.elsewhere: E(Y), the children verified as studying outside the town
-- in school year Y (indicators.md, "E(Y)"), one row per (学年, child):
--  - the migration census of Y: 随迁外出 with 就读证明 yes and a 就读学段
--    other than 未就读 (staging.migration.in_e);
--  - (added 2026-12-05) a 核查反馈 with 核查结果 在外地就读, 证明材料 yes and
--    就读学段 given, for the school year that holds its 核查日期
--    (staging.followup.in_e). Proof holds for its school year only.
-- Every figure that uses E(Y) (enrolment numerators, dropouts, the
-- unaccounted list, progression, the bulletin's flows, case closing) joins
-- this relation, so both sources count alike.
-- level_elsewhere: with several rows for a child in one year, a level of
-- compulsory or high school (小学, 初中, 高中) wins over 幼儿园, then the
-- census over a follow-up, then the latest proof.
CREATE OR REPLACE TABLE core.elsewhere AS
WITH proof AS (
    SELECT school_year, id_number, level_elsewhere, school_elsewhere, proof_date, 'migration' AS source, 1 AS source_rank
    FROM staging.migration WHERE in_e
    UNION ALL
    SELECT school_year, id_number, level_attended, school_attended, check_date, 'followup', 2
    FROM staging.followup WHERE in_e
)
SELECT school_year, id_number, level_elsewhere, school_elsewhere, proof_date, source, true AS in_e
FROM proof
QUALIFY row_number() OVER (
    PARTITION BY school_year, id_number
    ORDER BY level_elsewhere IN ('小学', '初中', '高中') DESC, source_rank, proof_date DESC NULLS LAST) = 1;

COMMENT ON TABLE core.elsewhere IS 'E(Y)：经核实在外地就读的儿童（流动人口子女普查或核查反馈取得就读证明），每学年每名儿童一行';
