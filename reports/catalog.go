package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// Status is an indicator's standing against its line, as mart.indicators
// writes it.
type Status string

// The statuses of mart.indicators.
const (
	StatusMet    Status = "达标"
	StatusMissed Status = "未达标"
	StatusVeto   Status = "一票否决"
	StatusNoData Status = "无数据"
)

// class is the status's CSS class (colour).
func (s Status) class() string {
	switch s {
	case StatusVeto:
		return "veto"
	case StatusMissed:
		return "fail"
	case StatusMet:
		return "ok"
	}
	return "nodata"
}

// rank orders statuses for display: 一票否决 first, then 未达标, 无数据 and
// 达标.
func (s Status) rank() int {
	switch s {
	case StatusVeto:
		return 0
	case StatusMissed:
		return 1
	case StatusNoData:
		return 2
	}
	return 3
}

// violation reports whether the status misses the line (未达标 or 一票否决).
func (s Status) violation() bool { return s == StatusVeto || s == StatusMissed }

// indicatorInfo is how the pages show an indicator: one row of
// mart.indicator_catalog, the only place the catalogue is written.
type indicatorInfo struct {
	order int
	name  string
	short string // chart and column heading
	topic string // enrolment, dropout, progression or provision
	upper bool   // a ceiling (dropout rates) rather than a floor
	flag  bool   // 1 or 0 rather than a percentage
	exact bool   // the line must be met exactly (100%)
	trend int    // the dashboard's trend chart (0: none)
}

// topicDropout is the catalogue topic of the dropout rates.
const topicDropout = "dropout"

// dropout reports whether the indicator is a dropout rate.
func (i indicatorInfo) dropout() bool { return i.topic == topicDropout }

// catalog is mart.indicator_catalog by indicator code.
type catalog map[string]indicatorInfo

// loadCatalog reads mart.indicator_catalog.
func loadCatalog(ctx context.Context, db *sql.DB) (catalog, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT indicator, sort_order, name, short_name, topic, direction = '<=', unit = 'flag', line_exact,
		       coalesce(trend_chart, 0)
		FROM mart.indicator_catalog`)
	if err != nil {
		return nil, fmt.Errorf("query the indicator catalogue: %w", err)
	}
	defer rows.Close()
	out := catalog{}
	for rows.Next() {
		var code string
		var i indicatorInfo
		if err := rows.Scan(&code, &i.order, &i.name, &i.short, &i.topic, &i.upper, &i.flag, &i.exact, &i.trend); err != nil {
			return nil, fmt.Errorf("scan the indicator catalogue: %w", err)
		}
		out[code] = i
	}
	return out, rows.Err()
}

// of returns the catalogue entry of code, or one that shows the code (a
// figure whose indicator the catalogue lacks; a data test forbids it).
func (c catalog) of(code string) indicatorInfo {
	if i, ok := c[code]; ok {
		return i
	}
	return indicatorInfo{order: 99, name: code, short: code}
}
