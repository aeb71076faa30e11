-- tier: restricted
-- incremental: school_year
-- mart.children: the per-child electronic archive (一人一档) of each school
-- year: one row per child seen in the household extract H(Y) or in a
-- roster of Y, with the effective term-1 and term-2 records
-- (core.enrolment), the migration census's move type, and the groups the
-- mechanism tracks. left_behind is the roster's 留守 code as the school
-- wrote it (0 非留守, 1 单亲留守, 2 双亲留守; term 1's record first, NULL for
-- a child on no roster of Y): the census's 留守 does not say which parents
-- are away, so it never turns a 单亲 into a 双亲. census_left_behind says
-- the migration census of Y lists the child as 留守, and is_left_behind is
-- either (the one definition of "a 留守 child" the reports count, as the
-- early-warning signal left_behind does). It names children: restricted
-- tier. Analysts join it to mart.indicator_children
-- on (school_year, child_key) to split any figure by group.
--
-- The child's particulars and both terms' records come from one aggregate
-- over H(Y) and core.enrolment (particulars from H(Y) first, then term 1,
-- then term 2), not from a union of keys joined to each source: the same
-- rows, and it finishes under memory pressure where the joins ran out of
-- memory (county data with a 240 MB limit, the ratio of a province to 6 GB).
CREATE OR REPLACE TABLE mart.children AS
WITH person AS (
    -- one row per child and year from H(Y) and both terms' records, in one aggregate
    SELECT school_year, child_key,
           arg_min(id_number, src) AS id_number,
           arg_min(name, src) AS name,
           arg_min(gender, src) AS gender,
           arg_min(birth_date, src) AS birth_date,
           max(village_code) FILTER (WHERE src = 0) AS village_code,
           max(group_no) FILTER (WHERE src = 0) AS group_no,
           bool_or(src = 0) AS in_household,
           max(school_code) FILTER (WHERE src = 1) AS term1_school_code,
           max(grade) FILTER (WHERE src = 1) AS term1_grade,
           max(status) FILTER (WHERE src = 1) AS term1_status,
           max(school_code) FILTER (WHERE src = 2) AS term2_school_code,
           max(grade) FILTER (WHERE src = 2) AS term2_grade,
           max(status) FILTER (WHERE src = 2) AS term2_status,
           arg_min(left_behind, src) FILTER (WHERE src > 0) AS left_behind,
           arg_min(migrant_child, src) FILTER (WHERE src > 0) AS migrant_child,
           bool_or(poor_household) FILTER (WHERE src = 0) AS poor_household,
           arg_min(nullif(disability, ''), src) FILTER (WHERE src > 0 AND nullif(disability, '') IS NOT NULL) AS roster_disability
    FROM (
        SELECT school_year, id_number AS child_key, 0 AS src, id_number, name, gender, birth_date, village_code, group_no,
               NULL::VARCHAR AS school_code, NULL::VARCHAR AS grade, NULL::VARCHAR AS status,
               NULL::INTEGER AS left_behind, NULL::BOOLEAN AS migrant_child, poor_household, NULL::VARCHAR AS disability
        FROM core.population
        UNION ALL
        SELECT school_year, child_key, term, id_number, name, gender, birth_date, NULL, NULL,
               school_code, grade, status, left_behind, migrant_child, NULL, disability
        FROM core.enrolment
    )
    GROUP BY school_year, child_key
),
mig AS (
    SELECT school_year, id_number, any_value(move_type ORDER BY in_e DESC) AS move_type
    FROM staging.migration GROUP BY ALL
)
SELECT
    p.school_year, p.child_key, p.id_number, p.name, p.gender, p.birth_date,
    school_age(p.birth_date, p.school_year) AS age,
    p.village_code, p.group_no, p.in_household,
    p.term1_school_code, p.term1_grade, p.term1_status,
    p.term2_school_code, p.term2_grade, p.term2_status,
    p.left_behind::INTEGER AS left_behind,
    coalesce(mig.move_type = '留守', false) AS census_left_behind,
    coalesce(p.left_behind > 0, false) OR coalesce(mig.move_type = '留守', false) AS is_left_behind,
    coalesce(p.migrant_child, false) AS migrant_child,
    mig.move_type,
    coalesce(p.poor_household, false) AS poor_household,
    coalesce(d.category, p.roster_disability) AS disability
FROM person p
LEFT JOIN mig ON mig.school_year = p.school_year AND mig.id_number = p.child_key
LEFT JOIN staging.disability d ON d.school_year = p.school_year AND d.id_number = p.child_key;

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
COMMENT ON COLUMN mart.children.left_behind IS '名册中的留守情况：0 非留守，1 单亲留守，2 双亲留守（第一学期名册优先；不在名册为空）';
COMMENT ON COLUMN mart.children.census_left_behind IS '流动人口普查中是否为留守（普查不区分单亲、双亲）';
COMMENT ON COLUMN mart.children.is_left_behind IS '是否留守儿童：名册为单亲或双亲留守，或普查为留守（报表按此计数）';
COMMENT ON COLUMN mart.children.migrant_child IS '是否随迁子女（名册）';
COMMENT ON COLUMN mart.children.move_type IS '流动类型（流动人口普查）：随迁外出、流入、留守';
COMMENT ON COLUMN mart.children.poor_household IS '是否贫困家庭（户籍册）';
COMMENT ON COLUMN mart.children.disability IS '残疾类别（残疾人口普查，其次名册）';
