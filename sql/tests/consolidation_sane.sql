-- severity: error
-- mart.consolidation (巩固率): the town's graduates are the distinct
-- children of the graduate file of Y; its entrants are the pupils 在读 at
-- grade 1 in R(Y-8,1), which the school rows share out among the schools
-- (each first-grader has one school of record); a school's graduates are
-- those of its own entrants (school of record, 在读 at grade 1 in
-- R(Y-8,1)) who have a graduate row of Y, counted again here child by
-- child; the rate is 100 × graduates / entrants.
WITH town AS (SELECT * FROM mart.consolidation WHERE scope_level = 'town'),
schools AS (
    SELECT school_year, sum(grade1_entrants) AS entrants, bool_and(graduates <= grade1_entrants) AS within
    FROM mart.consolidation WHERE scope_level = 'school' GROUP BY ALL
),
grads AS (SELECT school_year, count(DISTINCT id_number) AS n FROM staging.graduate GROUP BY ALL)
SELECT t.school_year, t.graduates, g.n AS graduate_rows, t.grade1_entrants, s.entrants AS school_entrants
FROM town t
LEFT JOIN schools s USING (school_year)
LEFT JOIN grads g USING (school_year)
WHERE t.graduates IS DISTINCT FROM g.n
   OR t.grade1_entrants IS DISTINCT FROM s.entrants
   OR NOT coalesce(s.within, false)
UNION ALL
SELECT school_year, graduates, NULL, grade1_entrants, NULL
FROM mart.consolidation
WHERE abs(consolidation_rate - 100.0 * graduates / grade1_entrants) > 1e-9
UNION ALL
SELECT c.school_year, c.graduates, k.n, c.grade1_entrants, k.entrants
FROM mart.consolidation c
LEFT JOIN (
    SELECT e.school_year + 8 AS school_year, e.school_code, count(*) AS entrants,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM staging.graduate g
                                          WHERE g.school_year = e.school_year + 8 AND g.id_number = e.child_key)) AS n
    FROM core.enrolment e WHERE e.term = 1 AND e.status = '在读' AND e.grade = '1'
    GROUP BY ALL
) k ON k.school_year = c.school_year AND k.school_code = c.scope_code
WHERE c.scope_level = 'school' AND (c.graduates IS DISTINCT FROM k.n OR c.grade1_entrants IS DISTINCT FROM k.entrants);
