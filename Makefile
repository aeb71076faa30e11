# dropwatch — see README.md. Every target works from a fresh clone.
GO      ?= go
TAGS    := duckdb_arrow
BIN     := bin/dropwatch
ECHARTS := reports/assets/dist/echarts.min.js
DEMO    ?= demo

.PHONY: all build demo test lint assets bench clean

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

lint: assets
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...

# BENCH_SIZES picks the demo-town sizes of the scale benchmarks:
# town (3,000 children), county (200,000), province (5,000,000).
BENCH_SIZES ?= town,county

bench: assets
	DROPWATCH_BENCH_SIZES=$(BENCH_SIZES) $(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem -timeout 120m ./...

clean:
	rm -rf bin $(DEMO) reports/assets/node_modules $(ECHARTS) reports/testdata/artifacts
