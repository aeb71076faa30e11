-- tier: restricted
-- incremental: school_year
-- core.ind_enrolment: the children behind the enrolment indicators
-- (indicators.md, "Enrolment"), one row per child, indicator and scope.
-- Taken at the start of the school year, from R(Y,1). Members are produced
-- only when both H(Y) and R(Y,1) exist; otherwise the indicator is 无数据.
--
-- Net rates (primary_net_enrollment ages 6-11, junior_net_enrollment ages
-- 12-14), town and village (the child's H(Y) 村代码):
--   denominator: H(Y) at those ages, less children of the three categories
--     in D(Y) (any placement), less deferred or exempt (D(Y) 缓学/免学, or
--     effective status 休学 in R(Y,1));
--   numerator: of those, 在读 at grades 1-9 (junior: 7-9) in R(Y,1), or in
--     E(Y) at 小学/初中/高中 (junior: 初中/高中), or in D(Y) placed 随班就读,
--     特殊教育学校 or 送教上门.
-- Gross rates (preschool ages 3-5 at K1-K3; junior ages 12-14 at 7-9),
-- town: numerator any child 在读 at those grades in R(Y,1), any age or
-- origin; denominator H(Y) at those ages. The two sets overlap but neither
-- contains the other, so each row says whether the child is in each.
CREATE OR REPLACE TABLE core.ind_enrolment AS
WITH years AS (
    SELECT DISTINCT p.school_year FROM core.population p
    WHERE EXISTS (SELECT 1 FROM core.enrolment e WHERE e.school_year = p.school_year AND e.term = 1)
),
r1 AS (SELECT * FROM core.enrolment WHERE term = 1),
pop AS (
    SELECT p.school_year, p.id_number AS child_key, p.age, p.village_code,
           r.status AS r_status, r.grade AS r_grade,
           m.level_elsewhere AS e_level,
           d.placement AS d_placement,
           coalesce(d.three_category, false) AS three_category,
           coalesce(d.placement IN ('缓学', '免学'), false) OR coalesce(r.status = '休学', false) AS deferred
    FROM core.population p
    JOIN years USING (school_year)
    LEFT JOIN r1 r ON r.school_year = p.school_year AND r.child_key = p.id_number
    LEFT JOIN core.elsewhere m ON m.school_year = p.school_year AND m.id_number = p.id_number
    LEFT JOIN staging.disability d ON d.school_year = p.school_year AND d.id_number = p.id_number
),
net AS (
    SELECT school_year, child_key, village_code, 'primary_net_enrollment' AS indicator,
           coalesce((r_status = '在读' AND compulsory_grade(r_grade))
                    OR e_level IN ('小学', '初中', '高中')
                    OR d_placement IN ('随班就读', '特殊教育学校', '送教上门'), false) AS in_numerator
    FROM pop WHERE age BETWEEN 6 AND 11 AND NOT three_category AND NOT deferred
    UNION ALL
    SELECT school_year, child_key, village_code, 'junior_net_enrollment',
           coalesce((r_status = '在读' AND r_grade IN ('7','8','9'))
                    OR e_level IN ('初中', '高中')
                    OR d_placement IN ('随班就读', '特殊教育学校', '送教上门'), false)
    FROM pop WHERE age BETWEEN 12 AND 14 AND NOT three_category AND NOT deferred
),
gross_den AS (
    SELECT school_year, child_key, 'preschool_gross_enrollment' AS indicator FROM pop WHERE age BETWEEN 3 AND 5
    UNION ALL
    SELECT school_year, child_key, 'junior_gross_enrollment' FROM pop WHERE age BETWEEN 12 AND 14
),
gross_num AS (
    SELECT r.school_year, r.child_key,
           CASE WHEN r.grade IN ('K1', 'K2', 'K3') THEN 'preschool_gross_enrollment'
                ELSE 'junior_gross_enrollment' END AS indicator
    FROM r1 r JOIN years USING (school_year)
    WHERE r.status = '在读' AND r.grade IN ('K1', 'K2', 'K3', '7', '8', '9')
),
gross AS (
    SELECT coalesce(d.school_year, n.school_year) AS school_year,
           coalesce(d.child_key, n.child_key) AS child_key,
           coalesce(d.indicator, n.indicator) AS indicator,
           n.child_key IS NOT NULL AS in_numerator,
           d.child_key IS NOT NULL AS in_denominator
    FROM gross_den d
    FULL JOIN gross_num n
      ON n.school_year = d.school_year AND n.child_key = d.child_key AND n.indicator = d.indicator
)
SELECT school_year, 'town' AS scope_level, (SELECT code FROM config.town) AS scope_code,
       indicator, child_key, in_numerator, true AS in_denominator
FROM net
UNION ALL
SELECT school_year, 'village', village_code, indicator, child_key, in_numerator, true FROM net
UNION ALL
SELECT school_year, 'town', (SELECT code FROM config.town), indicator, child_key, in_numerator, in_denominator FROM gross;
