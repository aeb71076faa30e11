-- tier: restricted
-- core.case_walk: each child's cases, decided by walking its events in time
-- order (indicators.md, "Cases"), one row per event. Each snapshot (Y,t) of
-- core.case_facts is two events:
--  - 'open', on the term's first day: a case opens when the child is in L
--    with no open case, is not barred and has no followup proof of 在外地就读
--    for Y. The case's follow-ups run from this day (indicators.md: "dated
--    from the first day of its opening term"), so a child found dead in
--    the very term it was first listed has a case, closed on that evidence;
--  - 'test', on the term's last day: a case opened at an earlier snapshot
--    counts the term when the child is in L, else closes on the registers
--    when a basis holds (core.case_facts.basis, or 已出名单: out of H(Y)
--    aged 6-15 having been in it when the case opened).
-- Between them, evidence: a followup with 核查结果 在外地就读, 已死亡 or
-- 户籍已迁出 and 证明材料 yes, on its 核查日期, closes the open case; evidence
-- dated on or before a snapshot's last day comes before its test. On one
-- day: open, then evidence, then test.
-- State carried from event to event: case_no (cases opened so far), is_open,
-- open_idx (the open case's snapshot), barred (evidence of 已死亡 or 户籍已迁出
-- seen: no new case, however long the registers still list the child),
-- proof_years (school years with followup proof of 在外地就读: no new case
-- in that year), open_in_h (in H aged 6-15 when the open case opened).
-- action: open, count, close_evidence, close_register, or NULL (nothing
-- changes: an open case whose child is neither in L nor cleared stays open
-- without counting the term).
CREATE OR REPLACE TABLE core.case_walk AS
WITH RECURSIVE events AS (
    SELECT *, row_number() OVER (PARTITION BY child_key ORDER BY day, ord, seq)::INTEGER AS step
    FROM (
        SELECT child_key, 'open' AS kind, first_day AS day, 0 AS ord, 0::BIGINT AS seq,
               idx, school_year, term, in_l, reason, basis, in_h, out_of_h, NULL::VARCHAR AS outcome
        FROM core.case_facts
        UNION ALL
        SELECT child_key, 'test', last_day, 2, 0, idx, school_year, term, in_l, reason, basis, in_h, out_of_h, NULL
        FROM core.case_facts
        UNION ALL
        SELECT k.child_key, 'evidence', f.check_date, 1, f.load_id * 1000000 + f.row_number,
               NULL, f.school_year, f.term, NULL, NULL, NULL, NULL, NULL, f.outcome
        FROM (SELECT DISTINCT child_key, id_number FROM core.case_facts) k
        JOIN staging.followup f ON f.id_number = k.id_number
        WHERE f.evidence AND f.outcome IN ('在外地就读', '已死亡', '户籍已迁出')
    )
),
walk AS (
    SELECT DISTINCT child_key, 0 AS step, 0 AS case_no, false AS is_open, NULL::INTEGER AS open_idx,
           false AS barred, []::INTEGER[] AS proof_years, false AS open_in_h,
           NULL::VARCHAR AS action, NULL::VARCHAR AS close_basis,
           NULL::INTEGER AS idx, NULL::INTEGER AS school_year, NULL::INTEGER AS term,
           NULL::DATE AS day, NULL::VARCHAR AS reason
    FROM core.case_facts
    UNION ALL
    SELECT child_key, step,
           case_no + CASE WHEN action = 'open' THEN 1 ELSE 0 END,
           CASE WHEN action LIKE 'close%' THEN false WHEN action = 'open' THEN true ELSE is_open END,
           CASE WHEN action = 'open' THEN idx WHEN action LIKE 'close%' THEN NULL ELSE open_idx END,
           barred OR coalesce(kind = 'evidence' AND outcome IN ('已死亡', '户籍已迁出'), false),
           CASE WHEN kind = 'evidence' AND outcome = '在外地就读' THEN list_append(proof_years, school_year) ELSE proof_years END,
           CASE WHEN action = 'open' THEN coalesce(in_h, false) ELSE open_in_h END,
           action,
           CASE action WHEN 'close_evidence' THEN outcome WHEN 'close_register' THEN register_basis END,
           idx, school_year, term, day, reason
    FROM (
        SELECT w.child_key, e.step, w.case_no, w.is_open, w.open_idx, w.barred, w.proof_years, w.open_in_h,
               e.kind, e.outcome, e.in_h, e.idx, e.school_year, e.term, e.day, e.reason,
               coalesce(e.basis, CASE WHEN e.out_of_h AND w.open_in_h THEN '已出名单' END) AS register_basis,
               CASE WHEN e.kind = 'evidence' AND w.is_open THEN 'close_evidence'
                    WHEN e.kind = 'open' AND NOT w.is_open AND e.in_l AND NOT w.barred
                         AND NOT list_contains(w.proof_years, e.school_year) THEN 'open'
                    WHEN e.kind = 'test' AND w.is_open AND w.open_idx < e.idx AND e.in_l THEN 'count'
                    WHEN e.kind = 'test' AND w.is_open AND w.open_idx < e.idx
                         AND coalesce(e.basis, CASE WHEN e.out_of_h AND w.open_in_h THEN '已出名单' END) IS NOT NULL
                        THEN 'close_register'
               END AS action
        FROM walk w JOIN events e ON e.child_key = w.child_key AND e.step = w.step + 1
    )
)
SELECT * FROM walk WHERE step > 0;
