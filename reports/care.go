package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// CareRegister is the latest term's 关爱台账 (mart.care_register): per
// school, the 留守, 孤儿, 残疾, 随迁 and 建档立卡 children with guardian,
// phone, head teacher and whether the early warning flags them. Named data:
// restricted tier only.
type CareRegister struct {
	// Term is nil when the register is empty.
	Term    *Term             `json:"term"`
	Total   int               `json:"total"`
	Schools []CareSchoolGroup `json:"schools"`
}

// CareSchoolGroup is one school's part of the register.
type CareSchoolGroup = SchoolGroup[CareChild]

// CareChild is one child of the register.
type CareChild struct {
	IDNumber      string   `json:"id_number"`
	Name          string   `json:"name"`
	Grade         string   `json:"grade"`
	Class         string   `json:"class_no"`
	Groups        []string `json:"groups"`
	HeadTeacher   string   `json:"head_teacher"`
	Guardian      string   `json:"guardian"`
	GuardianPhone string   `json:"guardian_phone"`
	// Flag is 高, 中 or 低 from the early warning, 未预警 outside grades 1-9.
	Flag    string `json:"flag"`
	Flagged bool   `json:"flagged"`
}

// LoadCareRegister reads the latest term's register by school, grade and
// class. It only reads.
func LoadCareRegister(ctx context.Context, db *sql.DB) (*CareRegister, error) {
	c := &CareRegister{Schools: []CareSchoolGroup{}}
	var y, t int
	err := db.QueryRowContext(ctx, `SELECT school_year, term FROM mart.care_register
		ORDER BY school_year DESC, term DESC LIMIT 1`).Scan(&y, &t)
	if err == sql.ErrNoRows {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("query care register term: %w", err)
	}
	term := NewTerm(y, t)
	c.Term = &term
	names, err := schoolNames(ctx, db)
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `
		SELECT school_code, coalesce(id_number, ''), coalesce(name, ''), coalesce(grade, ''), coalesce(class_no, ''),
		       left_behind_code, coalesce(orphan, false), coalesce(disability, ''), coalesce(migrant_child, false),
		       coalesce(poor_household, false), coalesce(head_teacher, ''), coalesce(guardian, ''),
		       coalesce(guardian_phone, ''), coalesce(tier, ''), coalesce(flagged, false)
		FROM mart.care_register WHERE school_year = ? AND term = ?
		ORDER BY school_code, grade, class_no, id_number`, y, t)
	if err != nil {
		return nil, fmt.Errorf("query care register: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, disability string
		var left int
		var orphan, migrant, poor bool
		var k CareChild
		if err := rows.Scan(&code, &k.IDNumber, &k.Name, &k.Grade, &k.Class, &left, &orphan, &disability, &migrant,
			&poor, &k.HeadTeacher, &k.Guardian, &k.GuardianPhone, &k.Flag, &k.Flagged); err != nil {
			return nil, fmt.Errorf("scan care register: %w", err)
		}
		k.Grade = gradeLabel(k.Grade)
		k.Groups = careGroups(left, orphan, disability, migrant, poor)
		if k.Flag == "" {
			k.Flag = "未预警"
		}
		c.Total++
		if n := len(c.Schools); n == 0 || c.Schools[n-1].Code != code {
			c.Schools = append(c.Schools, CareSchoolGroup{Code: code, Name: names[code]})
		}
		s := &c.Schools[len(c.Schools)-1]
		s.Children = append(s.Children, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read care register: %w", err)
	}
	return c, nil
}

// careGroups names the groups a child of the register is in.
func careGroups(left int, orphan bool, disability string, migrant, poor bool) []string {
	var g []string
	switch left {
	case 1:
		g = append(g, "单亲留守")
	case 2:
		g = append(g, "双亲留守")
	case 9:
		g = append(g, "留守")
	}
	if orphan {
		g = append(g, "孤儿")
	}
	if disability != "" {
		g = append(g, strings.TrimSuffix("残疾（"+disability+"）", "（）"))
	}
	if migrant {
		g = append(g, "随迁子女")
	}
	if poor {
		g = append(g, "建档立卡")
	}
	return g
}
