-- tier: restricted
-- incremental: school_year
-- core.handoff_due: the children of mart.handoff_status (each child
-- finishing primary school in Y: a handoff row of Y, or grade 6 in R(Y,2)
-- with status 在读 or 毕业) with the three handoff dates and their
-- deadlines in the following summer (Y+1). It holds everything of the
-- handoff ledger that does not depend on the as-of date, so a run rebuilds
-- only the years new files touch; mart.handoff_status, a view, judges the
-- steps against core.as_of when it is read.
CREATE OR REPLACE TABLE core.handoff_due AS
WITH sixth AS (
    SELECT school_year, id_number, id_type, name, school_code
    FROM core.enrolment WHERE term = 2 AND grade = '6' AND status IN ('在读', '毕业')
),
-- a handoff row of Y (with the roster's name and school where it has none),
-- then the sixth graders no handoff row of Y names; two branches rather
-- than one FULL JOIN, so that a rebuild of some years reads only them
kids AS (
    SELECT h.school_year, h.id_number,
           coalesce(h.name, s.name) AS name,
           coalesce(h.primary_school_code, s.school_code) AS primary_school_code,
           h.junior_school_code, h.file_sent_date, h.notice_to_school_date, h.notice_to_parent_date,
           true AS has_handoff_row
    FROM staging.handoff h
    LEFT JOIN sixth s ON s.school_year = h.school_year AND s.id_number = h.id_number AND s.id_type = '1'
    UNION ALL
    SELECT s.school_year, s.id_number, s.name, s.school_code,
           NULL, NULL, NULL, NULL, false
    FROM sixth s
    WHERE s.id_type <> '1'
       OR NOT EXISTS (SELECT 1 FROM staging.handoff h WHERE h.school_year = s.school_year AND h.id_number = s.id_number)
)
SELECT k.*,
       make_date(k.school_year + 1, 7, 10) AS file_due,
       make_date(k.school_year + 1, 8, 10) AS notice_to_school_due,
       make_date(k.school_year + 1, 8, 15) AS notice_to_parent_due
FROM kids k;

COMMENT ON TABLE core.handoff_due IS '小升初交接的儿童、三项交接日期与时限（与数据截止日无关的部分；各步状态在视图 handoff_status 中按数据截止日判定）';
