package cells

import (
	"testing"
	"time"
)

// today is the injected "now" of the identity number tests.
var today = day(2025, 9, 1)

// Hand check of the spec's example numbers (weights 7 9 10 5 8 4 2 1 6 3 7
// 9 10 5 8 4 2, check = "10X98765432"[sum mod 11]):
//
//	430521201908310114: 28+27+0+25+16+4+4+0+6+27+0+72+30+5+0+4+2 = 250,
//	    250 = 22*11+8, check "10X98765432"[8] = '4'. Digit 17 is 1: male.
//	43052120111201044x: 28+27+0+25+16+4+4+0+6+3+7+18+0+5+0+16+8 = 167,
//	    167 = 15*11+2, check 'X'. Digit 17 is 4: female.
//	43052120130505019X: 28+27+0+25+16+4+4+0+6+9+0+45+0+25+0+4+18 = 211,
//	    211 = 19*11+2, check 'X'. Digit 17 is 9: male.
//	430521850101011 (legacy) → 43052119850101011?:
//	    28+27+0+25+16+4+2+9+48+15+0+9+0+5+0+4+2 = 194, 194 = 17*11+7,
//	    check "10X98765432"[7] = '5', so 430521198501010115. Digit 15 of the
//	    old number is 1: male.
//	430521201908310000 (Excel lost the tail): the first 15 digits give
//	    250-4-2 = 244 = 22*11+2, check 'X', not '0'.
func TestParseIDNumber(t *testing.T) {
	tests := []struct {
		in       string
		number   string
		birth    time.Time
		male     bool
		upgraded bool
		reason   string
	}{
		{"430521201908310114", "430521201908310114", day(2019, 8, 31), true, false, ""},
		{"43052120111201044x", "43052120111201044X", day(2011, 12, 1), false, false, ""},
		{"43052120111201044X", "43052120111201044X", day(2011, 12, 1), false, false, ""},
		{"43052120130505019X", "43052120130505019X", day(2013, 5, 5), true, false, ""},
		{"430521850101011", "430521198501010115", day(1985, 1, 1), true, true, ""},
		{" 430521201908310114\u3000", "430521201908310114", day(2019, 8, 31), true, false, ""},
		{"４３０５２１２０１９０８３１０１１４", "430521201908310114", day(2019, 8, 31), true, false, ""},
		{"430521 20190831 0114", "430521201908310114", day(2019, 8, 31), true, false, ""},
		{"430521\u300020190831\u30000114", "430521201908310114", day(2019, 8, 31), true, false, ""},
		{"43052120111201044ｘ", "43052120111201044X", day(2011, 12, 1), false, false, ""},
		{"'430521201908310114", "430521201908310114", day(2019, 8, 31), true, false, ""},
		{`="430521201908310114"`, "430521201908310114", day(2019, 8, 31), true, false, ""},
		// Excel numbers.
		{"4.30521201508E+17", "", time.Time{}, false, false, reasonIDExcel},
		{"4.30521E+17", "", time.Time{}, false, false, reasonIDExcel},
		{"4.30521201908e17", "", time.Time{}, false, false, reasonIDExcel},
		{"430521201908310114.0", "", time.Time{}, false, false, reasonIDExcel},
		{"430521850101011.0", "", time.Time{}, false, false, reasonIDExcel},
		{"430521201908310000", "", time.Time{}, false, false, reasonIDTail000},
		// Length and characters.
		{"43052120190831011", "", time.Time{}, false, false, reasonIDLength(17)},
		{"4305212019083101", "", time.Time{}, false, false, reasonIDLength(16)},
		{"4305212019083101145", "", time.Time{}, false, false, reasonIDLength(19)},
		{"4305218501010", "", time.Time{}, false, false, reasonIDLength(13)},
		{"1234567890123456789012345678901234567890", "", time.Time{}, false, false, reasonIDLength(40)},
		{"43052120190831011A", "", time.Time{}, false, false, reasonIDChars},
		{"4305212019083X0114", "", time.Time{}, false, false, reasonIDChars},
		{"430521-20190831-0114", "", time.Time{}, false, false, reasonIDChars},
		{"43052120190831011一", "", time.Time{}, false, false, reasonIDChars},
		{"43052185010101X", "", time.Time{}, false, false, reasonIDChars},
		{"", "", time.Time{}, false, false, reasonEmpty},
		{"'", "", time.Time{}, false, false, reasonEmpty},
		// Check character.
		{"430521201908310115", "", time.Time{}, false, false, reasonIDCheck('4')},
		{"43052120190831011x", "", time.Time{}, false, false, reasonIDCheck('4')},
		{"430521201908310104", "", time.Time{}, false, false, reasonIDCheck('6')},
	}
	for _, tc := range tests {
		got, err := ParseIDNumber(tc.in, today)
		checkReason(t, tc.in, err, tc.reason)
		if tc.reason != "" {
			continue
		}
		want := ID{Number: tc.number, Birth: tc.birth, Male: tc.male, Upgraded: tc.upgraded}
		if got != want {
			t.Errorf("ParseIDNumber(%q) = %+v, want %+v", tc.in, got, want)
		}
	}
}

// withCheck completes 17 digits with their check character.
func withCheck(first17 string) string {
	return first17 + string(checkChar([]byte(first17)))
}

func TestParseIDNumberProvince(t *testing.T) {
	valid := []string{"11", "12", "15", "21", "23", "31", "37", "41", "46", "50", "54",
		"61", "65", "71", "81", "82", "83"}
	invalid := []string{"00", "10", "16", "20", "24", "30", "38", "40", "47", "49", "55",
		"60", "66", "70", "72", "80", "84", "90", "91", "99"}
	for _, p := range valid {
		n := withCheck(p + "0521201908310" + "11")
		if _, err := ParseIDNumber(n, today); err != nil {
			t.Errorf("province %s: %v", p, err)
		}
	}
	for _, p := range invalid {
		n := withCheck(p + "0521201908310" + "11")
		_, err := ParseIDNumber(n, today)
		checkReason(t, n, err, reasonIDProvince)
		_, err = ParseIDNumber(p+"0521850101011", today)
		checkReason(t, p+" (15 digits)", err, reasonIDProvince)
	}
}

func TestParseIDNumberBirth(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	tests := []struct {
		first17 string
		today   time.Time
		reason  string
	}{
		{"43052120200229011", today, ""},
		{"43052120000229011", today, ""},
		{"43052120190229011", today, reasonIDBirth},
		{"43052121000229011", day(2200, 1, 1), reasonIDBirth},
		{"43052120190230011", today, reasonIDBirth},
		{"43052120191301011", today, reasonIDBirth},
		{"43052120190001011", today, reasonIDBirth},
		{"43052120190100011", today, reasonIDBirth},
		{"43052120190431011", today, reasonIDBirth},
		{"43052118991231011", today, reasonIDBefore},
		{"43052119000101011", today, ""},
		{"43052120250901011", today, ""},
		{"43052120250902011", today, reasonIDFuture},
		{"43052120250901011", time.Date(2025, 9, 1, 23, 30, 0, 0, shanghai), ""},
		{"43052120250902011", time.Date(2025, 9, 1, 23, 30, 0, 0, shanghai), reasonIDFuture},
		{"43052130000101011", today, reasonIDFuture},
		// the comparison goes year, month, day: a later month with an
		// earlier day, and an earlier month with a later day
		{"43052120251001011", today, reasonIDFuture},
		{"43052120250831011", today, ""},
		{"43052120260101011", today, reasonIDFuture},
		{"43052120241231011", today, ""},
	}
	for _, tc := range tests {
		n := withCheck(tc.first17)
		id, err := ParseIDNumber(n, tc.today)
		checkReason(t, n, err, tc.reason)
		if err == nil && id.Birth.Format("20060102") != tc.first17[6:14] {
			t.Errorf("%s: birth %v", n, id.Birth)
		}
	}
	// Legacy numbers are of the 1900s: 00-02-29 is 1900-02-29, which does
	// not exist; 04-02-29 is 1904-02-29, which does.
	for in, reason := range map[string]string{
		"430521000229011": reasonIDBirth,
		"430521040229011": "",
		"430521991231011": "",
		"430521851301011": reasonIDBirth,
	} {
		_, err := ParseIDNumber(in, today)
		checkReason(t, in, err, reason)
	}
}

func TestCheckIDBirth(t *testing.T) {
	id, err := ParseIDNumber("430521201908310114", today)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		birth  time.Time
		reason string
	}{
		{day(2019, 8, 31), ""},
		{time.Date(2019, 8, 31, 15, 0, 0, 0, time.FixedZone("CST", 8*3600)), ""},
		{day(2019, 9, 1), reasonIDBirthMismatch("2019-08-31")},
		{day(2018, 8, 31), reasonIDBirthMismatch("2019-08-31")},
	}
	for _, tc := range tests {
		checkReason(t, tc.birth.String(), CheckIDBirth(id, tc.birth), tc.reason)
	}
}

func TestParseIDType(t *testing.T) {
	tests := []struct{ in, want, reason string }{
		{"", "1", ""}, {" ", "1", ""}, {"1", "1", ""}, {"1.0", "1", ""}, {"居民身份证", "1", ""},
		{"身份证", "1", ""}, {"二代身份证", "1", ""}, {"1-居民身份证", "1", ""},
		{"1：居民身份证", "1", ""}, {"１", "1", ""},
		{"6", "6", ""}, {"香港特区护照/身份证明", "6", ""}, {"香港特区护照／身份证明", "6", ""},
		{"香港身份证", "6", ""}, {"6-香港特区护照/身份证明", "6", ""},
		{"7", "7", ""}, {"澳门特区护照/身份证明", "7", ""},
		{"8", "8", ""}, {"台湾居民来往大陆通行证", "8", ""}, {"台胞证", "8", ""},
		{"9", "9", ""}, {"境外永久居住证", "9", ""}, {"外国人永久居留身份证", "9", ""},
		{"A", "A", ""}, {"a", "A", ""}, {"护照", "A", ""}, {"A-护照", "A", ""},
		{"Z", "Z", ""}, {"z", "Z", ""}, {"其他", "Z", ""}, {"其它", "Z", ""},
		{"1-护照", "", reasonIDType}, {"2", "", reasonIDType}, {"B", "", reasonIDType},
		{"军官证", "", reasonIDType}, {"户口簿", "", reasonIDType}, {"X-其他", "", reasonIDType},
	}
	for _, tc := range tests {
		got, err := ParseIDType(tc.in)
		checkReason(t, tc.in, err, tc.reason)
		if tc.reason == "" && got != tc.want {
			t.Errorf("ParseIDType(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
