package reports

import (
	"context"
)

// restrictedIndex is the data of restricted/index.html.
type restrictedIndex struct {
	pageInfo
	Unaccounted *UnaccountedList
	Dropouts    int
	// OpenCases is 劝返台账未销号个案 as the county report counts it;
	// OtherCases of them are of children not on the dropout list.
	OpenCases  int64
	OtherCases int
	Handoff    int
	Quarantine int
	Warning    *WarningList
	Care       *CareRegister
	Worklists  *Worklists
	Cases      *CaseLedger
}

// caseLedgerView is the data of restricted/cases.html.
type caseLedgerView struct {
	pageInfo
	L *CaseLedger
}

// warningView is the data of restricted/warning.html (by school and class)
// and restricted/warning_villages.html (ByVillage).
type warningView struct {
	pageInfo
	Heading   string
	L         *WarningList
	ByVillage bool
}

// careView is the data of restricted/care.html.
type careView struct {
	pageInfo
	C *CareRegister
}

// unaccountedView is the data of restricted/unaccounted.html (all
// villages, Villages) or of one village's page (one entry).
type unaccountedView struct {
	pageInfo
	L        *UnaccountedList
	Villages []UnaccountedVillage
}

// dropoutView is the data of restricted/dropouts.html.
type dropoutView struct {
	pageInfo
	L *DropoutList
}

// handoffView is the data of restricted/handoff.html.
type handoffView struct {
	pageInfo
	L *HandoffList
}

// quarantineView is the data of restricted/quarantine.html.
type quarantineView struct {
	pageInfo
	Rows []QuarantineRow
}

func writeRestricted(ctx context.Context, t tier, s *siteData, info siteInfo) error {
	info.noIndex = true
	idx := &restrictedIndex{pageInfo: info.page("内部页面", ""), Unaccounted: s.unaccounted,
		OpenCases: sumCases(s.openCases).Total, OtherCases: len(s.dropouts.Other), Quarantine: len(s.quarantine), Warning: s.warning, Care: s.care,
		Worklists: s.worklists, Cases: s.caseLedger}
	for _, y := range s.dropouts.Years {
		idx.Dropouts += y.Total
	}
	for _, y := range s.handoff.Years {
		idx.Handoff += y.Total
	}
	t.page("index.html", "restricted-index", idx)
	if err := writeUnaccounted(ctx, t, s.unaccounted, info); err != nil {
		return err
	}
	t.page("dropouts.html", "dropouts", &dropoutView{pageInfo: info.page("辍学学生及劝返记录", ""), L: s.dropouts})
	t.workbook("dropouts.xlsx", func() ([]byte, error) { return dropoutWorkbook(s.dropouts, info.opt) }, info.opt.workbook(true), s.dropouts)
	t.page("handoff.html", "handoff", &handoffView{pageInfo: info.page("小升初交接逾期名单", ""), L: s.handoff})
	t.workbook("handoff.xlsx", func() ([]byte, error) { return handoffWorkbook(s.handoff, info.opt) }, info.opt.workbook(true), s.handoff)
	t.page("quarantine.html", "quarantine", &quarantineView{pageInfo: info.page("隔离数据清单", ""), Rows: s.quarantine})
	writeWarning(t, s, info)
	t.page("cases.html", "cases", &caseLedgerView{pageInfo: info.page("个案台账", ""), L: s.caseLedger})
	if err := writeWorklists(ctx, t, s.worklists, info.opt); err != nil {
		return err
	}
	t.workbook("quarantine.xlsx", func() ([]byte, error) { return quarantineWorkbook(s.quarantine, info.opt) }, info.opt.workbook(true), s.quarantine)
	return nil
}

func writeUnaccounted(ctx context.Context, t tier, l *UnaccountedList, info siteInfo) error {
	title := "应入学未入学名单"
	all := &unaccountedView{pageInfo: info.page(title, ""), L: l, Villages: l.Villages}
	t.page("unaccounted.html", "unaccounted", all)
	t.workbook("unaccounted.xlsx", func() ([]byte, error) { return unaccountedWorkbook(l, info.opt) }, info.opt.workbook(true), l)
	if err := t.mkdir("villages"); err != nil {
		return err
	}
	for i := range l.Villages {
		if err := ctx.Err(); err != nil {
			return err
		}
		v := l.Villages[i]
		page := &unaccountedView{pageInfo: info.page(v.Name+title, "../"), L: l, Villages: l.Villages[i : i+1]}
		t.page("villages/"+v.File(), "unaccounted", page)
	}
	return nil
}

// File is the village list's file name inside restricted/villages/.
func (v UnaccountedVillage) File() string { return fileName(v.Code) }

func writeWarning(t tier, s *siteData, info siteInfo) {
	byClass := &warningView{pageInfo: info.page("辍学苗头预警名单（按班级）", ""), Heading: "辍学苗头预警名单（按学校、班级）", L: s.warning}
	t.page("warning.html", "warning", byClass)
	byVillage := &warningView{pageInfo: info.page("辍学苗头预警名单（按村）", ""), Heading: "辍学苗头预警名单（按村、社区）", L: s.warning, ByVillage: true}
	t.page("warning_villages.html", "warning", byVillage)
	t.page("care.html", "care", &careView{pageInfo: info.page("关爱台账", ""), C: s.care})
}

// writeWorklists queues restricted/worklists/: one 核查表 per village and
// per school with open cases.
func writeWorklists(ctx context.Context, t tier, w *Worklists, opt Options) error {
	if err := t.mkdir("worklists"); err != nil {
		return err
	}
	if w.Term == nil {
		return nil
	}
	for _, l := range append(append([]Worklist(nil), w.Villages...), w.Schools...) {
		if err := ctx.Err(); err != nil {
			return err
		}
		t.workbook("worklists/"+l.File(), func() ([]byte, error) { return worklistWorkbook(l, *w.Term, opt) },
			opt.workbook(false), l, *w.Term)
	}
	return nil
}
