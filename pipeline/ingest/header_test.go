package ingest

import (
	"strings"
	"testing"
)

func TestRecogniseEveryKind(t *testing.T) {
	for _, k := range Kinds {
		var headers, keys []string
		for _, c := range k.Columns {
			headers = append(headers, c.Header)
			keys = append(keys, strings.ToUpper(c.Key))
		}
		for _, row := range [][]string{headers, keys} {
			l, err := Recognise(row)
			if err != nil {
				t.Errorf("%s %v: %v", k.Name, row, err)
				continue
			}
			if l.Kind != k {
				t.Errorf("%v recognised as %s, want %s", row, l.Kind.Name, k.Name)
			}
		}
	}
}

func TestRecogniseMessyHeaders(t *testing.T) {
	// ★, full-width spaces, columns out of order, an extra column.
	row := []string{"备注", "姓名★", "\u3000学年 ", "学期", "学校标识码", "性别*", "出生日期", "身份证件号", "年级", "班级"}
	l, err := Recognise(row)
	if err != nil {
		t.Fatal(err)
	}
	if l.Kind.Name != "roster" {
		t.Fatalf("kind = %s", l.Kind.Name)
	}
	if got := l.Index[0]; got != 2 { // 学年
		t.Errorf("学年 at %d, want 2", got)
	}
	if len(l.Extra) != 1 || l.Extra[0] != 0 {
		t.Errorf("extra = %v, want [0]", l.Extra)
	}
}

func TestRecogniseRejections(t *testing.T) {
	cases := []struct {
		name string
		row  []string
		want string
	}{
		{"no header", []string{"备注", "说明"}, "找不到可识别的表头"},
		{"missing 年级", []string{"学年", "学期", "学校标识码", "姓名", "性别", "出生日期", "身份证件号", "班级"}, "缺少必填列「年级」"},
		{"duplicate", []string{"学年", "学期", "学校标识码", "姓名", "姓名", "性别", "出生日期", "身份证件号", "年级", "班级"}, "表头「姓名」出现了两次（第4列和第5列）"},
		// graduate and handoff share their first three columns; 去向 decides.
	}
	for _, c := range cases {
		_, err := Recognise(c.row)
		if err == nil || !strings.Contains(err.Error(), c.want) || !IsReject(err) {
			t.Errorf("%s: err = %v, want a rejection containing %q", c.name, err, c.want)
		}
	}
	l, err := Recognise([]string{"毕业学年", "身份证件号", "姓名", "学校标识码", "去向"})
	if err != nil || l.Kind.Name != "graduate" {
		t.Errorf("graduate header: %v %v", l, err)
	}
}
