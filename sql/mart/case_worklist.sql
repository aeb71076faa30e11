-- tier: restricted
-- mart.case_worklist: the open cases (mart.cases not 已销号) with what the
-- printed 核查表 shows of each: gender and birth date from the child's
-- latest row on the unaccounted list (its household row), gender else from
-- its latest roster row (a child only among the dropouts, outside H, has
-- no birth date here); the latest reason, else the opening one; the last
-- check as one line (date, outcome, deadline, measures); the village with
-- its town cadre and the school with its principal, who sign the lists.
CREATE OR REPLACE TABLE mart.case_worklist AS
WITH u AS (SELECT id_number, max_by(gender, school_year * 10 + term) AS gender,
                  max_by(birth_date, school_year * 10 + term) AS birth_date
           FROM mart.unaccounted_children GROUP BY ALL),
     r AS (SELECT id_number, max_by(gender, school_year * 10 + term) AS gender
           FROM core.enrolment GROUP BY ALL)
SELECT c.case_id, coalesce(c.group_no, '') AS group_no, c.name, c.id_number,
       coalesce(u.gender, r.gender, '') AS gender, u.birth_date,
       coalesce(c.latest_reason, c.opened_reason) AS reason, c.terms_open,
       coalesce(c.guardian, '') AS guardian, coalesce(c.guardian_phone, '') AS guardian_phone,
       coalesce(c.last_check_date || ' ' || c.last_outcome
                || coalesce('（限期 ' || c.deadline || '）', '') || coalesce('；' || c.last_measures, ''), '') AS last_check,
       coalesce(c.village_code, '') AS village_code, coalesce(v.village_name, '') AS village_name,
       coalesce(v.town_cadre, '') AS town_cadre,
       coalesce(c.school_code, '') AS school_code, coalesce(s.school_name, '') AS school_name,
       coalesce(s.principal, '') AS principal,
       c.opened_year, c.opened_term
FROM mart.cases c
LEFT JOIN u ON u.id_number = c.id_number
LEFT JOIN r ON r.id_number = c.id_number
LEFT JOIN staging.village v ON v.village_code = c.village_code
LEFT JOIN staging.school s ON s.school_code = c.school_code
WHERE c.status <> '已销号'
ORDER BY c.opened_year, c.opened_term, group_no, c.case_id;

COMMENT ON TABLE mart.case_worklist IS '核查表名单：未销号个案及核查表所列信息（性别、出生日期、原因、末次核查、村及包村干部、学校及校长）';
COMMENT ON COLUMN mart.case_worklist.case_id IS '个案编号';
COMMENT ON COLUMN mart.case_worklist.group_no IS '村民小组';
COMMENT ON COLUMN mart.case_worklist.name IS '姓名';
COMMENT ON COLUMN mart.case_worklist.id_number IS '身份证件号';
COMMENT ON COLUMN mart.case_worklist.gender IS '性别（未入学名单中最近一行，其次学籍）';
COMMENT ON COLUMN mart.case_worklist.birth_date IS '出生日期（未入学名单中最近一行）';
COMMENT ON COLUMN mart.case_worklist.reason IS '原因（最近一次，其次立案时）';
COMMENT ON COLUMN mart.case_worklist.terms_open IS '未销号学期数';
COMMENT ON COLUMN mart.case_worklist.guardian IS '监护人';
COMMENT ON COLUMN mart.case_worklist.guardian_phone IS '监护人电话';
COMMENT ON COLUMN mart.case_worklist.last_check IS '末次核查：日期、结果、限期与措施';
COMMENT ON COLUMN mart.case_worklist.village_code IS '村代码';
COMMENT ON COLUMN mart.case_worklist.village_name IS '村名称';
COMMENT ON COLUMN mart.case_worklist.town_cadre IS '包村干部';
COMMENT ON COLUMN mart.case_worklist.school_code IS '学校标识码';
COMMENT ON COLUMN mart.case_worklist.school_name IS '学校名称';
COMMENT ON COLUMN mart.case_worklist.principal IS '校长';
COMMENT ON COLUMN mart.case_worklist.opened_year IS '立案学年';
COMMENT ON COLUMN mart.case_worklist.opened_term IS '立案学期';
