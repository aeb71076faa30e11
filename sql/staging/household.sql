-- tier: restricted
-- incremental: school_year
-- staging.household: 户籍人口 extracts, typed, one row per child per 学年.
-- A child listed in several extracts of one year keeps the row loaded last
-- (indicators.md: "the last one loaded wins"); all 户籍状态 are kept here,
-- and H(Y) (only 正常) is taken downstream. Rows whose 村代码 is not in the
-- village directory are quarantined (staging.unknown_codes).
CREATE OR REPLACE TABLE staging.household AS
SELECT
    h.school_year::INTEGER AS school_year,
    h.id_number,
    h.name,
    h.gender,
    h.birth_date::DATE AS birth_date,
    h.village_code,
    h.group_no,
    h.village_cadre,
    h.household_no,
    coalesce(h.reg_status, '正常') AS reg_status,
    h.guardian,
    h.guardian_phone,
    coalesce(h.poor_household::BOOLEAN, false) AS poor_household,
    h._load_id AS load_id,
    h._row AS row_number
FROM raw.household h
WHERE h._ok AND h.village_code IN (SELECT village_code FROM staging.village)
QUALIFY row_number() OVER (PARTITION BY h.school_year, h.id_number ORDER BY h._load_id DESC, h._row DESC) = 1;
