-- staging.unknown_codes: rows naming a 学校标识码 or 村代码 missing from the
-- directories as they stand at this build. They are quarantined (see
-- audit.quarantine) and count in no figure. Codes that may lie outside the
-- town (户口所在地, 初中学校标识码 of a handoff) are not checked.
CREATE OR REPLACE TABLE staging.unknown_codes AS
SELECT s._load_id AS load_id, s._file AS file_name, s._sheet AS sheet, s._row AS row_number,
       'village_code' AS column_key, s.village_code AS value,
       '所在村代码不在村居名录中：请核对代码，或先导入包含该村的村居名录' AS reason
FROM raw.school s
WHERE s._ok AND s.village_code NOT IN (SELECT village_code FROM staging.village)
UNION ALL
SELECT r._load_id, r._file, r._sheet, r._row, 'school_code', r.school_code,
       '学校标识码不在学校名录中：请核对代码，或先导入包含该校的学校名录'
FROM raw.roster r
WHERE r._ok AND r.school_code NOT IN (SELECT school_code FROM staging.school);
