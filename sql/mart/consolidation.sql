-- tier: public
-- mart.consolidation: 九年义务教育巩固率 for the town, per school year Y in
-- which junior graduates left: graduates of Y (distinct children in the
-- graduate file) over the children 在读 at grade 1 in R(Y-8,1), the same
-- cohort nine years earlier. Rows exist only where nine years of history
-- (R(Y-8,1)) are loaded; a new town sees none for its first years.
CREATE OR REPLACE TABLE mart.consolidation AS
WITH entrants AS (
    SELECT school_year, count(*) AS n FROM core.enrolment
    WHERE term = 1 AND status = '在读' AND grade = '1' GROUP BY ALL
),
grads AS (SELECT school_year, count(DISTINCT id_number) AS n FROM staging.graduate GROUP BY ALL)
SELECT g.school_year, g.n AS graduates, e.n AS grade1_entrants, 100.0 * g.n / e.n AS consolidation_rate
FROM grads g JOIN entrants e ON e.school_year = g.school_year - 8
ORDER BY g.school_year;

COMMENT ON TABLE mart.consolidation IS '九年义务教育巩固率：当学年初中毕业生数除以九年前一年级在读人数（需九年历史数据）';
COMMENT ON COLUMN mart.consolidation.school_year IS '毕业学年（起始年份）';
COMMENT ON COLUMN mart.consolidation.graduates IS '初中毕业生数';
COMMENT ON COLUMN mart.consolidation.grade1_entrants IS '九年前学年初一年级在读人数';
COMMENT ON COLUMN mart.consolidation.consolidation_rate IS '巩固率（百分比）';
