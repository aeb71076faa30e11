package reports

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

// fixtureSchema creates the relations the pipeline would have built.
const fixtureSchema = `
CREATE SCHEMA mart;
CREATE SCHEMA audit;
CREATE TABLE mart.school_term_enrolment(school_year INTEGER, term INTEGER, school_code VARCHAR,
	school_name VARCHAR, school_type VARCHAR, enrolled BIGINT);
CREATE TABLE audit.loads(load_id BIGINT, file_name VARCHAR, sha256 VARCHAR, kind VARCHAR,
	rows_total BIGINT, rows_loaded BIGINT, rows_quarantined BIGINT, outcome VARCHAR,
	message VARCHAR, loaded_at TIMESTAMP);
CREATE TABLE audit.quarantine(load_id BIGINT, file_name VARCHAR, sheet VARCHAR,
	row_number BIGINT, column_name VARCHAR, value VARCHAR, reason VARCHAR);
`

// fixtureData is a small town: four schools over three terms, five files
// seen (three loaded, one duplicate, one rejected) and quarantined cells
// holding an identity number and a phone number.
const fixtureData = `
INSERT INTO mart.school_term_enrolment VALUES
	(2024, 1, '2144000001', '示范镇中心小学', '小学', 612),
	(2024, 1, '2144000002', '示范镇东山小学', '小学', 148),
	(2024, 1, '2144000003', '示范镇初级中学', '初中', 455),
	(2024, 2, '2144000001', '示范镇中心小学', '小学', 608),
	(2024, 2, '2144000002', '示范镇东山小学', '小学', 145),
	(2024, 2, '2144000003', '示范镇初级中学', '初中', 451),
	(2025, 1, '2144000003', '示范镇初级中学', '初中', 470),
	(2025, 1, '2144000001', '示范镇中心小学', '小学', 598),
	(2025, 1, '2144000002', '示范镇东山小学', '小学', 139),
	(2025, 1, '2144000004', '示范镇西岭教学点', '小学', 0);
INSERT INTO audit.loads VALUES
	(1, '学校名录.csv', 'aa01', 'school', 4, 4, 0, 'loaded', NULL, TIMESTAMP '2025-09-20 09:15:00'),
	(2, '学籍名册_2025秋.xlsx', 'aa02', 'roster', 1210, 1207, 3, 'loaded', NULL, TIMESTAMP '2025-10-08 16:40:12'),
	(3, '学籍名册_2025秋(1).xlsx', 'aa02', 'roster', 0, 0, 0, 'skipped_duplicate', NULL, TIMESTAMP '2025-10-09 08:02:00'),
	(4, '新建 Microsoft Excel 工作表.xlsx', 'aa04', NULL, 0, 0, 0, 'rejected', '无法识别文件类型', TIMESTAMP '2025-10-09 08:05:00'),
	(5, '户籍人口_示例.csv', 'aa05', 'household', 2300, 2298, 2, 'loaded', NULL, TIMESTAMP '2025-10-10 11:30:45');
INSERT INTO audit.quarantine VALUES
	(2, '学籍名册_2025秋.xlsx', '初中', 17, '身份证号', '44010120120315001X', '身份证号校验位不符，请核对后更正'),
	(2, '学籍名册_2025秋.xlsx', '初中', 23, '出生日期', '2012-02-30', '日期不存在，请按 YYYY-MM-DD 填写'),
	(2, '学籍名册_2025秋.xlsx', '小学', 5, '学籍状态', '在读?', '学籍状态只能是 在读、休学、转出、死亡'),
	(5, '户籍人口_示例.csv', NULL, 88, '监护人电话', '1381234567', '手机号应为 11 位，例如 13812345678'),
	(5, '户籍人口_示例.csv', NULL, 91, '身份证号', '440101201203150012', '与学籍名册第 17 行重复，联系人电话 13912345678');
`

// testOptions are fixed so rendered output is byte-for-byte stable.
var testOptions = Options{
	TownName:  "示范镇",
	TownCode:  "441302101",
	RunID:     "run-20251010-0001",
	Generated: time.Date(2025, 10, 10, 12, 0, 0, 0, time.UTC),
}

// newTestDB opens a fresh DuckDB file in a temp dir with the fixture schema,
// the fixture data and any extra statements.
func newTestDB(t *testing.T, extra ...string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", filepath.Join(t.TempDir(), "warehouse.duckdb"))
	if err != nil {
		t.Fatalf("open duckdb: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	for _, stmt := range append([]string{fixtureSchema, fixtureData}, extra...) {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("fixture: %v\n%s", err, stmt)
		}
	}
	return db
}

// buildSite runs Build into a fresh staging dir and returns the dir.
func buildSite(t *testing.T, db *sql.DB) (string, *Site) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	site, err := Build(context.Background(), db, dir, testOptions)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return dir, site
}

// readFile returns a file's content as a string.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return string(b)
}

// walkFiles returns every regular file under root.
func walkFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", root, err)
	}
	return files
}
