-- tier: restricted
-- mart.followup_findings: what the returned 核查表 say that someone must
-- check (indicators.md, "Cases", follow-up findings), one row per finding:
--  核查对象不在名单  a followup row for a child never in L. Decision: a row
--                    that is itself proof of schooling elsewhere (in E(Y))
--                    is not flagged: it is why the child is off the list;
--  查无此人          the household register must be checked;
--  户籍待更新        the child is still 正常 in a later H(Y) (a school year
--                    after the one holding the evidence) after evidence of
--                    已死亡 or 户籍已迁出;
--  已销号案件的核查  a row dated after the child's case was closed, while no
--                    other case of the child was open;
--  名册辍学但有外地就读证明  the roster says 辍学 in a term of school year Y
--                    while a followup proves schooling elsewhere in Y.
CREATE OR REPLACE TABLE mart.followup_findings AS
WITH listed AS (SELECT DISTINCT id_number FROM core.case_facts WHERE in_l),
spans AS (
    -- a case closed on the registers was open up to its closing snapshot's
    -- last day (its follow-ups run that far, as in mart.cases)
    SELECT c.id_number, term_start(c.opened_year, c.opened_term) AS opened_on, coalesce(c.closed_on, t.last_day) AS closed_from
    FROM mart.cases c
    LEFT JOIN core.terms t ON t.school_year = c.closed_year AND t.term = c.closed_term
),
found AS (
    SELECT '核查对象不在名单' AS finding, f.*, '该儿童从未列入应入学未入学名单或辍学名单：请核对身份证件号' AS detail
    FROM staging.followup f
    WHERE f.id_number NOT IN (SELECT id_number FROM listed) AND NOT f.in_e
    UNION ALL
    SELECT '查无此人', f.*, '村、学校查无此人：请户籍部门核实户籍人口数据'
    FROM staging.followup f WHERE f.outcome = '查无此人'
    UNION ALL
    SELECT '户籍待更新', f.*, '已取得' || f.outcome || '证明，但' || h.years || '户籍人口中仍为正常：请户籍部门更新'
    FROM staging.followup f
    JOIN (SELECT f2.id_number, f2.check_date, string_agg(DISTINCT h2.school_year || '-' || (h2.school_year + 1) || '学年', '、' ORDER BY h2.school_year || '-' || (h2.school_year + 1) || '学年') AS years
          FROM staging.followup f2
          JOIN staging.household h2 ON h2.id_number = f2.id_number AND h2.reg_status = '正常' AND h2.school_year > f2.school_year
          WHERE f2.evidence AND f2.outcome IN ('已死亡', '户籍已迁出')
          GROUP BY ALL) h ON h.id_number = f.id_number AND h.check_date = f.check_date
    WHERE f.evidence AND f.outcome IN ('已死亡', '户籍已迁出')
    UNION ALL
    SELECT '已销号案件的核查', f.*, '该儿童的案件已销号：本次核查不再计入，如情况有变请联系镇教育办'
    FROM staging.followup f
    WHERE EXISTS (SELECT 1 FROM spans s WHERE s.id_number = f.id_number AND f.check_date > s.closed_from)
      AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.id_number = f.id_number AND f.check_date >= s.opened_on
                        AND (s.closed_from IS NULL OR f.check_date <= s.closed_from))
    UNION ALL
    SELECT DISTINCT '名册辍学但有外地就读证明', f.*, e.school_year || '-' || (e.school_year + 1) || '学年' || CASE e.term WHEN 1 THEN '第一学期' ELSE '第二学期' END || '名册为辍学，但核查已取得外地就读证明：请学校核实学籍状态'
    FROM staging.followup f
    JOIN core.enrolment e ON e.child_key = f.id_number AND e.school_year = f.school_year AND e.status = '辍学'
    WHERE f.in_e
)
SELECT finding, school_year, check_date, id_number, name, outcome, checker, file_name, row_number, detail
FROM found
ORDER BY finding, check_date, id_number;

COMMENT ON TABLE mart.followup_findings IS '核查反馈的数据问题：核查对象不在名单、查无此人、户籍待更新、已销号案件的核查、名册辍学但有外地就读证明（限内部使用，含姓名）';
COMMENT ON COLUMN mart.followup_findings.finding IS '问题类别';
COMMENT ON COLUMN mart.followup_findings.school_year IS '核查日期所在学年（起始年份）';
COMMENT ON COLUMN mart.followup_findings.check_date IS '核查日期';
COMMENT ON COLUMN mart.followup_findings.id_number IS '身份证件号';
COMMENT ON COLUMN mart.followup_findings.name IS '姓名';
COMMENT ON COLUMN mart.followup_findings.outcome IS '核查结果';
COMMENT ON COLUMN mart.followup_findings.checker IS '核查人';
COMMENT ON COLUMN mart.followup_findings.file_name IS '核查反馈文件名';
COMMENT ON COLUMN mart.followup_findings.row_number IS '文件中的行号（表头为第1行）';
COMMENT ON COLUMN mart.followup_findings.detail IS '说明及处理办法';
