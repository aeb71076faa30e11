-- tier: restricted
-- incremental: school_year
-- staging.graduate: 初中毕业生去向, one row per child per 毕业学年 (the row
-- loaded last wins). school_year is the school year that ended with the
-- graduation. progressed: 普通高中 or 中等职业学校.
CREATE OR REPLACE TABLE staging.graduate AS
SELECT
    g.school_year::INTEGER AS school_year,
    g.id_number,
    g.name,
    g.school_code,
    g.destination,
    g.destination IN ('普通高中', '中等职业学校') AS progressed,
    g._load_id AS load_id,
    g._row AS row_number
FROM raw.graduate g
WHERE g._ok AND g.school_code IN (SELECT school_code FROM staging.school)
QUALIFY row_number() OVER (PARTITION BY g.school_year, g.id_number ORDER BY g._load_id DESC, g._row DESC) = 1;
