-- severity: error
-- Bulletin counts are never negative, returns never exceed registrations.
SELECT school_year, term, school_code
FROM mart.school_term_bulletin
WHERE enrolled < 0 OR left_this_term < 0 OR returned_this_term < 0
   OR dropouts_ytd < 0 OR returned_registered > registered_dropouts
   OR dropout_rate_ytd NOT BETWEEN 0 AND 100;
