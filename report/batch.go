package report

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"mutualsim/charts"
	"mutualsim/outputs"
)

// batchPage is the report of a batch folder: a batch, a comparison (with
// comparison.csv) or the branches of a checkpoint. It writes each
// scenario's own report first, and links to them.
func batchPage(dir string, raw []byte) (*page, []string, error) {
	var m outputs.BatchManifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, nil, fmt.Errorf("%s: manifest.json: %w", dir, err)
	}
	var written []string
	var runs []outputs.Manifest
	for _, sc := range m.Scenarios {
		sub := filepath.Join(dir, sc.Folder)
		paths, err := Write(sub)
		written = append(written, paths...)
		if err != nil {
			return nil, written, fmt.Errorf("%s: %w", sc.Name, err)
		}
		var rm outputs.Manifest
		b, err := os.ReadFile(filepath.Join(sub, "manifest.json"))
		if err == nil {
			err = json.Unmarshal(b, &rm)
		}
		if err != nil {
			return nil, written, fmt.Errorf("%s: %w", sub, err)
		}
		runs = append(runs, rm)
	}
	sumTable, err := readTable(dir, "summary", m.Format)
	if err != nil {
		return nil, written, err
	}
	var names []string
	sums := map[string]*summary{}
	for _, sc := range m.Scenarios {
		s, err := readSummary(sumTable, sc.Name)
		if err != nil {
			return nil, written, err
		}
		names = append(names, sc.Name)
		sums[sc.Name] = s
	}
	compare := slices.ContainsFunc(m.Files, func(f string) bool { return strings.HasPrefix(f, "comparison.") })
	branch := len(runs) > 0 && runs[0].BranchedFrom != nil
	p := &page{}
	switch {
	case compare:
		p.Title = fmt.Sprintf("mutualsim: %s compared with %s", list(names[1:]), names[0])
		p.Intro = append(p.Intro, fmt.Sprintf("Every scenario ran %d replications with seed %d: replication r of each used the same random streams (common random numbers), so the differences below are paired, replication by replication, and their intervals are narrower than those of independent runs.", m.Replications, m.Seed))
	case branch:
		b := runs[0].BranchedFrom
		p.Title = fmt.Sprintf("mutualsim: branches of %s from %d", b.Scenario, b.Year)
		p.Intro = append(p.Intro, fmt.Sprintf("Each scenario continues the same %d histories, those of %s to %d (checkpoint %s), under its own levers from %d.", m.Replications, b.Scenario, b.Year, b.File, b.Year+1))
	default:
		p.Title = fmt.Sprintf("mutualsim: a batch of %d scenarios", len(names))
		p.Intro = append(p.Intro, fmt.Sprintf("Every scenario ran %d replications with seed %d. Intervals are 95%% confidence intervals of the mean across replications.", m.Replications, m.Seed))
	}
	list := p.add("Scenarios")
	tb := &htmlTable{Head: []string{"scenario", "question", "scale", "years"}, Left: 4}
	for i, rm := range runs {
		tb.Rows = append(tb.Rows, []string{rm.Scenario.Name, rm.Scenario.Question, rm.Scale.Name, fmt.Sprintf("%d–%d", rm.StartYear, rm.EndYear)})
		list.Links = append(list.Links, [2]string{rm.Scenario.Name + ": its own report", m.Scenarios[i].Folder + "/" + FileName})
	}
	list.Tables = append(list.Tables, tb)

	if compare {
		if err := p.comparisonSection(dir, m.Format); err != nil {
			return nil, written, err
		}
	}
	last := p.add("At the last year")
	last.Tables = append(last.Tables, sideBySide(names, sums))

	over := p.add("Measures over time")
	for _, measure := range outputs.HeadlineMeasures() {
		var bands []charts.Band
		best, worst := "", ""
		bv, wv := math.Inf(-1), math.Inf(1)
		year := 0
		for _, n := range names {
			x, mean, low, high := sums[n].band(measure)
			bands = append(bands, charts.Band{Name: n, X: x, Mean: mean, Low: low, High: high})
			year = sums[n].last()
			if st, ok := sums[n].at(measure, year); ok && !math.IsNaN(st.Mean) {
				if st.Mean > bv {
					best, bv = n, st.Mean
				}
				if st.Mean < wv {
					worst, wv = n, st.Mean
				}
			}
		}
		c, err := charts.TimeSeries(charts.Options{Title: capital(label(measure)), XLabel: "year", YLabel: axisLabel(measure), YFormat: axisFormat(measure)}, bands)
		reading := fmt.Sprintf("In %d %s was highest under %s (%s) and lowest under %s (%s).", year, label(measure), best, human(measure, bv), worst, human(measure, wv))
		if human(measure, bv) == human(measure, wv) {
			reading = fmt.Sprintf("In %d %s was %s under every scenario.", year, label(measure), human(measure, bv))
		}
		if best == "" {
			reading = fmt.Sprintf("%s is undefined in %d in every scenario.", capital(label(measure)), year)
		}
		p.figure(over, "batch_"+measure, c, err, reading)
	}
	p.Foot = [][2]string{
		{"seed", strconv.FormatUint(m.Seed, 10)},
		{"replications", strconv.Itoa(m.Replications)},
		{"model version", m.Version},
		{"started", m.Started},
		{"finished", m.Finished},
		{"files", strings.Join(m.Files, ", ")},
	}
	for _, sc := range m.Scenarios {
		p.Foot = append(p.Foot, [2]string{"scenario " + sc.Name, fmt.Sprintf("%s, folder %s, parameters hash %s", sc.Source, sc.Folder, sc.ParamsHash)})
	}
	return p, written, nil
}

// sideBySide gives each scenario's headline measures at its last year.
func sideBySide(names []string, sums map[string]*summary) *htmlTable {
	head := []string{"measure"}
	for _, n := range names {
		head = append(head, fmt.Sprintf("%s (%d)", n, sums[n].last()))
	}
	t := &htmlTable{Head: head, Left: 1}
	for _, m := range outputs.HeadlineMeasures() {
		row := []string{label(m)}
		for _, n := range names {
			st, _ := sums[n].at(m, sums[n].last())
			cell := human(m, st.Mean)
			if iv := interval(m, st.Low, st.High); iv != "" {
				cell += " (" + iv + ")"
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// comparisonSection draws the paired differences of comparison.csv: a
// chart per measure with a row per scenario and year.
func (p *page) comparisonSection(dir string, f outputs.Format) error {
	t, err := readTable(dir, "comparison", f)
	if err != nil {
		return err
	}
	if err := t.has("measure", "year", "baseline", "scenario", "mean_baseline", "mean_scenario", "difference", "ci_low", "ci_high", "width_ratio"); err != nil {
		return err
	}
	s := p.add("Paired differences")
	s.Text = append(s.Text, "Each row is the mean of the differences between replication r of a scenario and replication r of the first, with its 95% interval. The last column says how many times wider the interval would be had the runs been independent.")
	var measures []string
	for i := range t.rows {
		if m := t.str(i, "measure"); !slices.Contains(measures, m) {
			measures = append(measures, m)
		}
	}
	tb := &htmlTable{Head: []string{"measure", "year", "scenario", "first", "scenario's", "difference", "95% CI", "unpaired ÷ paired width"}, Left: 3}
	for _, m := range measures {
		var rows []charts.Interval
		var first string
		for i := range t.rows {
			if t.str(i, "measure") != m {
				continue
			}
			d, lo, hi := t.float(i, "difference"), t.float(i, "ci_low"), t.float(i, "ci_high")
			name := fmt.Sprintf("%s, %d", t.str(i, "scenario"), t.int(i, "year"))
			rows = append(rows, charts.Interval{Label: name, Value: d, Low: lo, High: hi})
			ratio := "–"
			if r := t.float(i, "width_ratio"); r > 0 && !math.IsNaN(r) {
				ratio = fmt.Sprintf("%.1f", 1/r)
			}
			tb.Rows = append(tb.Rows, []string{label(m), strconv.Itoa(t.int(i, "year")), t.str(i, "scenario"),
				human(m, t.float(i, "mean_baseline")), human(m, t.float(i, "mean_scenario")), signedHuman(m, d), signedHuman(m, lo) + " to " + signedHuman(m, hi), ratio})
			if first == "" && !math.IsNaN(d) {
				verb := "raised"
				if d < 0 {
					verb = "lowered"
				}
				if lo <= 0 && hi >= 0 {
					verb = "did not clearly change"
				}
				first = fmt.Sprintf("Against %s, %s %s %s by %s in %d (95%% CI %s to %s).", t.str(i, "baseline"), t.str(i, "scenario"), verb, label(m), signedHuman(m, d), t.int(i, "year"), signedHuman(m, lo), signedHuman(m, hi))
				if strings.Contains(verb, "not") {
					first = fmt.Sprintf("Against %s, %s did not clearly change %s in %d: %s (95%% CI %s to %s).", t.str(i, "baseline"), t.str(i, "scenario"), label(m), t.int(i, "year"), signedHuman(m, d), signedHuman(m, lo), signedHuman(m, hi))
				}
				if r := t.float(i, "width_ratio"); r > 0 && !math.IsNaN(r) {
					first = strings.TrimSuffix(first, ".") + fmt.Sprintf("; independent runs would give an interval %.1f times as wide.", 1/r)
				}
			}
		}
		xl := "difference from " + t.str(0, "baseline")
		if u := diffUnit(m); u != "" {
			xl += " (" + u + ")"
		}
		var xf func(float64) string
		if isShare(unitOf(m)) {
			xf = func(v float64) string { return trim(strconv.FormatFloat(100*v, 'f', 1, 64)) }
		}
		c, err := charts.Intervals(charts.Options{Title: "Difference in " + label(m), XLabel: xl, XFormat: xf}, rows, true)
		p.figure(s, "diff_"+m, c, err, first)
	}
	s.Tables = append(s.Tables, tb)
	return nil
}

// signedHuman formats a difference with its sign; shares in points.
func signedHuman(measure string, v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	s := human(measure, v)
	if isShare(unitOf(measure)) {
		s = trim(strconv.FormatFloat(100*v, 'f', 1, 64)) + " pts"
	}
	if v > 0 {
		return "+" + s
	}
	return s
}

// diffUnit names the unit of a difference of a measure.
func diffUnit(measure string) string {
	switch u := unitOf(measure); {
	case isShare(u):
		return "percentage points"
	case u == "£m":
		return "£m a year"
	case u == "0-1", u == "":
		return ""
	default:
		return u
	}
}
