-- severity: error
-- Every child on the unaccounted list of the latest snapshot has exactly
-- one open case
-- (indicators.md, "Cases"), unless evidence of 已死亡 or 户籍已迁出 bars it
-- (the register is behind: a 户籍待更新 finding, not a case).
WITH latest AS (
    SELECT * FROM mart.unaccounted_children
    WHERE (school_year, term) = (SELECT max((school_year, term)) FROM core.terms)
),
barred AS (
    SELECT DISTINCT id_number FROM staging.followup
    WHERE evidence AND outcome IN ('已死亡', '户籍已迁出')
)
SELECT l.school_year, l.term, l.id_number, count(c.case_id) AS open_cases
FROM latest l
LEFT JOIN mart.cases c ON c.id_number = l.id_number AND c.status <> '已销号'
WHERE l.id_number NOT IN (SELECT id_number FROM barred)
GROUP BY ALL
HAVING count(c.case_id) <> 1;
