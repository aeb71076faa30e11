-- tier: restricted
-- incremental: school_year
-- staging.disability: 残疾儿童少年 census, typed, one row per child per 学年
-- (the row loaded last wins). three_category: 视力, 听力 or 智力残疾, the
-- categories of the disabled-enrolment indicator. A 村代码, when given, must
-- be in the village directory.
CREATE OR REPLACE TABLE staging.disability AS
SELECT
    d.school_year::INTEGER AS school_year,
    d.id_number,
    d.name,
    d.category,
    d.category IN ('视力残疾', '听力残疾', '智力残疾') AS three_category,
    d.placement,
    d.grade_level,
    d.village_code,
    d._load_id AS load_id,
    d._row AS row_number
FROM raw.disability d
WHERE d._ok AND (d.village_code IS NULL OR d.village_code IN (SELECT village_code FROM staging.village))
QUALIFY row_number() OVER (PARTITION BY d.school_year, d.id_number ORDER BY d._load_id DESC, d._row DESC) = 1;
