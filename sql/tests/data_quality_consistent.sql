-- severity: error
-- mart.data_quality agrees with the models it reports on: 名册未报送 rows
-- are exactly the (term, school) pairs the bulletin shows without a roster
-- (every missing term, not only the first); a 重复学籍 row is a child 在读
-- at two or more schools that term, and every such child has one; every
-- pupil with another document type is reported for each year it is on a
-- roster; a row is actionable or context, never unknown, and only
-- 从未见于名册 is context.
WITH missing AS (
    SELECT DISTINCT school_year, term, school_code FROM mart.school_term_bulletin WHERE NOT roster_received
),
reported AS (
    SELECT school_year, term, school_code FROM mart.data_quality WHERE finding = '名册未报送'
),
dup AS (SELECT DISTINCT school_year, term, child_key FROM core.enrolment WHERE enrolled_schools > 1),
dup_rows AS (SELECT school_year, term, child_key FROM mart.data_quality WHERE finding = '重复学籍'),
other AS (SELECT DISTINCT school_year, child_key FROM core.enrolment WHERE id_type <> '1'),
other_rows AS (SELECT school_year, child_key FROM mart.data_quality WHERE finding = '其他证件类型')
SELECT '名册未报送' AS finding, coalesce(m.school_year, r.school_year) AS school_year, coalesce(m.term, r.term) AS term,
       coalesce(m.school_code, r.school_code) AS key
FROM missing m FULL JOIN reported r USING (school_year, term, school_code)
WHERE m.school_code IS NULL OR r.school_code IS NULL
UNION ALL
SELECT '重复学籍', coalesce(d.school_year, r.school_year), coalesce(d.term, r.term), coalesce(d.child_key, r.child_key)
FROM dup d FULL JOIN dup_rows r USING (school_year, term, child_key)
WHERE d.child_key IS NULL OR r.child_key IS NULL
UNION ALL
SELECT '其他证件类型', coalesce(o.school_year, r.school_year), NULL, coalesce(o.child_key, r.child_key)
FROM other o FULL JOIN other_rows r USING (school_year, child_key)
WHERE o.child_key IS NULL OR r.child_key IS NULL
UNION ALL
SELECT finding, school_year, term, 'actionable: ' || coalesce(actionable::VARCHAR, 'NULL')
FROM mart.data_quality
WHERE actionable IS NULL OR actionable <> (finding <> '从未见于名册');
