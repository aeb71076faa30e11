package demotown

import (
	"fmt"
	"strconv"
)

// The per-year file kinds besides rosters, in writing order.
const (
	fHousehold = iota
	fMigration
	fDisability
	fDropout
	fGraduate
	fHandoff
	nYearFiles
)

// yearSchemas are the schemas of the per-year files.
var yearSchemas = [nYearFiles]*schema{&householdSchema, &migrationSchema, &disabilitySchema,
	&dropoutSchema, &graduateSchema, &handoffSchema}

// termNames are the 学期 words used in file names.
var termNames = [2]string{"第一学期", "第二学期"}

// fileSet holds the files open during one pass over the children.
type fileSet struct {
	y0, y1     int
	prior      *outFile                // graduates of FirstYear-1, in the first pass
	roster     [maxYears][2][]*outFile // per school (nil: not sent), or a single town-wide file
	attendance [maxYears][]*outFile    // per school (nil: kindergarten), or a single town-wide file
	other      [maxYears][nYearFiles]*outFile
	all        []*outFile
}

// run writes the directories, then the yearly files in one pass over the
// children, or one pass per school year when that would open too many
// files at once.
func (g *gen) run(dir string) (Manifest, error) {
	var man Manifest
	if err := g.writeDirectories(dir, &man); err != nil {
		return man, err
	}
	step := g.years
	if (g.rosterFilesPerTerm()*3+nYearFiles)*g.years > maxOpenFiles {
		step = 1
	}
	for y0 := g.first; y0 <= g.last; y0 += step {
		infos, err := g.runPass(dir, y0, min(y0+step-1, g.last), y0 == g.first)
		if err != nil {
			return man, err
		}
		man.Files = append(man.Files, infos...)
	}
	infos, err := g.writeFollowups(dir)
	if err != nil {
		return man, err
	}
	man.Files = append(man.Files, infos...)
	g.staticFacts(man.Files)
	man.Broken, man.Facts = g.broken, g.facts
	return man, nil
}

// writeDirectories writes 村居名录 and 学校名录.
func (g *gen) writeDirectories(dir string, man *Manifest) error {
	dirs := []struct {
		name  string
		sc    *schema
		write func(*outFile) error
	}{
		{"村居名录_" + g.opt.TownName + ".csv", &villageSchema, g.writeVillages},
		{"学校名录_" + g.opt.TownName + ".csv", &schoolSchema, g.writeSchools},
	}
	for _, d := range dirs {
		f, err := g.openFile(dir, d.name, d.sc, 0)
		if err != nil {
			return err
		}
		err = d.write(f)
		if cerr := f.w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		man.Files = append(man.Files, f.info())
	}
	return nil
}

// rosterFilesPerTerm is the number of roster files of one term.
func (g *gen) rosterFilesPerTerm() int {
	if g.large {
		return 1
	}
	return len(g.schools)
}

// runPass writes the files of years y0..y1, computing every child once.
func (g *gen) runPass(dir string, y0, y1 int, count bool) ([]FileInfo, error) {
	fs, err := g.openSet(dir, y0, y1)
	if err != nil {
		fs.closeAll()
		return nil, err
	}
	var c child
	for i := 0; i < g.m; i++ {
		g.compute(&c, i)
		if count {
			g.countChild(&c)
		}
		err := g.emitChild(fs, &c)
		if fs.prior != nil && err == nil {
			err = g.emitPriorGraduate(fs.prior, &c)
		}
		if err != nil {
			fs.closeAll()
			return nil, err
		}
	}
	return fs.closeAll()
}

// openSet opens the files of years y0..y1 in canonical order; the first
// pass starts with the graduates of FirstYear-1. A kind's n-th file (its
// place in that order over the whole run) decides its format.
func (g *gen) openSet(dir string, y0, y1 int) (*fileSet, error) {
	fs := &fileSet{y0: y0, y1: y1}
	open := func(name string, sc *schema, n int) (*outFile, error) {
		f, err := g.openFile(dir, name, sc, n)
		if err == nil {
			fs.all = append(fs.all, f)
		}
		return f, err
	}
	var err error
	if y0 == g.first {
		if fs.prior, err = open(g.priorGraduateName(), &graduateSchema, 0); err != nil {
			return fs, err
		}
	}
	for y := y0; y <= y1 && err == nil; y++ {
		yi, span := y-g.first, strconv.Itoa(y)+"-"+strconv.Itoa(y+1)
		for t := 0; t < 2 && err == nil; t++ {
			err = g.openRosters(fs, dir, yi, t, span)
		}
		if err == nil {
			err = g.openAttendance(fs, dir, yi, span, open)
		}
		for k, name := range g.yearFileNames(y, span) {
			if err != nil {
				break
			}
			fs.other[yi][k], err = open(name, yearSchemas[k], yi+btoi(k == fGraduate))
		}
	}
	return fs, err
}

// openRosters opens the roster files of (year index, term index), leaving
// a nil for the roster that was not sent.
func (g *gen) openRosters(fs *fileSet, dir string, yi, t int, span string) error {
	n := g.rosterFilesPerTerm()
	for s := 0; s < n; s++ {
		unit := g.opt.TownName + "全镇"
		if !g.large {
			unit = g.schools[s].name
		}
		var f *outFile
		if g.large || g.rosterSent(yi, t+1, s) {
			name := fmt.Sprintf("学籍名册_%s_%s_%s.csv", span, termNames[t], unit)
			var err error
			if f, err = g.openFile(dir, name, &rosterSchema, (2*yi+t)*n+s); err != nil {
				return err
			}
			fs.all = append(fs.all, f)
		}
		fs.roster[yi][t] = append(fs.roster[yi][t], f)
	}
	return nil
}

// btoi is 1 for true, 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// yearFileNames names the per-year files of year y.
func (g *gen) yearFileNames(y int, span string) [nYearFiles]string {
	town := g.opt.TownName
	return [nYearFiles]string{
		"户籍人口0-18岁_" + span + "学年_" + town + ".csv",
		"流动人口子女_" + span + "_" + town + ".csv",
		"残疾儿童少年_" + strconv.Itoa(y) + "学年_" + town + ".csv",
		"辍学登记_" + span + "_" + town + ".csv",
		"初中毕业生去向_" + span + "_" + town + ".csv",
		"小升初交接_" + span + "_" + town + ".csv",
	}
}

// closeAll closes every file and returns their descriptions.
func (fs *fileSet) closeAll() ([]FileInfo, error) {
	var first error
	infos := make([]FileInfo, 0, len(fs.all))
	for _, f := range fs.all {
		if err := f.w.Close(); err != nil && first == nil {
			first = err
		}
		infos = append(infos, f.info())
	}
	fs.all = nil
	return infos, first
}

// rosterFile returns the roster file of a school for (year index, term).
func (fs *fileSet) rosterFile(yi, t int, school int32) *outFile {
	files := fs.roster[yi][t-1]
	if len(files) == 1 {
		return files[0]
	}
	return files[school]
}

// emitChild writes every row of the child in the pass's years.
func (g *gen) emitChild(fs *fileSet, c *child) error {
	for y := fs.y0; y <= fs.y1; y++ {
		if err := g.emitYear(fs, c, y); err != nil {
			return err
		}
	}
	return nil
}

// emitTerms writes the child's roster rows of one school year: none to a
// roster that was not sent, and a second term-2 row from the old school
// of a pupil who moved.
func (g *gen) emitTerms(fs *fileSet, c *child, y int) error {
	yi := y - g.first
	var ctx rowCtx
	for t := 1; t <= 2; t++ {
		st := c.terms[2*yi+t-1]
		switch {
		case st.st == stNone:
		case !g.rosterSent(yi, t, int(st.school)):
			g.facts["roster_not_sent_children"]++
		default:
			if err := g.emitRoster(fs.rosterFile(yi, t, st.school), c, y, t, st, &ctx); err != nil {
				return err
			}
		}
	}
	if st, ok := g.ghostRow(c, y); ok && g.rosterSent(yi, 2, int(st.school)) {
		return g.emitGhost(fs.rosterFile(yi, 2, st.school), c, y, st)
	}
	return nil
}

// emitYear writes the child's rows of one school year.
func (g *gen) emitYear(fs *fileSet, c *child, y int) error {
	yi := y - g.first
	err := g.emitTerms(fs, c, y)
	if err == nil {
		err = g.emitAttendance(fs, c, y)
	}
	o := &fs.other[yi]
	if hs := c.hh[yi]; hs != hhNone && err == nil {
		err = g.emitHousehold(o[fHousehold], c, y, hs)
	}
	if m := c.mig[yi]; m != migNone && err == nil {
		err = g.emitMigration(o[fMigration], c, y, m)
	}
	if a := c.age(y); c.ev.kind == evDisabled && a >= 6 && a <= 15 && err == nil {
		err = g.emitDisability(o[fDisability], c, y)
	}
	if e := &c.ev; e.kind == evDropReg && e.y == y && e.v2 != rosterOnly && err == nil {
		err = g.emitDropout(o[fDropout], c)
	}
	if st := c.terms[2*yi+1]; st.st == stGraduated && c.idType < 0 && err == nil {
		if st.grade == 9 {
			g.facts["junior_graduates"]++
			g.facts[destFacts[c.dest]]++
			err = g.emitGraduate(o[fGraduate], c, y, st)
		} else {
			err = g.emitHandoff(o[fHandoff], c, y, st)
		}
	}
	return err
}
