-- tier: restricted
-- incremental: school_year
-- staging.migration: 流动人口子女, typed, one row per child per 学年 (the
-- row loaded last wins). in_e: the child is in E(Y), verified as studying
-- outside the town: 随迁外出 with 就读证明 yes and a 就读学段 other than 未就读.
CREATE OR REPLACE TABLE staging.migration AS
SELECT
    m.school_year::INTEGER AS school_year,
    m.id_number,
    m.name,
    m.move_type,
    m.current_address,
    m.school_elsewhere,
    m.level_elsewhere,
    coalesce(m.proof::BOOLEAN, false) AS proof,
    m.proof_date::DATE AS proof_date,
    m.guardian,
    m.guardian_phone,
    (m.move_type = '随迁外出' AND coalesce(m.proof::BOOLEAN, false)
        AND m.level_elsewhere IS NOT NULL AND m.level_elsewhere <> '未就读') AS in_e,
    m._load_id AS load_id,
    m._row AS row_number
FROM raw.migration m
WHERE m._ok
QUALIFY row_number() OVER (PARTITION BY m.school_year, m.id_number ORDER BY m._load_id DESC, m._row DESC) = 1;
