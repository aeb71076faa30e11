-- tier: public
-- incremental: school_year
-- mart.handoff_misses: per cohort of primary graduates (学年 Y, graduating
-- in July Y+1), how many of the three handoff steps (mart.handoff_status)
-- were not done by their deadline (逾期未办): the files sent to the junior
-- school (due 10 July Y+1), the admission notices to the central school
-- (10 August) and to the parents (15 August). The daemon's handoff check
-- reports these counts after each deadline.
CREATE OR REPLACE TABLE mart.handoff_misses AS
SELECT school_year,
       count(*) FILTER (WHERE file_status = '逾期未办') AS files_missed,
       count(*) FILTER (WHERE notice_to_school_status = '逾期未办') AS notices_to_school_missed,
       count(*) FILTER (WHERE notice_to_parent_status = '逾期未办') AS notices_to_parent_missed
FROM mart.handoff_status
GROUP BY school_year
ORDER BY school_year;

COMMENT ON TABLE mart.handoff_misses IS '小升初交接逾期未办统计：每届小学毕业生三项交接（档案移交、通知书送中心校、通知书送家长）逾期未办的人数';
COMMENT ON COLUMN mart.handoff_misses.school_year IS '学年（毕业生所在学年的起始年份）';
COMMENT ON COLUMN mart.handoff_misses.files_missed IS '档案逾期未移交人数';
COMMENT ON COLUMN mart.handoff_misses.notices_to_school_missed IS '录取通知书逾期未送中心校人数';
COMMENT ON COLUMN mart.handoff_misses.notices_to_parent_missed IS '录取通知书逾期未送家长人数';
