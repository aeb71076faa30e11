-- term_start(school_year, term): the first day of a term of school year Y
-- (starting year): 1 September Y for term 1, 1 February Y+1 for term 2.
CREATE OR REPLACE MACRO term_start(school_year, term) AS
    CASE term WHEN 1 THEN make_date(CAST(school_year AS INTEGER), 9, 1)
              ELSE make_date(CAST(school_year AS INTEGER) + 1, 2, 1) END;
