package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Limits on one input file, checked before its rows are read. A small
// .xlsx can inflate to gigabytes (a "zip bomb") and one cell can hold
// hundreds of megabytes; either would take the run's memory or disk. Real
// files are far below them: a 100,000-row roster is about 6 MB as .xlsx
// and 110 MB inflated, and no name, address or note needs 8 KB.
const (
	maxXLSXFile  = 256 << 20 // bytes of the .xlsx file itself
	maxXLSXPart  = 256 << 20 // inflated bytes of one part (a sheet, the shared strings)
	maxXLSXTotal = 1 << 30   // inflated bytes of all parts together
	maxCellBytes = 8 << 10   // bytes of one cell's text (UTF-8: about 2,700 汉字)
	// maxXMLRun bounds the bytes between two '<' of a part, so the XML
	// decoder never buffers one giant cell before maxCellBytes can be
	// checked.
	maxXMLRun = 64 << 10
)

// readAllLimited reads the whole file into memory, rejecting one larger
// than limit.
func readAllLimited(f *os.File, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(fileReader(f), limit+1))
	if err != nil {
		return nil, errRead(err)
	}
	if int64(len(b)) > limit {
		return nil, reject("文件超过 %s，超出单个 .xlsx 文件的上限：请按学校或年级拆成几个文件再放入", sizeText(uint64(limit)))
	}
	return b, nil
}

// checkXLSX checks a workbook's parts before excelize reads it: no part
// inflates beyond maxXLSXPart nor all beyond maxXLSXTotal (the sizes in
// the zip directory, which archive/zip holds every part to), and every
// sheet and the shared strings are well-formed XML (checkPart). excelize
// drops the XML decoder's errors, so a damaged sheet would otherwise load
// the rows before the damage and lose the rest without a word.
func checkXLSX(b []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return errWorkbook(".xlsx", err)
	}
	var total uint64
	hasStrings := false
	for _, zf := range zr.File {
		if zf.UncompressedSize64 > maxXLSXPart {
			return reject("工作簿中的部件 %s 解压后有 %s，超过每个部件 %s 的上限（可能是恶意构造的压缩包）：文件未装载；请用 Excel 或 WPS 打开后另存为 .xlsx，或拆成几个文件再放入",
				zf.Name, sizeText(zf.UncompressedSize64), sizeText(maxXLSXPart))
		}
		total += zf.UncompressedSize64
		hasStrings = hasStrings || partName(zf) == "xl/sharedstrings.xml"
	}
	if total > maxXLSXTotal {
		return reject("工作簿解压后共有 %s，超过 %s 的上限（可能是恶意构造的压缩包）：文件未装载；请拆成几个文件再放入",
			sizeText(total), sizeText(maxXLSXTotal))
	}
	needStrings := false
	for _, zf := range zr.File {
		name := partName(zf)
		if name != "xl/sharedstrings.xml" && !(strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml")) {
			continue
		}
		uses, err := checkPart(zf)
		if err != nil {
			return err
		}
		needStrings = needStrings || uses
	}
	if needStrings && !hasStrings {
		return reject("工作簿缺少共享字符串部件（xl/sharedStrings.xml），文字单元格无法读出（常见于其他程序生成或被改坏的文件）：文件未装载；请用 Excel 或 WPS 打开后另存为 .xlsx 再放入")
	}
	return nil
}

func partName(zf *zip.File) string { return strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/")) }

// checkPart reads one XML part strictly: well-formed, valid UTF-8, no
// control characters, no DTD and no entity but XML's own five (so an
// entity expansion attack expands nothing), no text longer than
// maxCellBytes, no formula cell without its cached value. It reports
// whether a cell refers to the shared strings.
func checkPart(zf *zip.File) (usesStrings bool, err error) {
	rc, err := zf.Open()
	if err != nil {
		return false, errPart(zf.Name, "", err)
	}
	defer rc.Close()
	d := xml.NewDecoder(&runLimit{r: rc})
	var cell string // the r of the cell being read
	var formula, value bool
	var open []string // elements open: RawToken does not match end tags itself
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if len(open) > 0 {
				return false, errPart(zf.Name, cell, fmt.Errorf("<%s> 没有结束 / unexpected end of part", open[len(open)-1]))
			}
			return usesStrings, nil
		}
		if errors.Is(err, errLongRun) {
			return false, errLongCell(zf.Name, cell, maxXMLRun)
		}
		if err != nil {
			return false, errPart(zf.Name, cell, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, t.Name.Local)
			switch t.Name.Local {
			case "c":
				cell, formula, value = attr(t, "r"), false, false
				usesStrings = usesStrings || attr(t, "t") == "s"
			case "f":
				formula = true
			case "v", "is":
				value = true
			}
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != t.Name.Local {
				return false, errPart(zf.Name, cell, fmt.Errorf("结束标签 </%s> 与开始标签不匹配 / mismatched end tag", t.Name.Local))
			}
			open = open[:len(open)-1]
			if t.Name.Local == "c" && formula && !value {
				return false, reject("单元格 %s 是公式，但文件中没有保存它的计算结果（常见于程序生成的文件），读出来会是空值：文件未装载；请用 Excel 或 WPS 打开、保存后再放入", cell)
			}
		case xml.CharData:
			if len(t) > maxCellBytes {
				return false, errLongCell(zf.Name, cell, len(t))
			}
		case xml.Directive:
			return false, reject("工作簿部件 %s 含有 DTD 或实体声明（<!%.20s…>），Excel 不会写这种内容（可能是恶意构造的文件）：文件未装载；请用 Excel 或 WPS 打开后另存为 .xlsx 再放入", zf.Name, t)
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func errPart(part, cell string, err error) *RejectError {
	where := part
	if cell != "" {
		where += "，单元格 " + cell + " 附近"
	}
	return reject("工作簿已损坏（%s）：%v；这样的文件只能读出损坏处之前的行，因此整个文件未装载。请用 Excel 或 WPS 打开后另存为 .xlsx，或重新导出后再放入", where, err)
}

func errLongCell(part, cell string, n int) *RejectError {
	where := part
	if cell != "" {
		where = "单元格 " + cell
	}
	return reject("%s 的内容超过 %d 字节，超出每个单元格 %d 字节的上限（姓名、地址、备注用不了这么长）：文件未装载；请删去多余内容后再放入", where, n, maxCellBytes)
}

var errLongRun = errors.New("text run too long")

// runLimit fails a read once more than maxXMLRun bytes pass without a '<'.
type runLimit struct {
	r   io.Reader
	run int
}

func (l *runLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	b := p[:n]
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			l.run += len(b)
			break
		}
		if l.run+i > maxXMLRun {
			return n, errLongRun
		}
		l.run, b = 0, b[i+1:]
	}
	if l.run > maxXMLRun {
		return n, errLongRun
	}
	return n, err
}

// sizeText writes a byte count for a clerk: 4.0 GB, 512 MB, 8 KB.
func sizeText(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
}
