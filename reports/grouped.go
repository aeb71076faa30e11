package reports

// YearGroup is one school year of a named list, its children grouped by
// school (the dropout list and the handoff misses share this shape).
type YearGroup[T any] struct {
	SchoolYear int              `json:"school_year"`
	YearLabel  string           `json:"year_label"`
	Total      int              `json:"total"`
	Schools    []SchoolGroup[T] `json:"schools"`
}

// SchoolGroup is one school's children of a year.
type SchoolGroup[T any] struct {
	Code     string `json:"school_code"`
	Name     string `json:"school_name"`
	Children []T    `json:"children"`
}

// addGrouped appends one child to years, which must be filled in order of
// year and school: a new year or school opens a new group.
func addGrouped[T any](years []YearGroup[T], y int, code, name string, child T) []YearGroup[T] {
	if n := len(years); n == 0 || years[n-1].SchoolYear != y {
		years = append(years, YearGroup[T]{SchoolYear: y, YearLabel: yearLabel(y)})
	}
	yr := &years[len(years)-1]
	yr.Total++
	if m := len(yr.Schools); m == 0 || yr.Schools[m-1].Code != code {
		yr.Schools = append(yr.Schools, SchoolGroup[T]{Code: code, Name: name})
	}
	s := &yr.Schools[len(yr.Schools)-1]
	s.Children = append(s.Children, child)
	return years
}
