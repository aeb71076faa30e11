-- severity: error
-- The semester bulletin agrees with the figures it restates, each counted
-- by another model:
--   * at t=2 a 小学 or 初中 row carries exactly the school's dropout
--     indicator (numerator, value, status) of mart.indicators, and every
--     school dropout indicator of a year with term-2 rosters has its row;
--   * a school's 在读人数 over its levels equals mart.school_term_enrolment
--     (one count per school), and is NULL exactly when no roster came;
--   * every directory school has a row for every term that has rosters;
--   * nobody leaves a level who was not 在读 there before: 本学期流失 is at
--     most the previous snapshot's 在读人数 of the same school and level;
--     returns by the term's last day never exceed the registrations.
WITH ind AS (
    SELECT school_year, scope_code AS school_code,
           CASE indicator WHEN 'primary_dropout' THEN '小学' ELSE '初中' END AS level,
           numerator, value, status
    FROM mart.indicators
    WHERE scope_level = 'school' AND indicator IN ('primary_dropout', 'junior_dropout')
      AND school_year IN (SELECT school_year FROM core.terms WHERE term = 2)
),
t2 AS (SELECT * FROM mart.school_term_bulletin WHERE term = 2 AND level IN ('小学', '初中')),
per_school AS (
    SELECT school_year, term, school_code, sum(enrolled) AS enrolled, bool_or(roster_received) AS received
    FROM mart.school_term_bulletin GROUP BY ALL
),
prev AS (
    SELECT b.*, p.enrolled AS prev_enrolled
    FROM mart.school_term_bulletin b
    JOIN core.terms t USING (school_year, term)
    LEFT JOIN mart.school_term_bulletin p
      ON p.school_year = t.prev_year AND p.term = t.prev_term AND p.school_code = b.school_code AND p.level = b.level
)
SELECT 'rate differs from the indicator' AS problem, coalesce(b.school_year, i.school_year) AS school_year,
       2 AS term, coalesce(b.school_code, i.school_code) AS school_code, coalesce(b.level, i.level) AS level
FROM t2 b FULL JOIN ind i USING (school_year, school_code, level)
WHERE b.dropout_status IS DISTINCT FROM coalesce(i.status, '无数据')
   OR b.dropouts_ytd IS DISTINCT FROM i.numerator
   OR b.dropout_rate_ytd IS DISTINCT FROM i.value
UNION ALL
SELECT 'enrolled differs from mart.school_term_enrolment', p.school_year, p.term, p.school_code, NULL
FROM per_school p
LEFT JOIN mart.school_term_enrolment e USING (school_year, term, school_code)
WHERE p.enrolled IS DISTINCT FROM e.enrolled OR p.received <> (e.school_code IS NOT NULL)
UNION ALL
SELECT 'school without a row', t.school_year, t.term, s.school_code, NULL
FROM core.terms t CROSS JOIN staging.school s
WHERE NOT EXISTS (SELECT 1 FROM mart.school_term_bulletin b
                  WHERE b.school_year = t.school_year AND b.term = t.term AND b.school_code = s.school_code)
UNION ALL
SELECT 'more left than were there', school_year, term, school_code, level
FROM prev WHERE left_this_term > coalesce(prev_enrolled, 0)
UNION ALL
SELECT 'more returned than registered', school_year, term, school_code, level
FROM mart.school_term_bulletin WHERE returned_registered > registered_dropouts;
