package ingest

import (
	"database/sql/driver"
	"time"
)

// storedType is the SQL type a raw part keeps a column of type t in:
// dates, school years, terms, yes/no cells, the left-behind code and counts
// as values, everything else as text. DuckDB writes a date or a small
// integer in a fraction of the time a string takes (its string compression
// hashes and samples every value): a 1,000,000-row roster inserts about a
// quarter faster with its dates, years and terms typed (docs/benchmarks.md).
// A cell that did not parse is NULL in a typed column; raw.cell_errors
// keeps it as written.
func storedType(t Type) string {
	switch t {
	case Date:
		return "DATE"
	case SchoolYear:
		return "SMALLINT"
	case Term, LeftBehind, Month, Days:
		return "UTINYINT"
	case Bool:
		return "BOOLEAN"
	case Count:
		return "INTEGER"
	}
	return "VARCHAR"
}

// storedValue is a cell as the appender writes it to a column of type t.
func storedValue(t Type, c text) driver.Value {
	typ := storedType(t)
	switch {
	case typ == "VARCHAR":
		return c.value()
	case !c.ok:
		return nil
	}
	switch typ {
	case "DATE":
		return time.Unix(int64(c.num)*86400, 0).UTC()
	case "SMALLINT":
		return int16(c.num)
	case "BOOLEAN":
		return c.num != 0
	case "INTEGER":
		return c.num
	default:
		return uint8(c.num)
	}
}
