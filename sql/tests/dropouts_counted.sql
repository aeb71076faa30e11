-- severity: error
-- Each listed dropout is in its school's or the town's numerator, once per
-- school year.
SELECT d.school_year, d.id_number, count(*) AS n
FROM mart.dropouts d
GROUP BY ALL
HAVING count(*) > 1
    OR any_value(d.kind) NOT IN ('登记辍学', '疑似辍学')
    OR (any_value(d.kind) = '登记辍学' AND bool_or(d.possible_data_error));
