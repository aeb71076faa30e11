-- tier: public
-- mart.early_warning_backtest: how well the early warning of term 1 foresaw
-- the year's dropouts (indicators.md, "Early warning", Backtest), one row
-- per school year that has rosters of both terms.
--
-- Pupils judged: the base of the dropout rates (core.dropout_base: 在读 at
-- grades 1-9 in R(Y,1)) whose school of record sent its term-2 roster, the
-- same pupils mart.dropouts is drawn from; a pupil of a school without a
-- term-2 roster can neither be a dropout nor a false alarm. Every base
-- pupil has a row in mart.early_warning at (Y,1).
--   dropouts             mart.dropouts of Y;
--   dropouts_flagged     of those, tier 高 or 中 at (Y,1);
--   recall               dropouts_flagged / dropouts;
--   flagged              judged pupils with tier 高 or 中 at (Y,1);
--   flagged_dropped_out  of those, in mart.dropouts of Y;
--   precision            flagged_dropped_out / flagged.
-- Shares are fractions 0-1, NULL when the denominator is 0. rules echoes
-- the weights and cut-offs in force at this build (config), so a figure is
-- read with the rules that produced it.
CREATE OR REPLACE TABLE mart.early_warning_backtest AS
WITH years AS (
    SELECT school_year FROM core.terms GROUP BY school_year
    HAVING bool_or(term = 1) AND bool_or(term = 2)
),
judged AS (
    SELECT b.school_year, b.is_dropout, w.tier IN ('高', '中') AS is_flagged
    FROM core.dropout_base b
    SEMI JOIN years y ON y.school_year = b.school_year
    JOIN mart.early_warning w ON w.school_year = b.school_year AND w.term = 1 AND w.child_key = b.child_key
    WHERE b.school_has_term2
),
rules AS (
    SELECT string_agg(w.signal || '=' || w.weight, ', ' ORDER BY list_position(
               ['chronic_absence', 'absence_rising', 'returned_dropout', 'over_age', 'repeated_grade',
                'left_behind', 'poor_household', 'disabled', 'moved_school'], w.signal))
           || '; 高≥' || any_value(c.high) || ', 中≥' || any_value(c.medium)
           || '; 无故缺勤≥' || rtrim(rtrim((any_value(c.chronic_absence_share) * 100)::DECIMAL(9,2)::VARCHAR, '0'), '.') || '%'
           || ', 单月≥' || rtrim(rtrim((any_value(c.rising_absence_share) * 100)::DECIMAL(9,2)::VARCHAR, '0'), '.') || '%'
           || ', 超龄≥' || any_value(c.over_age_years) || '岁' AS rules
    FROM config.early_warning_weights w, config.early_warning c
)
SELECT
    y.school_year,
    count(j.school_year) FILTER (WHERE j.is_dropout) AS dropouts,
    count(j.school_year) FILTER (WHERE j.is_dropout AND j.is_flagged) AS dropouts_flagged,
    dropouts_flagged::DOUBLE / nullif(dropouts, 0) AS recall,
    count(j.school_year) FILTER (WHERE j.is_flagged) AS flagged,
    count(j.school_year) FILTER (WHERE j.is_flagged AND j.is_dropout) AS flagged_dropped_out,
    flagged_dropped_out::DOUBLE / nullif(flagged, 0) AS precision,
    any_value(r.rules) AS rules
FROM years y
LEFT JOIN judged j ON j.school_year = y.school_year
CROSS JOIN rules r
GROUP BY y.school_year
ORDER BY y.school_year;

COMMENT ON TABLE mart.early_warning_backtest IS '辍学苗头回测：每学年第一学期的预警对当学年实际辍学的预见程度（召回率、精确率），附当时的权重与分级线';
COMMENT ON COLUMN mart.early_warning_backtest.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.early_warning_backtest.dropouts IS '当学年辍学学生数（同 mart.dropouts）';
COMMENT ON COLUMN mart.early_warning_backtest.dropouts_flagged IS '其中第一学期预警为高或中的人数';
COMMENT ON COLUMN mart.early_warning_backtest.recall IS '召回率：辍学学生中事先被预警（高或中）的比例，0-1；无辍学为空';
COMMENT ON COLUMN mart.early_warning_backtest.flagged IS '第一学期预警为高或中的学生数（仅计学校报送了第二学期名册、可判定去向者）';
COMMENT ON COLUMN mart.early_warning_backtest.flagged_dropped_out IS '其中当学年辍学的人数';
COMMENT ON COLUMN mart.early_warning_backtest.precision IS '精确率：被预警学生中当学年确实辍学的比例，0-1；无人被预警为空';
COMMENT ON COLUMN mart.early_warning_backtest.rules IS '本次构建所用的各信号分值、分级线与缺勤、超龄判定线';
