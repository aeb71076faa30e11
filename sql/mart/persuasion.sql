-- tier: restricted
-- mart.persuasion: the 动态销号 ledger: every registered dropout episode
-- (one child, one 辍学日期) with its persuasion record. A case closes
-- (已销号) when the child is back: 在读 in a roster snapshot whose term
-- starts after the dropout date (1 September for term 1, 1 February for
-- term 2). case_status: 已销号; 已返校待核 (the register says 已返校 but no
-- roster shows the child back yet); 劝返中; 无法劝返. days_out counts from
-- 辍学日期 to the return (the register's 返校日期, else the start of the
-- term the child reappears in) for closed cases, else to core.as_of; NULL
-- when that day is before the dropout date (a register row dated after the
-- as-of date, or a 返校日期 before the 辍学日期): a negative count of days
-- means nothing, and the row is for the clerk to check.
CREATE OR REPLACE TABLE mart.persuasion AS
WITH back AS (
    SELECT d.id_number, d.dropout_date,
           min(term_start(r.school_year, r.term)) AS back_from
    FROM staging.dropout d
    JOIN staging.roster r ON r.child_key = d.id_number AND r.status = '在读'
     AND term_start(r.school_year, r.term) > d.dropout_date
    GROUP BY ALL
)
SELECT
    d.school_year, d.school_code, s.school_name, d.id_number, d.name, d.grade,
    d.dropout_date, d.reason, d.measures, d.persuader, d.persuader_phone, d.visits,
    d.persuasion_status, d.return_date, d.placement,
    b.back_from AS back_in_roster_from,
    CASE WHEN b.back_from IS NOT NULL THEN '已销号'
         WHEN d.persuasion_status = '已返校' THEN '已返校待核'
         ELSE d.persuasion_status END AS case_status,
    CASE WHEN until >= d.dropout_date THEN date_diff('day', d.dropout_date, until) END AS days_out
FROM staging.dropout d
LEFT JOIN back b USING (id_number, dropout_date)
LEFT JOIN staging.school s USING (school_code)
CROSS JOIN LATERAL (SELECT CASE WHEN b.back_from IS NOT NULL THEN coalesce(d.return_date, b.back_from)
                                ELSE (SELECT as_of FROM core.as_of) END AS until)
ORDER BY d.school_year, d.school_code, d.dropout_date, d.id_number;

COMMENT ON TABLE mart.persuasion IS '劝返台账（动态销号）：每一起登记辍学及其劝返记录；学生重新出现在名册中即销号';
COMMENT ON COLUMN mart.persuasion.school_year IS '辍学日期所在学年';
COMMENT ON COLUMN mart.persuasion.school_code IS '学校标识码';
COMMENT ON COLUMN mart.persuasion.school_name IS '学校名称';
COMMENT ON COLUMN mart.persuasion.id_number IS '身份证件号';
COMMENT ON COLUMN mart.persuasion.name IS '姓名';
COMMENT ON COLUMN mart.persuasion.grade IS '辍学时年级';
COMMENT ON COLUMN mart.persuasion.dropout_date IS '辍学日期';
COMMENT ON COLUMN mart.persuasion.reason IS '辍学原因';
COMMENT ON COLUMN mart.persuasion.measures IS '劝返措施';
COMMENT ON COLUMN mart.persuasion.persuader IS '劝返责任人';
COMMENT ON COLUMN mart.persuasion.persuader_phone IS '责任人电话';
COMMENT ON COLUMN mart.persuasion.visits IS '劝返次数';
COMMENT ON COLUMN mart.persuasion.persuasion_status IS '登记的劝返状态';
COMMENT ON COLUMN mart.persuasion.return_date IS '返校日期';
COMMENT ON COLUMN mart.persuasion.placement IS '安置方式';
COMMENT ON COLUMN mart.persuasion.back_in_roster_from IS '重新在名册中在读的学期起始日';
COMMENT ON COLUMN mart.persuasion.case_status IS '台账状态：已销号、已返校待核、劝返中、无法劝返';
COMMENT ON COLUMN mart.persuasion.days_out IS '离校天数（已销号至返校，否则至数据截止日）；截止日早于辍学日期时为空';
