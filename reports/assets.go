package reports

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
)

// staticFS holds the tier assets written next to every page. assets/dist
// holds echarts.min.js once `make assets` has copied it from the pinned npm
// package; its committed README.md keeps the embed pattern matching when the
// script is absent.
//
//go:embed assets/style.css assets/charts.js assets/dist
var staticFS embed.FS

// errNoChartScript is returned by Build when the ECharts build was not copied
// into assets/dist before compiling.
var errNoChartScript = errors.New("ECharts 脚本缺失（reports/assets/dist/echarts.min.js）：请先运行 make assets / missing chart script: run make assets")

// asset is one file of a tier's assets/ directory.
type asset struct {
	name string
	data []byte
}

// loadAssets returns from fsys (staticFS outside tests) the public tier's
// assets (with charts) and the restricted tier's (stylesheet only).
func loadAssets(fsys fs.FS) (public, restricted []asset, err error) {
	echarts, err := fs.ReadFile(fsys, "assets/dist/echarts.min.js")
	if err != nil || len(echarts) == 0 {
		return nil, nil, errNoChartScript
	}
	css, err := fs.ReadFile(fsys, "assets/style.css")
	if err != nil {
		return nil, nil, fmt.Errorf("read style.css: %w", err)
	}
	js, err := fs.ReadFile(fsys, "assets/charts.js")
	if err != nil {
		return nil, nil, fmt.Errorf("read charts.js: %w", err)
	}
	public = []asset{{"style.css", css}, {"charts.js", js}, {"echarts.min.js", echarts}}
	restricted = []asset{{"style.css", css}}
	return public, restricted, nil
}
