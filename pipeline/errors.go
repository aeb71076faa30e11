package pipeline

import (
	"errors"
	"fmt"
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
