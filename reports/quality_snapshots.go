package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// SnapshotSource is a roster file that arrived for a snapshot (学年, 学期,
// 学校) that already had one, and what the build did with it: 替换 (a
// re-send of at least half the snapshot's children) or 补报合并 (a smaller
// file merged child by child). From audit.snapshot_sources.
type SnapshotSource struct {
	Term        Term   `json:"term"`
	SchoolName  string `json:"school_name"`
	File        string `json:"file_name"`
	Children    int64  `json:"children"`
	Before      int64  `json:"snapshot_before"`
	Decision    string `json:"decision"`
	BaseFile    string `json:"base_file_name"`
	InForce     bool   `json:"in_force"`
	Explanation string `json:"explanation"`
}

func (q *QualityPage) loadSnapshotSources(ctx context.Context, db *sql.DB, m *textMasker) error {
	rows, err := db.QueryContext(ctx, `
		SELECT school_year, term, coalesce(school_name, school_code), file_name, children,
		       snapshot_before, decision, base_file_name, in_force, explanation
		FROM audit.snapshot_sources ORDER BY school_year, term, school_code, load_id`)
	if err != nil {
		return fmt.Errorf("query snapshot sources: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s SnapshotSource
		var y, t int
		if err := rows.Scan(&y, &t, &s.SchoolName, &s.File, &s.Children, &s.Before, &s.Decision,
			&s.BaseFile, &s.InForce, &s.Explanation); err != nil {
			return fmt.Errorf("scan snapshot sources: %w", err)
		}
		s.Term = NewTerm(y, t)
		s.File, s.BaseFile, s.Explanation = m.mask(s.File), m.mask(s.BaseFile), m.mask(s.Explanation)
		q.Snapshots = append(q.Snapshots, s)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read snapshot sources: %w", err)
	}
	return nil
}
