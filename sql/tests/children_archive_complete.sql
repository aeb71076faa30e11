-- severity: error
-- mart.children (一人一档) has one row per school year and child, for every
-- child of H(Y) and of any roster of Y; the roster's 留守 code stays as the
-- roster gives it (a 单亲留守 never becomes 双亲 because the census says
-- 留守); census_left_behind is true exactly for a 留守 row of the migration
-- census of Y; is_left_behind is the roster's 1 or 2, or the census.
WITH seen AS (
    SELECT school_year, id_number AS child_key FROM core.population
    UNION SELECT school_year, child_key FROM core.enrolment
),
roster_code AS (
    SELECT school_year, child_key, arg_min(left_behind, term) AS code FROM core.enrolment GROUP BY ALL
),
census AS (SELECT DISTINCT school_year, id_number FROM staging.migration WHERE move_type = '留守')
SELECT 'missing' AS problem, s.school_year, s.child_key
FROM seen s
WHERE NOT EXISTS (SELECT 1 FROM mart.children c WHERE c.school_year = s.school_year AND c.child_key = s.child_key)
UNION ALL
SELECT 'twice', school_year, child_key FROM mart.children GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT 'left_behind', c.school_year, c.child_key
FROM mart.children c
LEFT JOIN roster_code r USING (school_year, child_key)
LEFT JOIN census m ON m.school_year = c.school_year AND m.id_number = c.child_key
WHERE c.left_behind IS DISTINCT FROM r.code
   OR c.census_left_behind <> (m.id_number IS NOT NULL)
   OR c.is_left_behind <> (coalesce(r.code, 0) > 0 OR m.id_number IS NOT NULL);
