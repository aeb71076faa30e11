-- severity: error
-- Each listed dropout is counted in its school's dropout numerator (and so
-- in the town's whenever the town has a rate), once per school year, with
-- a valid kind; a registered dropout is never flagged as a possible typo.
SELECT d.school_year, d.school_code, d.id_number, d.kind
FROM mart.dropouts d
LEFT JOIN mart.indicator_children c
  ON c.school_year = d.school_year AND c.scope_level = 'school' AND c.scope_code = d.school_code
 AND c.indicator = CASE d.level WHEN '小学' THEN 'primary_dropout' ELSE 'junior_dropout' END
 AND (c.child_key = d.id_number OR c.child_key LIKE '%:' || d.id_number) AND c.in_numerator
WHERE c.child_key IS NULL
   OR d.kind NOT IN ('登记辍学', '疑似辍学')
   OR (d.kind = '登记辍学' AND d.possible_data_error)
UNION ALL
SELECT school_year, NULL, id_number, 'listed twice'
FROM mart.dropouts GROUP BY school_year, id_number HAVING count(*) > 1;
