-- severity: error
-- The schools' rolls add up to the children: per (学年, 学期), the sum of
-- mart.school_term_enrolment (one count per school, from the roster
-- snapshots) equals the children 在读 in core.enrolment (one row per
-- child across schools) plus, for each child 在读 in several schools, the
-- extra schools (重复学籍 counts in each school's roll). The two sides are
-- counted by different models from different grains.
WITH schools AS (
    SELECT school_year, term, sum(enrolled) AS n FROM mart.school_term_enrolment GROUP BY ALL
),
kids AS (
    SELECT school_year, term, count(*) + sum(enrolled_schools - 1) AS n
    FROM core.enrolment WHERE status = '在读' GROUP BY ALL
)
SELECT school_year, term, s.n AS school_rolls, k.n AS children
FROM schools s FULL JOIN kids k USING (school_year, term)
WHERE coalesce(s.n, 0) <> coalesce(k.n, 0);
