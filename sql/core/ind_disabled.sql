-- tier: restricted
-- incremental: school_year
-- core.ind_disabled: the children behind disabled_enrollment and its three
-- per-category rates (town). Denominator: D(Y) children of the three
-- categories (视力, 听力, 智力残疾) aged 6-15, age from the birth date in the
-- identity number, whatever their placement (缓学, 免学 and 未入学 stay in)
-- and whether or not they are in H(Y). Numerator: of those, placed
-- 随班就读, 特殊教育学校 or 送教上门, or 在读 at any grade in R(Y,1).
-- Decision: like the other start-of-year rates, members are produced only
-- when R(Y,1) exists, since without it pupils 在读 cannot be counted.
CREATE OR REPLACE TABLE core.ind_disabled AS
WITH base AS (
    SELECT d.school_year, d.id_number AS child_key, d.category, d.placement,
           school_age(id_birth_date(d.id_number), d.school_year) AS age
    FROM staging.disability d
    WHERE d.three_category
      AND EXISTS (SELECT 1 FROM core.enrolment e WHERE e.school_year = d.school_year AND e.term = 1)
),
members AS (
    SELECT b.school_year, b.child_key, b.category,
           b.placement IN ('随班就读', '特殊教育学校', '送教上门') OR coalesce(r.status = '在读', false) AS in_numerator
    FROM base b
    LEFT JOIN core.enrolment r ON r.school_year = b.school_year AND r.term = 1 AND r.child_key = b.child_key
    WHERE compulsory_age(b.age)
)
SELECT school_year, 'town' AS scope_level, (SELECT code FROM config.town) AS scope_code,
       'disabled_enrollment' AS indicator, child_key, in_numerator, true AS in_denominator
FROM members
UNION ALL
SELECT school_year, 'town', (SELECT code FROM config.town),
       CASE category WHEN '视力残疾' THEN 'disabled_enrollment_visual'
                     WHEN '听力残疾' THEN 'disabled_enrollment_hearing'
                     ELSE 'disabled_enrollment_intellectual' END,
       child_key, in_numerator, true
FROM members;
