-- tier: public
-- mart.dropout_composition: the dropouts of each school year (mart.dropouts)
-- counted four ways, for the dashboard's composition table and charts:
--   reason  by 辍学原因; an empty reason is 未登记（疑似辍学） for a
--           suspected dropout, else 未填原因; most frequent first;
--   level   小学 and 初中, both always present (0 when none);
--   gender  男 and 女 always, 未填 only when some dropout has neither;
--   group   the groups the mechanism tracks, as the child's archive
--           (mart.children) defines them, all four always present:
--           留守儿童 (is_left_behind), 随迁子女 (migrant_child), 残疾儿童
--           (a disability category) and 贫困家庭 (poor household in H(Y)).
-- A child may count in several groups; each other dimension adds up to
-- the year's dropouts.
CREATE OR REPLACE TABLE mart.dropout_composition AS
WITH d AS (
    SELECT d.school_year, d.level,
           coalesce(nullif(d.reason, ''), CASE d.kind WHEN '疑似辍学' THEN '未登记（疑似辍学）' ELSE '未填原因' END) AS reason,
           CASE WHEN c.gender IN ('男', '女') THEN c.gender ELSE '未填' END AS gender,
           coalesce(c.is_left_behind, false) AS left_behind,
           coalesce(c.migrant_child, false) AS migrant,
           coalesce(c.disability, '') <> '' AS disabled,
           coalesce(c.poor_household, false) AS poor
    FROM mart.dropouts d
    LEFT JOIN mart.children c ON c.school_year = d.school_year AND c.id_number = d.id_number
),
years AS (SELECT school_year FROM mart.dropouts UNION SELECT school_year FROM mart.indicators),
reasons AS (
    SELECT school_year, reason AS label, count(*) AS dropouts FROM d GROUP BY ALL
),
fixed AS (
    SELECT y.school_year, f.dimension, f.label, f.sort_order,
           (SELECT count(*) FROM d
            WHERE d.school_year = y.school_year
              AND CASE f.dimension
                  WHEN 'level' THEN d.level = f.label
                  WHEN 'gender' THEN d.gender = f.label
                  ELSE CASE f.label WHEN '留守儿童' THEN d.left_behind WHEN '随迁子女' THEN d.migrant
                                    WHEN '残疾儿童' THEN d.disabled ELSE d.poor END
                  END) AS dropouts
    FROM years y
    CROSS JOIN (VALUES ('level', '小学', 1), ('level', '初中', 2),
                       ('gender', '男', 1), ('gender', '女', 2), ('gender', '未填', 3),
                       ('group', '留守儿童', 1), ('group', '随迁子女', 2), ('group', '残疾儿童', 3), ('group', '贫困家庭', 4))
               AS f(dimension, label, sort_order)
)
SELECT school_year, 'reason' AS dimension, label,
       row_number() OVER (PARTITION BY school_year ORDER BY dropouts DESC, label)::INTEGER AS sort_order, dropouts
FROM reasons
UNION ALL
SELECT school_year, dimension, label, sort_order, dropouts
FROM fixed
WHERE NOT (dimension = 'gender' AND label = '未填' AND dropouts = 0)
ORDER BY school_year, dimension, sort_order;

COMMENT ON TABLE mart.dropout_composition IS '辍学学生构成：每学年按辍学原因、学段、性别和重点群体（留守、随迁、残疾、贫困）计数';
COMMENT ON COLUMN mart.dropout_composition.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.dropout_composition.dimension IS '维度：reason 原因，level 学段，gender 性别，group 重点群体（一人可属多个群体）';
COMMENT ON COLUMN mart.dropout_composition.label IS '类别名称';
COMMENT ON COLUMN mart.dropout_composition.sort_order IS '维度内的排列顺序（原因按人数从多到少）';
COMMENT ON COLUMN mart.dropout_composition.dropouts IS '辍学人数';
