-- school_age(birth_date, school_year): a child's age for school year Y
-- (starting year), in completed years on 31 August of Y. Born 2019-08-31
-- is 6 in school year 2025; born 2019-09-01 is 5. The one place the rule
-- is written: every age in the warehouse comes from it.
CREATE OR REPLACE MACRO school_age(birth_date, school_year) AS
    date_sub('year', birth_date, make_date(CAST(school_year AS INTEGER), 8, 31));
