package pipeline

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// jobAlerts reads the run history beside the warehouse and returns one
// line per job whose latest run failed, for the footer of every report
// page. A job that failed and later succeeded raises no alert. A history
// that cannot be read raises one alert saying so rather than failing the
// run.
func jobAlerts(warehouse string) []string {
	events, err := (&History{Path: HistoryPath(warehouse)}).Read()
	if err != nil {
		return []string{fmt.Sprintf("运行记录无法读取（%v）：请检查 %s", err, HistoryPath(warehouse))}
	}
	var out []string
	for job, ev := range LatestByJob(events) {
		if ev.Finished() && ev.Outcome == OutcomeFailed {
			out = append(out, fmt.Sprintf("计划任务「%s」（%s）失败：%s；详见 dropwatch jobs history",
				job, ev.Scheduled.Format("2006-01-02 15:04"), shorten(ev.Error, 160)))
		}
	}
	sort.Strings(out)
	return out
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
