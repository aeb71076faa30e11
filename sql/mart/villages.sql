-- tier: public
-- mart.villages: the village directory (村居名录) as in force, codes and
-- names only; the town cadres and their phones stay in the restricted
-- staging.village.
CREATE OR REPLACE TABLE mart.villages AS
SELECT village_code, village_name FROM staging.village ORDER BY village_code;

COMMENT ON TABLE mart.villages IS '村居名录：村代码与村名称（包村干部及电话不在此表）';
COMMENT ON COLUMN mart.villages.village_code IS '村代码';
COMMENT ON COLUMN mart.villages.village_name IS '村名称';
