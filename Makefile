# dropwatch — see README.md. Every target works from a fresh clone.
GO      ?= go
TAGS    := duckdb_arrow
BIN     := bin/dropwatch
ECHARTS := reports/assets/dist/echarts.min.js
DEMO    ?= demo

.PHONY: all build demo test faults lint assets bench clean

all: build

# The ECharts script comes from the npm registry (version pinned in
# reports/assets/package-lock.json) and is embedded into the binary.
assets: $(ECHARTS)

$(ECHARTS): reports/assets/package.json reports/assets/package-lock.json
	cd reports/assets && npm ci --no-audit --no-fund --loglevel=error
	cp reports/assets/node_modules/echarts/dist/echarts.min.js $@

build: assets
	$(GO) build -tags $(TAGS) -o $(BIN) ./cmd/dropwatch

demo: build
	$(BIN) demo --dir $(DEMO)

test: assets
	$(GO) test -tags $(TAGS) -count=1 -timeout 30m ./...

# The fault tests at full strength (docs/reliability.md, "Fault tests"):
# 20 runs killed at random moments instead of make test's 5 (replay a
# logged sequence with DROPWATCH_FAULT_SEED=N), a disk filling up (needs
# root), 100 readers during publishes, a truncated warehouse restored,
# and the cases of issue 14 (docs/reliability.md, "Nothing lost, nothing
# leaked"): damaged blocks and backups, empty publishes, damaged and
# hostile inbox files, signals.
FAULT_KILLS ?= 20
FAULT_TESTS := ^(TestFault.*|TestRestore|TestCheckFindsTruncation|TestCheckAcceptsChangedButWhole|TestTempDirFullIsDiskFull|TestOtherErrorsAreNotDiskFull|TestBackupRefusesDamagedBlocks|TestRunExplainsDamagedBlock|TestRunExplainsOutOfMemory|TestEmptyRunNeverReplacesFullSite|TestRunsSharingOutFolderDoNotOverlap|TestPersonalFilesOwnerOnly|TestHistorySkipsHugeLines|TestDamagedXLSXRejectedWhole|TestFileRewrittenWhileReadIsReadAgain|TestFIFORejectedWithoutBlocking|TestInboxOddEntriesAreReported|TestSignalsEndAStuckRun)$$

faults: assets
	DROPWATCH_FAULT_KILLS=$(FAULT_KILLS) $(GO) test -tags $(TAGS) -count=1 -p 1 -v -timeout 30m -run '$(FAULT_TESTS)' ./pipeline/ ./pipeline/ingest/ ./cmd/dropwatch/

lint: assets
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...
	$(GO) mod tidy -diff

# BENCH_SIZES picks the demo-town sizes of the scale benchmarks:
# town (3,000 children), county (200,000), province (5,000,000).
# BenchmarkScale runs first, once per size: it generates the town, times
# each phase of one `dropwatch run` and DuckDB's bare read_csv floor, and
# prints the tables of docs/benchmarks.md. The other benchmarks follow.
# CI: make bench BENCH_SIZES=town
BENCH_SIZES ?= town,county

bench: assets
	DROPWATCH_BENCH_SIZES=$(BENCH_SIZES) $(GO) test -tags $(TAGS) -run '^$$' -bench '^BenchmarkScale$$' -benchtime 1x -timeout 180m ./cmd/dropwatch/
	DROPWATCH_BENCH_SIZES=$(BENCH_SIZES) $(GO) test -tags $(TAGS) -run '^$$' -bench . -skip '^BenchmarkScale$$' -benchmem -timeout 120m ./...

clean:
	rm -rf bin $(DEMO) reports/assets/node_modules $(ECHARTS) reports/testdata/artifacts
