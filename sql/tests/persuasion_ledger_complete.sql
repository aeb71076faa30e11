-- severity: error
-- The 动态销号 ledger holds every registered dropout episode (staging.dropout:
-- one child, one 辍学日期) exactly once; a case is 已销号 exactly when a
-- roster of a later term shows the child 在读 again, and that term starts
-- after the dropout; days out are never negative.
SELECT 'episode missing' AS problem, d.id_number, d.dropout_date
FROM staging.dropout d
WHERE NOT EXISTS (SELECT 1 FROM mart.persuasion p WHERE p.id_number = d.id_number AND p.dropout_date = d.dropout_date)
UNION ALL
SELECT 'episode twice', id_number, dropout_date
FROM mart.persuasion GROUP BY id_number, dropout_date HAVING count(*) > 1
UNION ALL
SELECT 'closed without a return, or a return not closed', p.id_number, p.dropout_date
FROM mart.persuasion p
WHERE (p.case_status = '已销号') <> EXISTS (
        SELECT 1 FROM staging.roster r
        WHERE r.child_key = p.id_number AND r.status = '在读' AND term_start(r.school_year, r.term) > p.dropout_date)
   OR (p.back_in_roster_from IS NOT NULL AND p.back_in_roster_from <= p.dropout_date)
UNION ALL
SELECT 'negative days out', id_number, dropout_date
FROM mart.persuasion WHERE days_out < 0;
