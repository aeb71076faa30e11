-- tier: restricted
-- incremental: school_year
-- staging.roster: 学籍名册, typed, one row per child per snapshot
-- (学年, 学期, 学校). Blank 学籍状态 means 在读; blank 身份证件类型 means
-- 居民身份证. level: 学前 (K1-K3), 小学 (1-6), 初中 (7-9).
-- A view: the kept rows of staging.roster_ranked with typed columns, cheap
-- to compute where they are read (the readers' filters reach the ranked
-- table). As a table it was a second stored copy of every roster row:
-- 4.6 s of a 38 s county build, against about 8 s saved in all.
CREATE OR REPLACE VIEW staging.roster AS
SELECT
    school_year::INTEGER AS school_year,
    term::INTEGER AS term,
    school_code,
    child_key,
    coalesce(id_type, '1') AS id_type,
    id_number,
    name,
    gender,
    birth_date::DATE AS birth_date,
    student_no,
    grade,
    CASE WHEN grade LIKE 'K%' THEN '学前'
         WHEN try_cast(grade AS INTEGER) <= 6 THEN '小学'
         ELSE '初中' END AS level,
    class_no,
    coalesce(status, '在读') AS status,
    enrolled_ym,
    hukou_village_code,
    coalesce(left_behind::INTEGER, 0) AS left_behind,
    coalesce(migrant_child::BOOLEAN, false) AS migrant_child,
    coalesce(orphan::BOOLEAN, false) AS orphan,
    disability,
    coalesce(needs_aid::BOOLEAN, false) AS needs_aid,
    coalesce(gets_allowance::BOOLEAN, false) AS gets_allowance,
    head_teacher,
    guardian,
    guardian_phone,
    _load_id AS load_id,
    _row AS row_number
FROM staging.roster_ranked
WHERE kept;
