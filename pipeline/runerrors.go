package pipeline

import (
	"errors"
	"fmt"
	"strings"
)

// MemoryError says DuckDB ran out of memory during a run. Nothing
// published changed.
type MemoryError struct {
	Limit string // duckdb.memory_limit as configured; empty for DuckDB's default
	Err   error
}

// Error is the message for the clerk: what happened, what to do, the cause.
func (e *MemoryError) Error() string {
	limit := e.Limit
	if limit == "" {
		limit = "未设置，DuckDB 默认用八成内存 / unset: 80% of RAM"
	}
	return fmt.Sprintf("DuckDB 内存不足，运行已停止，已发布的数据仓库和报表未改动 / out of memory: the run stopped; nothing published changed\n"+
		"  处理 / what to do: 在配置文件中调大 duckdb.memory_limit（现为 %s）或关掉同时运行的其他程序，然后重新运行；内存确实不够时把 duckdb.temp_dir 设到空间大的磁盘，让 DuckDB 把中间结果写到磁盘 / "+
		"raise duckdb.memory_limit in the config file or stop other programs, then run again; with too little memory, point duckdb.temp_dir at a big disk\n"+
		"  原因 / cause: %v", limit, e.Err)
}

// Unwrap returns DuckDB's error.
func (e *MemoryError) Unwrap() error { return e.Err }

// explain gives a run-level failure that DuckDB reported in English only
// a Chinese lead line and advice: a block that fails its checksum (the
// published warehouse is damaged, though its size is unchanged and the
// start check passed) becomes a *DamagedError naming the newest backup and
// the restore command; running out of memory becomes a *MemoryError.
// Errors already explained pass unchanged.
func (r *Run) explain(err error) error {
	var d *DamagedError
	var df *DiskFullError
	if err == nil || errors.As(err, &d) || errors.As(err, &df) {
		return err
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "checksum") || strings.Contains(msg, "Corrupt"):
		wh := &Warehouse{Path: r.Config.Paths.Warehouse}
		return wh.damaged("运行中读到校验和不符的数据块（文件大小未变，启动时的检查看不出）/ a data block failed its checksum during the run", err)
	case strings.Contains(msg, "Out of Memory Error"):
		return &MemoryError{Limit: r.Config.DuckDB.MemoryLimit, Err: err}
	}
	return err
}
