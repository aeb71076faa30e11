package reports

import (
	"archive/zip"
	"io"
	"maps"
	"path/filepath"
	"testing"
)

// Two builds of the same warehouse with the same options write the same
// pages byte for byte and workbooks of the same parts (their styles once
// followed a map's random order). The order of a workbook's parts in its
// zip may differ: excelize writes streamed sheets in map order.
func TestBuildIsDeterministic(t *testing.T) {
	db := newTestDB(t)
	first, site := buildSite(t, db)
	for range 3 {
		again, _ := buildSite(t, db)
		for _, f := range site.Pages {
			if readFile(t, filepath.Join(first, f)) != readFile(t, filepath.Join(again, f)) {
				t.Errorf("%s differs between two builds", f)
			}
		}
		for _, f := range site.Workbooks {
			a, b := xlsxParts(t, filepath.Join(first, f)), xlsxParts(t, filepath.Join(again, f))
			if !maps.Equal(a, b) {
				t.Errorf("%s differs between two builds", f)
			}
		}
	}
}

// xlsxParts reads every part of a workbook by name.
func xlsxParts(t *testing.T, path string) map[string]string {
	t.Helper()
	r, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	parts := map[string]string{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s %s: %v", path, f.Name, err)
		}
		parts[f.Name] = string(b)
	}
	return parts
}
