package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"

	"mutualsim/internal/regfile"
	"mutualsim/outputs"
)

// kind is what a result folder holds.
type kind int

const (
	kindRun kind = iota + 1
	kindBatch
	kindSweep
)

// header is the part of any manifest that says what the folder holds.
type header struct {
	Kind      string          `json:"kind"`      // "sweep" for a sweep
	Scenarios json.RawMessage `json:"scenarios"` // a batch
	Scenario  json.RawMessage `json:"scenario"`  // a run
	Format    outputs.Format  `json:"format"`
}

// detect reads dir's manifest and says what the folder holds.
func detect(dir string) (kind, []byte, error) {
	if fi, err := os.Stat(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return 0, nil, fmt.Errorf("%s does not exist", dir)
		}
		return 0, nil, err
	} else if !fi.IsDir() {
		return 0, nil, fmt.Errorf("%s is a file, not a result folder", dir)
	}
	b, err := regfile.Read(filepath.Join(dir, "manifest.json"), outputs.MaxManifest)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil, fmt.Errorf("%s has no manifest.json: not a finished mutualsim result folder", dir)
	}
	if err != nil {
		return 0, nil, err
	}
	var h header
	if err := json.Unmarshal(b, &h); err != nil {
		return 0, nil, fmt.Errorf("%s: manifest.json: %w", dir, err)
	}
	switch {
	case h.Kind == "sweep":
		return kindSweep, b, nil
	case len(h.Scenarios) > 0:
		return kindBatch, b, nil
	case len(h.Scenario) > 0:
		return kindRun, b, nil
	}
	return 0, nil, fmt.Errorf("%s: manifest.json is not that of a run, a batch or a sweep", dir)
}

// table is a table read from a folder, with its columns by name.
type table struct {
	path   string
	fields []outputs.Field
	rows   [][]outputs.Value
	col    map[string]int
}

// folder is a result folder being read: its files, and its path for the
// messages that name them.
type folder struct {
	fsys fs.FS
	dir  string
}

// diskFolder is the result folder dir on disk, read regular files only.
func diskFolder(dir string) folder { return folder{fsys: outputs.RegularFS(dir), dir: dir} }

// readTable reads base of the folder in the format; a missing file is an
// error that names it.
func readTable(fo folder, base string, f outputs.Format) (*table, error) {
	if f == "" {
		f = outputs.CSV
	}
	path := filepath.Join(fo.dir, f.File(base))
	fields, rows, err := outputs.ReadTableFS(fo.fsys, f.File(base), path)
	if err != nil {
		return nil, err
	}
	t := &table{path: path, fields: fields, rows: rows, col: map[string]int{}}
	for i, fd := range fields {
		t.col[fd.Name] = i
	}
	return t, nil
}

// has reports whether the table has the columns.
func (t *table) has(names ...string) error {
	for _, n := range names {
		if _, ok := t.col[n]; !ok {
			return fmt.Errorf("%s has no column %q", t.path, n)
		}
	}
	return nil
}

func (t *table) float(row int, name string) float64 {
	return t.rows[row][t.col[name]].Number()
}

func (t *table) int(row int, name string) int {
	v := t.rows[row][t.col[name]]
	switch v.Type() {
	case outputs.TypeInt:
		return int(v.AsInt())
	case outputs.TypeFloat:
		return int(v.AsFloat())
	}
	return 0
}

// wholeNumber reads a whole number in [0, limit] from a row; anything else, a
// damaged file, is an error that names the file, the row and the column.
func (t *table) wholeNumber(row int, name string, limit int) (int, error) {
	v := t.rows[row][t.col[name]]
	var n float64
	switch v.Type() {
	case outputs.TypeInt:
		n = float64(v.AsInt())
	case outputs.TypeFloat:
		n = v.AsFloat()
	default:
		return 0, fmt.Errorf("%s, %s: %s %q is not a number", t.path, t.rowName(row), name, v.Text())
	}
	if n != math.Trunc(n) || n < 0 || n > float64(limit) {
		return 0, fmt.Errorf("%s, %s: %s = %v is out of range, expected a whole number in [0, %d]", t.path, t.rowName(row), name, n, limit)
	}
	return int(n), nil
}

// rowName names a data row for an error: its line in a CSV file (the
// header is line 1), its row number in a Parquet file.
func (t *table) rowName(row int) string {
	if filepath.Ext(t.path) == ".csv" {
		return fmt.Sprintf("line %d", row+2)
	}
	return fmt.Sprintf("row %d", row+1)
}

func (t *table) str(row int, name string) string { return t.rows[row][t.col[name]].Text() }

// summary is a run's summary: each measure's statistics by year.
type summary struct {
	years []int
	stats map[string][]outputs.Stat // by measure, in year order
}

// readSummary reads a summary table; with scenario set, only that
// scenario's rows of a batch's combined summary.
func readSummary(t *table, scenario string) (*summary, error) {
	if err := t.has("year", "measure", "mean", "ci_low", "ci_high", "n"); err != nil {
		return nil, err
	}
	_, batch := t.col["scenario"]
	s := &summary{stats: map[string][]outputs.Stat{}}
	for i := range t.rows {
		if batch && t.str(i, "scenario") != scenario {
			continue
		}
		st := outputs.Stat{Year: t.int(i, "year"), Measure: t.str(i, "measure"), Mean: t.float(i, "mean"),
			Low: t.float(i, "ci_low"), High: t.float(i, "ci_high"), N: t.int(i, "n")}
		if _, ok := t.col["sd"]; ok {
			st.SD = t.float(i, "sd")
		}
		s.stats[st.Measure] = append(s.stats[st.Measure], st)
		if !slices.Contains(s.years, st.Year) {
			s.years = append(s.years, st.Year)
		}
	}
	if len(s.years) == 0 {
		if batch {
			return nil, fmt.Errorf("%s holds no rows for scenario %q", t.path, scenario)
		}
		return nil, fmt.Errorf("%s holds no rows", t.path)
	}
	slices.Sort(s.years)
	for _, m := range reportMeasures() {
		if n := len(s.stats[m]); n != len(s.years) {
			where := ""
			if batch {
				where = fmt.Sprintf(" for scenario %q", scenario)
			}
			return nil, fmt.Errorf("%s has %d rows of measure %q%s, but %d years: every measure the report reads needs a row for every year", t.path, n, m, where, len(s.years))
		}
		slices.SortFunc(s.stats[m], func(a, b outputs.Stat) int { return a.Year - b.Year })
	}
	return s, nil
}

// reportMeasures are the measures a report reads from a summary: the
// headline measures and the concentration where commissioners buy.
func reportMeasures() []string {
	return append(outputs.HeadlineMeasures(), "regions_hhi_over_2000", "spend_hhi_over_2000")
}

// at returns a measure's statistics in a year; with NaN values, and
// false, when the summary has none.
func (s *summary) at(measure string, year int) (outputs.Stat, bool) {
	for _, st := range s.stats[measure] {
		if st.Year == year {
			return st, true
		}
	}
	nan := math.NaN()
	return outputs.Stat{Year: year, Measure: measure, Mean: nan, Low: nan, High: nan}, false
}

// band returns a measure's means and intervals over the years.
func (s *summary) band(measure string) (x, mean, low, high []float64) {
	for _, st := range s.stats[measure] {
		x = append(x, float64(st.Year))
		mean, low, high = append(mean, st.Mean), append(low, st.Low), append(high, st.High)
	}
	return
}

func (s *summary) first() int { return s.years[0] }
func (s *summary) last() int  { return s.years[len(s.years)-1] }

// reps is the number of replications behind the summary: the most that
// had a value of any measure in any year.
func (s *summary) reps() int {
	n := 0
	for _, sts := range s.stats {
		for _, st := range sts {
			n = max(n, st.N)
		}
	}
	return n
}
