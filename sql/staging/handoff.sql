-- tier: restricted
-- incremental: school_year
-- staging.handoff: 小升初交接, one row per child per 毕业学年 (the school year
-- in which the child finished primary; the row loaded last wins). The
-- primary school must be in the directory; the junior school may lie
-- outside the town and is not checked.
CREATE OR REPLACE TABLE staging.handoff AS
SELECT
    h.school_year::INTEGER AS school_year,
    h.id_number,
    h.name,
    h.primary_school_code,
    h.junior_school_code,
    h.file_sent_date::DATE AS file_sent_date,
    h.notice_to_school_date::DATE AS notice_to_school_date,
    h.notice_to_parent_date::DATE AS notice_to_parent_date,
    h._load_id AS load_id,
    h._row AS row_number
FROM raw.handoff h
WHERE h._ok AND h.primary_school_code IN (SELECT school_code FROM staging.school)
QUALIFY row_number() OVER (PARTITION BY h.school_year, h.id_number ORDER BY h._load_id DESC, h._row DESC) = 1;
