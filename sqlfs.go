// Package dropwatch holds what the binary embeds from the repository root:
// the SQL models under sql/. The code lives in pipeline/, reports/,
// schedules/ and cmd/dropwatch/.
package dropwatch

import (
	"embed"
	"io/fs"
)

//go:embed sql
var embedded embed.FS

// SQL returns the model files (staging, marts, audit views and data tests)
// rooted at the sql/ directory.
func SQL() fs.FS {
	sub, err := fs.Sub(embedded, "sql")
	if err != nil {
		panic(err) // the directory is embedded at build time; cannot happen
	}
	return sub
}
