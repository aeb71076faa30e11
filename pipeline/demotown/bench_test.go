package demotown

import "testing"

// BenchmarkGenerate writes a 200,000-child town (town-wide roster files)
// and reports children per second.
//
//	go test -run '^$' -bench Generate -benchtime 1x ./pipeline/demotown/
func BenchmarkGenerate(b *testing.B) {
	const children = 200_000
	for b.Loop() {
		if _, err := Generate(b.TempDir(), Options{Seed: 1, Children: children}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(children)*float64(b.N)/b.Elapsed().Seconds(), "children/s")
}
