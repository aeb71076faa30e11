-- Provincial roll-up over the counties' Parquet exports. pipeline/rollup
-- makes the views src.children, src.unaccounted_children and src.indicators
-- over every county's export folder (Hive layout county=/school_year=), then
-- runs this file into a fresh DuckDB file. The rules:
--   * a child is one identity number (child_key), whichever counties list it:
--     a child in two counties' household registers (moved, the old register
--     not yet cleaned) is one child of the province;
--   * a child is in compulsory school when any county's term-1 roster has it
--     在读 at grades 1-9; a child on one county's unaccounted list (term 1)
--     who is in school in another county is not missing from the province;
--   * a child listed by several counties carries the first reason of the
--     contract's order (数据待核实, 已登记辍学, 外出未取得就读证明, 仍在幼儿园,
--     学籍消失, 从未入学), as a single county's list does, not the
--     alphabetically smallest;
--   * ages are age(Y) as the counties computed them (31 August of Y); the
--     compulsory-age frame is 6-15, as the unaccounted lists use.
-- Dropout and progression figures add up across counties (a pupil has one
-- school of record); enrolment rates do not (movers), so the province's
-- enrolment picture is the summary table, not a sum of county rates. The
-- tables sit in the main schema, so the file may be named anything.

CREATE OR REPLACE TABLE children AS
SELECT school_year, child_key,
       coalesce(list(DISTINCT county ORDER BY county) FILTER (WHERE in_household), []) AS household_counties,
       coalesce(list(DISTINCT county ORDER BY county) FILTER (WHERE term1_status = '在读'), []) AS enrolled_counties,
       max(age) AS age,
       bool_or(in_household) AS in_household,
       bool_or(term1_status = '在读' AND compulsory_grade(term1_grade)) AS in_compulsory_school
FROM src.children
GROUP BY school_year, child_key;

CREATE OR REPLACE TABLE unaccounted AS
SELECT u.school_year, u.id_number AS child_key,
       list(DISTINCT u.county ORDER BY u.county) AS listed_by,
       arg_min(u.reason, list_position(['数据待核实', '已登记辍学', '外出未取得就读证明', '仍在幼儿园', '学籍消失', '从未入学'],
                                       u.reason)) AS reason
FROM src.unaccounted_children u
LEFT JOIN children c ON c.school_year = u.school_year AND c.child_key = u.id_number
WHERE u.term = 1 AND NOT coalesce(c.in_compulsory_school, false)
GROUP BY u.school_year, u.id_number;

CREATE OR REPLACE TABLE county_summary AS
WITH listed AS (
    SELECT u.county, u.school_year, u.id_number,
           coalesce(c.in_compulsory_school, false) AS in_school_elsewhere
    FROM src.unaccounted_children u
    LEFT JOIN children c ON c.school_year = u.school_year AND c.child_key = u.id_number
    WHERE u.term = 1
),
registered AS (
    SELECT s.county, s.school_year, s.child_key, len(c.household_counties) > 1 AS also_elsewhere
    FROM src.children s
    JOIN children c USING (school_year, child_key)
    WHERE s.in_household AND compulsory_age(s.age)
)
SELECT r.county, r.school_year,
       count(*) AS registered_6_15,
       count(*) FILTER (WHERE r.also_elsewhere) AS registered_in_another_county_too,
       (SELECT count(*) FROM listed l WHERE l.county = r.county AND l.school_year = r.school_year) AS unaccounted_listed,
       (SELECT count(*) FROM listed l WHERE l.county = r.county AND l.school_year = r.school_year AND l.in_school_elsewhere) AS in_school_in_another_county
FROM registered r
GROUP BY r.county, r.school_year;

CREATE OR REPLACE TABLE summary AS
SELECT s.school_year,
       sum(s.registered_6_15) AS county_register_rows_6_15,
       (SELECT count(*) FROM children c
         WHERE c.school_year = s.school_year AND c.in_household AND compulsory_age(c.age)) AS children_6_15,
       sum(s.unaccounted_listed) AS county_unaccounted_rows,
       sum(s.in_school_in_another_county) AS in_school_in_another_county,
       (SELECT count(*) FROM unaccounted u WHERE u.school_year = s.school_year) AS unaccounted
FROM county_summary s
GROUP BY s.school_year;

CREATE OR REPLACE TABLE county_indicators AS
SELECT county, school_year, indicator, scope_name, numerator, denominator, value, target, veto_line, status
FROM src.indicators
WHERE scope_level = 'town';

CREATE OR REPLACE TABLE additive_indicators AS
SELECT school_year, indicator,
       count(*) AS counties,
       sum(numerator) AS numerator,
       sum(denominator) AS denominator,
       100.0 * sum(numerator) / nullif(sum(denominator), 0) AS value
FROM src.indicators
WHERE scope_level = 'town' AND numerator IS NOT NULL
  AND indicator IN ('primary_dropout', 'junior_dropout', 'junior_progression', 'primary_to_junior')
GROUP BY school_year, indicator;

COMMENT ON TABLE children IS '全省儿童：每学年每名儿童一行（按身份证号去重），列出其户籍所在县和在读县';
COMMENT ON TABLE unaccounted IS '全省应入学未入学：各县第一学期名单中、在全省任何县都未在读义务教育年级的儿童';
COMMENT ON TABLE county_summary IS '各县汇总：户籍 6-15 周岁人数、同时在他县户籍的人数、未入学名单人数及其中在他县在读的人数';
COMMENT ON TABLE summary IS '全省汇总：按县相加与按儿童去重的人数对照';
COMMENT ON TABLE county_indicators IS '各县全镇口径指标';
COMMENT ON TABLE additive_indicators IS '可跨县相加的指标（辍学率、升学率）的全省合计';
