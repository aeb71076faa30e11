package ingest

import (
	"context"
	"strings"
	"testing"
)

// A reason that tells the clerk to export again names the system the file
// comes from: the household register comes from the police, not from the
// student status system. 430521201908310115 fails its check character
// (…0114 is the valid number).
func TestReasonsNameTheFilesSource(t *testing.T) {
	for _, tc := range []struct {
		file, body, want, not string
	}{
		{"户籍.csv", "学年,公民身份号码,姓名,性别,出生日期,村代码\n" +
			"2025,430521201908310115,赵子涵,男,2019-08-31,430521101201\n", "从公安户籍系统重新导出", "学籍系统"},
		{"名册.csv", "学年,学期,学校标识码,姓名,性别,出生日期,身份证件号,年级,班级\n" +
			"2025,1,2143052103,赵子涵,男,2019-08-31,430521201908310115,一年级,1\n", "从学籍系统重新导出", "公安"},
	} {
		ld, db := newLoader(t)
		if _, err := ld.LoadFile(context.Background(), write(t, tc.file, []byte(tc.body))); err != nil {
			t.Fatal(err)
		}
		var reason string
		if err := db.QueryRow("SELECT reason FROM raw.cell_errors WHERE column_name IN ('公民身份号码', '身份证件号')").Scan(&reason); err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if !strings.Contains(reason, tc.want) || strings.Contains(reason, tc.not) {
			t.Errorf("%s: reason %q; want it to say %q and not %q", tc.file, reason, tc.want, tc.not)
		}
	}
}
