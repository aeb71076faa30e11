// Package demotown writes a synthetic town's worth of 控辍保学 input files:
// the village and school directories, term rosters, household register
// extracts, migration, disability, dropout, graduate-destination and
// primary→junior handoff files, in the shapes the loader accepts (the
// project's restatement of the data contract's inputs.md).
//
// Every child's whole history (birth date, gender, village, school path and
// the one notable thing that happens to it, if any) is a pure function of
// the seed and the child's index, so the files are written by iterating
// children, never holding them all: memory is O(villages + schools) plus
// the list of deliberately broken cells, and the output is byte-identical
// for identical Options.
//
// On top of the life of the town comes the mess of real exports: headers
// with ★, *, spaces or English keys, extra columns, shuffled columns, codes
// in one file and labels in the next, four date formats, lower-case x in
// identity numbers, blank optional cells, and a few deliberately broken
// cells, each recorded in Manifest.Broken so tests can look for them.
//
// Calendar rules used throughout (indicators.md): school year Y runs from
// 1 September Y to 31 August Y+1; age(Y) is the completed age on
// 31 August Y; a child born on or before 31 August of Y-6 starts grade 1 in
// Y. Children are grouped into birth cohorts: cohort c is born between
// 1 September c and 31 August c+1, so age(Y) = Y-c-1 and grade 1 is in c+7.
package demotown
