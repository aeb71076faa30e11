-- tier: public
-- incremental: school_year *..0
-- mart.school_term_bulletin: the 学期通报, one row per (学年, 学期, school,
-- level) (indicators.md, "Semester bulletin", changed 2026-12-05). A
-- 九年一贯制 school is two rows, 小学 and 初中, each with its own rate and
-- veto; a blended rate would hide the veto.
--   frame: every (Y,t) that has any roster (core.terms) × every school of
--     the directory × every level its 学段 covers (幼儿园 → 学前; 小学 → 小学;
--     初中 → 初中; 九年一贯制 → 小学 and 初中; 学前 where 附设学前班 is yes),
--     plus every level at which the school holds pupils (any status) in
--     R(Y,t) or in the previous snapshot. A school that sent no roster of
--     (Y,t) keeps its rows: roster_received false, enrolled and the flows
--     NULL. A pupil belongs to the level of its grade in the snapshot the
--     figure is about.
--   enrolled: distinct pupils 在读 at this school and level in R(Y,t);
--   left_this_term (本学期流失): pupils 在读 at this school and level in the
--     previous snapshot ((Y,1) for t=2, (Y-1,2) for t=1) with no row of
--     R(Y,t) in any school whose status is 在读, 休学, 转出, 毕业 or 死亡 (so
--     辍学 or gone), and not in E(Y); NULL when either snapshot of this
--     school is missing. Decision: a pupil with a graduate row of an earlier
--     school year (finished junior school) has not left: the national
--     system marks grade 9 毕业 only after the term-2 snapshot, so the
--     term-2 roster still says 在读;
--   returned_this_term (本学期复学): pupils 在读 at this school and level now
--     whose effective status in the previous snapshot was 辍学, or who had
--     no row in it and were 在读 in some earlier snapshot (any school, any
--     grade); a child never 在读 before (a new first-grader, a child moving
--     in) is not a return. NULL when this school's previous snapshot or
--     its current one is missing;
--   dropouts_ytd, dropout_rate_ytd, dropout_status (t=2, 小学 and 初中):
--     exactly the school's primary_dropout / junior_dropout of
--     mart.indicators (numerator, value, status), so a veto shows on the
--     row; the counts are NULL at t=1, for 学前 and when the indicator is
--     无数据 (status 无数据 stays); a level the directory does not give the
--     school has no indicator row and shows 无数据;
--   registered_dropouts / returned_registered (小学 and 初中): dropout
--     register rows of the school whose 年级 is at the level, with 辍学日期
--     inside Y and on or before the term's last day / of which 已返校 with a
--     返校日期 on or before that day; a published term's figures do not
--     move when later rows arrive. NULL for 学前;
--   no_dropout_classes (t=2, 小学 and 初中, when the indicator has a value):
--     classes (年级, 班级) of the level in R(Y,1) holding base children of
--     the school, none of whom dropped out (无辍学班级).
CREATE OR REPLACE TABLE mart.school_term_bulletin AS
WITH snap AS (SELECT DISTINCT school_year, term, school_code FROM staging.roster),
held AS (
    -- levels at which a school holds pupils in a snapshot, keyed by the
    -- snapshot it is current or previous for
    -- (two equi-joins, not one join ON ... OR ...: DuckDB would compare
    -- every term with every roster row)
    SELECT t.school_year, t.term, r.school_code, r.level
    FROM core.terms t JOIN staging.roster r ON r.school_year = t.school_year AND r.term = t.term
    UNION
    SELECT t.school_year, t.term, r.school_code, r.level
    FROM core.terms t JOIN staging.roster r ON r.school_year = t.prev_year AND r.term = t.prev_term
),
covered AS (
    SELECT school_code, unnest(CASE school_type WHEN '幼儿园' THEN ['学前'] WHEN '小学' THEN ['小学']
                                                WHEN '初中' THEN ['初中'] WHEN '九年一贯制' THEN ['小学', '初中']
                                                ELSE [] END
                               || CASE WHEN has_preschool_class THEN ['学前'] ELSE [] END) AS level
    FROM staging.school
),
frame AS (
    SELECT t.school_year, t.term, t.prev_year, t.prev_term, t.last_day, s.school_code, s.school_name, l.level,
           EXISTS (SELECT 1 FROM snap c WHERE c.school_year = t.school_year AND c.term = t.term
                                         AND c.school_code = s.school_code) AS received,
           EXISTS (SELECT 1 FROM snap p WHERE p.school_year = t.prev_year AND p.term = t.prev_term
                                         AND p.school_code = s.school_code) AS prev_received
    FROM core.terms t
    CROSS JOIN staging.school s
    JOIN (SELECT t2.school_year, t2.term, c.school_code, c.level FROM core.terms t2 CROSS JOIN covered c
          UNION SELECT school_year, term, school_code, level FROM held) l
      ON l.school_year = t.school_year AND l.term = t.term AND l.school_code = s.school_code
),
enrolled AS (
    SELECT school_year, term, school_code, level, count(DISTINCT child_key) AS n
    FROM staging.roster WHERE status = '在读' GROUP BY ALL
),
left_term AS (
    SELECT f.school_year, f.term, f.school_code, f.level, count(DISTINCT p.child_key) AS n
    FROM frame f
    JOIN staging.roster p ON p.school_year = f.prev_year AND p.term = f.prev_term
                         AND p.school_code = f.school_code AND p.level = f.level AND p.status = '在读'
    WHERE NOT EXISTS (SELECT 1 FROM staging.roster n
                      WHERE n.school_year = f.school_year AND n.term = f.term AND n.child_key = p.child_key
                        AND n.status IN ('在读', '休学', '转出', '毕业', '死亡'))
      AND NOT EXISTS (SELECT 1 FROM core.elsewhere m
                      WHERE m.school_year = f.school_year AND m.id_number = p.child_key)
      AND NOT EXISTS (SELECT 1 FROM staging.graduate g
                      WHERE g.school_year < f.school_year AND g.id_number = p.child_key)
    GROUP BY ALL
),
returned AS (
    SELECT f.school_year, f.term, f.school_code, f.level, count(DISTINCT r.child_key) AS n
    FROM frame f
    JOIN staging.roster r ON r.school_year = f.school_year AND r.term = f.term
                         AND r.school_code = f.school_code AND r.level = f.level AND r.status = '在读'
    LEFT JOIN core.enrolment p ON p.school_year = f.prev_year AND p.term = f.prev_term AND p.child_key = r.child_key
    WHERE p.status = '辍学'
       OR (p.status IS NULL AND EXISTS (
            SELECT 1 FROM staging.roster o
            WHERE o.child_key = r.child_key AND o.status = '在读'
              AND (o.school_year < f.prev_year OR (o.school_year = f.prev_year AND o.term < f.prev_term))))
    GROUP BY ALL
),
dropout_ind AS (
    SELECT school_year, scope_code AS school_code,
           CASE indicator WHEN 'primary_dropout' THEN '小学' ELSE '初中' END AS level,
           numerator, value, status
    FROM mart.indicators
    WHERE scope_level = 'school' AND indicator IN ('primary_dropout', 'junior_dropout')
),
classes AS (
    SELECT school_year, school_code, level, count(*) FILTER (WHERE NOT any_dropout) AS n
    FROM (SELECT school_year, school_code, level, grade, class_no, bool_or(is_dropout) AS any_dropout
          FROM core.dropout_base GROUP BY ALL)
    GROUP BY ALL
),
register AS (
    SELECT f.school_year, f.term, f.school_code, f.level,
           count(*) AS n,
           count(*) FILTER (WHERE d.persuasion_status = '已返校' AND d.return_date <= f.last_day) AS back
    FROM frame f
    JOIN staging.dropout d
      ON d.school_code = f.school_code AND d.school_year = f.school_year AND d.dropout_date <= f.last_day
     AND CASE WHEN d.grade LIKE 'K%' THEN '学前' WHEN d.grade::INTEGER <= 6 THEN '小学' ELSE '初中' END = f.level
    GROUP BY ALL
)
SELECT
    f.school_year,
    f.term,
    f.school_code,
    f.school_name,
    f.level,
    f.received AS roster_received,
    CASE WHEN f.received THEN coalesce(e.n, 0) END AS enrolled,
    CASE WHEN f.received AND f.prev_received THEN coalesce(lt.n, 0) END AS left_this_term,
    CASE WHEN f.received AND f.prev_received THEN coalesce(rt.n, 0) END AS returned_this_term,
    CASE WHEN f.term = 2 AND f.level <> '学前' THEN d.numerator END AS dropouts_ytd,
    CASE WHEN f.term = 2 AND f.level <> '学前' THEN d.value END AS dropout_rate_ytd,
    CASE WHEN f.term = 2 AND f.level <> '学前' THEN coalesce(d.status, '无数据') END AS dropout_status,
    CASE WHEN f.level <> '学前' THEN coalesce(rg.n, 0) END AS registered_dropouts,
    CASE WHEN f.level <> '学前' THEN coalesce(rg.back, 0) END AS returned_registered,
    CASE WHEN f.term = 2 AND f.level <> '学前' AND d.value IS NOT NULL THEN coalesce(cl.n, 0) END AS no_dropout_classes
FROM frame f
LEFT JOIN enrolled e USING (school_year, term, school_code, level)
LEFT JOIN left_term lt USING (school_year, term, school_code, level)
LEFT JOIN returned rt USING (school_year, term, school_code, level)
LEFT JOIN dropout_ind d USING (school_year, school_code, level)
LEFT JOIN classes cl USING (school_year, school_code, level)
LEFT JOIN register rg USING (school_year, term, school_code, level)
ORDER BY f.school_year, f.term, f.school_code, list_position(['学前', '小学', '初中'], f.level);

COMMENT ON TABLE mart.school_term_bulletin IS '学期通报：每所学校每个学段每学期一行（九年一贯制学校小学、初中各一行，各有辍学率和一票否决）；未报送名册的学校也有行';
COMMENT ON COLUMN mart.school_term_bulletin.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.school_term_bulletin.term IS '学期：1 第一学期，2 第二学期';
COMMENT ON COLUMN mart.school_term_bulletin.school_code IS '学校标识码';
COMMENT ON COLUMN mart.school_term_bulletin.school_name IS '学校名称';
COMMENT ON COLUMN mart.school_term_bulletin.level IS '学段：学前、小学、初中（按学生在该快照中的年级）';
COMMENT ON COLUMN mart.school_term_bulletin.roster_received IS '本学期名册是否已报送';
COMMENT ON COLUMN mart.school_term_bulletin.enrolled IS '本学段在读人数；未报送名册时为空';
COMMENT ON COLUMN mart.school_term_bulletin.left_this_term IS '本学期流失：上一快照在本校本学段在读、本学期既不在读也不休学、且无转出毕业死亡记录、也未在外地就读的学生数；本校任一快照缺失时为空';
COMMENT ON COLUMN mart.school_term_bulletin.returned_this_term IS '本学期复学：上一快照辍学或不在名册（此前曾在读）、本学期在本校本学段在读的学生数；本校上一快照缺失时为空';
COMMENT ON COLUMN mart.school_term_bulletin.dropouts_ytd IS '学年累计辍学（仅第二学期的小学、初中，即本校该学段辍学率的分子；无数据时为空）';
COMMENT ON COLUMN mart.school_term_bulletin.dropout_rate_ytd IS '学年辍学率（百分比，仅第二学期，即本校该学段的辍学率指标）';
COMMENT ON COLUMN mart.school_term_bulletin.dropout_status IS '辍学率状态（仅第二学期）：达标、未达标、一票否决、无数据';
COMMENT ON COLUMN mart.school_term_bulletin.registered_dropouts IS '本学年已登记辍学（辍学登记中本校本学段、辍学日期截至本学期末的行数；学前为空）';
COMMENT ON COLUMN mart.school_term_bulletin.returned_registered IS '其中截至本学期末已返校的行数';
COMMENT ON COLUMN mart.school_term_bulletin.no_dropout_classes IS '无辍学班级数（仅第二学期的小学、初中）';
