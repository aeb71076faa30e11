package demotown

import (
	"fmt"
	"testing"
)

func TestDbgTmp(t *testing.T) {
	opt, _ := Options{Seed: 1}.withDefaults()
	g, _ := newGen(opt)
	var c child
	tally := map[string]int{}
	for i := 0; i < g.m; i++ {
		g.compute(&c, i)
		for yi := 0; yi < 3; yi++ {
			t1, t2 := c.terms[2*yi], c.terms[2*yi+1]
			if t1.st == stEnrolled && t1.grade >= 1 && t1.grade <= 6 && (t2.st == stNone || t2.st == stDropped) {
				tally[fmt.Sprintf("y%d kind%d v%d st2=%d", yi, c.ev.kind, c.ev.v1, t2.st)]++
			}
		}
	}
	fmt.Println(tally)
}
