-- tier: public
-- incremental: school_year 0..+1
-- mart.grade_flows: per school year, school of record in R(Y,1) and grade
-- (1-9), where the pupils 在读 at the start of the year went (UIS
-- reconstructed-cohort method):
--   enrolled: effective status 在读 in R(Y,1) at that grade and school;
--   promoted: of those, 在读 at the next grade in R(Y+1,1) anywhere in the
--     town (grade 9: a graduate row of Y);
--   repeated: 在读 at the same grade in R(Y+1,1);
--   dropped_out: dropouts of Y by the dropout rule (core.dropout_base, the
--     children of mart.dropouts);
--   transferred: effective status 转出 in R(Y,2);
--   died: 死亡 in R(Y,2) or in the household register of Y.
-- promoted and repeated need R(Y+1,1) and are NULL, not 0, before any
-- roster of (Y+1,1) exists. dropped_out, transferred and died need the
-- school's own term-2 roster of Y, as its dropout rate does: a school that
-- sent none has them NULL (无数据), never every pupil counted as a dropout.
-- Rates (percent of enrolled) need R(Y+1,1) and are NULL before it exists:
-- promotion_rate, repetition_rate, and the UIS dropout rate
-- 100 − promotion − repetition (it includes losses over the summer and
-- moves out of town, unlike the in-year 学年度辍学率). For grade 6 the
-- promotion rate is the primary→junior transition rate.
CREATE OR REPLACE TABLE mart.grade_flows AS
WITH start AS (
    SELECT school_year, school_code, grade::INTEGER AS grade, child_key
    FROM core.enrolment
    WHERE term = 1 AND status = '在读' AND compulsory_grade(grade)
),
next_year AS (SELECT DISTINCT school_year FROM core.enrolment WHERE term = 1),
flows AS (
    SELECT s.*,
           n.school_year IS NOT NULL AS has_next,
           coalesce(nx.status = '在读' AND nx.grade = (s.grade + 1)::VARCHAR, false)
             OR (s.grade = 9 AND g.id_number IS NOT NULL) AS promoted,
           coalesce(nx.status = '在读' AND nx.grade = s.grade::VARCHAR, false) AS repeated,
           d.child_key IS NOT NULL AS dropped_out,
           t2s.school_code IS NOT NULL AS has_term2,
           coalesce(t2.status = '转出', false) AS transferred,
           coalesce(t2.status = '死亡', false) OR coalesce(h.reg_status = '死亡', false) AS died
    FROM start s
    LEFT JOIN next_year n ON n.school_year = s.school_year + 1
    LEFT JOIN core.enrolment nx ON nx.school_year = s.school_year + 1 AND nx.term = 1 AND nx.child_key = s.child_key
    LEFT JOIN core.enrolment t2 ON t2.school_year = s.school_year AND t2.term = 2 AND t2.child_key = s.child_key
    LEFT JOIN staging.graduate g ON g.school_year = s.school_year AND g.id_number = s.child_key
    LEFT JOIN staging.household h ON h.school_year = s.school_year AND h.id_number = s.child_key
    LEFT JOIN (SELECT DISTINCT school_year, school_code FROM staging.roster WHERE term = 2) t2s
      ON t2s.school_year = s.school_year AND t2s.school_code = s.school_code
    LEFT JOIN (SELECT school_year, child_key FROM core.dropout_base WHERE is_dropout) d
      ON d.school_year = s.school_year AND d.child_key = s.child_key
)
SELECT
    school_year, school_code, grade,
    count(*) AS enrolled,
    CASE WHEN bool_and(has_next) THEN count(*) FILTER (WHERE promoted) END AS promoted,
    CASE WHEN bool_and(has_next) THEN count(*) FILTER (WHERE repeated) END AS repeated,
    CASE WHEN bool_and(has_term2) THEN count(*) FILTER (WHERE dropped_out) END AS dropped_out,
    CASE WHEN bool_and(has_term2) THEN count(*) FILTER (WHERE transferred) END AS transferred,
    CASE WHEN bool_and(has_term2) THEN count(*) FILTER (WHERE died) END AS died,
    CASE WHEN bool_and(has_next) THEN 100.0 * count(*) FILTER (WHERE promoted) / count(*) END AS promotion_rate,
    CASE WHEN bool_and(has_next) THEN 100.0 * count(*) FILTER (WHERE repeated) / count(*) END AS repetition_rate,
    CASE WHEN bool_and(has_next)
         THEN 100.0 - 100.0 * count(*) FILTER (WHERE promoted OR repeated) / count(*) END AS uis_dropout_rate
FROM flows
GROUP BY ALL
ORDER BY school_year, school_code, grade;

COMMENT ON TABLE mart.grade_flows IS '年级流动：每学年、学校、年级的在读学生次年去向（升级、留级、辍学、转出、死亡）及联合国教科文组织方法的升级率、留级率、辍学率';
COMMENT ON COLUMN mart.grade_flows.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.grade_flows.school_code IS '学年初所在学校标识码';
COMMENT ON COLUMN mart.grade_flows.grade IS '学年初年级（1-9）';
COMMENT ON COLUMN mart.grade_flows.enrolled IS '学年初在读人数';
COMMENT ON COLUMN mart.grade_flows.promoted IS '次学年初升入下一年级人数（九年级：当学年毕业）；次学年名册未到时为空';
COMMENT ON COLUMN mart.grade_flows.repeated IS '次学年初仍在本年级人数（留级）；次学年名册未到时为空';
COMMENT ON COLUMN mart.grade_flows.dropped_out IS '学年内辍学人数（按辍学判定规则）；本校未报送第二学期名册时为空（无数据）';
COMMENT ON COLUMN mart.grade_flows.transferred IS '第二学期转出人数；本校未报送第二学期名册时为空';
COMMENT ON COLUMN mart.grade_flows.died IS '死亡人数（第二学期名册或户籍册）；本校未报送第二学期名册时为空';
COMMENT ON COLUMN mart.grade_flows.promotion_rate IS '升级率（百分比；六年级即小升初升学率）；次学年名册未到时为空';
COMMENT ON COLUMN mart.grade_flows.repetition_rate IS '留级率（百分比）';
COMMENT ON COLUMN mart.grade_flows.uis_dropout_rate IS '辍学率（UIS 重构队列法，百分比，含暑期流失与迁出）';
