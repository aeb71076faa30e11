-- severity: error
-- One row per (school_year, scope_level, scope_code, indicator), with a
-- known indicator and status.
SELECT school_year, scope_level, scope_code, indicator, count(*) AS n
FROM mart.indicators
GROUP BY ALL
HAVING count(*) > 1
   OR any_value(indicator) NOT IN (SELECT indicator FROM mart.indicator_catalog)
   OR any_value(status) NOT IN ('达标', '未达标', '一票否决', '无数据');
