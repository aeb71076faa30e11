package query_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"dropwatch/pipeline/engine"
	"dropwatch/pipeline/query"
	"dropwatch/privacy"
)

// personNames are the names of people the demo town's inputs carry, from
// the input columns that name a person (children, guardians, cadres,
// principals, head teachers, persuaders), leaving out any that is also part
// of a place's name (王家 in 王家村 is no leak).
const personNames = `
	WITH people AS (
	    SELECT name AS n FROM raw.household UNION SELECT guardian FROM raw.household
	    UNION SELECT village_cadre FROM raw.household UNION SELECT name FROM raw.roster
	    UNION SELECT head_teacher FROM raw.roster UNION SELECT town_cadre FROM raw.village
	    UNION SELECT principal FROM raw.school UNION SELECT persuader FROM raw.dropout),
	places AS (SELECT village_name AS place FROM raw.village UNION SELECT school_name FROM raw.school)
	SELECT DISTINCT n FROM people
	WHERE length(n) >= 2 AND NOT EXISTS (SELECT 1 FROM places WHERE contains(place, n))`

// The declared tiers hold on the data: every relation the build writes has
// one, and no relation declared public carries an identity number, a phone
// or a person's name in any column. A model declared public that holds
// personal data (the villages' directory with its cadres' phones, say)
// fails here, whatever its columns are called.
func TestPublicRelationsHoldNoPersonalData(t *testing.T) {
	ctx := context.Background()
	db, err := query.Open(demo(t), engine.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	names, err := query.All(ctx, db, personNames)
	if err != nil {
		t.Fatal(err)
	}
	if len(names.Rows) < 100 {
		t.Fatalf("only %d names of people in the demo town", len(names.Rows))
	}
	isName := map[string]bool{}
	for _, r := range names.Rows {
		isName[query.Text(r[0])] = true
	}
	rels, err := query.Relations(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	public := 0
	for _, r := range rels {
		if r.Schema == "raw" {
			if r.Tier != privacy.Restricted {
				t.Errorf("%s: tier %q, raw cells are restricted", r.FullName(), r.Tier)
			}
			continue
		}
		if !slices.Contains([]privacy.Tier{privacy.Public, privacy.Restricted}, r.Tier) {
			t.Errorf("%s has no declared tier", r.FullName())
		}
		if r.Tier != privacy.Public {
			continue
		}
		public++
		checkNoPersonal(t, ctx, db, r, isName)
	}
	if public < 10 {
		t.Errorf("only %d public relations", public)
	}
}

func checkNoPersonal(t *testing.T, ctx context.Context, db *sql.DB, r query.Relation, isName map[string]bool) {
	t.Helper()
	res, err := query.All(ctx, db, "SELECT * FROM "+r.FullName())
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range res.Rows {
		for i, v := range row {
			if _, ok := v.(float64); ok { // 0.015151515151515152 is a rate, not an identity number
				continue
			}
			s := query.Text(v)
			if privacy.IDNumberLike.MatchString(s) || privacy.PhoneLike.MatchString(s) || isName[strings.TrimSpace(s)] {
				t.Errorf("%s is declared public but its column %s holds %q", r.FullName(), r.Columns[i].Name, s)
				return
			}
		}
	}
}
