-- mart.school_term_bulletin: the 学期通报, one row per school per (学年, 学期)
-- for which the school sent a roster.
--   enrolled: pupils 在读 at the school at the snapshot;
--   left_this_term (本学期流失): pupils 在读 at this school in the previous
--     snapshot ((Y,1) for t=2, (Y-1,2) for t=1) whose effective status now
--     is neither 在读 nor 休学 anywhere, who have no 转出, 毕业 or 死亡 status,
--     and are not in E(Y); NULL when the school sent no previous roster;
--   returned_this_term (本学期复学): pupils 在读 at this school now who were
--     辍学 in the previous snapshot, or absent from it after having been 在读
--     at grades 1-9 in an earlier term. Decision: a child absent only
--     because it had never enrolled (a new first-grader, a child moving in)
--     is not a return. NULL when no roster of the previous term exists;
--   dropouts_ytd, dropout_rate_ytd (t=2 only): the school's dropouts of Y
--     over its base, both levels together (mart.dropouts, core.dropout_base);
--   registered_dropouts / returned_registered: children in the dropout
--     register for the school with 辍学日期 inside Y and on or before the
--     term's last day / of which the latest row is 已返校;
--   no_dropout_classes (t=2 only): classes (年级, 班级) of the school in R(Y,1)
--     holding base children, none of whom dropped out (无辍学班级).
CREATE OR REPLACE TABLE mart.school_term_bulletin AS
WITH snap AS (SELECT DISTINCT school_year, term, school_code FROM staging.roster),
cur AS (
    SELECT s.*, t.prev_year, t.prev_term, t.last_day
    FROM snap s JOIN core.terms t USING (school_year, term)
),
enrolled AS (
    SELECT school_year, term, school_code, count(DISTINCT child_key) AS n
    FROM staging.roster WHERE status = '在读' GROUP BY ALL
),
left_term AS (
    SELECT c.school_year, c.term, c.school_code, count(DISTINCT p.child_key) AS n
    FROM cur c
    JOIN staging.roster p ON p.school_year = c.prev_year AND p.term = c.prev_term
                         AND p.school_code = c.school_code AND p.status = '在读'
    LEFT JOIN core.enrolment e ON e.school_year = c.school_year AND e.term = c.term AND e.child_key = p.child_key
    LEFT JOIN core.elsewhere m ON m.school_year = c.school_year AND m.id_number = p.child_key
    WHERE (e.status IS NULL OR e.status = '辍学') AND m.id_number IS NULL
    GROUP BY ALL
),
returned AS (
    SELECT c.school_year, c.term, c.school_code, count(DISTINCT r.child_key) AS n
    FROM cur c
    JOIN staging.roster r ON r.school_year = c.school_year AND r.term = c.term
                         AND r.school_code = c.school_code AND r.status = '在读'
    LEFT JOIN core.enrolment p ON p.school_year = c.prev_year AND p.term = c.prev_term AND p.child_key = r.child_key
    WHERE p.status = '辍学'
       OR (p.status IS NULL AND EXISTS (
            SELECT 1 FROM staging.roster o
            WHERE o.child_key = r.child_key AND o.status = '在读'
              AND compulsory_grade(o.grade)
              AND (o.school_year < c.prev_year OR (o.school_year = c.prev_year AND o.term < c.prev_term))))
    GROUP BY ALL
),
dropouts AS (
    SELECT school_year, school_code, count(*) FILTER (WHERE is_dropout) AS n, count(*) AS base,
           bool_and(school_has_term2) AS complete
    FROM core.dropout_base GROUP BY ALL
),
classes AS (
    SELECT school_year, school_code, count(*) FILTER (WHERE NOT any_dropout) AS n
    FROM (SELECT school_year, school_code, grade, class_no, bool_or(is_dropout) AS any_dropout
          FROM core.dropout_base GROUP BY ALL)
    GROUP BY ALL
),
register AS (
    SELECT c.school_year, c.term, c.school_code,
           count(DISTINCT d.id_number) AS n,
           count(DISTINCT d.id_number) FILTER (WHERE d.latest_status = '已返校') AS back
    FROM cur c
    JOIN (SELECT *, last_value(persuasion_status) OVER (
                        PARTITION BY id_number, school_code, school_year ORDER BY dropout_date, load_id
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS latest_status
          FROM staging.dropout) d
      ON d.school_code = c.school_code AND d.school_year = c.school_year AND d.dropout_date <= c.last_day
    GROUP BY ALL
),
has_prev AS (SELECT DISTINCT school_year, term FROM staging.roster)
SELECT
    c.school_year,
    c.term,
    c.school_code,
    s.school_name,
    coalesce(e.n, 0) AS enrolled,
    CASE WHEN EXISTS (SELECT 1 FROM snap p WHERE p.school_year = c.prev_year AND p.term = c.prev_term
                                             AND p.school_code = c.school_code)
         THEN coalesce(lt.n, 0) END AS left_this_term,
    CASE WHEN EXISTS (SELECT 1 FROM has_prev h WHERE h.school_year = c.prev_year AND h.term = c.prev_term)
         THEN coalesce(rt.n, 0) END AS returned_this_term,
    CASE WHEN c.term = 2 AND d.complete THEN d.n END AS dropouts_ytd,
    CASE WHEN c.term = 2 AND d.complete AND d.base > 0 THEN 100.0 * d.n / d.base END AS dropout_rate_ytd,
    coalesce(rg.n, 0) AS registered_dropouts,
    coalesce(rg.back, 0) AS returned_registered,
    CASE WHEN c.term = 2 AND d.complete THEN coalesce(cl.n, 0) END AS no_dropout_classes
FROM cur c
JOIN staging.school s USING (school_code)
LEFT JOIN enrolled e USING (school_year, term, school_code)
LEFT JOIN left_term lt USING (school_year, term, school_code)
LEFT JOIN returned rt USING (school_year, term, school_code)
LEFT JOIN dropouts d USING (school_year, school_code)
LEFT JOIN classes cl USING (school_year, school_code)
LEFT JOIN register rg USING (school_year, term, school_code)
ORDER BY c.school_year, c.term, c.school_code;

COMMENT ON TABLE mart.school_term_bulletin IS '学期通报：每所学校每学期一行';
COMMENT ON COLUMN mart.school_term_bulletin.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.school_term_bulletin.term IS '学期：1 第一学期，2 第二学期';
COMMENT ON COLUMN mart.school_term_bulletin.school_code IS '学校标识码';
COMMENT ON COLUMN mart.school_term_bulletin.school_name IS '学校名称';
COMMENT ON COLUMN mart.school_term_bulletin.enrolled IS '在读人数';
COMMENT ON COLUMN mart.school_term_bulletin.left_this_term IS '本学期流失：上一快照在本校在读、本学期既不在读也不休学、且无转出毕业死亡记录、也未在外地就读的学生数';
COMMENT ON COLUMN mart.school_term_bulletin.returned_this_term IS '本学期复学：上一快照辍学或学籍消失、本学期在本校在读的学生数';
COMMENT ON COLUMN mart.school_term_bulletin.dropouts_ytd IS '学年累计辍学（仅第二学期）';
COMMENT ON COLUMN mart.school_term_bulletin.dropout_rate_ytd IS '学年辍学率（百分比，仅第二学期）';
COMMENT ON COLUMN mart.school_term_bulletin.registered_dropouts IS '本学年已登记辍学人数（截至本学期末）';
COMMENT ON COLUMN mart.school_term_bulletin.returned_registered IS '其中已返校人数';
COMMENT ON COLUMN mart.school_term_bulletin.no_dropout_classes IS '无辍学班级数（仅第二学期）';
