-- severity: error
-- Every figure equals the count of the children behind it.
WITH kids AS (
    SELECT school_year, scope_level, scope_code, indicator,
           count(*) FILTER (WHERE in_numerator) AS n,
           count(*) FILTER (WHERE in_denominator) AS d
    FROM mart.indicator_children GROUP BY ALL
)
SELECT i.school_year, i.scope_level, i.scope_code, i.indicator, i.numerator, i.denominator, k.n, k.d
FROM mart.indicators i
LEFT JOIN kids k USING (school_year, scope_level, scope_code, indicator)
WHERE i.indicator <> 'village_kindergarten' AND i.status <> '无数据'
  AND (i.numerator IS DISTINCT FROM k.n OR i.denominator IS DISTINCT FROM k.d);
