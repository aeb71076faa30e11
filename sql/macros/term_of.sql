-- term_of(day): the term a date falls in: 1 September to 31 January is
-- term 1, 1 February to 31 August term 2 (of school_year_of(day)).
CREATE OR REPLACE MACRO term_of(day) AS
    CASE WHEN month(day) >= 9 OR month(day) = 1 THEN 1 ELSE 2 END;
