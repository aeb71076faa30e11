-- tier: restricted
-- incremental: school_year
-- mart.care_register: 关爱台账, the register of children the mechanism
-- tracks (留守儿童摸底核实、登记造册), one row per (学年, 学期, child 在读 at
-- any grade in R(Y,t)) who is in at least one group:
--   留守      the roster's 是否留守儿童 1 or 2, or 留守 in the migration census
--             of Y (left_behind_code 9: the census does not say which parent);
--   孤儿      the roster's 是否孤儿;
--   残疾      in D(Y), or 残疾类型 in the roster;
--   随迁      the roster's 是否进城务工人员随迁子女;
--   建档立卡  是否建档立卡贫困户 in H(Y).
-- flagged: tier 高 or 中 in mart.early_warning for the same term; NULL for
-- children outside grades 1-9 (kindergarten), who get no early warning.
-- Guardian and phone: the roster's, else H(Y)'s. It names children:
-- restricted tier.
CREATE OR REPLACE TABLE mart.care_register AS
WITH census AS (SELECT DISTINCT school_year, id_number FROM staging.migration WHERE move_type = '留守'),
kids AS (
    SELECT e.school_year, e.term, e.school_code, e.child_key, e.id_number, e.name, e.gender, e.grade, e.class_no,
           CASE WHEN e.left_behind IN (1, 2) THEN e.left_behind WHEN c.id_number IS NOT NULL THEN 9 ELSE 0 END AS left_behind_code,
           e.orphan,
           coalesce(d.category, nullif(e.disability, '')) AS disability,
           e.migrant_child,
           coalesce(h.poor_household, false) AS poor_household,
           e.head_teacher,
           CASE WHEN e.guardian IS NOT NULL THEN e.guardian ELSE h.guardian END AS guardian,
           CASE WHEN e.guardian IS NOT NULL THEN e.guardian_phone ELSE h.guardian_phone END AS guardian_phone,
           h.village_code
    FROM core.enrolment e
    LEFT JOIN census c ON c.school_year = e.school_year AND c.id_number = e.child_key
    LEFT JOIN staging.disability d ON d.school_year = e.school_year AND d.id_number = e.child_key
    LEFT JOIN core.population h ON h.school_year = e.school_year AND h.id_number = e.child_key
    WHERE e.status = '在读'
)
SELECT k.school_year, k.term, k.school_code, k.child_key, k.id_number, k.name, k.gender, k.grade, k.class_no,
       k.left_behind_code > 0 AS left_behind, k.left_behind_code, k.orphan, k.disability IS NOT NULL AS disabled,
       k.disability, k.migrant_child, k.poor_household,
       k.head_teacher, k.guardian, k.guardian_phone, k.village_code,
       w.tier, CASE WHEN w.child_key IS NOT NULL THEN w.tier IN ('高', '中') END AS flagged
FROM kids k
LEFT JOIN mart.early_warning w ON w.school_year = k.school_year AND w.term = k.term AND w.child_key = k.child_key
WHERE k.left_behind_code > 0 OR k.orphan OR k.disability IS NOT NULL OR k.migrant_child OR k.poor_household
ORDER BY k.school_year, k.term, k.school_code, k.grade, k.class_no, k.child_key;

COMMENT ON TABLE mart.care_register IS '关爱台账：每学年、学期在读的留守、孤儿、残疾、随迁、建档立卡儿童，含监护人、电话、班主任及是否被辍学苗头预警（含个人信息，仅限内部）';
COMMENT ON COLUMN mart.care_register.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.care_register.term IS '学期';
COMMENT ON COLUMN mart.care_register.school_code IS '学籍学校标识码';
COMMENT ON COLUMN mart.care_register.child_key IS '儿童标识：居民身份证号，其他证件为“证件类型:号码”';
COMMENT ON COLUMN mart.care_register.id_number IS '身份证件号';
COMMENT ON COLUMN mart.care_register.name IS '姓名';
COMMENT ON COLUMN mart.care_register.gender IS '性别';
COMMENT ON COLUMN mart.care_register.grade IS '年级（K1-K3、1-9）';
COMMENT ON COLUMN mart.care_register.class_no IS '班级';
COMMENT ON COLUMN mart.care_register.left_behind IS '是否留守（名册或流动人口普查）';
COMMENT ON COLUMN mart.care_register.left_behind_code IS '留守类别：0 非留守，1 单亲留守，2 双亲留守，9 流动人口普查为留守（未分单亲双亲）';
COMMENT ON COLUMN mart.care_register.orphan IS '是否孤儿（名册）';
COMMENT ON COLUMN mart.care_register.disabled IS '是否残疾（残疾普查或名册）';
COMMENT ON COLUMN mart.care_register.disability IS '残疾类别';
COMMENT ON COLUMN mart.care_register.migrant_child IS '是否进城务工人员随迁子女（名册）';
COMMENT ON COLUMN mart.care_register.poor_household IS '是否建档立卡贫困户（户籍册）';
COMMENT ON COLUMN mart.care_register.head_teacher IS '班主任（教师包班）';
COMMENT ON COLUMN mart.care_register.guardian IS '监护人姓名（名册，其次户籍册）';
COMMENT ON COLUMN mart.care_register.guardian_phone IS '监护人电话';
COMMENT ON COLUMN mart.care_register.village_code IS '户籍所在村代码';
COMMENT ON COLUMN mart.care_register.tier IS '本学期辍学苗头预警等级（高、中、低；幼儿园为空）';
COMMENT ON COLUMN mart.care_register.flagged IS '是否被预警为高或中（幼儿园为空）';
