package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A config file changes single weights and cut-offs; the rest keep the
// contract's defaults, and bad rules are refused with a Chinese reason.
func TestEarlyWarningConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(body string) string {
		p := filepath.Join(dir, "dropwatch.toml")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cfg, err := LoadConfig(write("[early_warning]\nhigh = 6\n[early_warning.weights]\nchronic_absence = 4\n"), true)
	if err != nil {
		t.Fatal(err)
	}
	ew := cfg.EarlyWarning
	if ew.High != 6 || ew.Medium != 3 || ew.Weights["chronic_absence"] != 4 || ew.Weights["absence_rising"] != 2 ||
		ew.ChronicAbsence != 0.10 || len(ew.Weights) != len(WarningSignals) {
		t.Errorf("got %+v, want high 6, chronic 4, the rest defaults", ew)
	}
	for body, want := range map[string]string{
		"[early_warning.weights]\nabsence = 1\n":      "不认识的信号「absence」",
		"[early_warning.weights]\nover_age = -1\n":    "为负数",
		"[early_warning]\nmedium = 6\n":               "0 < 中（6）≤ 高（5）",
		"[early_warning]\nchronic_absence_share = 10": "应在 0 到 1 之间",
		"[early_warning]\nover_age_years = 0\n":       "超龄年数 0",
	} {
		if _, err := LoadConfig(write(body), true); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error with %q", body, err, want)
		}
	}
}
