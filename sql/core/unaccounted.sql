-- tier: restricted
-- incremental: school_year *..0
-- core.unaccounted: for every (学年, 学期) that has both H(Y) and rosters,
-- the children of H(Y) aged 6-15 (age(Y), for both terms) who are not
-- accounted for, with the first reason that applies (indicators.md, "The
-- unaccounted list").
--
-- Accounted for: effective status 在读, 休学 or 毕业 at grades 1-9 in
-- R(Y,t); a graduate row of Y or earlier; in E(Y) at 小学, 初中 or 高中; in
-- D(Y) placed 随班就读, 特殊教育学校, 送教上门, 缓学 or 免学.
-- Reasons, first that applies (last_day: 31 January Y+1 for term 1,
-- 31 August Y+1 for term 2):
--  1 数据待核实: a quarantined row of R(Y,t) carries the child's identity
--    number, or its name and birth date as H(Y) gives them. Decision: also
--    a child whom the roster records as 死亡 while the household register
--    keeps it as 正常 (the two sources contradict each other; someone must
--    check, and 从未入学 would be false).
--  2 已登记辍学: effective status 辍学 in R(Y,t), or the child's latest
--    dropout row dated on or before last_day is not 已返校, or is 已返校 with
--    a 返校日期 after last_day.
--  3 外出未取得就读证明: a migration row of Y with 随迁外出 and 就读证明 not yes,
--    or effective status 转出 in R(Y,t); either way with no row of E(Y).
--  4 仍在幼儿园: effective status 在读 at K1-K3 in R(Y,t), or in E(Y) at 幼儿园.
--  5 学籍消失: no row in R(Y,t), and 在读 at grades 1-9 in an earlier term.
--  6 从未入学: none of the above.
-- Not judged (contract change of 2026-12-05): a child on the roll of a
-- school in the snapshot just before (Y,t) ((Y,1) for t=2, (Y-1,2) for
-- t=1), where that school sent no roster of (Y,t), is on no (Y,t) list:
-- the missing roster is a 名册未报送 finding instead. Decision: a child with
-- a row in R(Y,t) (another school's) is judged by that row.
CREATE OR REPLACE TABLE core.unaccounted AS
WITH terms AS (
    SELECT * FROM core.terms t
    WHERE EXISTS (SELECT 1 FROM core.population p WHERE p.school_year = t.school_year)
),
kids AS (
    SELECT t.term, t.last_day, p.*
    FROM terms t JOIN core.population p ON p.school_year = t.school_year
    WHERE compulsory_age(p.age)
),
latest_dropout AS (
    SELECT k.school_year, k.term, k.id_number, d.persuasion_status, d.return_date
    FROM kids k JOIN staging.dropout d ON d.id_number = k.id_number AND d.dropout_date <= k.last_day
    QUALIFY row_number() OVER (PARTITION BY k.school_year, k.term, k.id_number
                               ORDER BY d.dropout_date DESC, d.load_id DESC) = 1
),
unjudged AS (
    SELECT DISTINCT t.school_year, t.term, p.child_key
    FROM terms t
    JOIN staging.roster p ON p.school_year = t.prev_year AND p.term = t.prev_term
    WHERE NOT EXISTS (SELECT 1 FROM staging.roster c
                      WHERE c.school_year = t.school_year AND c.term = t.term AND c.school_code = p.school_code)
),
q_id AS (SELECT DISTINCT school_year, term, id_number FROM core.quarantined_roster),
q_nb AS (SELECT DISTINCT school_year, term, name, birth_date FROM core.quarantined_roster),
-- the first term each child was 在读 at grades 1-9, as year * 10 + term
first_enrolled AS (
    SELECT child_key, min(school_year * 10 + term) AS first_term
    FROM staging.roster
    WHERE status = '在读' AND compulsory_grade(grade)
    GROUP BY ALL
),
first_graduated AS (SELECT id_number, min(school_year) AS first_year FROM staging.graduate GROUP BY ALL),
facts AS (
    SELECT k.*,
           e.status AS r_status, e.grade AS r_grade,
           m.move_type, coalesce(m.proof, false) AS proof,
           coalesce(x.in_e, false) AS in_e, x.level_elsewhere AS e_level,
           d.placement AS d_placement,
           coalesce(fg.first_year <= k.school_year, false) AS graduated,
           ld.id_number IS NOT NULL AND (ld.persuasion_status <> '已返校' OR ld.return_date > k.last_day) AS open_dropout,
           qi.id_number IS NOT NULL OR qn.name IS NOT NULL AS quarantined_match,
           coalesce(fe.first_term < k.school_year * 10 + k.term, false) AS enrolled_before
    FROM kids k
    LEFT JOIN core.enrolment e ON e.school_year = k.school_year AND e.term = k.term AND e.child_key = k.id_number
    LEFT JOIN staging.migration m ON m.school_year = k.school_year AND m.id_number = k.id_number
    LEFT JOIN core.elsewhere x ON x.school_year = k.school_year AND x.id_number = k.id_number
    LEFT JOIN staging.disability d ON d.school_year = k.school_year AND d.id_number = k.id_number
    LEFT JOIN latest_dropout ld ON ld.school_year = k.school_year AND ld.term = k.term AND ld.id_number = k.id_number
    LEFT JOIN q_id qi ON qi.school_year = k.school_year AND qi.term = k.term AND qi.id_number = k.id_number
    LEFT JOIN q_nb qn ON qn.school_year = k.school_year AND qn.term = k.term AND qn.name = k.name
                     AND qn.birth_date = k.birth_date
    LEFT JOIN first_enrolled fe ON fe.child_key = k.id_number
    LEFT JOIN first_graduated fg ON fg.id_number = k.id_number
)
SELECT f.*,
       CASE WHEN f.quarantined_match OR f.r_status = '死亡' THEN '数据待核实'
            WHEN f.r_status = '辍学' OR f.open_dropout THEN '已登记辍学'
            WHEN NOT f.in_e AND ((f.move_type = '随迁外出' AND NOT f.proof) OR f.r_status = '转出') THEN '外出未取得就读证明'
            WHEN (f.r_status = '在读' AND f.r_grade IN ('K1', 'K2', 'K3')) OR f.e_level = '幼儿园' THEN '仍在幼儿园'
            WHEN f.r_status IS NULL AND f.enrolled_before THEN '学籍消失'
            ELSE '从未入学' END AS reason
FROM facts f
WHERE NOT (
        coalesce(f.r_status IN ('在读', '休学', '毕业') AND compulsory_grade(f.r_grade), false)
        OR f.graduated
        OR coalesce(f.e_level IN ('小学', '初中', '高中'), false)
        OR coalesce(f.d_placement IN ('随班就读', '特殊教育学校', '送教上门', '缓学', '免学'), false))
  AND NOT (f.r_status IS NULL AND EXISTS (SELECT 1 FROM unjudged u WHERE u.school_year = f.school_year
                                          AND u.term = f.term AND u.child_key = f.id_number));
