-- severity: error
-- mart.early_warning_backtest counts the dropouts of mart.dropouts, and its
-- two views of the same children agree: the dropouts flagged are the
-- flagged who dropped out; recall and precision are their fractions.
SELECT b.school_year, 'dropouts ' || b.dropouts || ' but mart.dropouts has ' || coalesce(d.n, 0) AS problem
FROM mart.early_warning_backtest b
LEFT JOIN (SELECT school_year, count(*) AS n FROM mart.dropouts GROUP BY ALL) d USING (school_year)
WHERE b.dropouts <> coalesce(d.n, 0)
UNION ALL
SELECT school_year, 'dropouts_flagged <> flagged_dropped_out'
FROM mart.early_warning_backtest WHERE dropouts_flagged <> flagged_dropped_out
UNION ALL
SELECT school_year, 'recall or precision not the fraction'
FROM mart.early_warning_backtest
WHERE recall IS DISTINCT FROM dropouts_flagged::DOUBLE / nullif(dropouts, 0)
   OR precision IS DISTINCT FROM flagged_dropped_out::DOUBLE / nullif(flagged, 0)
   OR recall NOT BETWEEN 0 AND 1 OR precision NOT BETWEEN 0 AND 1;
