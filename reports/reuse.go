package reports

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
)

// Workbooks whose inputs did not change are not rendered again: a site
// records, per workbook, a digest of everything its bytes depend on (the
// program, its path, the options it prints, the data it is made from) in
// DigestsFile at the site's root; a later Build given that site as
// Options.Previous hard-links (or, across file systems, copies) a
// workbook whose digest is the same instead of rendering it. Pages are
// always rendered: they are cheap, and their footers name the run.

// DigestsFile is the site's record of its workbooks' digests, at the root
// of the site (beside public/ and restricted/, so neither tier serves it),
// owner-only like the restricted tier.
const DigestsFile = "workbooks.json"

// digestVersion changes when what a digest covers or how it is computed
// changes, so no workbook is reused across the change.
const digestVersion = "workbook-digest-v1"

// digests is the content of DigestsFile.
type digests struct {
	Version string `json:"version"`
	// Workbooks by slash path, e.g. restricted/worklists/village-x.xlsx.
	Workbooks map[string]digest `json:"workbooks"`
}

// digest is one workbook's record.
type digest struct {
	Inputs string `json:"inputs"` // sha256 of what determines the bytes
	SHA256 string `json:"sha256"` // of the file's bytes
	Size   int64  `json:"size"`
}

// reuse is what a build knows of an earlier site: its root and digests.
type reuse struct {
	program string
	prevDir string
	prev    map[string]digest
}

// newReuse reads the digests of the site at opt.Previous. Without a
// program identity nothing is recorded or reused (a change of the program
// could not be told apart): it returns nil. A previous site without
// readable digests of this version is one to reuse nothing from.
func newReuse(opt Options) *reuse {
	if opt.Program == "" {
		return nil
	}
	r := &reuse{program: opt.Program, prevDir: opt.Previous}
	if opt.Previous == "" {
		return r
	}
	b, err := os.ReadFile(filepath.Join(opt.Previous, DigestsFile))
	if err != nil {
		return r
	}
	var d digests
	if json.Unmarshal(b, &d) == nil && d.Version == digestVersion {
		r.prev = d.Workbooks
	}
	return r
}

// inputs is the digest of the workbook at slash path rel made from
// inputs, each encoded as JSON (maps in key order; the fields a digest
// reads are every exported field, which TestWorkbookInputsAreAllExported
// holds the data types to). It is "" when an input cannot be encoded, so
// the workbook is rendered.
func (r *reuse) inputs(rel string, inputs []any) string {
	if len(inputs) == 0 {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\nprogram %q\nfile %q\n", digestVersion, r.program, rel)
	enc := json.NewEncoder(h)
	for _, in := range inputs {
		if err := enc.Encode(in); err != nil {
			return ""
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// errNotReusable says the earlier file is not the one its digest recorded.
var errNotReusable = errors.New("earlier workbook differs from its record")

// take puts the earlier site's copy of the workbook at the tier's name,
// when it is a regular file with the tier's mode and the recorded bytes:
// as a hard link (the published file is never written to: rendered files
// are always new files), or as a new file with the same bytes when the
// link fails.
func (r *reuse) take(t tier, name string, rec digest) error {
	src := filepath.Join(r.prevDir, filepath.FromSlash(path.Join(t.rel, name)))
	fi, err := os.Lstat(src)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() || fi.Mode().Perm() != t.fileMode || fi.Size() != rec.Size {
		return errNotReusable
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if sum := sha256.Sum256(b); !bytes.Equal(sum[:], mustHex(rec.SHA256)) {
		return errNotReusable
	}
	dst := filepath.Join(t.root, filepath.FromSlash(name))
	if os.Link(src, dst) == nil {
		return nil
	}
	if err := t.write(name, b); err != nil {
		os.Remove(dst)
		return err
	}
	return nil
}

// workbookOptions are the options a workbook prints: the town, the issuer
// and, in the workbooks with 印发日期 in their footer (dated), the day of
// issue, so those are made again on a new day. The run id and the time of
// the build in every workbook's properties are left out: a reused
// workbook's properties name the run that made it, which is when its
// content took its present form.
type workbookOptions struct {
	TownName, TownCode, Issuer string
	Issued                     string
}

// workbook returns the options a workbook's digest covers.
func (o Options) workbook(dated bool) workbookOptions {
	w := workbookOptions{TownName: o.TownName, TownCode: o.TownCode, Issuer: o.Issuer}
	if dated {
		w.Issued = issueDate(o.Generated)
	}
	return w
}

// mustHex decodes a hex digest; a malformed one decodes to nothing, which
// matches no file.
func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != sha256.Size {
		return nil
	}
	return b
}

// record returns what a rendered file's record holds.
func record(inputs string, b []byte) digest {
	sum := sha256.Sum256(b)
	return digest{Inputs: inputs, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(b))}
}

// write stores the digests of the workbooks in done at the site's root,
// owner-only.
func (r *reuse) write(dir string, done map[string]digest) error {
	b, err := json.MarshalIndent(digests{Version: digestVersion, Workbooks: done}, "", "\t")
	if err != nil {
		return fmt.Errorf("encode workbook digests: %w", err)
	}
	t := tier{root: dir, fileMode: restrictedFileMode}
	if err := t.write(DigestsFile, b); err != nil {
		return fmt.Errorf("write workbook digests: %w", err)
	}
	return nil
}
