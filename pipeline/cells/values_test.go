package cells

import "testing"

func TestParseGender(t *testing.T) {
	tests := []struct{ in, want, reason string }{
		{"1", "男", ""}, {"男", "男", ""}, {"男性", "男", ""}, {" 男 ", "男", ""},
		{"1.0", "男", ""}, {"１", "男", ""},
		{"2", "女", ""}, {"女", "女", ""}, {"女性", "女", ""},
		{"0", "", reasonGender}, {"9", "", reasonGender}, {"M", "", reasonGender},
		{"男女", "", reasonGender}, {"", "", reasonEmpty},
	}
	for _, tc := range tests {
		got, err := ParseGender(tc.in)
		checkReason(t, tc.in, err, tc.reason)
		if tc.reason == "" && got != tc.want {
			t.Errorf("ParseGender(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseBool(t *testing.T) {
	yes := []string{"是", "有", "1", "1.0", "Y", "y", "YES", "Yes", "true", "√", "✓", "Ｙ"}
	no := []string{"否", "无", "没有", "0", "0.0", "N", "n", "No", "FALSE", "×", "✗"}
	for want, list := range map[bool][]string{true: yes, false: no} {
		for _, in := range list {
			got, err := ParseBool(in)
			if err != nil || got != want {
				t.Errorf("ParseBool(%q) = %v, %v; want %v", in, got, err, want)
			}
		}
	}
	for _, in := range []string{"2", "不详", "X", "是否", "ok"} {
		_, err := ParseBool(in)
		checkReason(t, in, err, reasonBool)
	}
	_, err := ParseBool("")
	checkReason(t, "", err, reasonEmpty)
}

func TestParseLeftBehind(t *testing.T) {
	tests := []struct {
		in     string
		want   int
		reason string
	}{
		{"0", 0, ""}, {"非留守", 0, ""}, {"否", 0, ""}, {"不是", 0, ""}, {"非留守儿童", 0, ""},
		{"1", 1, ""}, {"单亲留守", 1, ""}, {"单亲", 1, ""}, {"1.0", 1, ""},
		{"2", 2, ""}, {"双亲留守", 2, ""}, {"双亲留守儿童", 2, ""}, {"双亲", 2, ""},
		{"是", 0, reasonLeftBehindYN}, {"留守", 0, reasonLeftBehindYN},
		{"3", 0, reasonLeftBehind}, {"随迁", 0, reasonLeftBehind}, {"", 0, reasonEmpty},
	}
	for _, tc := range tests {
		got, err := ParseLeftBehind(tc.in)
		checkReason(t, tc.in, err, tc.reason)
		if tc.reason == "" && got != tc.want {
			t.Errorf("ParseLeftBehind(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestParseEnum(t *testing.T) {
	allowed := []string{"在读", "休学", "转出", "辍学", "死亡", "毕业"}
	tests := []struct{ in, want, reason string }{
		{"在读", "在读", ""}, {" 毕业\u3000", "毕业", ""},
		{"在 读", "", reasonNotAllowed(allowed)}, {"退学", "", reasonNotAllowed(allowed)},
		{"", "", reasonEmpty},
	}
	for _, tc := range tests {
		got, err := ParseEnum(tc.in, allowed)
		checkReason(t, tc.in, err, tc.reason)
		if tc.reason == "" && got != tc.want {
			t.Errorf("ParseEnum(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if r := reasonNotAllowed(allowed); r != "不在允许的取值之中：请填以下之一：在读、休学、转出、辍学、死亡、毕业" {
		t.Errorf("reasonNotAllowed = %q", r)
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in       string
		min, max int
		want     int
		reason   string
	}{
		{"3", 0, 100, 3, ""}, {"3.0", 0, 100, 3, ""}, {"３", 0, 100, 3, ""},
		{" 12 ", 0, 100, 12, ""}, {"0", 0, 100, 0, ""}, {"007", 0, 100, 7, ""},
		{"+5", 0, 100, 5, ""}, {"-2", -5, 5, -2, ""}, {"1 000", 0, 5000, 1000, ""},
		{"100", 0, 100, 100, ""},
		{"101", 0, 100, 0, reasonIntRange(0, 100)},
		{"-1", 0, 100, 0, reasonIntRange(0, 100)},
		{"99999999999999999999999", 0, 100, 0, reasonIntRange(0, 100)},
		{"3.5", 0, 100, 0, reasonNotInteger}, {"三", 0, 100, 0, reasonNotInteger},
		{"3次", 0, 100, 0, reasonNotInteger}, {"-", 0, 100, 0, reasonNotInteger},
		{"", 0, 100, 0, reasonEmpty},
	}
	for _, tc := range tests {
		got, err := ParseInt(tc.in, tc.min, tc.max)
		checkReason(t, tc.in, err, tc.reason)
		if tc.reason == "" && got != tc.want {
			t.Errorf("ParseInt(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestParseCode(t *testing.T) {
	tests := []struct {
		in     string
		digits int
		want   string
		reason string
	}{
		{"2143052103", 10, "2143052103", ""},
		{" 2143052103 ", 10, "2143052103", ""},
		{"２１４３０５２１０３", 10, "2143052103", ""},
		{"430521101201", 12, "430521101201", ""},
		{"2.14305E+09", 10, "", reasonExcelNumber},
		{"2.14305e9", 10, "", reasonExcelNumber},
		{"2143052103.0", 10, "", reasonExcelNumber},
		{"4.30521E+11", 12, "", reasonExcelNumber},
		{"214305210", 10, "", reasonCodeLength(10, 9)},
		{"21430521030", 10, "", reasonCodeLength(10, 11)},
		{"2143052103", 12, "", reasonCodeLength(12, 10)},
		{"21430521O3", 10, "", reasonCodeChars},
		{"2143 052103", 10, "", reasonCodeChars},
		{"-2143052103", 10, "", reasonCodeChars},
		{"2143052103.5", 10, "", reasonCodeChars},
		{"", 10, "", reasonEmpty},
	}
	for _, tc := range tests {
		got, err := ParseCode(tc.in, tc.digits)
		checkReason(t, tc.in, err, tc.reason)
		if tc.reason == "" && got != tc.want {
			t.Errorf("ParseCode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
