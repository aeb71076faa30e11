-- mart.children: the per-child electronic archive (一人一档) of each school
-- year: one row per child seen in the household extract H(Y) or in a
-- roster of Y, with the effective term-1 and term-2 records
-- (core.enrolment), the migration census's move type, and the groups the
-- mechanism tracks. left_behind is the larger of the roster's 留守 code
-- (0/1 单亲/2 双亲) and 2 when the migration census says 留守. It names
-- children: restricted tier. Analysts join it to mart.indicator_children
-- on (school_year, child_key) to split any figure by group.
CREATE OR REPLACE TABLE mart.children AS
WITH keys AS (
    SELECT school_year, id_number AS child_key FROM core.population
    UNION
    SELECT school_year, child_key FROM core.enrolment
),
t1 AS (SELECT * FROM core.enrolment WHERE term = 1),
t2 AS (SELECT * FROM core.enrolment WHERE term = 2),
mig AS (
    SELECT school_year, id_number, any_value(move_type ORDER BY in_e DESC) AS move_type
    FROM staging.migration GROUP BY ALL
)
SELECT
    k.school_year,
    k.child_key,
    coalesce(p.id_number, t1.id_number, t2.id_number) AS id_number,
    coalesce(p.name, t1.name, t2.name) AS name,
    coalesce(p.gender, t1.gender, t2.gender) AS gender,
    coalesce(p.birth_date, t1.birth_date, t2.birth_date) AS birth_date,
    date_sub('year', coalesce(p.birth_date, t1.birth_date, t2.birth_date), make_date(k.school_year, 8, 31)) AS age,
    p.village_code,
    p.group_no,
    p.id_number IS NOT NULL AS in_household,
    t1.school_code AS term1_school_code,
    t1.grade AS term1_grade,
    t1.status AS term1_status,
    t2.school_code AS term2_school_code,
    t2.grade AS term2_grade,
    t2.status AS term2_status,
    greatest(coalesce(t1.left_behind, t2.left_behind, 0),
             CASE WHEN mig.move_type = '留守' THEN 2 ELSE 0 END)::INTEGER AS left_behind,
    coalesce(t1.migrant_child, t2.migrant_child, false) AS migrant_child,
    mig.move_type,
    coalesce(p.poor_household, false) AS poor_household,
    coalesce(d.category, nullif(t1.disability, ''), nullif(t2.disability, '')) AS disability
FROM keys k
LEFT JOIN core.population p ON p.school_year = k.school_year AND p.id_number = k.child_key
LEFT JOIN t1 ON t1.school_year = k.school_year AND t1.child_key = k.child_key
LEFT JOIN t2 ON t2.school_year = k.school_year AND t2.child_key = k.child_key
LEFT JOIN mig ON mig.school_year = k.school_year AND mig.id_number = k.child_key
LEFT JOIN staging.disability d ON d.school_year = k.school_year AND d.id_number = k.child_key;

COMMENT ON TABLE mart.children IS '一人一档：每学年户籍册或学籍名册中出现的每名儿童一行，含两个学期的学籍状态和重点关注群体（含个人信息）';
COMMENT ON COLUMN mart.children.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.children.child_key IS '儿童标识：居民身份证号，其他证件为“证件类型:号码”，与 mart.indicator_children 相连';
COMMENT ON COLUMN mart.children.id_number IS '身份证件号';
COMMENT ON COLUMN mart.children.name IS '姓名';
COMMENT ON COLUMN mart.children.gender IS '性别';
COMMENT ON COLUMN mart.children.birth_date IS '出生日期';
COMMENT ON COLUMN mart.children.age IS '年龄：学年 8 月 31 日的周岁';
COMMENT ON COLUMN mart.children.village_code IS '户籍所在村代码（来自户籍册，不在户籍册为空）';
COMMENT ON COLUMN mart.children.group_no IS '户籍所在村民小组';
COMMENT ON COLUMN mart.children.in_household IS '是否在本学年户籍册（户籍正常）中';
COMMENT ON COLUMN mart.children.term1_school_code IS '第一学期学籍所在学校标识码';
COMMENT ON COLUMN mart.children.term1_grade IS '第一学期年级（K1-K3、1-9）';
COMMENT ON COLUMN mart.children.term1_status IS '第一学期学籍状态';
COMMENT ON COLUMN mart.children.term2_school_code IS '第二学期学籍所在学校标识码';
COMMENT ON COLUMN mart.children.term2_grade IS '第二学期年级（K1-K3、1-9）';
COMMENT ON COLUMN mart.children.term2_status IS '第二学期学籍状态';
COMMENT ON COLUMN mart.children.left_behind IS '留守：0 非留守，1 单亲留守，2 双亲留守（名册或流动人口普查为留守）';
COMMENT ON COLUMN mart.children.migrant_child IS '是否随迁子女（名册）';
COMMENT ON COLUMN mart.children.move_type IS '流动类型（流动人口普查）：随迁外出、流入、留守';
COMMENT ON COLUMN mart.children.poor_household IS '是否贫困家庭（户籍册）';
COMMENT ON COLUMN mart.children.disability IS '残疾类别（残疾人口普查，其次名册）';
