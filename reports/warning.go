package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// WarningList is the latest term's early-warning list (mart.early_warning):
// the pupils at tier 高 or 中 with each signal in words, grouped by school
// and class for the head teachers (教师包班) and by village for the cadres
// (包村干部). Named data: restricted tier only.
type WarningList struct {
	// Term is nil when the warehouse has no early warning.
	Term     *Term            `json:"term"`
	High     int              `json:"high"`
	Medium   int              `json:"medium"`
	Schools  []WarningSchool  `json:"schools"`
	Villages []WarningVillage `json:"villages"`
}

// WarningSchool is one school's flagged pupils, class by class.
type WarningSchool struct {
	Code    string         `json:"school_code"`
	Name    string         `json:"school_name"`
	Classes []WarningClass `json:"classes"`
}

// WarningClass is one class of a school with its head teacher.
type WarningClass struct {
	Grade       string         `json:"grade"`
	Class       string         `json:"class_no"`
	HeadTeacher string         `json:"head_teacher"`
	Pupils      []WarningPupil `json:"pupils"`
}

// WarningVillage is one village's flagged pupils, for its cadre.
type WarningVillage struct {
	Code      string         `json:"village_code"`
	Name      string         `json:"village_name"`
	TownCadre string         `json:"town_cadre"`
	Pupils    []WarningPupil `json:"pupils"`
}

// WarningPupil is one flagged pupil and why.
type WarningPupil struct {
	IDNumber      string   `json:"id_number"`
	Name          string   `json:"name"`
	School        string   `json:"school_name"`
	Grade         string   `json:"grade"`
	Class         string   `json:"class_no"`
	HeadTeacher   string   `json:"head_teacher"`
	Tier          string   `json:"tier"`
	Score         int      `json:"score"`
	Signals       []string `json:"signals"`
	NoAttendance  bool     `json:"no_attendance"`
	Guardian      string   `json:"guardian"`
	GuardianPhone string   `json:"guardian_phone"`
}

// warningRules are the cut-offs the signals are worded with.
type warningRules struct {
	chronic, rising float64
}

// LoadWarningList reads the latest term's 高 and 中 pupils, 高 first within
// each class. It only reads.
func LoadWarningList(ctx context.Context, db *sql.DB) (*WarningList, error) {
	l := &WarningList{Schools: []WarningSchool{}, Villages: []WarningVillage{}}
	term, err := latestWarningTerm(ctx, db)
	if err != nil || term == nil {
		return l, err
	}
	l.Term = term
	var rules warningRules
	if err := db.QueryRowContext(ctx, `SELECT chronic_absence_share::DOUBLE, rising_absence_share::DOUBLE
		FROM config.early_warning`).Scan(&rules.chronic, &rules.rising); err != nil {
		return nil, fmt.Errorf("query early-warning rules: %w", err)
	}
	names, err := schoolNames(ctx, db)
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `
		SELECT school_code, grade::VARCHAR, coalesce(class_no, ''), coalesce(head_teacher, ''),
		       coalesce(id_number, ''), coalesce(name, ''), tier, score, attendance_reported,
		       coalesce(guardian, ''), coalesce(guardian_phone, ''),
		       coalesce(village_code, ''), coalesce(village_name, ''), coalesce(town_cadre, ''),
		       coalesce(chronic_absence, false), coalesce(absence_rising, false), returned_dropout,
		       over_age, coalesce(repeated_grade, false), left_behind, coalesce(poor_household, false),
		       disabled, coalesce(moved_school, false), days_required, days_unexcused, latest_month,
		       latest_days_required, latest_days_unexcused, years_over_age, left_behind_code,
		       coalesce(disability, ''), coalesce(previous_school_code, '')
		FROM mart.early_warning
		WHERE school_year = ? AND term = ? AND tier IN ('高', '中')
		ORDER BY school_code, grade, class_no, tier DESC, score DESC, id_number`, term.SchoolYear, term.Term)
	if err != nil {
		return nil, fmt.Errorf("query early warning: %w", err)
	}
	defer rows.Close()
	villages := map[string]int{}
	for rows.Next() {
		var school, village, villageName, cadre string
		p, err := scanWarningPupil(rows, rules, names, &school, &village, &villageName, &cadre)
		if err != nil {
			return nil, err
		}
		if p.Tier == "高" {
			l.High++
		} else {
			l.Medium++
		}
		l.addToSchool(school, names[school], p)
		i, ok := villages[village]
		if !ok {
			if villageName == "" {
				villageName = "户籍不在本镇或不详"
			}
			i = len(l.Villages)
			villages[village] = i
			l.Villages = append(l.Villages, WarningVillage{Code: village, Name: villageName, TownCadre: cadre})
		}
		l.Villages[i].Pupils = append(l.Villages[i].Pupils, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read early warning: %w", err)
	}
	return l, nil
}

func (l *WarningList) addToSchool(code, name string, p WarningPupil) {
	if n := len(l.Schools); n == 0 || l.Schools[n-1].Code != code {
		l.Schools = append(l.Schools, WarningSchool{Code: code, Name: name})
	}
	s := &l.Schools[len(l.Schools)-1]
	if n := len(s.Classes); n == 0 || s.Classes[n-1].Grade != p.Grade || s.Classes[n-1].Class != p.Class {
		s.Classes = append(s.Classes, WarningClass{Grade: p.Grade, Class: p.Class, HeadTeacher: p.HeadTeacher})
	}
	c := &s.Classes[len(s.Classes)-1]
	c.Pupils = append(c.Pupils, p)
}

func latestWarningTerm(ctx context.Context, db *sql.DB) (*Term, error) {
	var y, t int
	err := db.QueryRowContext(ctx, `SELECT school_year, term FROM mart.early_warning
		ORDER BY school_year DESC, term DESC LIMIT 1`).Scan(&y, &t)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("query early-warning term: %w", err)
	}
	term := NewTerm(y, t)
	return &term, nil
}

func scanWarningPupil(rows *sql.Rows, r warningRules, names map[string]string, school, village, villageName, cadre *string) (WarningPupil, error) {
	var p WarningPupil
	var reported bool
	var s warningSignals
	if err := rows.Scan(school, &p.Grade, &p.Class, &p.HeadTeacher, &p.IDNumber, &p.Name, &p.Tier, &p.Score, &reported,
		&p.Guardian, &p.GuardianPhone, village, villageName, cadre,
		&s.chronic, &s.rising, &s.returned, &s.overAge, &s.repeated, &s.leftBehind, &s.poor, &s.disabled, &s.moved,
		&s.daysRequired, &s.daysUnexcused, &s.latestMonth, &s.latestRequired, &s.latestUnexcused,
		&s.yearsOver, &s.leftCode, &s.disability, &s.previousSchool); err != nil {
		return p, fmt.Errorf("scan early warning: %w", err)
	}
	p.School = names[*school]
	p.Grade = gradeLabel(p.Grade)
	p.NoAttendance = !reported
	p.Signals = s.words(r, names)
	return p, nil
}

// warningSignals are the signal columns of one mart.early_warning row.
type warningSignals struct {
	chronic, rising, returned, overAge, repeated, leftBehind, poor, disabled, moved bool
	daysRequired, daysUnexcused, latestMonth, latestRequired, latestUnexcused       sql.NullInt64
	yearsOver, leftCode                                                             int
	disability, previousSchool                                                      string
}

// words says each signal that holds in plain words a head teacher reads
// aloud on a home visit, e.g. 本学期无故缺勤 12%（≥10%）.
func (s warningSignals) words(r warningRules, names map[string]string) []string {
	var out []string
	if s.chronic {
		out = append(out, fmt.Sprintf("本学期无故缺勤 %s（≥%s）",
			share(s.daysUnexcused.Int64, s.daysRequired.Int64), percent(r.chronic)))
	}
	if s.rising {
		out = append(out, fmt.Sprintf("%d月无故缺勤 %s（≥%s）", s.latestMonth.Int64,
			share(s.latestUnexcused.Int64, s.latestRequired.Int64), percent(r.rising)))
	}
	if s.returned {
		out = append(out, "曾辍学返校")
	}
	if s.overAge {
		out = append(out, fmt.Sprintf("超龄%d岁", s.yearsOver))
	}
	if s.repeated {
		out = append(out, "重读本年级")
	}
	if s.leftBehind {
		out = append(out, map[int]string{1: "单亲外出留守", 2: "双亲外出留守"}[s.leftCode])
		if s.leftCode == 9 {
			out[len(out)-1] = "留守（流动人口普查）"
		}
	}
	if s.poor {
		out = append(out, "建档立卡贫困户")
	}
	if s.disabled {
		out = append(out, strings.TrimSuffix("残疾（"+s.disability+"）", "（）"))
	}
	if s.moved {
		from := names[s.previousSchool]
		if from == "" {
			from = s.previousSchool
		}
		out = append(out, "本学期转学（原"+from+"）")
	}
	return out
}

// share is n/d as a whole percent, e.g. 12%.
func share(n, d int64) string {
	if d == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(d))
}

// percent renders a configured share (0.10) as 10%.
func percent(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", 100*f), "0"), ".") + "%"
}
