-- severity: error
-- The mart's head count equals an independent count over the roster.
WITH direct AS (
    SELECT school_year, term, school_code, count(*) AS n
    FROM staging.roster WHERE status = '在读' GROUP BY ALL
)
SELECT e.*, d.n
FROM mart.school_term_enrolment e
FULL JOIN direct d USING (school_year, term, school_code)
WHERE coalesce(e.enrolled, 0) <> coalesce(d.n, 0);
