package reports

import (
	"context"
	"database/sql"
	"fmt"
)

// HandoffList names the primary→junior handoff misses
// (mart.handoff_status): every child with a step 逾期 or 逾期未办, by
// graduating year (newest first) and primary school. Restricted tier only.
type HandoffList struct {
	Years []HandoffYear `json:"years"`
}

// HandoffYear is one graduating year's misses.
type HandoffYear = YearGroup[HandoffMiss]

// HandoffSchool is one primary school's misses of a year.
type HandoffSchool = SchoolGroup[HandoffMiss]

// HandoffMiss is one child and the three handoff steps.
type HandoffMiss struct {
	IDNumber     string `json:"id_number"`
	Name         string `json:"name"`
	JuniorSchool string `json:"junior_school_code"`
	// HasRow is false when nobody handed the child off at all.
	HasRow   bool        `json:"has_handoff_row"`
	File     HandoffStep `json:"file"`
	ToSchool HandoffStep `json:"notice_to_school"`
	ToParent HandoffStep `json:"notice_to_parent"`
}

// HandoffStep is one deadline: when it was done, when it was due, status.
type HandoffStep struct {
	Date   string `json:"date"`
	Due    string `json:"due"`
	Status string `json:"status"`
}

// Late is true for 逾期 and 逾期未办.
func (s HandoffStep) Late() bool { return s.Status == "逾期" || s.Status == "逾期未办" }

// LoadHandoffList reads the misses. It only reads.
func LoadHandoffList(ctx context.Context, db *sql.DB) (*HandoffList, error) {
	names, err := schoolNames(ctx, db)
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `
		SELECT school_year, coalesce(primary_school_code, ''), coalesce(id_number, ''), coalesce(name, ''),
		       coalesce(junior_school_code, ''), coalesce(has_handoff_row, false),
		       file_sent_date, file_due, coalesce(file_status, ''),
		       notice_to_school_date, notice_to_school_due, coalesce(notice_to_school_status, ''),
		       notice_to_parent_date, notice_to_parent_due, coalesce(notice_to_parent_status, '')
		FROM mart.handoff_status
		WHERE school_year IS NOT NULL
		  AND (file_status IN ('逾期', '逾期未办') OR notice_to_school_status IN ('逾期', '逾期未办')
		       OR notice_to_parent_status IN ('逾期', '逾期未办'))
		ORDER BY school_year DESC, primary_school_code, has_handoff_row, id_number`)
	if err != nil {
		return nil, fmt.Errorf("query handoff: %w", err)
	}
	defer rows.Close()
	l := &HandoffList{Years: []HandoffYear{}}
	for rows.Next() {
		var y int
		var code string
		var m HandoffMiss
		var fd, fdue, sd, sdue, pd, pdue sql.NullTime
		if err := rows.Scan(&y, &code, &m.IDNumber, &m.Name, &m.JuniorSchool, &m.HasRow,
			&fd, &fdue, &m.File.Status, &sd, &sdue, &m.ToSchool.Status, &pd, &pdue, &m.ToParent.Status); err != nil {
			return nil, fmt.Errorf("scan handoff: %w", err)
		}
		m.File.Date, m.File.Due = dateText(fd), dateText(fdue)
		m.ToSchool.Date, m.ToSchool.Due = dateText(sd), dateText(sdue)
		m.ToParent.Date, m.ToParent.Due = dateText(pd), dateText(pdue)
		l.Years = addGrouped(l.Years, y, code, names[code], m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read handoff: %w", err)
	}
	return l, nil
}
