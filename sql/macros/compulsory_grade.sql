-- compulsory_grade(grade): whether a canonical grade ('K1'-'K3', '1'-'9')
-- is of compulsory education, grades 1 to 9 (primary and junior middle).
CREATE OR REPLACE MACRO compulsory_grade(grade) AS
    grade IN ('1', '2', '3', '4', '5', '6', '7', '8', '9');
