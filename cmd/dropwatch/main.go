// Command dropwatch runs a town's 控辍保学 monitoring: it loads the files the
// office receives into a DuckDB warehouse, builds the indicators and
// publishes offline HTML reports. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // Asia/Shanghai even on servers without a zone database
)

func main() {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, stop := watchSignals(context.Background(), sigs, stopTimeout(os.Args[1:]), os.Stderr, os.Exit)
	code := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
