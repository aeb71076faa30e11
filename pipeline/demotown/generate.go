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
	y0, y1 int
	roster [maxYears][2][]*outFile // per school, or a single town-wide file
	other  [maxYears][nYearFiles]*outFile
	all    []*outFile
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
	if (g.rosterFilesPerTerm()*2+nYearFiles)*g.years > maxOpenFiles {
		step = 1
	}
	for y0 := g.first; y0 <= g.last; y0 += step {
		infos, err := g.runPass(dir, y0, min(y0+step-1, g.last), y0 == g.first)
		if err != nil {
			return man, err
		}
		man.Files = append(man.Files, infos...)
	}
	g.staticFacts(len(man.Files))
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
		f, err := g.openFile(dir, d.name, d.sc)
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
		if err := g.emitChild(fs, &c); err != nil {
			fs.closeAll()
			return nil, err
		}
	}
	return fs.closeAll()
}

// openSet opens the files of years y0..y1 in canonical order.
func (g *gen) openSet(dir string, y0, y1 int) (*fileSet, error) {
	fs := &fileSet{y0: y0, y1: y1}
	open := func(name string, sc *schema) (*outFile, error) {
		f, err := g.openFile(dir, name, sc)
		if err == nil {
			fs.all = append(fs.all, f)
		}
		return f, err
	}
	town := g.opt.TownName
	for y := y0; y <= y1; y++ {
		yi, span := y-g.first, strconv.Itoa(y)+"-"+strconv.Itoa(y+1)
		for t := 0; t < 2; t++ {
			for s := 0; s < g.rosterFilesPerTerm(); s++ {
				unit := town + "全镇"
				if !g.large {
					unit = g.schools[s].name
				}
				f, err := open(fmt.Sprintf("学籍名册_%s_%s_%s.csv", span, termNames[t], unit), &rosterSchema)
				if err != nil {
					return fs, err
				}
				fs.roster[yi][t] = append(fs.roster[yi][t], f)
			}
		}
		for k, name := range g.yearFileNames(y, span) {
			f, err := open(name, yearSchemas[k])
			if err != nil {
				return fs, err
			}
			fs.other[yi][k] = f
		}
	}
	return fs, nil
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

// emitYear writes the child's rows of one school year.
func (g *gen) emitYear(fs *fileSet, c *child, y int) error {
	yi := y - g.first
	var ctx rowCtx
	for t := 1; t <= 2; t++ {
		if st := c.terms[2*yi+t-1]; st.st != stNone {
			if err := g.emitRoster(fs.rosterFile(yi, t, st.school), c, y, t, st, &ctx); err != nil {
				return err
			}
		}
	}
	o := &fs.other[yi]
	var err error
	if hs := c.hh[yi]; hs != hhNone {
		err = g.emitHousehold(o[fHousehold], c, y, hs)
	}
	if m := c.mig[yi]; m != migNone && err == nil {
		err = g.emitMigration(o[fMigration], c, y, m)
	}
	if a := c.age(y); c.ev.kind == evDisabled && a >= 6 && a <= 15 && err == nil {
		err = g.emitDisability(o[fDisability], c, y)
	}
	if c.ev.kind == evDropReg && c.ev.y == y && err == nil {
		err = g.emitDropout(o[fDropout], c)
	}
	if st := c.terms[2*yi+1]; st.st == stGraduated && c.idType < 0 && err == nil {
		if st.grade == 9 {
			err = g.emitGraduate(o[fGraduate], c, y, st)
		} else {
			err = g.emitHandoff(o[fHandoff], c, y, st)
		}
	}
	return err
}
