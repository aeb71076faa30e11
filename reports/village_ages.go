package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// AgeCount is how many children of one age live in a village.
type AgeCount struct {
	Age int   `json:"age"`
	N   int64 `json:"n"`
}

// villageAges reads the children of the latest household extract per
// village and age (mart.village_ages). It returns that year (0 when there
// is no extract).
func villageAges(ctx context.Context, db *sql.DB) (int, map[string][]AgeCount, error) {
	out := map[string][]AgeCount{}
	rows, err := db.QueryContext(ctx, `
		SELECT school_year, village_code, age, children
		FROM mart.village_ages
		WHERE school_year = (SELECT max(school_year) FROM mart.village_ages)
		ORDER BY village_code, age`)
	if err != nil {
		return 0, nil, fmt.Errorf("query village ages: %w", err)
	}
	defer rows.Close()
	year := 0
	for rows.Next() {
		var code string
		var a AgeCount
		if err := rows.Scan(&year, &code, &a.Age, &a.N); err != nil {
			return 0, nil, fmt.Errorf("scan village ages: %w", err)
		}
		out[code] = append(out[code], a)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, fmt.Errorf("read village ages: %w", err)
	}
	return year, out, nil
}
