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
// Formats: each file is CSV in UTF-8 (with or without a BOM), CSV in GBK
// (the GB18030 subset Excel on a Chinese Windows writes; a character
// outside GBK is an error, never written), or an .xlsx workbook. A kind's
// files take turns through a fixed rotation, so at the default size about
// half are UTF-8 CSV and a quarter each GBK CSV and .xlsx, and every kind
// but the two directories (always UTF-8 CSV) appears in at least two
// formats. Above 50,000 children the town-wide rosters stay UTF-8 CSV
// for speed, and the household and migration extracts, which could pass
// a worksheet's row limit, are never workbooks. Workbooks are streamed
// (excelize's StreamWriter): the data are on the first sheet, named after
// the kind's title (学籍名册, ...) in some files and Sheet1 in others; some
// carry a second sheet 说明; some write dates as real date cells and small
// integers as numbers, others everything as text; identity numbers,
// codes and phone numbers are always text cells, except the deliberately
// broken identity number stored as a number. Document times are fixed
// from the options, so workbooks too are byte-identical run to run.
// Legacy .xls (BIFF8) is not written: there is no sound Go writer for it.
//
// History before the window: the children who finished junior school in
// the school year before FirstYear get a graduate destinations file of
// FirstYear-1, so a fifteen-year-old past grade 9 in the first year is
// accounted for, as in later years.
//
// The cases the data-quality mart looks for each occur at least once:
// a pupil 在读 in two schools in one term (moved, and the old school
// forgot 转出), a roster not sent (the smallest kindergarten's term-1
// roster of the second year: its children are simply absent that term),
// a 13-year-old whose row says 二年级 (for 初二), a roster 辍学 with no
// dropout-register row, and a register row left at 劝返中 for a child back
// 在读 the next year. Facts counts them (facts.go).
//
// Calendar rules used throughout (indicators.md): school year Y runs from
// 1 September Y to 31 August Y+1; age(Y) is the completed age on
// 31 August Y; a child born on or before 31 August of Y-6 starts grade 1 in
// Y. Children are grouped into birth cohorts: cohort c is born between
// 1 September c and 31 August c+1, so age(Y) = Y-c-1 and grade 1 is in c+7.
package demotown
