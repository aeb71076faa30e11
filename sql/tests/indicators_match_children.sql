-- severity: error
-- Every figure equals the count of the children behind it, both ways:
-- each published row of mart.indicators (not 无数据, not the village
-- kindergarten, which is about villages) has exactly as many children in
-- its numerator and denominator in mart.indicator_children, and every
-- group of children in mart.indicator_children belongs to a published row
-- that is not 无数据 (no children behind a figure that says there is no
-- data, and none behind a figure that does not exist).
WITH kids AS (
    SELECT school_year, scope_level, scope_code, indicator,
           count(*) FILTER (WHERE in_numerator) AS n,
           count(*) FILTER (WHERE in_denominator) AS d
    FROM mart.indicator_children GROUP BY ALL
),
published AS (
    SELECT * FROM mart.indicators WHERE indicator <> 'village_kindergarten' AND status <> '无数据'
)
SELECT coalesce(i.school_year, k.school_year) AS school_year, coalesce(i.scope_level, k.scope_level) AS scope_level,
       coalesce(i.scope_code, k.scope_code) AS scope_code, coalesce(i.indicator, k.indicator) AS indicator,
       i.numerator, i.denominator, k.n, k.d
FROM published i
FULL JOIN kids k USING (school_year, scope_level, scope_code, indicator)
WHERE i.numerator IS DISTINCT FROM k.n OR i.denominator IS DISTINCT FROM k.d;
