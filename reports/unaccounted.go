package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// UnaccountedList is the latest term's 应入学未入学 list
// (mart.unaccounted_children) grouped by village: named data for the
// restricted tier, which cadres print and take on their visits.
type UnaccountedList struct {
	// Term is nil when no list was produced.
	Term     *Term                `json:"term"`
	Total    int                  `json:"total"`
	Villages []UnaccountedVillage `json:"villages"`
}

// UnaccountedVillage is one village's part of the list.
type UnaccountedVillage struct {
	Code      string             `json:"village_code"`
	Name      string             `json:"village_name"`
	TownCadre string             `json:"town_cadre"`
	Children  []UnaccountedChild `json:"children"`
}

// UnaccountedChild is one listed child with the people answerable.
type UnaccountedChild struct {
	IDNumber      string `json:"id_number"`
	Name          string `json:"name"`
	Gender        string `json:"gender"`
	BirthDate     string `json:"birth_date"`
	Age           int    `json:"age"`
	GroupNo       string `json:"group_no"`
	Reason        string `json:"reason"`
	VillageCadre  string `json:"village_cadre"`
	Guardian      string `json:"guardian"`
	GuardianPhone string `json:"guardian_phone"`
	TermsOnList   int    `json:"terms_on_list"`
}

const dateLayout = "2006-01-02"

func dateText(t sql.NullTime) string {
	if !t.Valid {
		return ""
	}
	return t.Time.Format(dateLayout)
}

// LoadUnaccountedList reads the latest term's list, by village code, group
// and identity number. It only reads.
func LoadUnaccountedList(ctx context.Context, db *sql.DB) (*UnaccountedList, error) {
	l := &UnaccountedList{Villages: []UnaccountedVillage{}}
	var y, t sql.NullInt64
	err := db.QueryRowContext(ctx, `
		SELECT school_year, term FROM mart.unaccounted_children
		WHERE school_year IS NOT NULL AND term IS NOT NULL
		ORDER BY school_year DESC, term DESC LIMIT 1`).Scan(&y, &t)
	if err == sql.ErrNoRows {
		return l, nil
	}
	if err != nil {
		return nil, fmt.Errorf("query latest list term: %w", err)
	}
	term := NewTerm(int(y.Int64), int(t.Int64))
	l.Term = &term
	rows, err := db.QueryContext(ctx, `
		SELECT coalesce(village_code, ''), coalesce(village_name, ''), coalesce(town_cadre, ''),
		       coalesce(id_number, ''), coalesce(name, ''), coalesce(gender, ''), birth_date, coalesce(age, 0),
		       coalesce(group_no, ''), coalesce(reason, ''), coalesce(village_cadre, ''), coalesce(guardian, ''),
		       coalesce(guardian_phone, ''), coalesce(terms_on_list, 0)
		FROM mart.unaccounted_children
		WHERE school_year = ? AND term = ?
		ORDER BY village_code, try_cast(group_no AS INTEGER), group_no, id_number`, term.SchoolYear, term.Term)
	if err != nil {
		return nil, fmt.Errorf("query list: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, name, cadre string
		var c UnaccountedChild
		var birth sql.NullTime
		if err := rows.Scan(&code, &name, &cadre, &c.IDNumber, &c.Name, &c.Gender, &birth, &c.Age, &c.GroupNo,
			&c.Reason, &c.VillageCadre, &c.Guardian, &c.GuardianPhone, &c.TermsOnList); err != nil {
			return nil, fmt.Errorf("scan list: %w", err)
		}
		c.BirthDate = dateText(birth)
		n := len(l.Villages)
		if n == 0 || l.Villages[n-1].Code != code {
			l.Villages = append(l.Villages, UnaccountedVillage{Code: code, Name: name, TownCadre: cadre})
			n++
		}
		l.Villages[n-1].Children = append(l.Villages[n-1].Children, c)
		l.Total++
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read list: %w", err)
	}
	return l, nil
}
