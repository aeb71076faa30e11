-- tier: restricted
-- core.case_facts: for every child ever in L, one row per snapshot from
-- the first at which it was in L: what the case rules of indicators.md
-- ("Cases") need to know there.
--
-- Snapshots: the (Y,t) that have rosters (core.terms), in time order (idx).
-- L(Y,t): the unaccounted list of (Y,t) plus, for t = 2, the children in
-- mart.dropouts of Y (core.dropout_base, same filter). reason: the list's
-- reason, or the dropout's kind (登记辍学, 疑似辍学) for a child only in
-- the dropouts.
-- child_key: the identity number, or '<证件类型>:<号码>' for a pupil of
-- another document type (as core.enrolment keys it); id_number is the
-- number as followups carry it.
-- basis: the first register basis that holds at the snapshot: 已入学
-- (effective status 在读, 休学 or 毕业 at grades 1-9), 外地就读已取证 (in
-- E(Y), core.elsewhere: the census, or followup proof dated by the
-- snapshot's last day; later proof closes the case on its own date, as
-- evidence), 残疾安置 (D(Y) placed 随班就读, 特殊教育学校, 送教上门,
-- 缓学 or 免学), 已毕业 (a graduate row of Y or earlier), 已超龄 (age(Y) >
-- 15). The sixth, 已出名单, depends on the case (was the child in H when
-- it opened), so the walk decides it from in_h and out_of_h.
-- in_h: in H(Y) aged 6-15. out_of_h: H(Y) exists and the child is not in it
-- aged 6-15. Decision: without an extract for Y nobody can say the child
-- left the register, so 已出名单 needs H(Y) (a snapshot with rosters but no
-- H(Y) never closes a case on it).
CREATE OR REPLACE TABLE core.case_facts AS
WITH snaps AS (
    SELECT school_year, term, last_day, term_start(school_year, term) AS first_day,
           row_number() OVER (ORDER BY school_year, term)::INTEGER AS idx,
           school_year IN (SELECT school_year FROM core.population) AS has_h
    FROM core.terms
),
listed AS (
    SELECT school_year, term, id_number AS child_key, id_number, reason, 1 AS src FROM core.unaccounted
    UNION ALL
    SELECT school_year, 2, child_key, id_number, kind, 2 FROM core.dropout_base WHERE is_dropout AND school_has_term2
),
l AS (
    SELECT * FROM listed
    QUALIFY row_number() OVER (PARTITION BY school_year, term, child_key ORDER BY src) = 1
),
kids AS (
    SELECT l.child_key, any_value(l.id_number) AS id_number, min(s.idx) AS first_idx
    FROM l JOIN snaps s USING (school_year, term) GROUP BY l.child_key
),
born AS (
    SELECT k.child_key,
           coalesce((SELECT max_by(p.birth_date, p.school_year) FROM core.population p WHERE p.id_number = k.child_key),
                    (SELECT max_by(e.birth_date, e.school_year * 10 + e.term) FROM core.enrolment e WHERE e.child_key = k.child_key))
               AS birth_date
    FROM kids k
),
graduated AS (SELECT id_number, min(school_year) AS first_year FROM staging.graduate GROUP BY ALL),
known_elsewhere AS (
    -- the census holds for the whole year; a followup's proof from its
    -- date. One comparison (not an OR) keeps this a hash join: with an OR
    -- DuckDB compares every listed child with every row of E.
    SELECT school_year, id_number,
           CASE WHEN source = 'migration' THEN DATE '0001-01-01' ELSE proof_date END AS known_from
    FROM core.elsewhere
)
SELECT
    k.child_key,
    k.id_number,
    s.idx,
    s.school_year,
    s.term,
    s.first_day,
    s.last_day,
    l.child_key IS NOT NULL AS in_l,
    l.reason,
    coalesce(compulsory_age(p.age), false) AS in_h,
    s.has_h AND NOT coalesce(compulsory_age(p.age), false) AS out_of_h,
    CASE WHEN coalesce(e.status IN ('在读', '休学', '毕业') AND compulsory_grade(e.grade), false) THEN '已入学'
         WHEN x.id_number IS NOT NULL THEN '外地就读已取证'
         WHEN d.placement IN ('随班就读', '特殊教育学校', '送教上门', '缓学', '免学') THEN '残疾安置'
         WHEN g.first_year <= s.school_year THEN '已毕业'
         WHEN school_age(b.birth_date, s.school_year) > 15 THEN '已超龄'
    END AS basis
FROM kids k
JOIN snaps s ON s.idx >= k.first_idx
JOIN born b ON b.child_key = k.child_key
LEFT JOIN l ON l.school_year = s.school_year AND l.term = s.term AND l.child_key = k.child_key
LEFT JOIN core.population p ON p.school_year = s.school_year AND p.id_number = k.child_key
LEFT JOIN core.enrolment e ON e.school_year = s.school_year AND e.term = s.term AND e.child_key = k.child_key
LEFT JOIN known_elsewhere x ON x.school_year = s.school_year AND x.id_number = k.id_number
                             AND x.known_from <= s.last_day
LEFT JOIN staging.disability d ON d.school_year = s.school_year AND d.id_number = k.id_number
LEFT JOIN graduated g ON g.id_number = k.id_number;
