-- tier: restricted
-- incremental: school_year
-- core.ind_dropout: the children behind primary_dropout (小学) and
-- junior_dropout (初中), by school of record and for the town. A school's
-- members exist only when the school sent its term-2 roster for Y; the
-- town's only when every school holding base children of that level did
-- (otherwise 无数据, never a rate from partial data).
CREATE OR REPLACE TABLE core.ind_dropout AS
WITH b AS (
    SELECT school_year, level, school_code, child_key, is_dropout, school_has_term2,
           CASE level WHEN '小学' THEN 'primary_dropout' ELSE 'junior_dropout' END AS indicator
    FROM core.dropout_base
),
complete AS (
    SELECT school_year, indicator FROM b GROUP BY ALL HAVING bool_and(school_has_term2)
)
SELECT school_year, 'school' AS scope_level, school_code AS scope_code, indicator, child_key,
       is_dropout AS in_numerator, true AS in_denominator
FROM b WHERE school_has_term2
UNION ALL
SELECT b.school_year, 'town', (SELECT code FROM config.town), b.indicator, b.child_key, b.is_dropout, true
FROM b JOIN complete USING (school_year, indicator);
