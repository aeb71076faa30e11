-- severity: warn
-- 重复学籍: a child 在读 in two schools in one term. Not an error of the
-- build, but a finding the clerk must resolve with the schools.
SELECT school_year, term, child_key, name, enrolled_schools
FROM core.enrolment
WHERE enrolled_schools > 1;
