-- tier: restricted
-- incremental: school_year 0..+1
-- core.ind_progression: the children behind the progression indicators.
-- junior_progression (town, school of graduation): every graduate row of Y
-- (distinct children); numerator 普通高中 or 中等职业学校.
-- primary_to_junior (town, primary school of record in R(Y,2)): children
-- at grade 6 in R(Y,2) with effective status 在读 or 毕业; numerator those
-- 在读 at grades 7-9 in R(Y+1,1) or in E(Y+1) at 初中. Members exist only
-- once rosters of (Y+1, 1) exist (before that: 无数据).
CREATE OR REPLACE TABLE core.ind_progression AS
WITH grads AS (
    SELECT school_year, school_code, id_number AS child_key, progressed FROM staging.graduate
),
sixth AS (
    SELECT e.school_year, e.school_code, e.child_key
    FROM core.enrolment e
    WHERE e.term = 2 AND e.grade = '6' AND e.status IN ('在读', '毕业')
      AND EXISTS (SELECT 1 FROM core.enrolment n WHERE n.school_year = e.school_year + 1 AND n.term = 1)
),
moved_on AS (
    SELECT s.*,
           coalesce(n.status = '在读' AND n.grade IN ('7', '8', '9'), false)
           OR coalesce(m.level_elsewhere = '初中', false) AS in_numerator
    FROM sixth s
    LEFT JOIN core.enrolment n ON n.school_year = s.school_year + 1 AND n.term = 1 AND n.child_key = s.child_key
    LEFT JOIN core.elsewhere m ON m.school_year = s.school_year + 1 AND m.id_number = s.child_key
)
SELECT school_year, 'school' AS scope_level, school_code AS scope_code, 'junior_progression' AS indicator,
       child_key, progressed AS in_numerator, true AS in_denominator
FROM grads
UNION ALL
SELECT school_year, 'town', (SELECT code FROM config.town), 'junior_progression', child_key, progressed, true FROM grads
UNION ALL
SELECT school_year, 'school', school_code, 'primary_to_junior', child_key, in_numerator, true FROM moved_on
UNION ALL
SELECT school_year, 'town', (SELECT code FROM config.town), 'primary_to_junior', child_key, in_numerator, true FROM moved_on;
