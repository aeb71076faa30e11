// Package privacy is dropwatch's one privacy policy in code: the two tiers
// every relation and output belongs to, and the masks that let personal
// data appear, partly hidden, where only aggregates may go.
//
// Which relation is which tier is declared once, in each model's SQL
// header (-- tier: public or -- tier: restricted; see pipeline/models), and
// recorded in the warehouse's audit.relation_tiers; export, the sql
// shell's listing, the data dictionary and the reports read it from there.
// This package holds what those readers share, and imports nothing of
// dropwatch, so reports (which never imports pipeline/) and pipeline/query
// both use it.
//
// The masks follow how Chinese public notices print people:
//
//	MaskName("张小明")            = "张*明"
//	MaskID("510104201503011234") = "510104********1234"
//	MaskPhone("13812345678")      = "138****5678"
//	MaskText("电话13812345678")   = "电话…"
package privacy

import (
	"fmt"
	"regexp"
	"strings"
)

// Tier says who may see a relation or an output.
type Tier string

// The tiers.
const (
	// Public relations hold aggregates, codes and the town's own settings,
	// nothing that names or identifies a person: they may reach leaders'
	// pages and leave the warehouse without --restricted.
	Public Tier = "public"
	// Restricted relations hold at least one personal value: a name, an
	// identity number, a birth date, a phone, or a cell as it arrived
	// (which may be any of those). They appear only in restricted/ pages
	// and leave the warehouse only with an explicit --restricted.
	Restricted Tier = "restricted"
)

// ParseTier reads a declared tier ("public" or "restricted", any case).
func ParseTier(s string) (Tier, error) {
	switch t := Tier(strings.ToLower(strings.TrimSpace(s))); t {
	case Public, Restricted:
		return t, nil
	}
	return "", fmt.Errorf("tier %q is neither public nor restricted", s)
}

// MaskName hides a person's given name except its last character, the way
// public notices print names: MaskName("张小明") = "张*明", MaskName("张三") =
// "张*", MaskName("欧阳小明") = "欧**明". A single character or an empty
// name comes back as "*" or "".
func MaskName(name string) string {
	r := []rune(strings.TrimSpace(name))
	switch len(r) {
	case 0:
		return ""
	case 1:
		return "*"
	case 2:
		return string(r[0]) + "*"
	}
	return string(r[0]) + strings.Repeat("*", len(r)-2) + string(r[len(r)-1])
}

// MaskID hides the middle of an identity number, keeping the first six
// digits (the county of registration) and the last four, as notices do:
// 510104********1234. Other document numbers, written type:number as the
// warehouse's child_key writes them, keep their type and last four
// characters.
func MaskID(key string) string {
	if i := strings.Index(key, ":"); i >= 0 {
		return key[:i+1] + maskTail(key[i+1:], 0)
	}
	return maskTail(key, 6)
}

// MaskPhone keeps a phone number's first three and last four digits:
// 138****5678. A number of seven digits or fewer is hidden whole.
func MaskPhone(phone string) string {
	return maskTail(strings.TrimSpace(phone), 3)
}

func maskTail(s string, head int) string {
	r := []rune(s)
	if len(r) <= head+4 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:head]) + strings.Repeat("*", len(r)-head-4) + string(r[len(r)-4:])
}

// longDigits finds runs of six or more digits (an X may end an identity
// number): identity numbers, phones, row numbers in free text.
var longDigits = regexp.MustCompile(`[0-9Xx]{6,}`)

// MaskText hides every run of six or more digits in free text (an identity
// number, a phone, any long number) behind "…", so text written by people
// (a quarantine reason, a data-quality message) can reach a public page.
// It cannot find names: free text that may name a person stays restricted
// unless its names are masked by the caller.
func MaskText(s string) string { return longDigits.ReplaceAllString(s, "…") }

// IDNumberLike matches an 18-character identity number standing alone;
// tests scan outputs with it.
var IDNumberLike = regexp.MustCompile(`(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9]|$)`)

// PhoneLike matches a mainland mobile number standing alone; tests scan
// outputs with it.
var PhoneLike = regexp.MustCompile(`(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)`)
