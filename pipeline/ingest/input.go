package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"syscall"
	"time"
)

// openInput opens an inbox file once for everything the loader does with
// it. It opens without blocking (a pipe swapped in after the inbox was
// listed would otherwise block open until a writer came, for ever) and
// without following a symbolic link, then checks on the open file that it
// is a regular file: anything else is rejected, unread.
func openInput(path string) (*os.File, os.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
	if errors.Is(err, syscall.ELOOP) {
		return nil, nil, reject("这是一个符号链接（快捷方式），未读取：请把文件本身（而不是链接）放入收件箱")
	}
	if err != nil {
		return nil, nil, errRead(err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, errRead(err)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, errNotRegular(st.Mode())
	}
	return f, st, nil
}

func errNotRegular(m fs.FileMode) *RejectError {
	what := "特殊文件"
	switch {
	case m&fs.ModeNamedPipe != 0:
		what = "命名管道（FIFO）"
	case m&fs.ModeSocket != 0:
		what = "套接字"
	case m&fs.ModeDevice != 0:
		what = "设备文件"
	case m&fs.ModeSymlink != 0:
		what = "符号链接（快捷方式）"
	case m.IsDir():
		what = "文件夹"
	}
	return reject("这是%s，不是普通文件，未读取：收件箱中只应放 .xlsx、.xls 或 .csv 文件；请把它移出收件箱", what)
}

// hashOpen returns the hex SHA-256 of the open file's bytes.
func hashOpen(f *os.File) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, fileReader(f)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// stamp is what changes when a file is written: its size, modification
// and status-change times. The status-change time cannot be set back, so
// a writer that restores the modification time is still seen.
type stamp struct {
	size         int64
	mtime, ctime time.Time
}

func stampOf(st os.FileInfo) stamp {
	s := stamp{size: st.Size(), mtime: st.ModTime()}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		s.ctime = time.Unix(sys.Ctim.Sec, sys.Ctim.Nsec)
	}
	return s
}

// changedSince reports whether the open file was written since before was
// taken (a failed stat counts as a change).
func changedSince(f *os.File, before stamp) bool {
	st, err := f.Stat()
	return err != nil || stampOf(st) != before
}

// rereads is how many times a file written while it was read is read
// again before it is rejected.
const rereads = 3

func errRewritten(n int) *RejectError {
	return reject("文件在读取过程中被改写（连读%d次都在变化），未装载：请等文件复制或保存完成后再运行", n)
}
