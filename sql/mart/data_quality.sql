-- mart.data_quality: findings a clerk must resolve, one row per finding
-- and child (or school). finding:
--   重复学籍: a child 在读 in two or more schools in one term;
--   学籍与辍学登记矛盾: the roster says 辍学 but the dropout register has no
--     row for the child dated inside Y, or the register has the child 劝返中
--     or 无法劝返 while a roster of a later term shows it 在读;
--   疑似数据错误: a 疑似辍学 whose name and birth date or identity number
--     match a quarantined term-2 row (fixing that row may remove it);
--   名册未报送: a school that sent a roster for the previous term but not
--     for this one (detail names the missing term);
--   年龄与年级不符: age(Y) minus grade outside 4..9 for grades 1-9 (normal
--     is grade + 5 or + 6; late starters and repeaters add a year or two);
--   从未见于名册: a child of H(Y) aged 6-15 in no roster of any term, even
--     if accounted for otherwise (E(Y), D(Y)): worth a look, counts only;
--   户籍行被隔离: a quarantined household row of a child aged 6-15 (its
--     birth date as written, or from the identity number): the child is in
--     no H(Y) and so on no list, and may hide a missing child.
CREATE OR REPLACE TABLE mart.data_quality AS
SELECT '重复学籍' AS finding, school_year, term, NULL AS school_code, NULL AS village_code,
       child_key, name, enrolled_schools || ' 所学校同时在读' AS detail
FROM core.enrolment WHERE enrolled_schools > 1
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
SELECT '名册未报送', t.school_year, t.term, p.school_code, NULL, NULL, s.school_name,
       '上学期报送了名册，本学期未报送'
FROM core.terms t
JOIN (SELECT DISTINCT school_year, term, school_code FROM staging.roster) p
  ON p.school_year = t.prev_year AND p.term = t.prev_term
JOIN staging.school s USING (school_code)
WHERE NOT EXISTS (SELECT 1 FROM staging.roster r WHERE r.school_year = t.school_year AND r.term = t.term
                                                  AND r.school_code = p.school_code)
UNION ALL
SELECT '年龄与年级不符', e.school_year, e.term, e.school_code, NULL, e.child_key, e.name,
       school_age(e.birth_date, e.school_year) || ' 岁在读' || e.grade || '年级'
FROM core.enrolment e
WHERE e.status = '在读' AND compulsory_grade(e.grade)
  AND school_age(e.birth_date, e.school_year) - e.grade::INTEGER NOT BETWEEN 4 AND 9
UNION ALL
SELECT '从未见于名册', p.school_year, NULL, NULL, p.village_code, p.id_number, p.name,
       p.age || ' 岁，任何学期的名册中都没有'
FROM core.population p
WHERE compulsory_age(p.age)
  AND NOT EXISTS (SELECT 1 FROM staging.roster r WHERE r.child_key = p.id_number)
UNION ALL
SELECT '户籍行被隔离', try_cast(h.school_year AS INTEGER), NULL, NULL, h.village_code, h.id_number, h.name,
       h._file || ' 第' || h._row || '行被隔离，该儿童不在户籍统计中'
FROM raw.household h
WHERE (NOT h._ok OR EXISTS (SELECT 1 FROM staging.unknown_codes u WHERE u.load_id = h._load_id AND u.row_number = h._row))
  AND compulsory_age(school_age(coalesce(h.birth_date, id_birth_date(h.id_number)),
                                 coalesce(h.school_year, (SELECT school_year_of(as_of) FROM core.as_of))))
ORDER BY finding, school_year, term, school_code, child_key;

COMMENT ON TABLE mart.data_quality IS '数据质量问题：需要文员核实处理的发现（重复学籍、学籍与辍学登记矛盾、疑似数据错误、名册未报送、年龄与年级不符、从未见于名册、户籍行被隔离）';
COMMENT ON COLUMN mart.data_quality.finding IS '问题类别';
COMMENT ON COLUMN mart.data_quality.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.data_quality.term IS '学期';
COMMENT ON COLUMN mart.data_quality.school_code IS '学校标识码';
COMMENT ON COLUMN mart.data_quality.village_code IS '村代码';
COMMENT ON COLUMN mart.data_quality.child_key IS '儿童标识（身份证号，或 证件类型:号码）';
COMMENT ON COLUMN mart.data_quality.name IS '姓名（名册未报送时为学校名称）';
COMMENT ON COLUMN mart.data_quality.detail IS '说明';
