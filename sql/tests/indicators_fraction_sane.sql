-- severity: error
-- Every published fraction has 0 ≤ numerator ≤ denominator (gross rates
-- excepted: pupils of any age over the population of the age band may
-- exceed 100%), and 无数据 rows carry no numbers.
SELECT school_year, scope_level, scope_code, indicator, numerator, denominator, status
FROM mart.indicators
WHERE (status = '无数据') <> (numerator IS NULL)
   OR numerator < 0
   OR (numerator > denominator AND indicator NOT IN ('preschool_gross_enrollment', 'junior_gross_enrollment'))
   OR (status <> '无数据' AND denominator <= 0);
