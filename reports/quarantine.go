package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// QuarantineRow is one rejected cell from audit.quarantine. Value can hold
// personal data (identity numbers, phone numbers, names), so these rows are
// rendered only into the restricted tier.
type QuarantineRow struct {
	LoadID   int64  `json:"load_id"`
	FileName string `json:"file_name"`
	// Sheet is empty for CSV files.
	Sheet string `json:"sheet"`
	// RowNumber is 1-based as a spreadsheet shows it; 0 when unknown.
	RowNumber int64  `json:"row_number"`
	Column    string `json:"column_name"`
	Value     string `json:"value"`
	Reason    string `json:"reason"`
}

// LoadQuarantine reads every row of audit.quarantine in a stable order (load,
// file, sheet, row, column). It only reads.
func LoadQuarantine(ctx context.Context, db *sql.DB) ([]QuarantineRow, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT coalesce(load_id, 0), coalesce(file_name, ''), coalesce(sheet, ''),
		       coalesce(row_number, 0), coalesce(column_name, ''),
		       coalesce(value, ''), coalesce(reason, '')
		FROM audit.quarantine
		ORDER BY load_id, file_name, sheet, row_number, column_name, reason, value`)
	if err != nil {
		return nil, fmt.Errorf("query quarantine: %w", err)
	}
	defer rows.Close()
	out := []QuarantineRow{}
	for rows.Next() {
		var q QuarantineRow
		err := rows.Scan(&q.LoadID, &q.FileName, &q.Sheet, &q.RowNumber, &q.Column, &q.Value, &q.Reason)
		if err != nil {
			return nil, fmt.Errorf("scan quarantine: %w", err)
		}
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read quarantine: %w", err)
	}
	return out, nil
}
