-- severity: error
-- Typed roster values stay inside their value sets.
SELECT school_year, term, school_code, child_key, grade, status, gender
FROM staging.roster
WHERE term NOT IN (1, 2)
   OR grade NOT IN ('K1', 'K2', 'K3', '1', '2', '3', '4', '5', '6', '7', '8', '9')
   OR status NOT IN ('在读', '休学', '转出', '辍学', '死亡', '毕业')
   OR gender NOT IN ('男', '女')
   OR birth_date IS NULL OR child_key IS NULL;
