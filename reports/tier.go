package reports

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
)

// tier is one self-contained directory of the site (public or restricted)
// with the permissions its files get.
type tier struct {
	root     string // directory on disk
	rel      string // its slash path relative to the site dir
	dirMode  os.FileMode
	fileMode os.FileMode
	q        *queue // the site's files, written by queue.run
}

// create makes the tier's directory and assets/ (both must not exist yet:
// the site dir is an empty staging directory) and writes the assets.
func (t tier) create(assets []asset) error {
	for _, d := range []string{t.root, filepath.Join(t.root, "assets")} {
		if err := os.Mkdir(d, t.dirMode); err != nil {
			return fmt.Errorf("create dir: %w", err)
		}
		// Mkdir's mode is filtered by the umask; set it exactly.
		if err := os.Chmod(d, t.dirMode); err != nil {
			return fmt.Errorf("chmod dir: %w", err)
		}
	}
	for _, a := range assets {
		if err := t.write(path.Join("assets", a.name), a.data); err != nil {
			return err
		}
	}
	return nil
}

// write stores data at the slash path name inside the tier with the tier's
// file mode.
func (t tier) write(name string, data []byte) error {
	p := filepath.Join(t.root, filepath.FromSlash(name))
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, t.fileMode)
	if err != nil {
		return fmt.Errorf("create file: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", name, err)
	}
	if err := os.Chmod(p, t.fileMode); err != nil {
		return fmt.Errorf("chmod %s: %w", name, err)
	}
	return nil
}

// mkdir creates a subdirectory of the tier with the tier's mode.
func (t tier) mkdir(name string) error {
	p := filepath.Join(t.root, filepath.FromSlash(name))
	if err := os.Mkdir(p, t.dirMode); err != nil {
		return fmt.Errorf("create dir: %w", err)
	}
	if err := os.Chmod(p, t.dirMode); err != nil {
		return fmt.Errorf("chmod dir: %w", err)
	}
	return nil
}

// page queues the named template rendered with data as the tier's file
// name. data must not change until the queue has run.
func (t tier) page(name, tmpl string, data any) {
	t.q.add(job{t: t, name: name, make: func() ([]byte, error) {
		b, err := render(tmpl, data)
		if err != nil {
			return nil, fmt.Errorf("render %s: %w", name, err)
		}
		return b, nil
	}})
}

// workbook queues the .xlsx file make returns as the tier's file name.
// inputs are everything make's bytes depend on (the data, the options it
// prints: workbookOptions): an earlier site's file made from the same
// inputs is reused instead (reuse.go). Without inputs it is always made.
func (t tier) workbook(name string, make func() ([]byte, error), inputs ...any) {
	t.q.add(job{t: t, name: name, workbook: true, inputs: inputs, make: make})
}
