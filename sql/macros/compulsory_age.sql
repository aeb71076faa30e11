-- compulsory_age(age): whether an age (school_age) is of compulsory
-- education, 6 to 15 completed years on 31 August.
CREATE OR REPLACE MACRO compulsory_age(age) AS age BETWEEN 6 AND 15;
