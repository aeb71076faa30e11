-- severity: error
-- mart.grade_flows agrees with the children: enrolled is the pupils 在读 at
-- the grade in R(Y,1) at their school of record (core.enrolment);
-- promoted + repeated never exceed enrolled; promoted and repeated are
-- NULL exactly when there is no roster of (Y+1,1); dropped_out is NULL
-- exactly when the school sent no term-2 roster of Y, and otherwise equals
-- the pupils of mart.dropouts for that school and grade (the dropout rule,
-- not "absent from a roster that never came").
WITH start AS (
    SELECT school_year, school_code, grade::INTEGER AS grade, count(*) AS n
    FROM core.enrolment WHERE term = 1 AND status = '在读' AND compulsory_grade(grade) GROUP BY ALL
),
dropped AS (SELECT school_year, school_code, grade, count(*) AS n FROM mart.dropouts GROUP BY ALL),
term2 AS (SELECT DISTINCT school_year, school_code FROM staging.roster WHERE term = 2),
next1 AS (SELECT DISTINCT school_year - 1 AS school_year FROM staging.roster WHERE term = 1)
SELECT coalesce(f.school_year, s.school_year) AS school_year, coalesce(f.school_code, s.school_code) AS school_code,
       coalesce(f.grade, s.grade) AS grade, f.enrolled, s.n AS pupils, f.dropped_out, d.n AS dropouts
FROM mart.grade_flows f
FULL JOIN start s USING (school_year, school_code, grade)
LEFT JOIN dropped d USING (school_year, school_code, grade)
LEFT JOIN term2 t USING (school_year, school_code)
LEFT JOIN next1 x USING (school_year)
WHERE f.enrolled IS DISTINCT FROM s.n
   OR f.promoted + f.repeated > f.enrolled
   OR (f.promoted IS NULL) <> (x.school_year IS NULL)
   OR (f.repeated IS NULL) <> (x.school_year IS NULL)
   OR (f.dropped_out IS NULL) <> (t.school_code IS NULL)
   OR f.dropped_out <> coalesce(d.n, 0);
