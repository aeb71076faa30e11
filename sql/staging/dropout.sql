-- tier: restricted
-- incremental: school_year
-- staging.dropout: 辍学登记, typed. The register is not dated by school
-- year; an episode is one child's dropout on one 辍学日期. A register sent
-- again with updated persuasion keeps the row loaded last per episode.
-- school_year: the school year containing 辍学日期 (1 September Y to
-- 31 August Y+1).
CREATE OR REPLACE TABLE staging.dropout AS
SELECT
    d.id_number,
    d.name,
    d.school_code,
    d.grade,
    d.dropout_date::DATE AS dropout_date,
    school_year_of(d.dropout_date::DATE) AS school_year,
    d.reason,
    d.measures,
    d.persuader,
    d.persuader_phone,
    coalesce(d.visits::INTEGER, 0) AS visits,
    coalesce(d.persuasion_status, '劝返中') AS persuasion_status,
    d.return_date::DATE AS return_date,
    d.placement,
    d._load_id AS load_id,
    d._row AS row_number
FROM raw.dropout d
WHERE d._ok AND d.school_code IN (SELECT school_code FROM staging.school)
QUALIFY row_number() OVER (PARTITION BY d.id_number, d.dropout_date ORDER BY d._load_id DESC, d._row DESC) = 1;
