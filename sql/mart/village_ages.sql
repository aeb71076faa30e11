-- tier: public
-- incremental: school_year
-- mart.village_ages: children of each school year's household extract
-- (H(Y), core.population: 户籍正常) per village and age (school_age, on
-- 31 August of Y), ages 0 to 18, for the village pages.
CREATE OR REPLACE TABLE mart.village_ages AS
SELECT school_year, coalesce(village_code, '') AS village_code, CAST(age AS INTEGER) AS age, count(*) AS children
FROM core.population
WHERE age BETWEEN 0 AND 18
GROUP BY ALL
ORDER BY school_year, village_code, age;

COMMENT ON TABLE mart.village_ages IS '各村分年龄儿童数：每学年户籍册（户籍正常）中每村每个年龄（当学年8月31日周岁，0-18岁）的儿童数';
COMMENT ON COLUMN mart.village_ages.school_year IS '学年（起始年份，户籍册所属学年）';
COMMENT ON COLUMN mart.village_ages.village_code IS '村代码（空表示户籍册未填）';
COMMENT ON COLUMN mart.village_ages.age IS '年龄（当学年8月31日的周岁）';
COMMENT ON COLUMN mart.village_ages.children IS '儿童数';
