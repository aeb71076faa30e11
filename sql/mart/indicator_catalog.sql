-- tier: public
-- mart.indicator_catalog: the indicators of indicators.md, one row each,
-- and everything every reader shows of them: the Chinese name and its
-- short form, the order pages list them in, the topic, the direction of
-- the line (>= a floor, <= a ceiling), the unit (percent, or a 1/0 flag),
-- whether the line must be met exactly (printed "= 100%"), the dashboard's
-- trend chart (indicators sharing a number share a chart), the scope
-- levels each is published for, and what its numerator and denominator
-- count, in words (dropwatch explain prints them beside the children).
-- The reports, explain and the bulletins read this table; nothing keeps a
-- second copy. The lines themselves come from the configuration
-- (config.lines).
CREATE OR REPLACE TABLE mart.indicator_catalog AS
SELECT * FROM (VALUES
    ('preschool_gross_enrollment',       '学前三年毛入园率',                 '学前毛入园率', 1,  'enrolment',   '>=', 'percent', false, 5,    ['town'],
     '第一学期学籍中在读幼儿园（小、中、大班）的儿童，不限年龄',
     '户籍册中 3-5 周岁（8月31日计）户籍正常的儿童'),
    ('primary_net_enrollment',           '小学学龄人口入学率',               '小学入学率',   2,  'enrolment',   '>=', 'percent', false, 1,    ['town', 'village'],
     '分母中第一学期在读 1-9 年级、随迁外出取得就读证明或残疾儿童已安置就读的儿童',
     '户籍册中 6-11 周岁儿童，减去三类残疾儿童和缓学、免学、休学儿童'),
    ('junior_net_enrollment',            '初中学龄人口入学率',               '初中入学率',   3,  'enrolment',   '>=', 'percent', false, 2,    ['town', 'village'],
     '分母中第一学期在读 7-9 年级、随迁外出在读初中或高中，或残疾儿童已安置就读的儿童',
     '户籍册中 12-14 周岁儿童，减去三类残疾儿童和缓学、免学、休学儿童'),
    ('junior_gross_enrollment',          '初中毛入学率',                     '初中毛入学率', 4,  'enrolment',   '>=', 'percent', false, 6,    ['town'],
     '第一学期学籍中在读 7-9 年级的学生，不限年龄',
     '户籍册中 12-14 周岁儿童'),
    ('disabled_enrollment',              '三类残疾儿童少年义务教育入学率',   '三类残疾',     5,  'enrolment',   '>=', 'percent', false, 7,    ['town'],
     '分母中随班就读、在特殊教育学校、送教上门或第一学期在读的儿童',
     '残疾人口普查中 6-15 周岁的视力、听力、智力残疾儿童'),
    ('disabled_enrollment_visual',       '视力残疾儿童少年义务教育入学率',   '视力残疾',     6,  'enrolment',   '>=', 'percent', false, 7,    ['town'],
     '分母中随班就读、在特殊教育学校、送教上门或第一学期在读的儿童',
     '残疾人口普查中 6-15 周岁的视力残疾儿童'),
    ('disabled_enrollment_hearing',      '听力残疾儿童少年义务教育入学率',   '听力残疾',     7,  'enrolment',   '>=', 'percent', false, 7,    ['town'],
     '分母中随班就读、在特殊教育学校、送教上门或第一学期在读的儿童',
     '残疾人口普查中 6-15 周岁的听力残疾儿童'),
    ('disabled_enrollment_intellectual', '智力残疾儿童少年义务教育入学率',   '智力残疾',     8,  'enrolment',   '>=', 'percent', false, 7,    ['town'],
     '分母中随班就读、在特殊教育学校、送教上门或第一学期在读的儿童',
     '残疾人口普查中 6-15 周岁的智力残疾儿童'),
    ('primary_dropout',                  '小学年辍学率',                     '小学辍学率',   9,  'dropout',     '<=', 'percent', false, 3,    ['town', 'school'],
     '分母中第二学期学籍为辍学，或不在第二学期学籍且非随迁外出就读、毕业、死亡的学生',
     '第一学期在读小学的学生（按学籍所在学校）'),
    ('junior_dropout',                   '初中年辍学率',                     '初中辍学率',   10, 'dropout',     '<=', 'percent', false, 4,    ['town', 'school'],
     '分母中第二学期学籍为辍学，或不在第二学期学籍且非随迁外出就读、毕业、死亡的学生',
     '第一学期在读初中的学生（按学籍所在学校）'),
    ('junior_progression',               '初中毕业生升学率',                 '初中升学率',   11, 'progression', '>=', 'percent', false, 8,    ['town', 'school'],
     '升入普通高中或中等职业学校的应届初中毕业生',
     '本学年应届初中毕业生'),
    ('primary_to_junior',                '小学毕业生升入初中比例',           '小升初比例',   12, 'progression', '>=', 'percent', true,  9,    ['town', 'school'],
     '下一学年第一学期在读 7-9 年级，或随迁外出在读初中的学生',
     '第二学期学籍中六年级在读或毕业的学生'),
    ('village_kindergarten',             '每村一所幼儿园或学前班',           '村幼儿园',     13, 'provision',   '>=', 'flag',    false, NULL, ['village'],
     '村内有独立设置的幼儿园，或有附设学前班的学校（有为 1）',
     '每村计 1')
) AS t(indicator, name, short_name, sort_order, topic, direction, unit, line_exact, trend_chart, scopes,
       numerator_def, denominator_def)
ORDER BY sort_order;

COMMENT ON TABLE mart.indicator_catalog IS '指标目录：每个监测指标一行，含名称、简称、排列顺序、类别、达标方向、单位、趋势图分组、发布范围和分子分母口径；报表、explain 和学期通报都读此表';
COMMENT ON COLUMN mart.indicator_catalog.indicator IS '指标代码（监测指标表 indicators 的 indicator 列）';
COMMENT ON COLUMN mart.indicator_catalog.name IS '指标名称';
COMMENT ON COLUMN mart.indicator_catalog.short_name IS '简称（图例、表头）';
COMMENT ON COLUMN mart.indicator_catalog.sort_order IS '排列顺序：页面按此顺序列出指标';
COMMENT ON COLUMN mart.indicator_catalog.topic IS '类别：enrolment 入学，dropout 辍学，progression 升学，provision 学前资源';
COMMENT ON COLUMN mart.indicator_catalog.direction IS '达标方向：>= 不低于达标线，<= 不高于达标线（辍学率）';
COMMENT ON COLUMN mart.indicator_catalog.unit IS '单位：percent 百分比，flag 有为 1、无为 0';
COMMENT ON COLUMN mart.indicator_catalog.line_exact IS '达标线须恰好达到（显示为“= 100%”）';
COMMENT ON COLUMN mart.indicator_catalog.trend_chart IS '首页趋势图编号：编号相同的指标画在同一张图上；为空则不画趋势图';
COMMENT ON COLUMN mart.indicator_catalog.scopes IS '发布范围层级：town 全镇，village 村，school 学校';
COMMENT ON COLUMN mart.indicator_catalog.numerator_def IS '分子口径';
COMMENT ON COLUMN mart.indicator_catalog.denominator_def IS '分母口径';
