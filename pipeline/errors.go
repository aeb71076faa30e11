package pipeline

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"dropwatch/pipeline/models"
)

// ErrBusy means another run holds the warehouse.
var ErrBusy = errors.New("另一个运行正在进行，请稍后再试 / another run is in progress: try again when it ends")

// TestsFailedError stops publishing: an error-level data test found rows
// that break its rule, so leaders never see figures from a broken build.
type TestsFailedError struct {
	Failed []models.TestResult
}

func (e *TestsFailedError) Error() string {
	var names []string
	for _, r := range e.Failed {
		names = append(names, fmt.Sprintf("%s（%d 行）", r.Test, r.Failures))
	}
	return fmt.Sprintf("数据测试未通过，未发布：%s；详见 audit.test_results / data tests failed, nothing published",
		strings.Join(names, "、"))
}

// checkInbox fails, before anything is locked or created, when the inbox is
// not a readable folder: a mistyped path or an unmounted share.
func checkInbox(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("收件箱「%s」不存在：请检查 --inbox 或配置文件中的 paths.inbox，共享盘是否已挂载 / inbox %s does not exist", path, path)
	case err != nil:
		return fmt.Errorf("无法读取收件箱「%s」：请检查目录权限 / cannot read the inbox: %w", path, err)
	case !fi.IsDir():
		return fmt.Errorf("收件箱「%s」不是目录：paths.inbox 应指向存放来件的文件夹 / inbox %s is not a folder", path, path)
	}
	return nil
}
