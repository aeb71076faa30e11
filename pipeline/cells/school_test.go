package cells

import "testing"

func TestParseSchoolYear(t *testing.T) {
	tests := []struct {
		in     string
		want   int
		reason string
	}{
		{"2025-2026", 2025, ""},
		{"2025-2026学年", 2025, ""},
		{"2025-2026学年度", 2025, ""},
		{"2025", 2025, ""},
		{"2025.0", 2025, ""},
		{"2025学年", 2025, ""},
		{"2025—2026", 2025, ""},
		{"2025–2026", 2025, ""},
		{"2025－2026", 2025, ""},
		{"2025~2026", 2025, ""},
		{"2025～2026", 2025, ""},
		{"2025〜2026", 2025, ""},
		{"2025/2026", 2025, ""},
		{"2025至2026", 2025, ""},
		{"2025 - 2026 学年", 2025, ""},
		{"２０２５－２０２６", 2025, ""},
		{"2025-26", 2025, ""},
		{"2099-00", 2099, ""},
		{"2000-2001", 2000, ""},
		{"2100", 2100, ""},
		{"2025-2027", 0, reasonSchoolYearP1},
		{"2026-2025", 0, reasonSchoolYearP1},
		{"2025-2025", 0, reasonSchoolYearP1},
		{"2025-27", 0, reasonSchoolYearP1},
		{"1999-2000", 0, reasonSchoolYearRg},
		{"2101", 0, reasonSchoolYearRg},
		{"", 0, reasonEmpty},
		{"25-26", 0, reasonSchoolYear},
		{"2025-", 0, reasonSchoolYear},
		{"2025-2026-2027", 0, reasonSchoolYear},
		{"2025年", 0, reasonSchoolYear},
		{"20252026", 0, reasonSchoolYear},
		{"本学年", 0, reasonSchoolYear},
		{"2025-202", 0, reasonSchoolYear},
	}
	for _, tc := range tests {
		got, err := ParseSchoolYear(tc.in)
		checkReason(t, tc.in, err, tc.reason)
		if tc.reason == "" && got != tc.want {
			t.Errorf("ParseSchoolYear(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestParseTerm(t *testing.T) {
	ones := []string{"1", "01", "1.0", "１", "一", "第一", "第一学期", "第1学期", "一学期",
		"上", "上学期", "秋", "秋季", "秋季学期", "秋学期", " 第一 学期 "}
	twos := []string{"2", "02", "2.0", "２", "二", "第二", "第二学期", "第2学期", "二学期",
		"下", "下学期", "春", "春季", "春季学期", "春学期"}
	for want, list := range map[int][]string{1: ones, 2: twos} {
		for _, in := range list {
			got, err := ParseTerm(in)
			if err != nil || got != want {
				t.Errorf("ParseTerm(%q) = %d, %v; want %d", in, got, err, want)
			}
		}
	}
	for _, in := range []string{"3", "0", "第三学期", "夏季", "全年", "1.5"} {
		_, err := ParseTerm(in)
		checkReason(t, in, err, reasonTerm)
	}
	_, err := ParseTerm(" ")
	checkReason(t, " ", err, reasonEmpty)
}

func TestParseGrade(t *testing.T) {
	tests := []struct {
		in, want, reason string
	}{
		{"小班", "K1", ""}, {"中班", "K2", ""}, {"大班", "K3", ""},
		{"幼儿园小班", "K1", ""}, {"幼儿园大班", "K3", ""}, {"学前班", "K3", ""},
		{"K1", "K1", ""}, {"k2", "K2", ""}, {"Ｋ３", "K3", ""},
		{"1", "1", ""}, {"9", "9", ""}, {"01", "1", ""}, {"9.0", "9", ""}, {"６", "6", ""},
		{"一年级", "1", ""}, {"二年级", "2", ""}, {"六年级", "6", ""},
		{"七年级", "7", ""}, {"八年级", "8", ""}, {"九年级", "9", ""},
		{"1年级", "1", ""}, {"9年级", "9", ""}, {" 三 年级 ", "3", ""},
		{"初一", "7", ""}, {"初二", "8", ""}, {"初三", "9", ""}, {"初1", "7", ""},
		{"小学三年级", "3", ""}, {"初中一年级", "7", ""}, {"初中三年级", "9", ""},
		{"初中七年级", "7", ""}, {"初中2年级", "8", ""},
		{"小学七年级", "", reasonGradeLevel}, {"初中五年级", "", reasonGradeLevel},
		{"十年级", "", reasonGrade}, {"高一", "", reasonGrade}, {"初四", "", reasonGrade},
		{"0", "", reasonGrade}, {"10", "", reasonGrade}, {"托班", "", reasonGrade},
		{"K4", "", reasonGrade}, {"年级", "", reasonGrade}, {"初中", "", reasonGrade},
		{"", "", reasonEmpty},
	}
	for _, tc := range tests {
		got, err := ParseGrade(tc.in)
		checkReason(t, tc.in, err, tc.reason)
		if tc.reason == "" && got != tc.want {
			t.Errorf("ParseGrade(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseClass(t *testing.T) {
	tests := []struct {
		in, want, reason string
	}{
		{"2", "2", ""}, {"02", "2", ""}, {"2.0", "2", ""}, {"2班", "2", ""},
		{"（2）班", "2", ""}, {"(2)班", "2", ""}, {"(2)", "2", ""}, {"第2班", "2", ""},
		{"二班", "2", ""}, {"第二班", "2", ""}, {"十二班", "12", ""}, {"２班", "2", ""},
		{" 12 ", "12", ""}, {"2 班", "2", ""},
		{"七(2)班", "七(2)班", ""}, {"火箭班", "火箭班", ""}, {" 实验班 ", "实验班", ""},
		{"A", "A", ""}, {"班", "班", ""},
		{"0", "", reasonClassZero}, {"0班", "", reasonClassZero}, {"00", "", reasonClassZero},
		{"", "", reasonEmpty}, {"\u3000", "", reasonEmpty},
	}
	for _, tc := range tests {
		got, err := ParseClass(tc.in)
		checkReason(t, tc.in, err, tc.reason)
		if tc.reason == "" && got != tc.want {
			t.Errorf("ParseClass(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
