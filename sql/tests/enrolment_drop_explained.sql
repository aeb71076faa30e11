-- severity: error
-- No school loses more than half of its roster from one term to the next
-- without an explanation. A child of a school's snapshot who is on no
-- roster of the next term is explained by a status that says they left
-- (转出, 辍学, 死亡, 毕业), by finishing the school's top grade in term 2
-- (大班, 六年级, 九年级: they move on), or by an entry in the dropout
-- register. When the unexplained absent exceed half the snapshot, the
-- next term's roster is almost certainly partial (a 补报 that replaced the
-- roster, a file cut short): publishing it would report the missing
-- children as disappeared and the school's dropout rate as absurd, so the
-- build stops and the clerk checks the school's files.
-- Decision: at least 3 unexplained children. In a teaching point of a
-- handful of pupils one or two real departures are already "half", and
-- they must not stop the town's publication; they still reach the
-- unaccounted list and the dropout figures, where they are worked child
-- by child (the same floor of 3 as the public pages' small cells).
WITH snap AS (
    SELECT school_code, school_year, term, school_year * 2 + term AS t, count(*) AS children
    FROM staging.roster GROUP BY ALL
),
pairs AS (
    SELECT p.school_code, p.school_year, p.term, p.t, p.children AS before, n.children AS after
    FROM snap p JOIN snap n ON n.school_code = p.school_code AND n.t = p.t + 1
),
absent AS (
    SELECT r.school_code, r.school_year * 2 + r.term AS t, r.child_key
    FROM staging.roster r
    WHERE r.status IN ('在读', '休学')
      AND NOT (r.term = 2 AND r.grade IN ('K3', '6', '9'))
      AND NOT EXISTS (SELECT 1 FROM staging.roster x
                      WHERE x.child_key = r.child_key AND x.school_year * 2 + x.term = r.school_year * 2 + r.term + 1)
      AND r.child_key NOT IN (SELECT id_number FROM staging.dropout WHERE id_number IS NOT NULL)
)
SELECT p.school_code, p.school_year, p.term, p.before, p.after, count(a.child_key) AS unexplained
FROM pairs p
JOIN absent a ON a.school_code = p.school_code AND a.t = p.t
GROUP BY ALL
HAVING count(a.child_key) >= 3 AND count(a.child_key) * 2 > p.before
ORDER BY p.school_code, p.school_year, p.term;
