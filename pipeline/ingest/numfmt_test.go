package ingest

import "testing"

func TestClassifyNumFmt(t *testing.T) {
	cases := []struct {
		id   int
		code string
		want numFmtKind
	}{
		{0, "", fmtNumber},
		{14, "", fmtDate},
		{22, "", fmtDateTime},
		{31, "", fmtDate},   // yyyy"年"m"月"d"日" in Chinese Excel
		{20, "", fmtNumber}, // h:mm, a time of day
		{164, "General", fmtNumber},
		{164, "@", fmtNumber},
		{164, "#,##0.00", fmtNumber},
		{164, "0.00E+00", fmtNumber},
		{164, `0"班"`, fmtNumber},
		{164, "[Red]0;[Blue]-0", fmtNumber},
		{164, "yyyy-mm-dd", fmtDate},
		{164, `yyyy\年m\月d\日`, fmtDate},
		{164, "[$-804]yyyy年m月d日;@", fmtDate},
		{164, "mmm-yy", fmtDate},
		{164, "mm:ss", fmtNumber},
		{164, "[h]:mm:ss", fmtNumber},
		{164, "yyyy/m/d h:mm", fmtDateTime},
		{164, "m/d/yy h:mm AM/PM", fmtDateTime},
	}
	for _, c := range cases {
		if got := classifyNumFmt(c.id, c.code); got != c.want {
			t.Errorf("classifyNumFmt(%d, %q) = %d, want %d", c.id, c.code, got, c.want)
		}
	}
}

func TestRenderNumber(t *testing.T) {
	cases := []struct {
		v        float64
		kind     numFmtKind
		date1904 bool
		want     string
	}{
		{43708, fmtDate, false, "2019-08-31"},
		{43708.75, fmtDate, false, "2019-08-31"},
		{43708.75, fmtDateTime, false, "2019-08-31 18:00"},
		{42246, fmtDate, true, "2019-08-31"},
		{1, fmtDate, false, "1900-01-01"},
		{61, fmtDate, false, "1900-03-01"},
		{-1, fmtDate, false, "-1"},
		{2143052103, fmtNumber, false, "2143052103"},
		{430521100201, fmtNumber, false, "430521100201"},
		{430521190831011, fmtNumber, false, "430521190831011"},
		{4.3052120160307e17, fmtNumber, false, "4.3052120160307E+17"},
		{430521201603070228, fmtNumber, false, "4.3052120160307E+17"},
		{0.1 + 0.2, fmtNumber, false, "0.3"},
		{3.25, fmtNumber, false, "3.25"},
		{-7, fmtNumber, false, "-7"},
	}
	for _, c := range cases {
		if got := renderNumber(c.v, c.kind, c.date1904); got != c.want {
			t.Errorf("renderNumber(%v, %d, %v) = %q, want %q", c.v, c.kind, c.date1904, got, c.want)
		}
	}
}

func TestRKValue(t *testing.T) {
	minus3 := int32(-3)
	cases := []struct {
		rk   uint32
		want float64
	}{
		{2025<<2 | 2, 2025},
		{uint32(minus3<<2) | 2, -3},
		{1234<<2 | 3, 12.34},
		{0x3FF00000, 1},        // the top bits of float64 1.0
		{0x3FF00000 | 1, 0.01}, // 1.0 scaled by 100
	}
	for _, c := range cases {
		if got := rkValue(c.rk); got != c.want {
			t.Errorf("rkValue(%#x) = %v, want %v", c.rk, got, c.want)
		}
	}
}

// A string whose characters continue in the next record starts that
// record with a fresh option byte: here two bytes a character, then one.
func TestSSTStringAcrossRecords(t *testing.T) {
	first := []byte{
		2, 0, 0, 0, 2, 0, 0, 0, // 2 strings in all, 2 unique
		3, 0, 1, 0x75, 0x8D, // 3 characters, UTF-16: 赵 ...
	}
	second := []byte{
		0, 'a', 'b', // ... continued one byte a character
		1, 0, 0, 'z', // the next string, not continued
	}
	got, err := readSST([][]byte{first, second})
	if err != nil || len(got) != 2 || got[0] != "赵ab" || got[1] != "z" {
		t.Errorf("readSST = %q, %v; want [赵ab z]", got, err)
	}
	if _, err := readSST([][]byte{first}); err == nil {
		t.Error("readSST of a cut table succeeded")
	}
}
