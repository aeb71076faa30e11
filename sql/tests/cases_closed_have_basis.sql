-- severity: error
-- Every closed case says why (close_basis) and when (the closing snapshot,
-- closed_year and closed_term); closing on evidence also needs its date.
-- An open case has none of these.
SELECT case_id, status, close_basis, closed_year, closed_term, closed_on
FROM mart.cases
WHERE (status = '已销号' AND (close_basis IS NULL OR closed_year IS NULL OR closed_term IS NULL
        OR (close_basis IN ('在外地就读', '已死亡', '户籍已迁出') AND closed_on IS NULL)))
   OR (status <> '已销号' AND (close_basis IS NOT NULL OR closed_year IS NOT NULL OR closed_on IS NOT NULL));
