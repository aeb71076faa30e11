-- severity: error
-- One row per (学年, 学期, child), aged 6-15, with a reason from the list.
SELECT school_year, term, id_number, count(*) AS n
FROM mart.unaccounted_children
GROUP BY ALL
HAVING count(*) > 1
    OR NOT compulsory_age(any_value(age))
    OR any_value(reason) NOT IN ('数据待核实', '已登记辍学', '外出未取得就读证明', '仍在幼儿园', '学籍消失', '从未入学')
    OR any_value(terms_on_list) < 1;
