-- tier: restricted
-- incremental: school_year
-- core.population: H(Y), the household register extract of each school
-- year, one row per child, only children with 户籍状态 正常, with age(Y):
-- completed years on 31 August of Y (born 2019-08-31 is 6 in 2025, born
-- 2019-09-01 is 5). Village scope assigns a child to its H(Y) 村代码.
CREATE OR REPLACE TABLE core.population AS
SELECT
    h.school_year,
    h.id_number,
    h.name,
    h.gender,
    h.birth_date,
    school_age(h.birth_date, h.school_year) AS age,
    h.village_code,
    h.group_no,
    h.village_cadre,
    h.guardian,
    h.guardian_phone,
    h.poor_household
FROM staging.household h
WHERE h.reg_status = '正常';
