package pipeline

import (
	"context"
	"database/sql"
	"fmt"

	"dropwatch/pipeline/ingest"
)

// settleQuarantine replaces each loaded file's quarantined-row count, as
// known when it loaded, with the build's (audit.loads.rows_quarantined):
// the build adds the rows naming a code the directories lack, so the run's
// summary and the pages show one count of rows.
func settleQuarantine(ctx context.Context, conn *sql.Conn, files []ingest.Result) error {
	rows, err := conn.QueryContext(ctx, `SELECT load_id, rows_quarantined FROM audit.loads WHERE outcome = 'loaded'`)
	if err != nil {
		return fmt.Errorf("read quarantined rows: %w", err)
	}
	defer rows.Close()
	byLoad := map[int64]int64{}
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			return fmt.Errorf("read quarantined rows: %w", err)
		}
		byLoad[id] = n
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read quarantined rows: %w", err)
	}
	for i := range files {
		if n, ok := byLoad[files[i].LoadID]; ok && files[i].Outcome == ingest.Loaded {
			files[i].Quarantined = n
		}
	}
	return nil
}
