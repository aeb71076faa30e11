package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// seal is what a publish records beside the warehouse, in <warehouse>.seal:
// the size the file had when dropwatch put it in place. A published file is
// never written again, so a different size means something truncated or
// rewrote it. The seal holds no checksum: hashing a multi-gigabyte file
// at every run start would cost more than the run's copy of it, and DuckDB
// checks each block's own checksum whenever it reads the block (see Check).
type seal struct {
	Size   int64     `json:"size"`
	Run    string    `json:"run"`    // the run (or "restore") that published the file
	Sealed time.Time `json:"sealed"` // when
	// Inputs is the fingerprint of what the run built from (Run.inputs);
	// empty after a restore, so the next run rebuilds.
	Inputs string `json:"inputs,omitempty"`
}

// SealPath is where the seal of a published warehouse lives.
func SealPath(warehouse string) string { return warehouse + ".seal" }

// writeSeal records the published file's size. It is written beside its
// final name and renamed into place, so a seal is whole or absent.
func writeSeal(warehouse, run, inputs string, now time.Time) error {
	st, err := os.Stat(warehouse)
	if err != nil {
		return fmt.Errorf("seal warehouse: %w", err)
	}
	b, err := json.Marshal(seal{Size: st.Size(), Run: run, Sealed: now, Inputs: inputs})
	if err != nil {
		return fmt.Errorf("encode seal: %w", err)
	}
	path := SealPath(warehouse)
	tmp := path + ".tmp"
	if err := writeSynced(tmp, b); err != nil {
		removeIfExists(tmp)
		return fmt.Errorf("write seal: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		removeIfExists(tmp)
		return fmt.Errorf("finish seal: %w", err)
	}
	return syncDir(filepath.Dir(warehouse))
}

// readSeal returns the seal of a published warehouse, or nil when it has
// none (published before seals existed, or in the middle of a publish).
func readSeal(warehouse string) (*seal, error) {
	b, err := os.ReadFile(SealPath(warehouse))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read seal: %w", err)
	}
	var s seal
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("read seal %s: %w", SealPath(warehouse), err)
	}
	return &s, nil
}

// dropSeal removes the seal before the published file is replaced, and
// makes the removal durable first: a seal that exists always describes
// the file in place, whenever a run is killed or the power fails.
func dropSeal(warehouse string) error {
	if err := removeIfExists(SealPath(warehouse)); err != nil {
		return fmt.Errorf("remove seal: %w", err)
	}
	return syncDir(filepath.Dir(warehouse))
}

func writeSynced(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, ownerOnly)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
