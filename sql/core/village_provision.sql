-- tier: public
-- incremental: school_year
-- core.village_provision: per village and school year that has rosters,
-- whether the village has an independently sited 幼儿园 or a school with a
-- 附设学前班 (the directory is undated, so every such year gets the same
-- answer from the directory as it stands).
CREATE OR REPLACE TABLE core.village_provision AS
SELECT y.school_year, v.village_code,
       EXISTS (SELECT 1 FROM staging.school s
               WHERE s.village_code = v.village_code
                 AND (s.school_type = '幼儿园' OR s.has_preschool_class)) AS has_kindergarten
FROM (SELECT DISTINCT school_year FROM staging.roster) y
CROSS JOIN staging.village v;
