package ingest

import (
	"errors"
	"fmt"
	"strings"
)

// RejectError says why a whole file was rejected: it cannot be read, has
// no recognisable header, or lacks a required column. Nothing of the file
// is loaded. Message is Chinese and says how to fix the file.
type RejectError struct {
	Message string
}

func (e *RejectError) Error() string { return e.Message }

func reject(format string, args ...any) *RejectError {
	return &RejectError{Message: fmt.Sprintf(format, args...)}
}

// IsReject reports whether err rejects a file (as opposed to a failure of
// the warehouse, which stops the run).
func IsReject(err error) bool {
	var r *RejectError
	return errors.As(err, &r)
}

func errNoHeader() *RejectError {
	return reject("找不到可识别的表头：第一行非空行应是村居名录、学校名录、学籍名册、户籍人口、流动人口子女、辍学登记、残疾儿童少年、初中毕业生去向或小升初交接的列名；请检查是否选错了文件或工作表")
}

func errAmbiguous(a, b *Kind) *RejectError {
	return reject("无法判断文件种类：表头既像「%s」又像「%s」；请按数据规范使用完整的列名", a.Title, b.Title)
}

func errMissing(k *Kind, cols []string) *RejectError {
	return reject("「%s」缺少必填列「%s」：请在源文件中补上该列（列名须与规范一致）后重新导出", k.Title, strings.Join(cols, "」「"))
}

func errDuplicateHeader(header string, a, b int) *RejectError {
	return reject("表头「%s」出现了两次（第%d列和第%d列）：请删除或改名其中一列", header, a+1, b+1)
}

func errEmptyFile() *RejectError {
	return reject("文件是空的，没有任何数据：请确认导出成功后重新放入")
}

func errFormat(ext string) *RejectError {
	return reject("不支持的文件格式「%s」：请提供 .xlsx、.xls 或 .csv 文件", ext)
}

func errRead(err error) *RejectError {
	return reject("文件无法读取：%v；请重新导出或另存后再放入", err)
}
