-- tier: restricted
-- staging.village: 村居名录, one row per 村代码.
-- Source: raw.village rows that passed validation. The directory is not
-- dated: when several files list a village, the latest load wins, and
-- within a file the last row.
CREATE OR REPLACE TABLE staging.village AS
SELECT
    village_code,
    village_name,
    town_cadre,
    town_cadre_phone,
    _load_id AS load_id
FROM raw.village
WHERE _ok
QUALIFY row_number() OVER (PARTITION BY village_code ORDER BY _load_id DESC, _row DESC) = 1;
