-- severity: error
-- Every published fraction has 0 ≤ numerator ≤ denominator, and 无数据 rows
-- carry no numbers.
SELECT school_year, scope_level, scope_code, indicator, numerator, denominator, status
FROM mart.indicators
WHERE (status = '无数据') <> (numerator IS NULL)
   OR numerator < 0 OR numerator > denominator
   OR (status <> '无数据' AND denominator <= 0);
