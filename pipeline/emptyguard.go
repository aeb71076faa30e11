package pipeline

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// manifestName is the file beside a release's tiers that says how much
// data the release shows (not published: out/public and out/restricted
// link to the tiers inside the release, not to its root).
const manifestName = "release.json"

// manifest is what a release records about its data.
type manifest struct {
	Run      string `json:"run"`
	Children int64  `json:"children"` // rows of staging.roster and staging.household
}

// countChildren is the data a build has: roster and household rows.
func countChildren(ctx context.Context, conn *sql.Conn) (int64, error) {
	var n int64
	err := conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM staging.roster) + (SELECT count(*) FROM staging.household)`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count the build's children: %w", err)
	}
	return n, nil
}

// writeManifest records the staged release's data.
func writeManifest(staged string, m manifest) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(staged, manifestName), b, 0o644); err != nil {
		return fmt.Errorf("write release manifest: %w", err)
	}
	return nil
}

// EmptyPublishError refuses to put a release without data in place of a
// published one that has data: an empty or unmounted inbox after the
// warehouse was lost would otherwise publish an empty site over the full
// one.
type EmptyPublishError struct {
	Inbox     string
	Published int64 // children of the release in force; -1 when it predates manifests
}

// Error tells the clerk what was refused, that nothing changed and what to do.
func (e *EmptyPublishError) Error() string {
	had := fmt.Sprintf("有 %d 条儿童数据", e.Published)
	if e.Published < 0 {
		had = "有数据"
	}
	return fmt.Sprintf("本次运行没有任何儿童数据，而已发布的报表%s：为免用空报表覆盖，本次未发布，已发布的数据仓库和报表未改动 / "+
		"this run has no data and would replace a published site that has data; nothing was published or changed\n"+
		"  收件箱 / inbox: %s\n"+
		"  处理 / what to do: 检查收件箱是否已挂载、文件是否还在（见 audit.loads 或运行日志）；若数据仓库文件丢失，用 dropwatch restore 从备份恢复后再运行 / "+
		"check that the inbox is mounted and holds the files; if the warehouse was lost, restore it from a backup (dropwatch restore) and run again",
		had, e.Inbox)
}

// guardEmpty refuses a release without children when the release in force
// has some. A release in force without a manifest (published before
// manifests existed) counts as having data.
func (s *Site) guardEmpty(children int64, inbox string) error {
	if children > 0 {
		return nil
	}
	cur, err := s.current()
	if cur == "" || err != nil {
		return err // nothing published yet, or unreadable
	}
	b, err := os.ReadFile(filepath.Join(cur, manifestName))
	if errors.Is(err, os.ErrNotExist) {
		return &EmptyPublishError{Inbox: inbox, Published: -1}
	}
	if err != nil {
		return fmt.Errorf("read the release manifest: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return &EmptyPublishError{Inbox: inbox, Published: -1}
	}
	if m.Children > 0 {
		return &EmptyPublishError{Inbox: inbox, Published: m.Children}
	}
	return nil
}
