-- tier: public
-- incremental: school_year
-- mart.term_graduated_early: per term-2 snapshot, the pupils at grades 6
-- and 9 whom the roster already marks 毕业. The national system marks
-- leavers 毕业 only after the term ends (July), so a spring roster that
-- does so early makes the term's 在读 total fall by that many; the index's
-- enrolment chart says so (docs/reports.md). Only snapshots with such
-- pupils have a row.
CREATE OR REPLACE TABLE mart.term_graduated_early AS
SELECT school_year, term, count(DISTINCT child_key) AS graduated
FROM staging.roster
WHERE term = 2 AND status = '毕业' AND grade IN ('6', '9')
GROUP BY ALL
ORDER BY school_year, term;

COMMENT ON TABLE mart.term_graduated_early IS '第二学期名册中已标为毕业的六、九年级学生数（学籍系统通常在学期结束后才标毕业，提前标注会使在读总人数减少）';
COMMENT ON COLUMN mart.term_graduated_early.school_year IS '学年（起始年份）';
COMMENT ON COLUMN mart.term_graduated_early.term IS '学期（2）';
COMMENT ON COLUMN mart.term_graduated_early.graduated IS '已标为毕业的六、九年级学生数';
