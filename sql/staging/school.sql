-- tier: restricted
-- staging.school: 学校名录, one row per 学校标识码, latest load wins.
-- A school whose 所在村代码 is not in staging.village is left out here and
-- quarantined by staging.unknown_codes (checked at every build, so a
-- village directory that arrives later clears it).
CREATE OR REPLACE TABLE staging.school AS
SELECT
    s.school_code,
    s.school_name,
    s.school_type,
    s.village_code,
    coalesce(s.has_preschool_class::BOOLEAN, false) AS has_preschool_class,
    s.principal,
    s.phone,
    s._load_id AS load_id
FROM raw.school s
WHERE s._ok
  AND s.village_code IN (SELECT village_code FROM staging.village)
QUALIFY row_number() OVER (PARTITION BY s.school_code ORDER BY s._load_id DESC, s._row DESC) = 1;
