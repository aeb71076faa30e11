-- severity: error
-- staging.roster holds one row per child per snapshot.
SELECT school_year, term, school_code, child_key, count(*) AS n
FROM staging.roster
GROUP BY ALL
HAVING count(*) > 1;
