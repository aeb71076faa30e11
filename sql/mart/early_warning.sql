-- tier: restricted
-- incremental: school_year *..0
-- mart.early_warning: 辍学苗头, one row per (学年, 学期, pupil) with effective
-- status 在读 at grades 1-9 in R(Y,t) (indicators.md, "Early warning").
-- It names children: restricted tier.
--
-- Signals, each BOOLEAN, NULL where unknown (weights and cut-offs from
-- config.early_warning_weights and config.early_warning, i.e. dropwatch.toml):
--   chronic_absence   unexcused absence (缺勤 less 病事假) summed over the
--                     term's months reported so far ≥ share × 应出勤天数
--                     summed over the same months (default 10%, exactly 10%
--                     flags; the fraction is compared exactly, in decimals);
--   absence_rising    unexcused absence ≥ share (default 20%) of 应出勤天数 in
--                     the latest reported month of the term;
--                     both NULL when the pupil has no attendance row for the
--                     term (attendance_reported false); false when the days
--                     required are 0 (no school day, nothing missed);
--   returned_dropout  in mart.dropouts of an earlier year, or a dropout-
--                     register row 已返校 with 返校日期 on or before the term's
--                     last day (register rows match resident numbers only);
--   over_age          age(Y) ≥ grade + 5 + over_age_years (default 2: two or
--                     more years above the normal age of the grade);
--   repeated_grade    在读 at the same grade in R(Y-1,t); false without such a
--                     row; NULL when there is no R(Y-1,t) at all;
--   left_behind       the roster's 是否留守儿童 1 or 2, or 留守 in the migration
--                     census of Y;
--   poor_household    是否建档立卡贫困户 in H(Y); NULL for a child outside H(Y);
--   disabled          in D(Y), or 残疾类型 given in the roster;
--   moved_school      school of record differs from the previous snapshot's,
--                     except 大班→一年级 and 六年级→七年级 between school years;
--                     NULL without a previous snapshot or a row in it.
-- score: the sum of the weights of the signals that hold (NULL counts 0);
-- tier: 高 at config high or more, 中 at medium or more, else 低.
-- guardian and phone: the roster's, else H(Y)'s; village_code from H(Y).
CREATE OR REPLACE TABLE mart.early_warning AS
WITH rules AS (
    SELECT r.*,
           max(w.weight) FILTER (WHERE w.signal = 'chronic_absence') AS w_chronic,
           max(w.weight) FILTER (WHERE w.signal = 'absence_rising') AS w_rising,
           max(w.weight) FILTER (WHERE w.signal = 'returned_dropout') AS w_returned,
           max(w.weight) FILTER (WHERE w.signal = 'over_age') AS w_over_age,
           max(w.weight) FILTER (WHERE w.signal = 'repeated_grade') AS w_repeated,
           max(w.weight) FILTER (WHERE w.signal = 'left_behind') AS w_left_behind,
           max(w.weight) FILTER (WHERE w.signal = 'poor_household') AS w_poor,
           max(w.weight) FILTER (WHERE w.signal = 'disabled') AS w_disabled,
           max(w.weight) FILTER (WHERE w.signal = 'moved_school') AS w_moved
    FROM config.early_warning r, config.early_warning_weights w
    GROUP BY ALL
),
-- pupils: the rows 在读 at grades 1-9, each with the child's two rows
-- before it (lag 1 and 2 over the child's snapshots, by term index
-- 2·学年 + 学期): the previous term is at index - 1, the same term of the
-- year before at index - 2. A window over the child's rows instead of two
-- joins of core.enrolment: the joins held two hash tables of every
-- snapshot at once, and the province ran out of memory here.
pupils AS (
    SELECT * FROM (
        SELECT e.*, t.last_day, t.prev_year, t.prev_term,
               school_age(e.birth_date, e.school_year) AS age,
               e.school_year * 2 + e.term AS ti,
               lag(e.school_year * 2 + e.term, 1) OVER w AS ti1,
               lag(e.school_year * 2 + e.term, 2) OVER w AS ti2,
               lag(e.status, 1) OVER w AS status1,
               lag(e.status, 2) OVER w AS status2,
               lag(e.grade, 1) OVER w AS grade1,
               lag(e.grade, 2) OVER w AS grade2,
               lag(e.school_code, 1) OVER w AS school1
        FROM core.enrolment e
        JOIN core.terms t USING (school_year, term)
        WINDOW w AS (PARTITION BY e.child_key ORDER BY e.school_year, e.term)
    )
    WHERE status = '在读' AND level IN ('小学', '初中')
),
-- returned_dropout holds for a pupil of year Y when the child's first
-- dropout year is before Y, or its first return (已返校) is on or before
-- the term's last day: one row per child each, so no join multiplies.
dropped AS (SELECT id_number, min(school_year) AS first_year FROM mart.dropouts GROUP BY id_number),
came_back AS (
    SELECT id_number, min(return_date) AS first_return
    FROM staging.dropout
    WHERE persuasion_status = '已返校'
    GROUP BY id_number
),
left_census AS (SELECT DISTINCT school_year, id_number FROM staging.migration WHERE move_type = '留守'),
signals AS (
    SELECT
        p.school_year, p.term, p.child_key, p.id_number, p.name, p.gender, p.birth_date, p.age,
        p.school_code, p.level, p.grade::INTEGER AS grade, p.class_no, p.head_teacher,
        CASE WHEN p.guardian IS NOT NULL THEN p.guardian ELSE h.guardian END AS guardian,
        CASE WHEN p.guardian IS NOT NULL THEN p.guardian_phone ELSE h.guardian_phone END AS guardian_phone,
        h.village_code, v.village_name, v.town_cadre,
        a.id_number IS NOT NULL AS attendance_reported,
        a.months_reported, a.days_required, a.days_unexcused,
        a.latest_month, a.latest_days_required, a.latest_days_unexcused,
        CASE WHEN a.id_number IS NOT NULL
             THEN a.days_required > 0 AND a.days_unexcused >= r.chronic_absence_share * a.days_required END AS chronic_absence,
        CASE WHEN a.id_number IS NOT NULL
             THEN a.latest_days_required > 0
                  AND a.latest_days_unexcused >= r.rising_absence_share * a.latest_days_required END AS absence_rising,
        coalesce(dr.first_year < p.school_year, false)
            OR coalesce(cb.first_return <= p.last_day, false) AS returned_dropout,
        p.age >= p.grade::INTEGER + 5 + r.over_age_years AS over_age,
        p.age - (p.grade::INTEGER + 5) AS years_over_age,
        CASE WHEN ty.school_year IS NOT NULL
             THEN coalesce(CASE WHEN p.ti1 = p.ti - 2 THEN p.status1 = '在读' AND p.grade1 = p.grade
                                WHEN p.ti2 = p.ti - 2 THEN p.status2 = '在读' AND p.grade2 = p.grade END,
                           false) END AS repeated_grade,
        p.left_behind IN (1, 2) OR lc.id_number IS NOT NULL AS left_behind,
        CASE WHEN p.left_behind IN (1, 2) THEN p.left_behind
             WHEN lc.id_number IS NOT NULL THEN 9 ELSE 0 END AS left_behind_code,
        CASE WHEN h.id_number IS NOT NULL THEN coalesce(h.poor_household, false) END AS poor_household,
        dis.id_number IS NOT NULL OR coalesce(p.disability, '') <> '' AS disabled,
        coalesce(dis.category, nullif(p.disability, '')) AS disability,
        CASE WHEN tp.school_year IS NULL OR p.ti1 IS DISTINCT FROM p.ti - 1 THEN NULL
             WHEN p.term = 1 AND ((p.grade1 = 'K3' AND p.grade = '1') OR (p.grade1 = '6' AND p.grade = '7')) THEN false
             ELSE p.school1 <> p.school_code END AS moved_school,
        CASE WHEN p.ti1 = p.ti - 1 THEN p.school1 END AS previous_school_code,
        r.*
    FROM pupils p
    CROSS JOIN rules r
    LEFT JOIN core.attendance_term a ON a.school_year = p.school_year AND a.term = p.term AND a.id_number = upper(p.id_number)
    LEFT JOIN dropped dr ON dr.id_number = p.id_number
    LEFT JOIN came_back cb ON cb.id_number = p.child_key
    LEFT JOIN core.terms ty ON ty.school_year = p.school_year - 1 AND ty.term = p.term
    LEFT JOIN left_census lc ON lc.school_year = p.school_year AND lc.id_number = p.child_key
    LEFT JOIN core.population h ON h.school_year = p.school_year AND h.id_number = p.child_key
    LEFT JOIN staging.village v ON v.village_code = h.village_code
    LEFT JOIN staging.disability dis ON dis.school_year = p.school_year AND dis.id_number = p.child_key
    LEFT JOIN core.terms tp ON tp.school_year = p.prev_year AND tp.term = p.prev_term
),
scored AS (
    SELECT s.*,
           (CASE WHEN chronic_absence THEN w_chronic ELSE 0 END
            + CASE WHEN absence_rising THEN w_rising ELSE 0 END
            + CASE WHEN returned_dropout THEN w_returned ELSE 0 END
            + CASE WHEN over_age THEN w_over_age ELSE 0 END
            + CASE WHEN repeated_grade THEN w_repeated ELSE 0 END
            + CASE WHEN left_behind THEN w_left_behind ELSE 0 END
            + CASE WHEN poor_household THEN w_poor ELSE 0 END
            + CASE WHEN disabled THEN w_disabled ELSE 0 END
            + CASE WHEN moved_school THEN w_moved ELSE 0 END)::INTEGER AS score
    FROM signals s
)
SELECT
    school_year, term, child_key, id_number, name, gender, birth_date,
    chronic_absence, absence_rising, returned_dropout, over_age, repeated_grade,
    left_behind, poor_household, disabled, moved_school,
    score,
    CASE WHEN score >= high THEN '高' WHEN score >= medium THEN '中' ELSE '低' END AS tier,
    attendance_reported,
    school_code, level, grade, class_no, head_teacher, guardian, guardian_phone, village_code,
    village_name, town_cadre, age, years_over_age, left_behind_code, disability, previous_school_code,
    months_reported, days_required, days_unexcused,
    latest_month, latest_days_required, latest_days_unexcused
FROM scored
ORDER BY school_year, term, school_code, grade, class_no, child_key;

COMMENT ON TABLE mart.early_warning IS '辍学苗头预警：每学年、学期每名一至九年级在读学生一行，列出各项苗头信号、总分与预警等级（含个人信息，仅限内部）';
COMMENT ON COLUMN mart.early_warning.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.early_warning.term IS '学期：1 第一学期，2 第二学期';
COMMENT ON COLUMN mart.early_warning.child_key IS '儿童标识：居民身份证号，其他证件为“证件类型:号码”';
COMMENT ON COLUMN mart.early_warning.id_number IS '身份证件号';
COMMENT ON COLUMN mart.early_warning.name IS '姓名';
COMMENT ON COLUMN mart.early_warning.gender IS '性别';
COMMENT ON COLUMN mart.early_warning.birth_date IS '出生日期（学籍名册）';
COMMENT ON COLUMN mart.early_warning.chronic_absence IS '长期缺勤：本学期已报月份累计无故缺勤（缺勤减病事假）占应出勤天数达到配置比例（默认10%，恰为10%也算）；本学期无考勤为空（未知）';
COMMENT ON COLUMN mart.early_warning.absence_rising IS '缺勤上升：本学期最近一个已报月份无故缺勤占应出勤天数达到配置比例（默认20%）；本学期无考勤为空（未知）';
COMMENT ON COLUMN mart.early_warning.returned_dropout IS '曾辍学返校：往学年在辍学名单中，或辍学登记为已返校且返校日期不晚于本学期末';
COMMENT ON COLUMN mart.early_warning.over_age IS '超龄：8月31日周岁不小于年级加5再加配置年数（默认大2岁及以上）';
COMMENT ON COLUMN mart.early_warning.repeated_grade IS '留级：上一学年同一学期在读且年级相同；上一学年该学期无任何名册时为空';
COMMENT ON COLUMN mart.early_warning.left_behind IS '留守：名册为单亲或双亲留守，或本学年流动人口普查为留守';
COMMENT ON COLUMN mart.early_warning.poor_household IS '建档立卡贫困户（本学年户籍册）；不在户籍册为空';
COMMENT ON COLUMN mart.early_warning.disabled IS '残疾：在本学年残疾儿童少年普查中，或名册填有残疾类型';
COMMENT ON COLUMN mart.early_warning.moved_school IS '转学：学籍学校与上一个学期不同（学年间大班升一年级、六年级升七年级除外）；上一学期无名册或无该生记录为空';
COMMENT ON COLUMN mart.early_warning.score IS '总分：成立的各信号分值之和（未知按0计）';
COMMENT ON COLUMN mart.early_warning.tier IS '预警等级：高、中、低（分级线见 rules 与配置）';
COMMENT ON COLUMN mart.early_warning.attendance_reported IS '本学期是否有该生的月考勤；否时缺勤两项信号为空（未知），不是“无缺勤”';
COMMENT ON COLUMN mart.early_warning.school_code IS '学籍学校标识码（本学期）';
COMMENT ON COLUMN mart.early_warning.level IS '学段：小学、初中';
COMMENT ON COLUMN mart.early_warning.grade IS '年级（1-9）';
COMMENT ON COLUMN mart.early_warning.class_no IS '班级';
COMMENT ON COLUMN mart.early_warning.head_teacher IS '班主任（教师包班）';
COMMENT ON COLUMN mart.early_warning.guardian IS '监护人姓名（名册，其次户籍册）';
COMMENT ON COLUMN mart.early_warning.guardian_phone IS '监护人电话（与监护人同一来源）';
COMMENT ON COLUMN mart.early_warning.village_code IS '户籍所在村代码（本学年户籍册；不在户籍册为空）';
COMMENT ON COLUMN mart.early_warning.village_name IS '户籍所在村名称';
COMMENT ON COLUMN mart.early_warning.town_cadre IS '包村干部（镇干部包村）';
COMMENT ON COLUMN mart.early_warning.age IS '年龄：学年8月31日的周岁';
COMMENT ON COLUMN mart.early_warning.years_over_age IS '比本年级正常年龄（年级加5）大几岁，负数为偏小';
COMMENT ON COLUMN mart.early_warning.left_behind_code IS '留守类别：0 非留守，1 单亲留守，2 双亲留守（名册），9 流动人口普查为留守（未分单亲双亲）';
COMMENT ON COLUMN mart.early_warning.disability IS '残疾类别（残疾普查，其次名册）';
COMMENT ON COLUMN mart.early_warning.previous_school_code IS '上一学期学籍学校标识码';
COMMENT ON COLUMN mart.early_warning.months_reported IS '本学期已报考勤的月数';
COMMENT ON COLUMN mart.early_warning.days_required IS '本学期已报月份应出勤天数合计';
COMMENT ON COLUMN mart.early_warning.days_unexcused IS '本学期已报月份无故缺勤天数合计（缺勤减病事假）';
COMMENT ON COLUMN mart.early_warning.latest_month IS '本学期最近一个已报考勤的月份';
COMMENT ON COLUMN mart.early_warning.latest_days_required IS '最近一个已报月份的应出勤天数';
COMMENT ON COLUMN mart.early_warning.latest_days_unexcused IS '最近一个已报月份的无故缺勤天数';
