package cells

import "testing"

func TestNormalizeHeader(t *testing.T) {
	tests := []struct{ in, want string }{
		{"姓名", "姓名"},
		{" 姓名 ", "姓名"},
		{"\u3000姓名\u3000", "姓名"},
		{"姓名★", "姓名"},
		{"姓名 ★", "姓名"},
		{"姓名*", "姓名"},
		{"姓名＊", "姓名"},
		{"姓名☆", "姓名"},
		{"*姓名", "姓名"},
		{"★姓名★★", "姓名"},
		{"身份证件号（必填）", "身份证件号(必填)"},
		{"【学校】标识码", "[学校]标识码"},
		{"学 校 标 识 码", "学校标识码"},
		{"学校\u3000标识码", "学校标识码"},
		{"\ufeff学年", "学年"},
		{"学年\u00a0", "学年"},
		{"ｓｃｈｏｏｌ＿ｃｏｄｅ", "school_code"},
		{"School_Code", "school_code"},
		{"id_number", "id_number"},
		{"星★号", "星★号"},
		{"", ""},
		{" ★ ", ""},
	}
	for _, tc := range tests {
		if got := NormalizeHeader(tc.in); got != tc.want {
			t.Errorf("NormalizeHeader(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := NormalizeHeader(NormalizeHeader(tc.in)); got != tc.want {
			t.Errorf("NormalizeHeader not idempotent on %q: %q", tc.in, got)
		}
	}
}

func TestBlank(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{" ", true},
		{"\t\r\n", true},
		{"\u3000\u3000", true},
		{"\u00a0", true},
		{"\ufeff", true},
		{"0", false},
		{" x ", false},
		{"－", false},
	}
	for _, tc := range tests {
		if got := Blank(tc.in); got != tc.want {
			t.Errorf("Blank(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc", "abc"},
		{"２０１９－０８－３１", "2019-08-31"},
		{"（２）班", "(2)班"},
		{"姓名", "姓名"},
		{"a\u3000b", "a b"},
	}
	for _, tc := range tests {
		if got := fold(tc.in); got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestChineseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"一", 1, true}, {"九", 9, true}, {"十", 10, true}, {"十二", 12, true},
		{"二十", 20, true}, {"二十三", 23, true}, {"九十九", 99, true},
		{"7", 7, true}, {"07", 7, true},
		{"", 0, false}, {"零", 0, false}, {"一二", 0, false}, {"十十", 0, false},
		{"百", 0, false}, {"三十x", 0, false},
	}
	for _, tc := range tests {
		got, ok := chineseNumber(tc.in)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("chineseNumber(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestStripDotZero(t *testing.T) {
	tests := []struct{ in, want string }{
		{"3.0", "3"}, {"3.00", "3"}, {"3", "3"}, {"3.", "3."}, {"3.5", "3.5"},
		{".0", ".0"}, {"a.0", "a.0"}, {"2143052103.0", "2143052103"},
	}
	for _, tc := range tests {
		if got := stripDotZero(tc.in); got != tc.want {
			t.Errorf("stripDotZero(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
