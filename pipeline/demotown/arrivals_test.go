package demotown

import (
	"slices"
	"testing"
)

// The deliveries of a year: its first-term files apart from the rest, and
// a name that merely ends in the year (2025-2026) is not of that year.
func TestArrivals(t *testing.T) {
	m := Manifest{Files: []FileInfo{
		{Name: "学籍名册_2025-2026_第一学期_示范镇.csv", Kind: "roster"},
		{Name: "户籍人口0-18岁_2025-2026学年_示范镇.csv", Kind: "household"},
		{Name: "学籍名册_2026-2027_第一学期_示范镇.csv", Kind: "roster"},
		{Name: "残疾儿童少年_2026学年_示范镇.csv", Kind: "disability"},
		{Name: "学籍名册_2026-2027_第二学期_示范镇.csv", Kind: "roster"},
		{Name: "月考勤_2026-2027_示范镇全镇.csv", Kind: "attendance"},
	}}
	before, first, rest := m.Arrivals("2026")
	want := [][]string{
		{"学籍名册_2025-2026_第一学期_示范镇.csv", "户籍人口0-18岁_2025-2026学年_示范镇.csv"},
		{"学籍名册_2026-2027_第一学期_示范镇.csv", "残疾儿童少年_2026学年_示范镇.csv"},
		{"学籍名册_2026-2027_第二学期_示范镇.csv", "月考勤_2026-2027_示范镇全镇.csv"},
	}
	for i, got := range [][]string{before, first, rest} {
		if !slices.Equal(got, want[i]) {
			t.Errorf("delivery %d: got %v, want %v", i, got, want[i])
		}
	}
}
