-- school_year_of(day): the school year (starting year) a date falls in:
-- 1 September Y to 31 August Y+1 is school year Y.
CREATE OR REPLACE MACRO school_year_of(day) AS
    CASE WHEN month(day) >= 9 THEN year(day) ELSE year(day) - 1 END;
