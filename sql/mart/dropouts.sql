-- tier: restricted
-- incremental: school_year
-- mart.dropouts: one row per child counted in a dropout numerator
-- (see core.dropout_base for the rules). A pupil of a school that sent no
-- term-2 roster is in no numerator (its rate is 无数据) and so not listed;
-- the data-quality mart shows the missing roster instead. reason and persuasion_status come
-- from the dropout register (the child's latest row dated inside Y) and are
-- NULL when the child is not registered there.
CREATE OR REPLACE TABLE mart.dropouts AS
SELECT
    school_year,
    level,
    school_code,
    id_number,
    name,
    grade::INTEGER AS grade,
    class_no,
    kind,
    register_reason AS reason,
    persuasion_status,
    possible_data_error
FROM core.dropout_base
WHERE is_dropout AND school_has_term2
ORDER BY school_year, school_code, grade, class_no, id_number;

COMMENT ON TABLE mart.dropouts IS '辍学学生：计入学年度辍学率分子的每一名学生';
COMMENT ON COLUMN mart.dropouts.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.dropouts.level IS '学段：小学、初中';
COMMENT ON COLUMN mart.dropouts.school_code IS '学年初（第一学期）所在学校标识码';
COMMENT ON COLUMN mart.dropouts.id_number IS '身份证件号';
COMMENT ON COLUMN mart.dropouts.name IS '姓名';
COMMENT ON COLUMN mart.dropouts.grade IS '学年初所在年级';
COMMENT ON COLUMN mart.dropouts.class_no IS '学年初所在班级';
COMMENT ON COLUMN mart.dropouts.kind IS '类别：登记辍学（学籍为辍学或已在辍学登记中），疑似辍学（学籍消失且无人登记）';
COMMENT ON COLUMN mart.dropouts.reason IS '辍学原因（来自辍学登记；未登记为空）';
COMMENT ON COLUMN mart.dropouts.persuasion_status IS '最新劝返状态（未登记为空）';
COMMENT ON COLUMN mart.dropouts.possible_data_error IS '疑似数据错误：第二学期名册中有一行被隔离的记录与该生身份证号或姓名加出生日期相符，改正该行可能消除此辍学';
