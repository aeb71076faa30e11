-- tier: public
-- incremental: school_year
-- mart.violations: the rows of mart.indicators whose status is 未达标 or
-- 一票否决, 一票否决 first.
CREATE OR REPLACE VIEW mart.violations AS
SELECT * FROM mart.indicators
WHERE status IN ('未达标', '一票否决')
ORDER BY school_year, status = '一票否决' DESC, scope_level, scope_code, indicator;

COMMENT ON VIEW mart.violations IS '未达标与一票否决的指标（mart.indicators 中状态为未达标或一票否决的行）';
COMMENT ON COLUMN mart.violations.school_year IS '学年（起始年份，2025 即 2025-2026 学年）';
COMMENT ON COLUMN mart.violations.scope_level IS '范围层级：town 全镇，village 村，school 学校';
COMMENT ON COLUMN mart.violations.scope_code IS '范围代码：乡镇代码、村代码或学校标识码';
COMMENT ON COLUMN mart.violations.scope_name IS '范围名称';
COMMENT ON COLUMN mart.violations.indicator IS '指标代码（见 docs/indicators.md）';
COMMENT ON COLUMN mart.violations.numerator IS '分子（人数）';
COMMENT ON COLUMN mart.violations.denominator IS '分母（人数）';
COMMENT ON COLUMN mart.violations.value IS '指标值：百分比（100×分子/分母）；每村一所幼儿园为 1 或 0';
COMMENT ON COLUMN mart.violations.target IS '达标线（配置）';
COMMENT ON COLUMN mart.violations.veto_line IS '一票否决线（仅辍学率有）';
COMMENT ON COLUMN mart.violations.status IS '状态：未达标或一票否决';
