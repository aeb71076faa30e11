package reports

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"
)

// startWorkbook returns a new workbook with deterministic properties (the
// title, and times and description from the options) that compresses its
// parts at flate's best speed.
func startWorkbook(title string, opt Options) (*excelize.File, error) {
	f := excelize.NewFile()
	f.SetZipWriter(fastZip)
	stamp := opt.Generated.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "dropwatch", LastModifiedBy: "dropwatch",
		Created: stamp, Modified: stamp, Description: opt.TownName + " " + opt.RunID, Language: "zh-CN"}); err != nil {
		f.Close()
		return nil, fmt.Errorf("xlsx properties: %w", err)
	}
	return f, nil
}

// fastZip is the zip writer of every workbook: deflate at best speed. A
// run writes about 1,300 workbooks at county size; at the default level
// deflate was about an eighth of the reports' CPU time, and best speed
// cuts that CPU time by 5-7% while the workbooks grow by 14%
// (BenchmarkBuildWarehouse, docs/benchmarks.md).
func fastZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		fw, ok := fastFlate.Get().(*flate.Writer)
		if !ok {
			var err error
			if fw, err = flate.NewWriter(out, flate.BestSpeed); err != nil {
				return nil, err
			}
		} else {
			fw.Reset(out)
		}
		return &pooledFlate{fw}, nil
	})
	return zw
}

// fastFlate keeps flate writers between parts and workbooks: each holds
// about a megabyte of tables.
var fastFlate sync.Pool

// pooledFlate returns its writer to fastFlate when the part is closed.
type pooledFlate struct{ *flate.Writer }

func (p *pooledFlate) Close() error {
	err := p.Writer.Close()
	fastFlate.Put(p.Writer)
	p.Writer = nil
	return err
}
