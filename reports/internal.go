package reports

// This is the one file that reads the warehouse's internal relations
// (core.*, staging.*), for figures the marts do not carry: the dropouts'
// gender and groups, children by age per village and enrolment by grade.
// Those relations may change without notice; every such query lives here so
// a change in them touches one file.

import (
	"context"
	"database/sql"
	"fmt"
)

// dropoutGroups counts the dropouts of year y by gender and by the groups
// the mechanism tracks, as the child's archive (mart.children) defines
// them: 留守 (is_left_behind: roster 单亲 or 双亲留守, or 留守 in the
// migration census), 随迁 (migrant child), 残疾 (disability census, else
// the roster) and 贫困 (poor household in H(Y)).
func dropoutGroups(ctx context.Context, db *sql.DB, y int) (gender, groups []Count, err error) {
	var male, female, other, left, migrant, disabled, poor int64
	err = db.QueryRowContext(ctx, `
		SELECT count(*) FILTER (WHERE c.gender = '男'),
		       count(*) FILTER (WHERE c.gender = '女'),
		       count(*) FILTER (WHERE c.gender IS NULL OR c.gender NOT IN ('男', '女')),
		       count(*) FILTER (WHERE coalesce(c.is_left_behind, false)),
		       count(*) FILTER (WHERE coalesce(c.migrant_child, false)),
		       count(*) FILTER (WHERE coalesce(c.disability, '') <> ''),
		       count(*) FILTER (WHERE coalesce(c.poor_household, false))
		FROM mart.dropouts d
		LEFT JOIN mart.children c
		  ON c.school_year = d.school_year AND c.id_number = d.id_number
		WHERE d.school_year = ?`, y).Scan(&male, &female, &other, &left, &migrant, &disabled, &poor)
	if err != nil {
		return nil, nil, fmt.Errorf("query dropout groups: %w", err)
	}
	gender = []Count{{"男", male}, {"女", female}}
	if other > 0 {
		gender = append(gender, Count{"未填", other})
	}
	groups = []Count{{"留守儿童", left}, {"随迁子女", migrant}, {"残疾儿童", disabled}, {"贫困家庭", poor}}
	return gender, groups, nil
}

// AgeCount is how many children of one age live in a village.
type AgeCount struct {
	Age int   `json:"age"`
	N   int64 `json:"n"`
}

// villageAges counts the children of the latest household extract (H(Y),
// core.population) per village and age(Y). It returns that year (0 when
// there is no extract).
func villageAges(ctx context.Context, db *sql.DB) (int, map[string][]AgeCount, error) {
	out := map[string][]AgeCount{}
	rows, err := db.QueryContext(ctx, `
		SELECT school_year, coalesce(village_code, ''), CAST(age AS INTEGER), count(*)
		FROM core.population
		WHERE school_year = (SELECT max(school_year) FROM core.population) AND age BETWEEN 0 AND 18
		GROUP BY ALL ORDER BY 2, 3`)
	if err != nil {
		return 0, nil, fmt.Errorf("query village ages: %w", err)
	}
	defer rows.Close()
	year := 0
	for rows.Next() {
		var code string
		var a AgeCount
		if err := rows.Scan(&year, &code, &a.Age, &a.N); err != nil {
			return 0, nil, fmt.Errorf("scan village ages: %w", err)
		}
		out[code] = append(out[code], a)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, fmt.Errorf("read village ages: %w", err)
	}
	return year, out, nil
}

// gradeCount is one school's 在读 pupils at one grade in one term.
type gradeCount struct {
	term  Term
	grade string
	n     int64
}

// schoolGrades counts 在读 pupils per school, term and grade from the
// roster snapshots in force (staging.roster), the source of
// mart.school_term_enrolment, so the grades add up to its 在读人数.
func schoolGrades(ctx context.Context, db *sql.DB) (map[string][]gradeCount, error) {
	out := map[string][]gradeCount{}
	rows, err := db.QueryContext(ctx, `
		SELECT school_code, school_year, term, coalesce(grade, ''), count(DISTINCT child_key)
		FROM staging.roster
		WHERE status = '在读'
		GROUP BY ALL ORDER BY ALL`)
	if err != nil {
		return nil, fmt.Errorf("query school grades: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		var y, t int
		var g gradeCount
		if err := rows.Scan(&code, &y, &t, &g.grade, &g.n); err != nil {
			return nil, fmt.Errorf("scan school grades: %w", err)
		}
		g.term = NewTerm(y, t)
		out[code] = append(out[code], g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read school grades: %w", err)
	}
	return out, nil
}
