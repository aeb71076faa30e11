package main

import (
	"context"
	"fmt"
	"time"

	"dropwatch/pipeline"
)

// restoreCmd puts a backup in place of the published warehouse: the one
// named by --from, or the newest in the backup folder.
func restoreCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "restore", summaryOf("restore"))
	from := fs.String("from", "", "要恢复的备份文件，默认为备份文件夹中最新的 / backup file to restore (default: the newest in the backup folder)")
	_, cfg, err := parseSettings(fs, args, readerSettings...)
	if err != nil {
		return err
	}
	wh := &pipeline.Warehouse{Path: cfg.Paths.Warehouse}
	res, err := wh.Restore(ctx, *from, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已恢复 / restored: %s\n", res.Warehouse)
	fmt.Fprintf(e.stdout, "来自备份 / from backup: %s\n", res.From)
	if res.Damaged != "" {
		fmt.Fprintf(e.stdout, "原文件保留为 / the file it replaced is kept as: %s\n", res.Damaged)
	}
	fmt.Fprintln(e.stdout, "接着运行 dropwatch run 重新生成报表 / now run dropwatch run to rebuild the reports")
	return nil
}
