-- core.indicator_catalog: the indicators of indicators.md: Chinese name,
-- direction of the line (≥ or ≤), unit (percent, or a 1/0 flag) and the
-- scope levels each is published for.
CREATE OR REPLACE TABLE core.indicator_catalog AS
SELECT * FROM (VALUES
    ('preschool_gross_enrollment',       '学前三年毛入园率',                 '>=', 'percent', ['town']),
    ('primary_net_enrollment',           '小学学龄人口入学率',               '>=', 'percent', ['town', 'village']),
    ('junior_net_enrollment',            '初中学龄人口入学率',               '>=', 'percent', ['town', 'village']),
    ('junior_gross_enrollment',          '初中毛入学率',                     '>=', 'percent', ['town']),
    ('disabled_enrollment',              '三类残疾儿童少年义务教育入学率',   '>=', 'percent', ['town']),
    ('disabled_enrollment_visual',       '视力残疾儿童少年义务教育入学率',   '>=', 'percent', ['town']),
    ('disabled_enrollment_hearing',      '听力残疾儿童少年义务教育入学率',   '>=', 'percent', ['town']),
    ('disabled_enrollment_intellectual', '智力残疾儿童少年义务教育入学率',   '>=', 'percent', ['town']),
    ('primary_dropout',                  '小学年辍学率',                     '<=', 'percent', ['town', 'school']),
    ('junior_dropout',                   '初中年辍学率',                     '<=', 'percent', ['town', 'school']),
    ('junior_progression',               '初中毕业生升学率',                 '>=', 'percent', ['town', 'school']),
    ('primary_to_junior',                '小学毕业生升入初中比例',           '>=', 'percent', ['town', 'school']),
    ('village_kindergarten',             '每村一所幼儿园或学前班',           '>=', 'flag',    ['village'])
) AS t(indicator, name, direction, unit, scopes);
