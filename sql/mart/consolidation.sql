-- tier: public
-- incremental: school_year -9..0
-- mart.consolidation: 九年义务教育巩固率, per school year Y in which junior
-- graduates left, for the town and for each school where a cohort started
-- (docs/indicators.md, decision 12).
--   town: the county statistician's formula, counts of one cohort nine
--     years apart: graduates of Y (distinct children in the graduate file)
--     over the children 在读 at grade 1 in R(Y-8,1) anywhere in the town.
--     Children who moved in count in the numerator, those who moved out
--     leave the denominator: it is the town's retention, not a child list.
--   school: the principal of the school where the cohort started answers
--     for it (校长包校), so the cohort is followed child by child: the
--     children 在读 at grade 1 at the school (school of record) in
--     R(Y-8,1), and of them those with a graduate row of Y from any school
--     of the town. Only schools that enrol first-graders (小学, 九年一贯制)
--     have rows; a junior school's cohort starts elsewhere.
-- Rows exist only where R(Y-8,1) is loaded and the graduate file of Y has
-- rows: a new town sees none for its first years. Pupils with other
-- document types are in the cohort by type and number; the graduate file
-- cannot name them (it matches them to nothing), so they never count as
-- graduates of a school's cohort.
CREATE OR REPLACE TABLE mart.consolidation AS
WITH entrants AS (
    SELECT school_year, school_code, child_key FROM core.enrolment
    WHERE term = 1 AND status = '在读' AND grade = '1'
),
grads AS (SELECT DISTINCT school_year, id_number FROM staging.graduate),
town AS (
    SELECT g.school_year, (SELECT count(*) FROM grads x WHERE x.school_year = g.school_year) AS graduates,
           count(*) AS grade1_entrants
    FROM (SELECT DISTINCT school_year FROM grads) g
    JOIN entrants e ON e.school_year = g.school_year - 8
    GROUP BY g.school_year
),
school AS (
    SELECT g.school_year, e.school_code,
           count(x.id_number) AS graduates, count(*) AS grade1_entrants
    FROM (SELECT DISTINCT school_year FROM grads) g
    JOIN entrants e ON e.school_year = g.school_year - 8
    LEFT JOIN grads x ON x.school_year = g.school_year AND x.id_number = e.child_key
    GROUP BY ALL
)
SELECT t.school_year, 'town' AS scope_level, c.code AS scope_code, c.name AS scope_name,
       t.graduates, t.grade1_entrants, 100.0 * t.graduates / t.grade1_entrants AS consolidation_rate
FROM town t CROSS JOIN config.town c
UNION ALL
SELECT s.school_year, 'school', s.school_code, sc.school_name,
       s.graduates, s.grade1_entrants, 100.0 * s.graduates / s.grade1_entrants
FROM school s LEFT JOIN staging.school sc USING (school_code)
ORDER BY school_year, scope_level DESC, scope_code;

COMMENT ON TABLE mart.consolidation IS '九年义务教育巩固率：全镇为当学年初中毕业生数除以九年前一年级在读人数；学校为九年前在本校读一年级的学生中当学年初中毕业的比例（需九年历史数据）';
COMMENT ON COLUMN mart.consolidation.school_year IS '毕业学年（起始年份）';
COMMENT ON COLUMN mart.consolidation.scope_level IS '范围层级：town 全镇，school 学校（一年级入学的学校）';
COMMENT ON COLUMN mart.consolidation.scope_code IS '乡镇代码或学校标识码';
COMMENT ON COLUMN mart.consolidation.scope_name IS '范围名称';
COMMENT ON COLUMN mart.consolidation.graduates IS '初中毕业生数（学校：九年前本校一年级学生中当学年毕业的人数）';
COMMENT ON COLUMN mart.consolidation.grade1_entrants IS '九年前学年初一年级在读人数（学校：在本校）';
COMMENT ON COLUMN mart.consolidation.consolidation_rate IS '巩固率（百分比）';
