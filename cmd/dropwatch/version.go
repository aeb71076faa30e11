package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time: -ldflags "-X main.version=v1.2.3".
var version = ""

func versionCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", summaryOf("version"))
	if err := fs.Parse(args); err != nil {
		return err
	}
	v := version
	if v == "" {
		v = "devel"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	fmt.Fprintf(e.stdout, "dropwatch %s (%s, DuckDB %s)\n", v, runtime.Version(), duckdbVersion)
	return nil
}

// duckdbVersion is the engine bundled by the driver in go.mod.
const duckdbVersion = "1.5.6"
