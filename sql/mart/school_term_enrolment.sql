-- tier: public
-- incremental: school_year
-- mart.school_term_enrolment: 在读人数 per school per term, from the
-- roster snapshot in force for that school and term (staging.roster).
-- A pupil counts once per school (distinct child_key); a child 在读 in two
-- schools counts in both schools' rolls (a 重复学籍 finding elsewhere).
CREATE OR REPLACE TABLE mart.school_term_enrolment AS
SELECT
    r.school_year,
    r.term,
    r.school_code,
    s.school_name,
    s.school_type,
    count(DISTINCT r.child_key) FILTER (WHERE r.status = '在读') AS enrolled
FROM staging.roster r
JOIN staging.school s USING (school_code)
GROUP BY ALL
ORDER BY r.school_year, r.term, r.school_code;

COMMENT ON TABLE mart.school_term_enrolment IS '各校各学期在读人数（按该校该学期最新一份学籍名册）';
COMMENT ON COLUMN mart.school_term_enrolment.school_year IS '学年（起始年份，2025 即 2025-2026 学年）';
COMMENT ON COLUMN mart.school_term_enrolment.term IS '学期：1 第一学期（秋季），2 第二学期（春季）';
COMMENT ON COLUMN mart.school_term_enrolment.school_code IS '学校标识码';
COMMENT ON COLUMN mart.school_term_enrolment.school_name IS '学校名称';
COMMENT ON COLUMN mart.school_term_enrolment.school_type IS '学段：幼儿园、小学、初中、九年一贯制';
COMMENT ON COLUMN mart.school_term_enrolment.enrolled IS '在读人数（学籍状态为在读的不同学生数）';
