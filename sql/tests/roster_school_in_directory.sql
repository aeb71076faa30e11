-- severity: error
-- Every roster row names a school of the directory (relationship).
SELECT r.school_code, count(*) AS n
FROM staging.roster r
LEFT JOIN staging.school s USING (school_code)
WHERE s.school_code IS NULL
GROUP BY ALL;
