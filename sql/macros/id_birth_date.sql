-- id_birth_date(id_number): the birth date written in an 18-character
-- identity number (characters 7-14, YYYYMMDD), NULL when they are no date.
CREATE OR REPLACE MACRO id_birth_date(id_number) AS
    try_strptime(substr(id_number, 7, 8), '%Y%m%d')::DATE;
