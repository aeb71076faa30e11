-- tier: restricted
-- mart.cases: one row per case (indicators.md, "Cases"; warehouse.md).
-- A case opens at the first snapshot at which a child is in L with no open
-- case, and closes on evidence or on the registers (core.case_walk).
--
-- case_id: '<Y>-<t>-<number>' of the opening snapshot; the 核查表 carries
-- it as 案件编号. The case's follow-ups: the child's followup rows dated
-- from the opening term's first day up to its closing (closed_on, or the
-- last day of the snapshot that closed it on the registers), whatever
-- their 核查结果. status: 已销号 when closed; else 限期改正 when the latest
-- follow-up is 拒不入学, 核查中 with any follow-up, 待核查 with none.
-- days_open: from the opening term's first day to closed_on, to the
-- closing term's first day (register closing), or to the as-of date
-- (core.as_of: the Beijing day of the most recent load; no other clock).
-- overdue: 限期改正 and the as-of date past the deadline.
-- Particulars: village, group, 包组干部, guardian and phone from the
-- child's latest H row (the latest roster row for a child outside H);
-- school_code and 班主任 from the last roll that held the child (the
-- school's 校长 when the roll names no 班主任).
CREATE OR REPLACE TABLE mart.cases AS
WITH c AS (
    SELECT child_key, case_no,
           arg_min(idx, step) FILTER (WHERE action = 'open') AS opened_idx,
           arg_min(school_year, step) FILTER (WHERE action = 'open') AS opened_year,
           arg_min(term, step) FILTER (WHERE action = 'open') AS opened_term,
           arg_min(reason, step) FILTER (WHERE action = 'open') AS opened_reason,
           arg_max(reason, step) FILTER (WHERE action IN ('open', 'count')) AS latest_reason,
           count(*) FILTER (WHERE action IN ('open', 'count'))::INTEGER AS terms_open,
           arg_max(action, step) FILTER (WHERE action LIKE 'close%') AS close_action,
           arg_max(close_basis, step) FILTER (WHERE action LIKE 'close%') AS close_basis,
           arg_max(day, step) FILTER (WHERE action LIKE 'close%') AS close_day,
           arg_max(school_year, step) FILTER (WHERE action LIKE 'close%') AS close_year,
           arg_max(term, step) FILTER (WHERE action LIKE 'close%') AS close_term
    FROM core.case_walk
    WHERE case_no > 0
    GROUP BY child_key, case_no
),
k AS (SELECT DISTINCT child_key, id_number FROM core.case_facts),
cases AS (
    SELECT c.*, k.id_number,
           term_start(c.opened_year, c.opened_term) AS opened_on,
           CASE c.close_action WHEN 'close_evidence' THEN c.close_day END AS closed_on
    FROM c JOIN k USING (child_key)
),
fu AS (
    SELECT c.child_key, c.case_no,
           max_by(f, (f.check_date, f.load_id, f.row_number)) AS latest
    FROM cases c
    JOIN staging.followup f ON f.id_number = c.id_number AND f.check_date >= c.opened_on
                           AND (c.close_day IS NULL OR f.check_date <= c.close_day)
    GROUP BY ALL
),
h AS (
    SELECT * FROM core.population
    QUALIFY row_number() OVER (PARTITION BY id_number ORDER BY school_year DESC) = 1
),
r AS (
    SELECT * FROM core.enrolment
    QUALIFY row_number() OVER (PARTITION BY child_key ORDER BY school_year DESC, term DESC) = 1
)
SELECT
    concat_ws('-', c.opened_year, c.opened_term, c.id_number) AS case_id,
    c.id_number,
    coalesce(h.name, r.name) AS name,
    h.village_code,
    h.group_no,
    r.school_code,
    c.opened_year,
    c.opened_term,
    c.opened_reason,
    c.latest_reason,
    c.terms_open,
    CASE WHEN c.close_action IS NOT NULL THEN '已销号'
         WHEN fu.latest.outcome = '拒不入学' THEN '限期改正'
         WHEN fu.latest IS NOT NULL THEN '核查中'
         ELSE '待核查' END AS status,
    c.closed_on,
    c.close_year AS closed_year,
    c.close_term AS closed_term,
    c.close_basis,
    date_diff('day', c.opened_on, coalesce(c.closed_on, term_start(c.close_year, c.close_term), a.as_of))::INTEGER AS days_open,
    fu.latest.check_date AS last_check_date,
    fu.latest.outcome AS last_outcome,
    fu.latest.checker AS last_checker,
    fu.latest.measures AS last_measures,
    CASE WHEN fu.latest.outcome = '拒不入学' THEN fu.latest.deadline END AS deadline,
    coalesce(c.close_action IS NULL AND fu.latest.outcome = '拒不入学' AND a.as_of > fu.latest.deadline, false) AS overdue,
    v.town_cadre,
    h.village_cadre,
    coalesce(r.head_teacher, s.principal) AS head_teacher,
    coalesce(h.guardian, r.guardian) AS guardian,
    coalesce(h.guardian_phone, r.guardian_phone) AS guardian_phone,
    v.village_name,
    s.school_name
FROM cases c
CROSS JOIN core.as_of a
LEFT JOIN fu ON fu.child_key = c.child_key AND fu.case_no = c.case_no
LEFT JOIN h ON h.id_number = c.child_key
LEFT JOIN r ON r.child_key = c.child_key
LEFT JOIN staging.village v ON v.village_code = h.village_code
LEFT JOIN staging.school s ON s.school_code = r.school_code
ORDER BY c.opened_year, c.opened_term, h.village_code, c.id_number;

COMMENT ON TABLE mart.cases IS '个案台账：名单上每名儿童从登记造册到动态销号的每个案件一行（限内部使用，含姓名）';
COMMENT ON COLUMN mart.cases.case_id IS '案件编号：开案学年-学期-身份证件号（核查表中的「案件编号」）';
COMMENT ON COLUMN mart.cases.id_number IS '身份证件号（其他证件按原号码）';
COMMENT ON COLUMN mart.cases.name IS '姓名';
COMMENT ON COLUMN mart.cases.village_code IS '村代码（最近一次户籍人口记录；不在户籍中为空）';
COMMENT ON COLUMN mart.cases.group_no IS '村民小组';
COMMENT ON COLUMN mart.cases.school_code IS '最后一次在册的学校标识码；从未在册为空';
COMMENT ON COLUMN mart.cases.opened_year IS '开案学年（起始年份）';
COMMENT ON COLUMN mart.cases.opened_term IS '开案学期：1 第一学期，2 第二学期';
COMMENT ON COLUMN mart.cases.opened_reason IS '开案原因：名单原因，或辍学类别（登记辍学、疑似辍学）';
COMMENT ON COLUMN mart.cases.latest_reason IS '案件未结期间最后一次在名单上的原因';
COMMENT ON COLUMN mart.cases.terms_open IS '案件未结期间在名单上的学期数';
COMMENT ON COLUMN mart.cases.status IS '状态：待核查、核查中、限期改正、已销号';
COMMENT ON COLUMN mart.cases.closed_on IS '销号依据（核查反馈证明材料）的核查日期；按名册销号为空';
COMMENT ON COLUMN mart.cases.closed_year IS '销号学年：按名册销号的学期，或包含核查日期的学期';
COMMENT ON COLUMN mart.cases.closed_term IS '销号学期';
COMMENT ON COLUMN mart.cases.close_basis IS '销号依据：在外地就读、已死亡、户籍已迁出（核查反馈证明）；已入学、外地就读已取证、残疾安置、已毕业、已超龄、已出名单（名册）';
COMMENT ON COLUMN mart.cases.days_open IS '立案天数：开案学期首日至销号核查日期、销号学期首日或数据截止日';
COMMENT ON COLUMN mart.cases.last_check_date IS '本案最近一次核查日期';
COMMENT ON COLUMN mart.cases.last_outcome IS '最近一次核查结果';
COMMENT ON COLUMN mart.cases.last_checker IS '最近一次核查人';
COMMENT ON COLUMN mart.cases.last_measures IS '最近一次核查采取的措施';
COMMENT ON COLUMN mart.cases.deadline IS '限期日期：最近一次核查结果为拒不入学时，镇政府责令限期改正的期限';
COMMENT ON COLUMN mart.cases.overdue IS '已逾期：状态为限期改正且数据截止日已过限期日期';
COMMENT ON COLUMN mart.cases.town_cadre IS '包村干部';
COMMENT ON COLUMN mart.cases.village_cadre IS '包组干部';
COMMENT ON COLUMN mart.cases.head_teacher IS '班主任（最后一次在册），无则为学校校长';
COMMENT ON COLUMN mart.cases.guardian IS '监护人';
COMMENT ON COLUMN mart.cases.guardian_phone IS '监护人电话';
COMMENT ON COLUMN mart.cases.village_name IS '村名称（村居名录）';
COMMENT ON COLUMN mart.cases.school_name IS '最后一次在册的学校名称（学校名录）';
