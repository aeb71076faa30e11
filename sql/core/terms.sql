-- tier: public
-- incremental: school_year
-- core.terms: the (学年, 学期) that have at least one roster, with the term's
-- last day (31 January Y+1 for term 1, 31 August Y+1 for term 2) and the
-- previous term's key.
CREATE OR REPLACE TABLE core.terms AS
SELECT DISTINCT
    school_year,
    term,
    CASE term WHEN 1 THEN make_date(school_year + 1, 1, 31)
              ELSE make_date(school_year + 1, 8, 31) END AS last_day,
    CASE term WHEN 1 THEN school_year - 1 ELSE school_year END AS prev_year,
    CASE term WHEN 1 THEN 2 ELSE 1 END AS prev_term
FROM staging.roster;
