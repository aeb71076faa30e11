-- tier: public
-- mart.schools: the school directory (学校名录) as in force: code, name,
-- stage and village; the principals and phones stay in the restricted
-- staging.school.
CREATE OR REPLACE TABLE mart.schools AS
SELECT school_code, school_name, school_type, village_code, has_preschool_class FROM staging.school ORDER BY school_code;

COMMENT ON TABLE mart.schools IS '学校名录：学校标识码、名称、学段、所在村（校长及电话不在此表）';
COMMENT ON COLUMN mart.schools.school_code IS '学校标识码';
COMMENT ON COLUMN mart.schools.school_name IS '学校名称';
COMMENT ON COLUMN mart.schools.school_type IS '学段：幼儿园、小学、初中、九年一贯制';
COMMENT ON COLUMN mart.schools.village_code IS '所在村代码';
COMMENT ON COLUMN mart.schools.has_preschool_class IS '是否附设学前班';
