package discover

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"mutualsim/inputs"
	"mutualsim/internal/regfile"
	"mutualsim/outputs"
	"mutualsim/sweep"
)

// Dim is one lever of the sweep, a dimension of the space searched: a
// range of numbers, or levels (a switch or a choice).
type Dim struct {
	Lever    string   // section.lever
	Column   string   // its column in runs.csv
	Levels   []string // the levels of a switch or choice; nil for a number
	Min, Max float64  // a number's range in the design
}

// Categorical reports whether the dimension has levels rather than a range.
func (d Dim) Categorical() bool { return d.Levels != nil }

// Data is a sweep's runs as cases: each run's lever values (for a
// categorical dimension, the index of its level) and whether the
// conditions hold in it.
type Data struct {
	Dims []Dim
	X    [][]float64 // X[j][i]: dimension j of case i
	Y    []bool
}

// Len returns the number of cases.
func (d *Data) Len() int { return len(d.Y) }

// Positives returns how many cases satisfy the conditions.
func (d *Data) Positives() int {
	n := 0
	for _, y := range d.Y {
		if y {
			n++
		}
	}
	return n
}

// Query is what was asked of a sweep folder and what it held.
type Query struct {
	Dir        string          `json:"-"`
	Where      string          `json:"where"`
	Conditions []Condition     `json:"-"`
	Year       int             `json:"year"`
	Columns    []string        `json:"columns"`   // the outcome columns the conditions read
	Runs       int             `json:"runs"`      // runs in the sweep
	Undefined  int             `json:"undefined"` // runs left out: an outcome the conditions read is undefined
	Cases      int             `json:"cases"`
	Positives  int             `json:"positives"`
	Manifest   *sweep.Manifest `json:"-"`
}

// Load reads a complete sweep folder's manifest and runs table and marks
// each run by the conditions at year (0: the last year its outcomes were
// read in). A run in which an outcome a condition reads is undefined is
// left out and counted.
func Load(dir, where string, year int) (*Data, *Query, error) {
	conds, err := ParseWhere(where)
	if err != nil {
		return nil, nil, err
	}
	raw, err := regfile.Read(filepath.Join(dir, sweep.ManifestName), 64<<20)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil, fmt.Errorf("%s: no %s: not a sweep folder (mutualsim sweep DESIGN writes one)", dir, sweep.ManifestName)
		}
		return nil, nil, err
	}
	var m sweep.Manifest
	if err := json.Unmarshal(raw, &m); err != nil || m.Kind != "sweep" {
		return nil, nil, fmt.Errorf("%s: %s is not a sweep's manifest (discover reads the folders mutualsim sweep writes)", dir, sweep.ManifestName)
	}
	if !m.Complete {
		return nil, nil, fmt.Errorf("%s holds %d of the sweep's runs: finish the sweep (run the same command again) or merge its shards first", dir, m.Done)
	}
	sp := m.Spec
	years := sp.OutcomeYears
	if len(years) == 0 {
		return nil, nil, fmt.Errorf("%s: the manifest names no outcome years", dir)
	}
	switch {
	case year == 0:
		year = years[len(years)-1]
	case !slices.Contains(years, year):
		return nil, nil, fmt.Errorf("--year: the sweep read its outcomes in %s, not %d", yearsList(years), year)
	}
	q := &Query{Dir: dir, Where: where, Conditions: conds, Year: year, Manifest: &m}
	for _, c := range conds {
		if !slices.Contains(sp.Outcomes, c.Outcome) {
			hint := ""
			if s := inputs.Closest(c.Outcome, sp.Outcomes); s != "" {
				hint = fmt.Sprintf(", did you mean %q?", s)
			}
			return nil, nil, fmt.Errorf("%w: %q is not an outcome of this sweep, which read %s%s (add it to the design's outcomes to ask about it)", ErrWhere, c.Outcome, listNames(sp.Outcomes), hint)
		}
		col := c.Outcome
		if len(years) > 1 {
			col += "_" + strconv.Itoa(year)
		}
		q.Columns = append(q.Columns, col)
	}
	f := outputs.Format(m.Format)
	if f == "" {
		f = outputs.CSV
	}
	path := filepath.Join(dir, f.File("runs"))
	fields, rows, err := outputs.ReadTable(path)
	if err != nil {
		return nil, nil, err
	}
	col := map[string]int{}
	for i, fd := range fields {
		col[fd.Name] = i
	}
	for _, c := range q.Columns {
		if _, ok := col[c]; !ok {
			return nil, nil, fmt.Errorf("%s has no column %q", path, c)
		}
	}
	d := &Data{}
	for _, fs := range sp.Factors {
		dim := Dim{Lever: fs.Lever, Column: sweep.LeverColumn(fs.Lever), Levels: fs.Levels, Min: fs.Min, Max: fs.Max}
		if _, ok := col[dim.Column]; !ok {
			return nil, nil, fmt.Errorf("%s has no column %q for lever %s", path, dim.Column, fs.Lever)
		}
		d.Dims = append(d.Dims, dim)
		d.X = append(d.X, nil)
	}
	q.Runs = len(rows)
	for r, row := range rows {
		holds, defined := true, true
		for k, c := range q.Conditions {
			x := row[col[q.Columns[k]]].Number()
			if math.IsNaN(x) {
				defined = false
				break
			}
			holds = holds && c.Holds(x)
		}
		if !defined {
			q.Undefined++
			continue
		}
		for j, dim := range d.Dims {
			x, err := dimValue(dim, row[col[dim.Column]])
			if err != nil {
				return nil, nil, fmt.Errorf("%s: row %d: %w", path, r+2, err)
			}
			d.X[j] = append(d.X[j], x)
		}
		d.Y = append(d.Y, holds)
	}
	q.Cases, q.Positives = d.Len(), d.Positives()
	if q.Cases == 0 {
		return nil, nil, fmt.Errorf("%s: every run leaves %s undefined: nothing to discover", dir, listNames(q.Columns))
	}
	return d, q, nil
}

// dimValue returns a lever's value as a case's coordinate: the number, or
// the index of the level.
func dimValue(d Dim, v outputs.Value) (float64, error) {
	if !d.Categorical() {
		x := v.Number()
		if math.IsNaN(x) {
			return 0, fmt.Errorf("%s: %q is not a number", d.Column, v.Text())
		}
		return x, nil
	}
	text := v.Text()
	if i := slices.Index(d.Levels, text); i >= 0 {
		return float64(i), nil
	}
	return 0, fmt.Errorf("%s: %q is not one of the design's levels %v", d.Column, text, d.Levels)
}

func yearsList(ys []int) string {
	var s []string
	for _, y := range ys {
		s = append(s, strconv.Itoa(y))
	}
	return listNames(s)
}

// listNames joins names as "a, b and c".
func listNames(xs []string) string {
	switch len(xs) {
	case 0:
		return "nothing"
	case 1:
		return xs[0]
	}
	out := ""
	for i, x := range xs {
		switch {
		case i == 0:
		case i == len(xs)-1:
			out += " and "
		default:
			out += ", "
		}
		out += x
	}
	return out
}
