-- severity: error
-- mart.handoff_status lists every pupil at grade 6 in R(Y,2) with status
-- 在读 or 毕业 (any document type: the mart once dropped passports) and
-- every handoff row, once per year and child, and each step's status
-- follows its date: 按时 on or before the due day, 逾期 after it, and when
-- not done 逾期未办 once core.as_of is past the due day, else 未到期.
WITH sixth AS (
    SELECT school_year, id_number FROM core.enrolment
    WHERE term = 2 AND grade = '6' AND status IN ('在读', '毕业')
),
steps AS (
    SELECT school_year, id_number, file_sent_date AS done, file_due AS due, file_status AS status FROM mart.handoff_status
    UNION ALL SELECT school_year, id_number, notice_to_school_date, notice_to_school_due, notice_to_school_status
    FROM mart.handoff_status
    UNION ALL SELECT school_year, id_number, notice_to_parent_date, notice_to_parent_due, notice_to_parent_status
    FROM mart.handoff_status
)
SELECT 'grade-6 pupil missing' AS problem, s.school_year, s.id_number
FROM sixth s
WHERE NOT EXISTS (SELECT 1 FROM mart.handoff_status h WHERE h.school_year = s.school_year AND h.id_number = s.id_number)
UNION ALL
SELECT 'handoff row missing', h.school_year, h.id_number
FROM staging.handoff h
WHERE NOT EXISTS (SELECT 1 FROM mart.handoff_status m
                  WHERE m.school_year = h.school_year AND m.id_number = h.id_number AND m.has_handoff_row)
UNION ALL
SELECT 'listed twice', school_year, id_number
FROM mart.handoff_status GROUP BY school_year, id_number, has_handoff_row HAVING count(*) > 1
UNION ALL
SELECT 'status does not follow the date', school_year, id_number
FROM steps
WHERE status IS DISTINCT FROM CASE
        WHEN done IS NOT NULL AND done <= due THEN '按时'
        WHEN done IS NOT NULL THEN '逾期'
        WHEN (SELECT as_of FROM core.as_of) > due THEN '逾期未办'
        ELSE '未到期' END;
