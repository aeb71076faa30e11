-- severity: error
-- No case is open for a child with evidence of 已死亡 (a followup with
-- 证明材料 yes): that evidence closes the open case and bars new ones.
SELECT c.case_id, c.id_number, f.check_date
FROM mart.cases c
JOIN staging.followup f ON f.id_number = c.id_number AND f.outcome = '已死亡' AND f.evidence
WHERE c.status <> '已销号';
