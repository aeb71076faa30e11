-- tier: restricted
-- incremental: school_year
-- mart.indicator_children: the children behind every figure of
-- mart.indicators: one row per (学年, scope, indicator, child) saying whether
-- the child is in the numerator and in the denominator. Summing in_numerator
-- and in_denominator per (school_year, scope_level, scope_code, indicator)
-- gives exactly the numerator and denominator published (a data test checks
-- it). village_kindergarten is about villages, not children, and has no rows.
-- Only the school years mart.indicators publishes (those with rosters or
-- a household extract) have rows: a graduate file of a year before the
-- first roster gives no published figure, so no children behind one.
CREATE OR REPLACE TABLE mart.indicator_children AS
SELECT * FROM (
    SELECT * FROM core.ind_enrolment
    UNION ALL SELECT * FROM core.ind_disabled
    UNION ALL SELECT * FROM core.ind_dropout
    UNION ALL SELECT * FROM core.ind_progression
)
WHERE school_year IN (SELECT school_year FROM staging.roster UNION SELECT school_year FROM staging.household);

COMMENT ON TABLE mart.indicator_children IS '指标明细：每个指标每个范围背后的每一名儿童，及其是否计入分子、分母';
COMMENT ON COLUMN mart.indicator_children.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.indicator_children.scope_level IS '范围层级：town 全镇，village 村，school 学校';
COMMENT ON COLUMN mart.indicator_children.scope_code IS '范围代码：乡镇代码、村代码或学校标识码';
COMMENT ON COLUMN mart.indicator_children.indicator IS '指标代码';
COMMENT ON COLUMN mart.indicator_children.child_key IS '儿童标识：居民身份证号，其他证件为“证件类型:号码”';
COMMENT ON COLUMN mart.indicator_children.in_numerator IS '是否计入分子';
COMMENT ON COLUMN mart.indicator_children.in_denominator IS '是否计入分母';
