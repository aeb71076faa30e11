-- tier: restricted
-- staging.unknown_codes: rows naming a 学校标识码 or 村代码 missing from the
-- directories as they stand at this build. They are quarantined (see
-- audit.quarantine) and count in no figure. Codes that may lie outside the
-- town (户口所在地 of a roster, 初中学校标识码 of a handoff) are not checked.
CREATE OR REPLACE TABLE staging.unknown_codes AS
WITH villages AS (SELECT village_code FROM staging.village),
     schools AS (SELECT school_code FROM staging.school),
checks AS (
    SELECT _load_id, _file, _sheet, _row, 'village_code' AS column_key, village_code AS value, 'village' AS directory
    FROM raw.school WHERE _ok
    UNION ALL SELECT _load_id, _file, _sheet, _row, 'village_code', village_code, 'village' FROM raw.household WHERE _ok
    UNION ALL SELECT _load_id, _file, _sheet, _row, 'village_code', village_code, 'village' FROM raw.disability WHERE _ok AND village_code IS NOT NULL
    UNION ALL SELECT _load_id, _file, _sheet, _row, 'school_code', school_code, 'school' FROM raw.roster WHERE _ok
    UNION ALL SELECT _load_id, _file, _sheet, _row, 'school_code', school_code, 'school' FROM raw.dropout WHERE _ok
    UNION ALL SELECT _load_id, _file, _sheet, _row, 'school_code', school_code, 'school' FROM raw.graduate WHERE _ok
    UNION ALL SELECT _load_id, _file, _sheet, _row, 'primary_school_code', primary_school_code, 'school' FROM raw.handoff WHERE _ok
    UNION ALL SELECT _load_id, _file, _sheet, _row, 'school_code', school_code, 'school' FROM raw.attendance WHERE _ok
)
SELECT c._load_id AS load_id, c._file AS file_name, c._sheet AS sheet, c._row AS row_number,
       c.column_key, c.value,
       CASE c.directory
           WHEN 'village' THEN '村代码不在村居名录中：请核对代码，或先导入包含该村的村居名录'
           ELSE '学校标识码不在学校名录中：请核对代码，或先导入包含该校的学校名录' END AS reason
FROM checks c
WHERE (c.directory = 'village' AND c.value NOT IN (SELECT village_code FROM villages))
   OR (c.directory = 'school' AND c.value NOT IN (SELECT school_code FROM schools));
