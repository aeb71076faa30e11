-- tier: public
-- incremental: school_year
-- mart.indicators: every indicator of indicators.md, one row per (学年,
-- scope_level, scope_code, indicator), for every school year that has
-- rosters or a household extract, every scope the indicator is published
-- for (catalogue in mart.indicator_catalog), and every village or school
-- of the directories that the indicator applies to.
--
-- numerator/denominator: counted from mart.indicator_children (or, for
-- village_kindergarten, from the directories). Gross rates count in the
-- numerator every child enrolled at those grades, whatever its age, so
-- their numerator is not a subset of their denominator. 无数据 when the denominator
-- is zero or an input is missing (then numerator, denominator and value are
-- NULL). Status is decided on the exact fraction in DECIMAL arithmetic,
-- never on the rounded percentage: 99.49% fails a 99.5% line.
--   ≥ lines: 达标 when 100 × num ≥ line × den, else 未达标;
--   ≤ lines (dropout): 一票否决 when over the veto line, 达标 at or under
--   the line, else 未达标.
-- village_kindergarten: value 1 or 0, denominator 1; one row per village for
-- each school year that has rosters (the directory is undated).
-- Lines come from config.lines (the run writes the configured values).
CREATE OR REPLACE TABLE mart.indicators AS
WITH years AS (
    SELECT school_year FROM staging.roster UNION SELECT school_year FROM staging.household
),
scopes AS (
    SELECT 'town' AS scope_level, code AS scope_code, name AS scope_name, NULL AS school_type FROM config.town
    UNION ALL SELECT 'village', village_code, village_name, NULL FROM staging.village
    UNION ALL SELECT 'school', school_code, school_name, school_type FROM staging.school
),
frame AS (
    SELECT y.school_year, s.scope_level, s.scope_code, s.scope_name, c.indicator, c.direction, c.unit
    FROM years y
    CROSS JOIN (SELECT *, unnest(scopes) AS published_for FROM mart.indicator_catalog) c
    JOIN scopes s ON s.scope_level = c.published_for
    WHERE (c.indicator <> 'village_kindergarten' OR y.school_year IN (SELECT school_year FROM staging.roster))
      AND (s.scope_level <> 'school'
       OR (c.indicator IN ('primary_dropout', 'primary_to_junior') AND s.school_type IN ('小学', '九年一贯制'))
       OR (c.indicator IN ('junior_dropout', 'junior_progression') AND s.school_type IN ('初中', '九年一贯制')))
),
counts AS (
    SELECT school_year, scope_level, scope_code, indicator,
           count(*) FILTER (WHERE in_numerator) AS numerator,
           count(*) FILTER (WHERE in_denominator) AS denominator
    FROM mart.indicator_children GROUP BY ALL
    UNION ALL
    SELECT school_year, 'village', village_code, 'village_kindergarten', has_kindergarten::BIGINT, 1
    FROM core.village_provision
),
joined AS (
    SELECT f.*, c.numerator, c.denominator, l.target, l.veto,
           coalesce(c.denominator, 0) = 0 AS no_data
    FROM frame f
    LEFT JOIN counts c USING (school_year, scope_level, scope_code, indicator)
    LEFT JOIN config.lines l USING (indicator)
)
SELECT
    school_year,
    scope_level,
    scope_code,
    scope_name,
    indicator,
    CASE WHEN no_data THEN NULL ELSE numerator END AS numerator,
    CASE WHEN no_data THEN NULL ELSE denominator END AS denominator,
    CASE WHEN no_data THEN NULL
         WHEN unit = 'flag' THEN numerator::DOUBLE
         ELSE 100.0 * numerator / denominator END AS value,
    target::DOUBLE AS target,
    veto::DOUBLE AS veto_line,
    CASE WHEN no_data THEN '无数据'
         WHEN unit = 'flag' THEN CASE WHEN numerator >= target THEN '达标' ELSE '未达标' END
         WHEN direction = '>=' THEN CASE WHEN 100 * numerator >= target * denominator THEN '达标' ELSE '未达标' END
         WHEN veto IS NOT NULL AND 100 * numerator > veto * denominator THEN '一票否决'
         WHEN 100 * numerator <= target * denominator THEN '达标'
         ELSE '未达标' END AS status
FROM joined
ORDER BY school_year, scope_level, scope_code, indicator;

COMMENT ON TABLE mart.indicators IS '监测指标：每学年、每个范围（全镇、村、学校）、每个指标一行；状态按精确分数判定';
COMMENT ON COLUMN mart.indicators.school_year IS '学年（起始年份，2025 即 2025-2026 学年）';
COMMENT ON COLUMN mart.indicators.scope_level IS '范围层级：town 全镇，village 村，school 学校';
COMMENT ON COLUMN mart.indicators.scope_code IS '范围代码：乡镇代码、村代码或学校标识码';
COMMENT ON COLUMN mart.indicators.scope_name IS '范围名称';
COMMENT ON COLUMN mart.indicators.indicator IS '指标代码（见 docs/indicators.md）';
COMMENT ON COLUMN mart.indicators.numerator IS '分子（人数）；无数据时为空';
COMMENT ON COLUMN mart.indicators.denominator IS '分母（人数）；无数据时为空';
COMMENT ON COLUMN mart.indicators.value IS '指标值：百分比（100×分子/分母）；每村一所幼儿园为 1 或 0';
COMMENT ON COLUMN mart.indicators.target IS '达标线（配置）';
COMMENT ON COLUMN mart.indicators.veto_line IS '一票否决线（仅辍学率有）';
COMMENT ON COLUMN mart.indicators.status IS '状态：达标、未达标、一票否决、无数据';
