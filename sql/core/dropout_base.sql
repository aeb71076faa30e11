-- tier: restricted
-- incremental: school_year
-- core.dropout_base: every child in the base of the in-year dropout rates
-- (indicators.md, "Dropout") with what happened to it by term 2.
--
-- Base: effective status 在读 in R(Y,1) at 小学 (grades 1-6) or 初中 (7-9),
-- attributed to the school of record in R(Y,1). Pupils with other document
-- types are followed across terms by type and number (child_key).
-- Dropout: effective status 辍学 in R(Y,2), or absent from R(Y,2) and not in
-- E(Y), not in a graduate row of Y, not 死亡 in the household register of Y
-- (its row of Y, whatever H(Y) keeps). 休学, 转出, 毕业, 死亡 or 在读 at any
-- town school in R(Y,2) are not dropouts.
-- Kind: 登记辍学 when R(Y,2) says 辍学 or the dropout register has a row for
-- the child dated inside Y (any 劝返状态, any school); else 疑似辍学.
-- possible_data_error (疑似辍学 only): a quarantined term-2 roster row of Y
-- carries the child's identity number, or its name (as R(Y,1) gives it)
-- and birth date.
-- school_has_term2: the school of record sent a term-2 roster for Y; a
-- school's rate needs it (else 无数据).
-- Not judged (contract change of 2026-12-05): a base child whose school of
-- record sent no term-2 roster, and who has no row in any R(Y,2), is not
-- a dropout: nobody has said where it is, and the data-quality page lists
-- the missing roster (名册未报送) instead. Decision: a child with a row in
-- another school's term-2 roster is judged by that row.
CREATE OR REPLACE TABLE core.dropout_base AS
WITH base AS (
    SELECT * FROM core.enrolment WHERE term = 1 AND status = '在读' AND level IN ('小学', '初中')
),
register AS (
    SELECT id_number, school_year, reason, persuasion_status
    FROM staging.dropout
    QUALIFY row_number() OVER (PARTITION BY id_number, school_year ORDER BY dropout_date DESC, load_id DESC) = 1
),
term2_schools AS (SELECT DISTINCT school_year, school_code FROM staging.roster WHERE term = 2),
-- quarantined term-2 rows, by identity number and by name + birth date
-- (two equi-joins, not one OR, so the planner can hash them)
q_id AS (SELECT DISTINCT school_year, id_number FROM core.quarantined_roster WHERE term = 2),
q_nb AS (SELECT DISTINCT school_year, name, birth_date FROM core.quarantined_roster WHERE term = 2),
outcome AS (
    SELECT b.*,
           r2.status AS status_term2,
           coalesce(m.in_e, false) AS in_e,
           g.id_number IS NOT NULL AS graduated,
           coalesce(h.reg_status = '死亡', false) AS died,
           reg.id_number IS NOT NULL AS registered,
           reg.reason AS register_reason,
           reg.persuasion_status,
           t2.school_code IS NOT NULL AS school_has_term2
    FROM base b
    LEFT JOIN core.enrolment r2 ON r2.school_year = b.school_year AND r2.term = 2 AND r2.child_key = b.child_key
    LEFT JOIN core.elsewhere m ON m.school_year = b.school_year AND m.id_number = b.child_key
    LEFT JOIN staging.graduate g ON g.school_year = b.school_year AND g.id_number = b.child_key
    LEFT JOIN staging.household h ON h.school_year = b.school_year AND h.id_number = b.child_key
    LEFT JOIN register reg ON reg.school_year = b.school_year AND reg.id_number = b.child_key
    LEFT JOIN term2_schools t2 ON t2.school_year = b.school_year AND t2.school_code = b.school_code
),
judged AS (
    SELECT o.*,
           coalesce(o.status_term2 = '辍学', false)
           OR (o.status_term2 IS NULL AND o.school_has_term2 AND NOT o.in_e AND NOT o.graduated AND NOT o.died) AS is_dropout,
           CASE WHEN coalesce(o.status_term2 = '辍学', false) OR o.registered THEN '登记辍学'
                ELSE '疑似辍学' END AS kind
    FROM outcome o
)
SELECT j.*,
       j.is_dropout AND j.kind = '疑似辍学'
       AND (qi.id_number IS NOT NULL OR qn.name IS NOT NULL) AS possible_data_error
FROM judged j
LEFT JOIN q_id qi ON qi.school_year = j.school_year AND qi.id_number = upper(j.id_number)
LEFT JOIN q_nb qn ON qn.school_year = j.school_year AND qn.name = trim(j.name)
                 AND qn.birth_date = j.birth_date;
