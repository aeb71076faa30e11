-- tier: restricted
-- incremental: school_year
-- core.attendance_term: each pupil's attendance over the months of
-- (学年, 学期) reported so far (indicators.md, "Early warning"): the
-- pupil's `attendance` rows of any school for the term's months (September
-- to January for term 1, February to July for term 2), summed.
--
-- "So far" is every such month with a row; the latest reported month is
-- the last of them in term order (term_month). A pupil with rows from two
-- schools in one month (moved mid-month) has both summed.
-- id_number: the identity number, or another document's number as written.
CREATE OR REPLACE TABLE core.attendance_term AS
WITH monthly AS (
    SELECT school_year, term, term_month, month, id_number,
           sum(days_required) AS days_required,
           sum(days_unexcused) AS days_unexcused
    FROM staging.attendance
    WHERE term IS NOT NULL
    GROUP BY ALL
)
SELECT
    school_year,
    term,
    id_number,
    count(*) AS months_reported,
    sum(days_required)::INTEGER AS days_required,
    sum(days_unexcused)::INTEGER AS days_unexcused,
    arg_max(month, term_month) AS latest_month,
    arg_max(days_required, term_month)::INTEGER AS latest_days_required,
    arg_max(days_unexcused, term_month)::INTEGER AS latest_days_unexcused
FROM monthly
GROUP BY ALL;
