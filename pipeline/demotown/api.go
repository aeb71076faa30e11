package demotown

import (
	"fmt"
	"os"
	"strings"
)

// Options says what town to generate. The zero value of every field means
// its default.
type Options struct {
	// Seed makes the output deterministic: same Options, byte-identical files.
	Seed int64
	// Children is the approximate number of children aged 0-18 in each
	// year's household register extract; default 3000, at most 5,000,000.
	Children int
	// FirstYear is the first school year (its starting year); default 2023.
	FirstYear int
	// Years is the number of school years, each with term 1 and term 2;
	// default 3, at most 10.
	Years int
	// CountyCode is the 6-digit county code (region of local identity
	// numbers); default "430521".
	CountyCode string
	// TownCode is the 9-digit town code that prefixes village codes; it
	// must start with CountyCode; default "430521101".
	TownCode string
	// TownName names the town in school and file names; default "示范镇".
	TownName string
}

// FileInfo describes one written file.
type FileInfo struct {
	// Name is the file's base name inside the output directory.
	Name string
	// Kind is the record kind: village, school, roster, household,
	// migration, dropout, disability, graduate or handoff.
	Kind string
	// Rows counts the data rows (the header row excluded).
	Rows int
	// Format is how the file is written: "csv-utf8", "csv-utf8-bom",
	// "csv-gb18030" (GBK characters only) or "xlsx".
	Format string
}

// BrokenCell is one deliberately broken cell, for tests to find.
type BrokenCell struct {
	// File is the file's base name.
	File string
	// Sheet is the workbook sheet holding the cell; empty for CSV.
	Sheet string
	// Row is the spreadsheet row number; the header row is 1.
	Row int
	// Column is the column's header exactly as written in the file.
	Column string
	// Value is the cell as a spreadsheet shows it ("" for an empty cell):
	// in a CSV the text as written; in a workbook a date cell in its
	// number format, and an identity number that is a number cell with
	// the 15 significant digits Excel keeps (430521201508310000).
	Value string
	// Why says, in Chinese, what is wrong with the cell.
	Why string
}

// Manifest lists what Generate wrote.
type Manifest struct {
	// Files lists every written file in the order written.
	Files []FileInfo
	// Broken lists the deliberately broken cells in the order written.
	Broken []BrokenCell
	// Facts counts deliberately generated events and rows; the keys are
	// documented in facts.go.
	Facts map[string]int
}

// Generate writes the demo town's files into dir (created if missing) and
// returns what it wrote.
func Generate(dir string, opt Options) (Manifest, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return Manifest{}, err
	}
	g, err := newGen(opt)
	if err != nil {
		return Manifest{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Manifest{}, err
	}
	return g.run(dir)
}

// withDefaults fills in defaults and checks the options.
func (o Options) withDefaults() (Options, error) {
	if o.Children == 0 {
		o.Children = 3000
	}
	if o.FirstYear == 0 {
		o.FirstYear = 2023
	}
	if o.Years == 0 {
		o.Years = 3
	}
	if o.CountyCode == "" {
		o.CountyCode = "430521"
	}
	if o.TownCode == "" {
		o.TownCode = o.CountyCode + "101"
	}
	if o.TownName == "" {
		o.TownName = "示范镇"
	}
	switch {
	case o.Children < 1 || o.Children > 5_000_000:
		return o, fmt.Errorf("demotown: Children %d out of range 1..5000000", o.Children)
	case o.Years < 1 || o.Years > maxYears:
		return o, fmt.Errorf("demotown: Years %d out of range 1..%d", o.Years, maxYears)
	case o.FirstYear < 2000 || o.FirstYear > 2090:
		return o, fmt.Errorf("demotown: FirstYear %d out of range 2000..2090", o.FirstYear)
	case !digits(o.CountyCode, 6) || !validProvince(o.CountyCode[:2]):
		return o, fmt.Errorf("demotown: CountyCode %q is not a 6-digit county code", o.CountyCode)
	case !digits(o.TownCode, 9) || !strings.HasPrefix(o.TownCode, o.CountyCode):
		return o, fmt.Errorf("demotown: TownCode %q is not 9 digits starting with %s", o.TownCode, o.CountyCode)
	}
	return o, nil
}

// digits reports whether s is exactly n ASCII digits.
func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// validProvince reports whether p is a province-level code that GB 11643
// identity numbers may start with.
func validProvince(p string) bool {
	return strings.Contains(" 11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83 ", " "+p+" ")
}
