package privacy

import "testing"

func TestMasks(t *testing.T) {
	cases := []struct {
		name string
		fn   func(string) string
		in   string
		want string
	}{
		{"name", MaskName, "张小明", "张*明"},
		{"name", MaskName, "张三", "张*"},
		{"name", MaskName, "欧阳小明", "欧**明"},
		{"name", MaskName, "张", "*"},
		{"name", MaskName, " ", ""},
		{"id", MaskID, "510104201503011234", "510104********1234"},
		{"id", MaskID, "3:HK1234567", "3:*****4567"},
		{"id", MaskID, "12345", "*****"},
		{"phone", MaskPhone, "13812345678", "138****5678"},
		{"phone", MaskPhone, "1234567", "*******"},
		{"text", MaskText, "第12行身份证号51010420150301123X有误，电话13812345678", "第12行身份证号…有误，电话…"},
		{"text", MaskText, "共 12345 人", "共 12345 人"},
	}
	for _, c := range cases {
		if got := c.fn(c.in); got != c.want {
			t.Errorf("%s(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestParseTier(t *testing.T) {
	for in, want := range map[string]Tier{"public": Public, " Restricted ": Restricted} {
		if got, err := ParseTier(in); err != nil || got != want {
			t.Errorf("ParseTier(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "internal", "secret"} {
		if _, err := ParseTier(in); err == nil {
			t.Errorf("ParseTier(%q) accepted", in)
		}
	}
}

func TestPatterns(t *testing.T) {
	for _, s := range []string{"51010420150301123X", "号 510104201503011234。"} {
		if !IDNumberLike.MatchString(s) {
			t.Errorf("IDNumberLike misses %q", s)
		}
	}
	if IDNumberLike.MatchString("5101042015030112345") {
		t.Error("IDNumberLike matches 19 digits")
	}
	if !PhoneLike.MatchString("电话13812345678") || PhoneLike.MatchString("23812345678") {
		t.Error("PhoneLike")
	}
}
