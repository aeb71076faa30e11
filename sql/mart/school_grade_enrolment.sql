-- tier: public
-- incremental: school_year
-- mart.school_grade_enrolment: 在读 pupils per school, term and grade, from
-- the roster snapshots in force (staging.roster), the source of
-- mart.school_term_enrolment, so a school's grades add up to its 在读人数.
CREATE OR REPLACE TABLE mart.school_grade_enrolment AS
SELECT school_year, term, school_code, coalesce(grade, '') AS grade, count(DISTINCT child_key) AS enrolled
FROM staging.roster
WHERE status = '在读'
GROUP BY ALL
ORDER BY school_code, school_year, term, grade;

COMMENT ON TABLE mart.school_grade_enrolment IS '各校分年级在读人数：每学年每学期每所学校每个年级的在读学生数（与学期在读人数同源）';
COMMENT ON COLUMN mart.school_grade_enrolment.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.school_grade_enrolment.term IS '学期';
COMMENT ON COLUMN mart.school_grade_enrolment.school_code IS '学校标识码';
COMMENT ON COLUMN mart.school_grade_enrolment.grade IS '年级：K1-K3 幼儿园，1-9 一至九年级';
COMMENT ON COLUMN mart.school_grade_enrolment.enrolled IS '在读人数';
