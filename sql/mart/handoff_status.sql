-- tier: restricted
-- mart.handoff_status: each child finishing primary school in Y against the
-- three handoff deadlines of the following summer (Y+1): files to the
-- junior school by 7月10日, admission notices to the central primary school
-- by 8月10日, notices to parents by 8月15日. The children are those with a
-- handoff row of Y and those at grade 6 in R(Y,2) with status 在读 or 毕业
-- (a graduate nobody handed off is the worst miss), whatever their
-- document: a pupil with another document type is listed by its document
-- number (docs/indicators.md: such pupils count in head counts) and, as
-- inputs.md says, matches no handoff row (a handoff row carrying the same
-- number stays a row of its own). Each step is 按时,
-- 逾期 (done after the deadline), 逾期未办 (not done, deadline passed by
-- core.as_of) or 未到期 (not done, deadline still ahead).
-- A view over core.handoff_due: the statuses depend on core.as_of, which
-- moves with every load, so they are judged when read (a few thousand rows)
-- rather than rebuilt for every year at every run.
CREATE OR REPLACE VIEW mart.handoff_status AS
SELECT
    school_year, id_number, name, primary_school_code, junior_school_code, has_handoff_row,
    file_sent_date, file_due,
    CASE WHEN file_sent_date IS NULL THEN CASE WHEN a.as_of > file_due THEN '逾期未办' ELSE '未到期' END
         WHEN file_sent_date <= file_due THEN '按时' ELSE '逾期' END AS file_status,
    notice_to_school_date, notice_to_school_due,
    CASE WHEN notice_to_school_date IS NULL THEN CASE WHEN a.as_of > notice_to_school_due THEN '逾期未办' ELSE '未到期' END
         WHEN notice_to_school_date <= notice_to_school_due THEN '按时' ELSE '逾期' END AS notice_to_school_status,
    notice_to_parent_date, notice_to_parent_due,
    CASE WHEN notice_to_parent_date IS NULL THEN CASE WHEN a.as_of > notice_to_parent_due THEN '逾期未办' ELSE '未到期' END
         WHEN notice_to_parent_date <= notice_to_parent_due THEN '按时' ELSE '逾期' END AS notice_to_parent_status
FROM core.handoff_due
CROSS JOIN core.as_of a;

COMMENT ON VIEW mart.handoff_status IS '小升初交接：每名小学毕业生对照三个交接时限（7月10日档案送达、8月10日通知书送达中心校、8月15日通知书送达家长）';
COMMENT ON COLUMN mart.handoff_status.school_year IS '小学毕业学年（起始年份）';
COMMENT ON COLUMN mart.handoff_status.id_number IS '身份证件号';
COMMENT ON COLUMN mart.handoff_status.name IS '姓名';
COMMENT ON COLUMN mart.handoff_status.primary_school_code IS '小学学校标识码';
COMMENT ON COLUMN mart.handoff_status.junior_school_code IS '初中学校标识码';
COMMENT ON COLUMN mart.handoff_status.has_handoff_row IS '交接表中是否有该生';
COMMENT ON COLUMN mart.handoff_status.file_sent_date IS '档案送达日期';
COMMENT ON COLUMN mart.handoff_status.file_due IS '档案送达时限';
COMMENT ON COLUMN mart.handoff_status.file_status IS '档案送达：按时、逾期、逾期未办、未到期';
COMMENT ON COLUMN mart.handoff_status.notice_to_school_date IS '通知书送达中心校日期';
COMMENT ON COLUMN mart.handoff_status.notice_to_school_due IS '通知书送达中心校时限';
COMMENT ON COLUMN mart.handoff_status.notice_to_school_status IS '通知书送达中心校：按时、逾期、逾期未办、未到期';
COMMENT ON COLUMN mart.handoff_status.notice_to_parent_date IS '通知书送达家长日期';
COMMENT ON COLUMN mart.handoff_status.notice_to_parent_due IS '通知书送达家长时限';
COMMENT ON COLUMN mart.handoff_status.notice_to_parent_status IS '通知书送达家长：按时、逾期、逾期未办、未到期';
