-- tier: restricted
-- incremental: school_year
-- mart.unaccounted_children: the 应入学未入学 / 疑似失学辍学 list, one row per
-- (学年, 学期, child), with the reason (core.unaccounted) and the people
-- answerable: 包村干部 of the village, 包组干部 of the group, the guardian and
-- a phone number. terms_on_list counts consecutive listed terms ending at
-- this one, over the sequence of terms for which lists are produced.
CREATE OR REPLACE TABLE mart.unaccounted_children AS
WITH seq AS (
    SELECT school_year, term, row_number() OVER (ORDER BY school_year, term) AS idx
    FROM (SELECT DISTINCT school_year, term FROM core.terms t
          WHERE EXISTS (SELECT 1 FROM core.population p WHERE p.school_year = t.school_year))
),
listed AS (
    SELECT u.*, s.idx,
           s.idx - row_number() OVER (PARTITION BY u.id_number ORDER BY s.idx) AS island
    FROM core.unaccounted u JOIN seq s USING (school_year, term)
)
SELECT
    l.school_year,
    l.term,
    l.id_number,
    l.name,
    l.gender,
    l.birth_date,
    l.age::INTEGER AS age,
    l.village_code,
    v.village_name,
    l.group_no,
    l.reason,
    v.town_cadre,
    l.village_cadre,
    l.guardian,
    l.guardian_phone,
    row_number() OVER (PARTITION BY l.id_number, l.island ORDER BY l.idx)::INTEGER AS terms_on_list
FROM listed l
LEFT JOIN staging.village v USING (village_code)
ORDER BY l.school_year, l.term, l.village_code, l.group_no, l.id_number;

COMMENT ON TABLE mart.unaccounted_children IS '应入学未入学（疑似失学辍学）名单：每学年每学期每名未落实就学的 6-15 周岁儿童一行';
COMMENT ON COLUMN mart.unaccounted_children.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.unaccounted_children.term IS '学期：1 第一学期，2 第二学期';
COMMENT ON COLUMN mart.unaccounted_children.id_number IS '公民身份号码';
COMMENT ON COLUMN mart.unaccounted_children.name IS '姓名';
COMMENT ON COLUMN mart.unaccounted_children.gender IS '性别';
COMMENT ON COLUMN mart.unaccounted_children.birth_date IS '出生日期';
COMMENT ON COLUMN mart.unaccounted_children.age IS '年龄（当学年8月31日的周岁）';
COMMENT ON COLUMN mart.unaccounted_children.village_code IS '户籍所在村代码';
COMMENT ON COLUMN mart.unaccounted_children.village_name IS '村名称';
COMMENT ON COLUMN mart.unaccounted_children.group_no IS '村民小组';
COMMENT ON COLUMN mart.unaccounted_children.reason IS '原因：数据待核实、已登记辍学、外出未取得就读证明、仍在幼儿园、学籍消失、从未入学';
COMMENT ON COLUMN mart.unaccounted_children.town_cadre IS '包村干部';
COMMENT ON COLUMN mart.unaccounted_children.village_cadre IS '包组干部';
COMMENT ON COLUMN mart.unaccounted_children.guardian IS '监护人';
COMMENT ON COLUMN mart.unaccounted_children.guardian_phone IS '监护人电话';
COMMENT ON COLUMN mart.unaccounted_children.terms_on_list IS '连续在名单上的学期数（截至本学期）';
