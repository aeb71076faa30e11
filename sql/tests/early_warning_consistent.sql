-- severity: error
-- mart.early_warning: one row per pupil and term; the absence signals are
-- unknown (NULL) exactly when the term has no attendance for the pupil;
-- the score is the sum of the configured weights of the signals that hold,
-- and the tier follows the configured cut-offs.
WITH w AS (SELECT signal, weight FROM config.early_warning_weights),
recomputed AS (
    SELECT e.school_year, e.term, e.child_key, e.score, e.tier, e.attendance_reported, e.chronic_absence,
           e.absence_rising,
           (SELECT coalesce(sum(w.weight), 0) FROM w WHERE
               (w.signal = 'chronic_absence' AND e.chronic_absence) OR (w.signal = 'absence_rising' AND e.absence_rising)
            OR (w.signal = 'returned_dropout' AND e.returned_dropout) OR (w.signal = 'over_age' AND e.over_age)
            OR (w.signal = 'repeated_grade' AND e.repeated_grade) OR (w.signal = 'left_behind' AND e.left_behind)
            OR (w.signal = 'poor_household' AND e.poor_household) OR (w.signal = 'disabled' AND e.disabled)
            OR (w.signal = 'moved_school' AND e.moved_school)) AS want_score
    FROM mart.early_warning e
)
SELECT school_year, term, child_key, 'score ' || score || ' want ' || want_score AS problem
FROM recomputed WHERE score <> want_score
UNION ALL
SELECT r.school_year, r.term, r.child_key, 'tier ' || r.tier
FROM recomputed r, config.early_warning c
WHERE r.tier <> CASE WHEN r.score >= c.high THEN '高' WHEN r.score >= c.medium THEN '中' ELSE '低' END
UNION ALL
SELECT school_year, term, child_key, 'absence signals known without attendance, or unknown with it'
FROM recomputed
WHERE (chronic_absence IS NULL) = attendance_reported OR (absence_rising IS NULL) = attendance_reported
UNION ALL
SELECT school_year, term, child_key, 'listed twice'
FROM mart.early_warning GROUP BY ALL HAVING count(*) > 1;
