-- tier: public
-- mart.violations: the rows of mart.indicators whose status is 未达标 or
-- 一票否决, 一票否决 first.
CREATE OR REPLACE VIEW mart.violations AS
SELECT * FROM mart.indicators
WHERE status IN ('未达标', '一票否决')
ORDER BY school_year, status = '一票否决' DESC, scope_level, scope_code, indicator;

COMMENT ON VIEW mart.violations IS '未达标与一票否决的指标（mart.indicators 中状态为未达标或一票否决的行）';
