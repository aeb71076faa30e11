-- tier: restricted
-- mart.data_quality: what the clerk should look at, one row per finding
-- and child (or school). actionable says whether the row is a problem the
-- clerk can and should resolve (counted as 待核实的问题 on the pages) or
-- context only (counted apart, as 供参考). finding:
--   重复学籍: a child 在读 in two or more schools in one term; the detail
--     names the schools;
--   学籍与辍学登记矛盾: the roster says 辍学 but the dropout register has no
--     row for the child dated inside Y, or the register has the child 劝返中
--     or 无法劝返 while a roster of a later term shows it 在读;
--   疑似数据错误: a 疑似辍学 whose name and birth date or identity number
--     match a quarantined term-2 row (fixing that row may remove it);
--   名册未报送: a school of the directory that sent no roster of a term that
--     has rosters, one row for every such term (the bulletin's rows with
--     roster_received false), not only the first one missed;
--   其他证件类型: a pupil listed with another document type (护照, 港澳台
--     documents): inputs.md says it cannot be matched across files by
--     identity number "and that is reported"; one row per pupil and year;
--   年龄与年级不符: age(Y) minus grade outside 4..9 for grades 1-9 (normal
--     is grade + 5 or + 6; late starters and repeaters add a year or two);
--   户籍行被隔离: a quarantined household row of a child aged 6-15 (its
--     birth date as written, or from the identity number, for its 学年, or
--     the school year of core.as_of when the 学年 cell did not parse), or
--     whose age cannot be told at all (no readable date anywhere): the
--     child is in no H(Y) and so on no list, and may hide a missing child;
--   从未见于名册 (context, not actionable): a child of H(Y) aged 6-15 in no
--     roster of any term. Such a child is either accounted for without a
--     roster (graduated before the first roster, studying elsewhere with
--     proof, a disability placement: nothing to do) or already on the
--     unaccounted list (where the work is done); counting it again as a
--     problem buried the real ones (the demo showed 322 of 352). The
--     detail says which.
-- The build depends only on its inputs and core.as_of (no clock).
CREATE OR REPLACE TABLE mart.data_quality AS
WITH dup_schools AS (
    -- the children core.enrolment found 在读 in more than one school
    -- (enrolled_schools), first: grouping every roster row by child to
    -- count schools took most of this model's time
    SELECT r.school_year, r.term, r.child_key,
           string_agg(coalesce(s.school_name, r.school_code), '、' ORDER BY r.school_code) AS schools
    FROM staging.roster r
    SEMI JOIN core.enrolment e ON e.school_year = r.school_year AND e.term = r.term
                               AND e.child_key = r.child_key AND e.enrolled_schools > 1
    LEFT JOIN staging.school s USING (school_code)
    WHERE r.status = '在读'
    GROUP BY ALL
),
finished AS (SELECT id_number, min(school_year) AS school_year FROM staging.graduate GROUP BY ALL),
findings AS (
SELECT '重复学籍' AS finding, e.school_year, e.term, e.school_code, NULL AS village_code,
       e.child_key, e.name, '同时在读于 ' || d.schools AS detail
FROM core.enrolment e JOIN dup_schools d USING (school_year, term, child_key)
UNION ALL
SELECT '学籍与辍学登记矛盾', e.school_year, e.term, e.school_code, NULL, e.child_key, e.name,
       '名册为辍学，辍学登记中无该生本学年记录'
FROM core.enrolment e
WHERE e.status = '辍学' AND e.id_type = '1'
  AND NOT EXISTS (SELECT 1 FROM staging.dropout d WHERE d.id_number = e.child_key AND d.school_year = e.school_year)
UNION ALL
SELECT '学籍与辍学登记矛盾', d.school_year, NULL, d.school_code, NULL, d.id_number, d.name,
       '辍学登记为' || d.persuasion_status || '，但其后名册显示在读'
FROM mart.persuasion d
WHERE d.persuasion_status IN ('劝返中', '无法劝返') AND d.back_in_roster_from IS NOT NULL
UNION ALL
SELECT '疑似数据错误', school_year, 2, school_code, NULL, id_number, name,
       '第二学期名册中有相符的被隔离行，改正后可能不是辍学'
FROM mart.dropouts WHERE possible_data_error
UNION ALL
SELECT DISTINCT '名册未报送', school_year, term, school_code, NULL, NULL, school_name, '本学期未报送学籍名册'
FROM mart.school_term_bulletin WHERE NOT roster_received
UNION ALL
SELECT '其他证件类型', e.school_year, min(e.term), arg_min(e.school_code, e.term), NULL, e.child_key,
       arg_min(e.name, e.term), '以其他证件登记（' || e.child_key || '），无法与户籍、辍学登记等文件按证件号比对；请核实该生是否有居民身份证，如有请改用居民身份证登记'
FROM core.enrolment e WHERE e.id_type <> '1'
GROUP BY e.school_year, e.child_key
UNION ALL
SELECT '年龄与年级不符', e.school_year, e.term, e.school_code, NULL, e.child_key, e.name,
       school_age(e.birth_date, e.school_year) || ' 岁在读' || e.grade || '年级'
FROM core.enrolment e
WHERE e.status = '在读' AND compulsory_grade(e.grade)
  AND school_age(e.birth_date, e.school_year) - e.grade::INTEGER NOT BETWEEN 4 AND 9
UNION ALL
SELECT '户籍行被隔离', h.school_year, NULL, NULL, h.village_code, h.id_number, h.name,
       h._file || ' 第' || h._row || '行被隔离，该儿童不在户籍统计中'
       || CASE WHEN coalesce(h.birth_date, id_birth_date(h.id_number)) IS NULL THEN '（出生日期无法识别，年龄不详）' ELSE '' END
FROM raw.household h
WHERE (NOT h._ok OR EXISTS (SELECT 1 FROM staging.unknown_codes u WHERE u.load_id = h._load_id AND u.row_number = h._row))
  AND compulsory_age(school_age(coalesce(h.birth_date, id_birth_date(h.id_number)),
                                 coalesce(h.school_year, (SELECT school_year_of(as_of) FROM core.as_of)))) IS NOT FALSE
),
context AS (
SELECT '从未见于名册' AS finding, p.school_year, NULL::INTEGER AS term, NULL AS school_code, p.village_code,
       p.id_number AS child_key, p.name,
       p.age || ' 岁，任何学期的名册中都没有；'
       || CASE WHEN f.id_number IS NOT NULL THEN '已于' || f.school_year || '-' || (f.school_year + 1) || '学年初中毕业'
               WHEN m.id_number IS NOT NULL THEN '在外地就读（有就读证明）'
               WHEN u.id_number IS NOT NULL THEN '已列入应入学未入学名单'
               WHEN d.id_number IS NOT NULL THEN '残疾儿童（' || d.placement || '）'
               ELSE '本学年无名册学期' END AS detail
FROM core.population p
LEFT JOIN finished f ON f.id_number = p.id_number AND f.school_year <= p.school_year
LEFT JOIN core.elsewhere m ON m.school_year = p.school_year AND m.id_number = p.id_number
LEFT JOIN staging.disability d ON d.school_year = p.school_year AND d.id_number = p.id_number
LEFT JOIN (SELECT DISTINCT school_year, id_number FROM core.unaccounted) u
  ON u.school_year = p.school_year AND u.id_number = p.id_number
WHERE compulsory_age(p.age)
  AND NOT EXISTS (SELECT 1 FROM staging.roster r WHERE r.child_key = p.id_number)
)
SELECT *, true AS actionable FROM findings
UNION ALL
SELECT *, false FROM context
ORDER BY actionable DESC, finding, school_year, term, school_code, child_key;

COMMENT ON TABLE mart.data_quality IS '数据质量：需要文员核实处理的问题（重复学籍、学籍与辍学登记矛盾、疑似数据错误、名册未报送、其他证件类型、年龄与年级不符、户籍行被隔离）及仅供参考的情况（从未见于名册）';
COMMENT ON COLUMN mart.data_quality.finding IS '问题类别';
COMMENT ON COLUMN mart.data_quality.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.data_quality.term IS '学期';
COMMENT ON COLUMN mart.data_quality.school_code IS '学校标识码';
COMMENT ON COLUMN mart.data_quality.village_code IS '村代码';
COMMENT ON COLUMN mart.data_quality.child_key IS '儿童标识（身份证号，或 证件类型:号码）';
COMMENT ON COLUMN mart.data_quality.name IS '姓名（名册未报送时为学校名称）';
COMMENT ON COLUMN mart.data_quality.detail IS '说明';
COMMENT ON COLUMN mart.data_quality.actionable IS '是否需要文员处理：是为待核实的问题，否为仅供参考的情况（如从未见于名册但已毕业或在外地就读）';
