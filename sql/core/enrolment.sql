-- tier: restricted
-- incremental: school_year
-- core.enrolment: each child's effective roster record per (学年, 学期),
-- across all schools of the town (indicators.md, "Effective status").
--
-- status: the first of 在读, 休学, 毕业, 转出, 辍学, 死亡 among the child's
-- rows of the term in any school; school_code (the school of record) is
-- the school of that row, ties broken by the smallest 学校标识码. grade,
-- class and the child's particulars come from the same row.
-- enrolled_schools: how many schools list the child as 在读 this term; more
-- than one is a 重复学籍 finding.
CREATE OR REPLACE TABLE core.enrolment AS
WITH ranked AS (
    SELECT r.*,
           row_number() OVER (
               PARTITION BY r.school_year, r.term, r.child_key
               ORDER BY list_position(['在读', '休学', '毕业', '转出', '辍学', '死亡'], r.status), r.school_code
           ) AS pick
    FROM staging.roster r
),
enrolled AS (
    SELECT school_year, term, child_key, count(DISTINCT school_code) AS n
    FROM staging.roster WHERE status = '在读' GROUP BY ALL
)
SELECT
    r.school_year, r.term, r.child_key, r.id_type, r.id_number, r.name, r.gender, r.birth_date,
    r.school_code, r.grade, r.level, r.class_no, r.status,
    coalesce(e.n, 0) AS enrolled_schools,
    r.left_behind, r.migrant_child, r.orphan, r.disability, r.needs_aid,
    r.head_teacher, r.guardian, r.guardian_phone
FROM ranked r
LEFT JOIN enrolled e USING (school_year, term, child_key)
WHERE r.pick = 1;
