package report

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"mutualsim/charts"
	"mutualsim/inputs"
	"mutualsim/internal/regfile"
	"mutualsim/outputs"
	"mutualsim/sim"
)

// batchPage is the report of a batch folder: a batch, a comparison (with
// comparison.csv) or the branches of a checkpoint. It writes each
// scenario's own report first, and links to them.
func batchPage(dir string, raw []byte, png bool) (*page, []string, error) {
	var m outputs.BatchManifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, nil, fmt.Errorf("%s: manifest.json: %w", dir, err)
	}
	runs, written, err := scenarioReports(dir, m, png)
	if err != nil {
		return nil, written, err
	}
	names, sums, err := batchSummaries(dir, m)
	if err != nil {
		return nil, written, err
	}
	compare := slices.ContainsFunc(m.Files, func(f string) bool { return strings.HasPrefix(f, "comparison.") })
	branch := len(runs) > 0 && runs[0].BranchedFrom != nil
	kind := plainBatch
	switch {
	case compare:
		kind = comparison
	case branch:
		kind = branches
	}
	p := &page{}
	p.batchIntro(kind, m, names, runs)
	scs := p.scenariosSection(m, runs, names, compare)
	from := 0
	if branch {
		from = runs[0].BranchedFrom.Year + 1
	}
	batchLevers(p.add("What the scenarios change"), names, scs, from, compare)

	if compare {
		if err := p.comparisonSection(dir, m.Format, sums); err != nil {
			return nil, written, err
		}
	}

	last := p.add("At the last year")
	last.Tables = append(last.Tables, sideBySide(names, sums))

	p.overTimeSection(names, sums, kind)
	p.Foot = batchFoot(m)
	return p, written, nil
}

// scenarioReports writes the report of each scenario of the batch m in
// its folder under dir, and reads each one's manifest. It gives the paths
// written so far even when it fails.
func scenarioReports(dir string, m outputs.BatchManifest, png bool) ([]outputs.Manifest, []string, error) {
	var written []string
	var runs []outputs.Manifest
	for _, sc := range m.Scenarios {
		sub := filepath.Join(dir, sc.Folder)
		paths, err := write(sub, png)
		written = append(written, paths...)
		if err != nil {
			return nil, written, fmt.Errorf("%s: %w", sc.Name, err)
		}
		var rm outputs.Manifest
		b, err := regfile.Read(filepath.Join(sub, "manifest.json"), outputs.MaxManifest)
		if err == nil {
			err = json.Unmarshal(b, &rm)
		}
		if err != nil {
			return nil, written, fmt.Errorf("%s: %w", sub, err)
		}
		runs = append(runs, rm)
	}
	return runs, written, nil
}

// batchSummaries reads the batch's summary table: the scenarios' names in
// the batch's order, and each one's summary.
func batchSummaries(dir string, m outputs.BatchManifest) ([]string, map[string]*summary, error) {
	sumTable, err := readTable(diskFolder(dir), "summary", m.Format)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	sums := map[string]*summary{}
	for _, sc := range m.Scenarios {
		s, err := readSummary(sumTable, sc.Name)
		if err != nil {
			return nil, nil, err
		}
		names = append(names, sc.Name)
		sums[sc.Name] = s
	}
	return names, sums, nil
}

// batchIntro gives the page its title and opening paragraph, which say
// what kind of batch it is and how its scenarios' runs relate.
func (p *page) batchIntro(kind pageKind, m outputs.BatchManifest, names []string, runs []outputs.Manifest) {
	switch kind {
	case comparison:
		p.Title = fmt.Sprintf("mutualsim: %s compared with %s", list(names[1:]), names[0])
		p.Intro = append(p.Intro, fmt.Sprintf("Every scenario ran %d replications with seed %d: replication r of each used the same random streams (common random numbers), so the differences below are paired, replication by replication. Pairing removes the noise the scenarios share: an interval is narrower than that of independent runs by as much as the scenarios share it, which the table's last column gives.", m.Replications, m.Seed))
	case branches:
		b := runs[0].BranchedFrom
		p.marks = branchMark(b.Year)
		p.Title = fmt.Sprintf("mutualsim: branches of %s from %d", b.Scenario, b.Year)
		p.Intro = append(p.Intro, fmt.Sprintf("Each scenario continues the same %d histories, those of %s to %d (checkpoint %s), under its own levers from %d.", m.Replications, b.Scenario, b.Year, b.File, b.Year+1))
	default:
		p.Title = fmt.Sprintf("mutualsim: a batch of %d scenarios", len(names))
		p.Intro = append(p.Intro, fmt.Sprintf("Every scenario ran %d replications with seed %d. Intervals are 95%% confidence intervals of the mean across replications.", m.Replications, m.Seed))
	}
}

// scenariosSection adds the section that lists the scenarios, links to
// their own reports and gives the overrides and caveats in force. It
// returns the scenarios as resolved, in the batch's order.
func (p *page) scenariosSection(m outputs.BatchManifest, runs []outputs.Manifest, names []string, compare bool) []inputs.Resolved {
	scen := p.add("Scenarios")
	tb := &htmlTable{Head: []string{"scenario", "question", "scale", "years"}, Left: 4}
	var scs []inputs.Resolved
	for i, rm := range runs {
		tb.Rows = append(tb.Rows, []string{rm.Scenario.Name, rm.Scenario.Question, rm.Scale.Name, yearsText(rm.StartYear, rm.EndYear)})
		scen.Links = append(scen.Links, [2]string{rm.Scenario.Name + ": its own report", m.Scenarios[i].Folder + "/" + FileName})
		scs = append(scs, rm.Scenario)
	}
	scen.Tables = append(scen.Tables, tb)
	if len(runs) > 0 && len(runs[0].Scenario.Overrides) > 0 {
		scen.Text = append(scen.Text, "Overrides in force for every scenario, over the scenarios as written: "+strings.Join(runs[0].Scenario.Overrides, ", ")+".")
	}
	for _, rm := range runs {
		if c := rm.Scenario.Caveat; c != "" {
			scen.Text = append(scen.Text, fmt.Sprintf("Caveat on %s: %s", rm.Scenario.Name, c))
		}
	}
	if compare && len(runs) > 1 && runs[len(runs)-1].Scenario.CompareTo == names[0] {
		scen.Text = append(scen.Text, fmt.Sprintf("%s names %s as the scenario to compare it with.", names[len(names)-1], names[0]))
	}
	return scs
}

// overTimeSection adds the section of the headline measures over time: a
// chart of each, or, when every run lasted one year, the rankings alone.
func (p *page) overTimeSection(names []string, sums map[string]*summary, kind pageKind) {
	over := p.add("Measures over time")
	if !slices.ContainsFunc(names, func(n string) bool { return sums[n].first() != sums[n].last() }) {
		over.Text = append(over.Text, "Runs of one year have no charts over time; the table above gives every measure.")
		for _, measure := range outputs.HeadlineMeasures() {
			over.Text = append(over.Text, ranking(measure, names, sums, kind))
		}
		return
	}
	if len(names) > maxBands {
		over.Text = append(over.Text, fmt.Sprintf("With %d scenarios the charts show the means only: %d bands would hide one another. The table above and each scenario's own report give the intervals.", len(names), len(names)))
	}
	for _, measure := range outputs.HeadlineMeasures() {
		p.batchChart(over, measure, names, sums, kind)
	}
}

// batchChart adds to s the chart of one measure over time, a band for each
// scenario (the means only beyond maxBands), read by its ranking.
func (p *page) batchChart(s *section, measure string, names []string, sums map[string]*summary, kind pageKind) {
	var bands []charts.Band
	for _, n := range names {
		x, mean, low, high := sums[n].band(measure)
		if len(names) > maxBands {
			low, high = nil, nil
		}
		bands = append(bands, charts.Band{Name: n, X: x, Mean: mean, Low: low, High: high})
	}
	var lines []charts.HLine
	if measure == "hhi_regional" || measure == "hhi_national" {
		lines = hhiThresholds()
	}
	o := p.measureOptions(measure)
	c, err := charts.TimeSeries(o, bands, lines...)
	p.figure(s, "batch_"+measure, o.Title, c, err, ranking(measure, names, sums, kind))
}

// batchFoot is the foot of a batch's page: how it was run, its files, and
// where each scenario came from.
func batchFoot(m outputs.BatchManifest) [][2]string {
	foot := [][2]string{
		{"seed", strconv.FormatUint(m.Seed, 10)},
		{"replications", strconv.Itoa(m.Replications)},
		{"model version", m.Version},
		{"started", m.Started},
		{"finished", m.Finished},
		{"files", strings.Join(m.Files, ", ")},
	}
	for _, sc := range m.Scenarios {
		foot = append(foot, [2]string{"scenario " + sc.Name, fmt.Sprintf("%s, folder %s, parameters hash %s", sc.Source, sc.Folder, sc.ParamsHash)})
	}
	return foot
}

// maxBands is the most scenarios whose 95% bands a batch chart draws;
// beyond it the bands merge into one grey area and only means are drawn.
const maxBands = 3

// pageKind is what a batch folder holds, which changes how its readings
// talk about intervals.
type pageKind int

const (
	plainBatch pageKind = iota // independent of each other but for the seed
	comparison                 // with paired differences on the page
	branches                   // continuing the same histories
)

// commonYear is the last year every scenario of a batch reached.
func commonYear(names []string, sums map[string]*summary) int {
	year := math.MaxInt
	for _, n := range names {
		year = min(year, sums[n].last())
	}
	return year
}

// ranking is the reading of a batch chart: which scenarios had the highest
// and the lowest mean in the last year they all reached, each with its
// interval, and whether the highest and lowest intervals overlap, in
// which case the runs do not tell them apart (in a comparison, the paired
// differences do).
func ranking(measure string, names []string, sums map[string]*summary, kind pageKind) string {
	year := commonYear(names, sums)
	var stats []outputs.Stat
	var who []string
	for _, n := range names {
		st, ok := sums[n].at(measure, year)
		if !ok || math.IsNaN(st.Mean) {
			continue
		}
		stats, who = append(stats, st), append(who, n)
	}
	l := label(measure)
	if len(stats) == 0 {
		return fmt.Sprintf("%s is undefined in %d in every scenario.", capital(l), year)
	}
	hi, lo := stats[0].Mean, stats[0].Mean
	for _, st := range stats {
		hi, lo = max(hi, st.Mean), min(lo, st.Mean)
	}
	// Scenarios whose means print the same are tied.
	tied := func(v float64) []int {
		var out []int
		for i, st := range stats {
			if human(measure, st.Mean) == human(measure, v) {
				out = append(out, i)
			}
		}
		return out
	}
	top, bottom := tied(hi), tied(lo)
	if len(top) == len(stats) {
		return fmt.Sprintf("In %d %s was %s under every scenario.", year, l, human(measure, hi))
	}
	describe := func(idx []int) string {
		var parts []string
		for _, i := range idx {
			st := stats[i]
			v := human(measure, st.Mean)
			switch iv := interval(measure, st.Low, st.High); {
			case st.Low == st.High:
				v += " in every replication"
			case iv != "":
				v += ", 95% CI " + iv
			}
			parts = append(parts, fmt.Sprintf("%s (%s)", who[i], v))
		}
		return "under " + list(parts)
	}
	r := fmt.Sprintf("In %d %s was highest %s and lowest %s.", year, l, describe(top), describe(bottom))
	overlap := false
	for _, i := range top {
		for _, j := range bottom {
			if !math.IsNaN(stats[i].Low) && !math.IsNaN(stats[j].High) && stats[i].Low <= stats[j].High {
				overlap = true
			}
		}
	}
	switch {
	case !overlap:
	case kind == comparison:
		r += " The highest and lowest intervals overlap; the paired differences above say whether the scenarios differ."
	case kind == branches:
		r += " The highest and lowest intervals overlap, so these runs do not tell them apart."
	default:
		r += fmt.Sprintf(" The highest and lowest intervals overlap, so these runs do not tell them apart; \"mutualsim compare %s %s\" gives a paired interval of the difference, usually much narrower.", who[bottom[0]], who[top[0]])
	}
	return r
}

// hhiThresholds are the concentration thresholds of the UK's 2010 merger
// guidelines (sim.HHIConcentrated) drawn on every HHI chart.
func hhiThresholds() []charts.HLine {
	return []charts.HLine{{Y: sim.HHIConcentrated, Label: "1,000: concentrated (UK, 2010)"}, {Y: sim.HHIHighlyConcentrated, Label: "2,000: highly concentrated (UK, 2010)"}}
}

// batchLevers lists each lever that any scenario of a batch sets away from
// its default or changes over time, with its value in every scenario and
// the years from which the timeline changes it ("closed; open from 2014").
// For branches (from > 0) the values are those in force from the year
// from, with the later changes.
//
// A comparison also lists, first, every lever whose value or timeline
// differs between the scenarios compared: what the differences measure.
func batchLevers(s *section, names []string, scs []inputs.Resolved, from int, compare bool) {
	def := inputs.Default().Resolve()
	head := append([]string{"lever", "default"}, names...)
	t := &htmlTable{Head: head, Left: len(head)}
	type state struct {
		now   map[string]string
		later []inputs.ResolvedChange
	}
	states := make([]state, len(scs))
	for i, sc := range scs {
		states[i].now, states[i].later = leversFrom(sc, from)
	}
	// With many scenarios a column each would run off the page: then a row
	// per scenario and lever that differs.
	long := &htmlTable{Head: []string{"scenario", "lever", "value", "default"}, Left: 4}
	between := &htmlTable{Head: append([]string{"lever"}, names...), Left: len(names) + 1}
	for _, l := range def.Levers {
		row := []string{l.Name, l.Value}
		differs := false
		for k, st := range states {
			v, ok := st.now[l.Name]
			if !ok {
				v = "?"
			}
			d := v != l.Value
			for _, ch := range st.later {
				for _, a := range ch.Set {
					if a.Name == l.Name {
						v += fmt.Sprintf("; %s from %d", a.Value, ch.Year)
						d = true
					}
				}
			}
			if d {
				long.Rows = append(long.Rows, []string{names[k], l.Name, v, l.Value})
			}
			differs = differs || d
			row = append(row, v)
		}
		if differs {
			t.Rows = append(t.Rows, row)
		}
		if vals := row[2:]; slices.ContainsFunc(vals, func(v string) bool { return v != vals[0] }) {
			between.Rows = append(between.Rows, append([]string{l.Name}, vals...))
		}
	}
	if compare {
		switch n := len(between.Rows); n {
		case 0:
			s.Text = append(s.Text, "No lever differs between the scenarios compared: their differences are chance alone, and should vanish.")
		default:
			s.Text = append(s.Text, fmt.Sprintf("%s between the scenarios compared: every difference below comes from %s.", leversDiffer(n), map[bool]string{true: "it", false: "them together"}[n == 1]))
			s.Tables = append(s.Tables, between)
		}
	}
	levers := len(t.Rows)
	if len(names) > 4 {
		slices.SortStableFunc(long.Rows, func(a, b []string) int { return slices.Index(names, a[0]) - slices.Index(names, b[0]) })
		t.Rows, t.Head, t.Left = long.Rows, long.Head, long.Left
	}
	when := "from the start"
	if from > 0 {
		when = fmt.Sprintf("in %d, when the branches start,", from)
	}
	if levers == 0 {
		s.Text = append(s.Text, fmt.Sprintf("Nothing: every lever has its default value, the rules of 2010, %s in every scenario.", strings.TrimSuffix(when, ",")))
		return
	}
	s.Text = append(s.Text, fmt.Sprintf("%s from their defaults (the rules of 2010) in at least one scenario, %s or from the year given; each scenario's own report says what they mean.", leversDiffer(levers), when))
	s.Tables = append(s.Tables, t)
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
				cell += "\n(" + iv + ")" // a line of its own: the page stays narrow
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// comparisonSection draws the paired differences of comparison.csv: for
// each year compared, one forest plot of every measure's difference and
// its interval on a common scale, the spread across the first scenario's
// replications in that year (the difference ÷ its standard deviation),
// grouped by the questions the model answers (questionOf); the table
// beside it gives the raw figures, and a sentence per measure reads them.
func (p *page) comparisonSection(dir string, f outputs.Format, sums map[string]*summary) error {
	t, err := readTable(diskFolder(dir), "comparison", f)
	if err != nil {
		return err
	}
	if err := t.has("measure", "year", "baseline", "scenario", "mean_baseline", "mean_scenario", "difference", "ci_low", "ci_high", "width_ratio"); err != nil {
		return err
	}
	s := p.add("Paired differences")
	s.Text = append(s.Text, "Each difference is the mean of the differences between replication r of a scenario and replication r of the first, with its 95% interval. The charts put every measure on one scale: the difference divided by the measure's spread (standard deviation) across the first scenario's replications in that year, so that a difference of 1 is as large as the usual gap between two replications' values, and one of 0.1 is small however steep a chart of the measure alone would make it look. The table gives the raw figures; its last column says how many times wider the interval would be had the runs been independent.")
	var measures []string
	var years []int
	base := ""
	for i := range t.rows {
		if m := t.str(i, "measure"); !slices.Contains(measures, m) {
			measures = append(measures, m)
		}
		if y := t.int(i, "year"); !slices.Contains(years, y) {
			years = append(years, y)
		}
		base = t.str(i, "baseline")
	}
	slices.Sort(years)
	// Measures in the order of their questions, then as the table lists them.
	slices.SortStableFunc(measures, func(a, b string) int { return questionRank(a) - questionRank(b) })
	lastYear := years[len(years)-1]
	tb := &htmlTable{Head: []string{"question", "measure", "year", "scenario", "first", "scenario's", "difference", "95% CI", "÷ spread", "unpaired ÷ paired width"}, Left: 4}
	byYear := map[int][]charts.Interval{}
	var clauses []string
	var unscaled []string
	for _, m := range measures {
		for i := range t.rows {
			if t.str(i, "measure") != m {
				continue
			}
			d, lo, hi := t.float(i, "difference"), t.float(i, "ci_low"), t.float(i, "ci_high")
			year, sc := t.int(i, "year"), t.str(i, "scenario")
			sd := math.NaN()
			if sum := sums[base]; sum != nil {
				if st, ok := sum.at(m, year); ok {
					sd = st.SD
				}
			}
			scaled := "–"
			if sd > 0 {
				row := charts.Interval{Label: fmt.Sprintf("%s: %s", questionOf(m), label(m)), Value: d / sd, Low: lo / sd, High: hi / sd}
				if len(sums) > 2 {
					row.Label += ", " + sc
				}
				byYear[year] = append(byYear[year], row)
				scaled = signedFixed(d/sd, 2)
			} else if !slices.Contains(unscaled, label(m)) {
				unscaled = append(unscaled, label(m))
			}
			ratio := "–"
			if r := t.float(i, "width_ratio"); r > 0 && !math.IsNaN(r) {
				ratio = fmt.Sprintf("%.1f", 1/r)
			}
			ci := "–"
			if !math.IsNaN(lo) && !math.IsNaN(hi) {
				ci = signedHuman(m, lo) + " to " + signedHuman(m, hi)
			}
			tb.Rows = append(tb.Rows, []string{questionOf(m), label(m), strconv.Itoa(year), sc,
				human(m, t.float(i, "mean_baseline")), human(m, t.float(i, "mean_scenario")), signedHuman(m, d), ci, scaled, ratio})
			if year == lastYear {
				clauses = append(clauses, effectClause(m, base, sc, t.float(i, "mean_baseline"), t.float(i, "mean_scenario"), d, lo, hi, t.float(i, "width_ratio")))
			}
		}
	}
	for _, y := range years {
		o := charts.Options{Title: fmt.Sprintf("Differences from %s in %d, against each measure's spread", base, y),
			XLabel: fmt.Sprintf("difference ÷ standard deviation across %s's replications in %d", base, y)}
		c, err := charts.Intervals(o, byYear[y], true)
		if len(byYear[y]) == 0 {
			err = errNoData
		}
		reading := fmt.Sprintf("In %d, against %s: %s.", y, base, largestEffects(byYear[y]))
		p.figure(s, fmt.Sprintf("forest_%d", y), o.Title, c, err, reading)
	}
	if len(unscaled) > 0 {
		s.Text = append(s.Text, fmt.Sprintf("Not on the charts, for want of a spread across %s's replications (one replication, or the same value in each): %s.", base, list(unscaled)))
	}
	s.Tables = append(s.Tables, tb)
	r := p.add("The differences in words")
	for _, c := range clauses {
		r.Text = append(r.Text, fmt.Sprintf("In %d, against %s, %s.", lastYear, base, c))
	}
	return nil
}

// largestEffects names the rows of a forest plot whose intervals exclude
// zero, largest first (at most three), or says there are none.
func largestEffects(rows []charts.Interval) string {
	var clear []charts.Interval
	for _, r := range rows {
		if r.Low > 0 || r.High < 0 {
			clear = append(clear, r)
		}
	}
	if len(clear) == 0 {
		return "no difference has an interval clear of zero"
	}
	slices.SortStableFunc(clear, func(a, b charts.Interval) int {
		switch x, y := math.Abs(a.Value), math.Abs(b.Value); {
		case x > y:
			return -1
		case x < y:
			return 1
		}
		return 0
	})
	var parts []string
	for _, r := range clear[:min(3, len(clear))] {
		parts = append(parts, fmt.Sprintf("%s, %s standard deviations", r.Label, signedFixed(r.Value, 1)))
	}
	return fmt.Sprintf("%d of %d differences have intervals clear of zero; the largest against the spread: %s", len(clear), len(rows), strings.Join(parts, "; "))
}

// signedFixed formats x with its sign and dec decimals.
func signedFixed(x float64, dec int) string {
	s := strconv.FormatFloat(x, 'f', dec, 64)
	if x > 0 {
		s = "+" + s
	}
	return s
}

// The questions the model answers (MODEL.md §1), in the order the
// comparison page groups measures by.
var questions = []struct {
	name     string
	measures []string
}{
	{"capture", []string{"producer_capture_index", "investor_extraction", "quality_mean", "total_spend", "cost_per_quality", "engagement_mean"}},
	{"competition", []string{"mean_bidders", "incumbent_win_rate", "transaction_costs", "tenders", "entrants"}},
	{"pensions and spin-outs", []string{"mutuals_alive", "mutuals_formed", "staff_in_mutuals", "vacancy_rate_mutual", "pension_cost", "nhs_pension_share", "mutual_survival_3y", "mutual_survival_5y", "spinouts_formed", "spinout_attempts"}},
	{"concentration", []string{"hhi_regional", "hhi_national", "cr1_regional", "cr4_regional", "share_nhs", "share_mutual", "share_private", "share_jv", "largest_private_share", "spend_near_monopoly"}},
}

// questionOf names the question a measure belongs to ("other" for none).
func questionOf(m string) string {
	for _, q := range questions {
		if slices.Contains(q.measures, m) {
			return q.name
		}
	}
	return "other"
}

func questionRank(m string) int {
	for i, q := range questions {
		if slices.Contains(q.measures, m) {
			return i
		}
	}
	return len(questions)
}

// effectClause reads one paired difference: "right-to-provide raised
// mutuals trading by 12.3 (95% CI 10.1 to 14.5; independent runs would
// give an interval 3.2 times as wide)". mb and ms are the means of the
// first scenario, base, and of this one.
func effectClause(m, base, scenario string, mb, ms, d, lo, hi, ratio float64) string {
	l := label(m)
	size := strings.TrimPrefix(signedHuman(m, math.Abs(d)), "+")
	var c string
	switch {
	case math.IsNaN(d) || math.IsNaN(mb) || math.IsNaN(ms):
		// outputs.Paired gives the means of the pairs only: with no pair,
		// whether one side or both lacked values, there is no difference.
		return fmt.Sprintf("%s and %s never had a value of %s in the same replication, so there is no difference to give", base, scenario, l)
	case math.IsNaN(lo) || math.IsNaN(hi):
		return fmt.Sprintf("%s changed %s by %s (no interval: fewer than two replications had a value in both)", scenario, l, signedHuman(m, d))
	case lo == 0 && hi == 0 && d == 0:
		return fmt.Sprintf("%s left %s unchanged in every replication", scenario, l)
	case lo <= 0 && hi >= 0:
		c = fmt.Sprintf("%s did not clearly change %s: %s (95%% CI %s to %s", scenario, l, signedHuman(m, d), signedHuman(m, lo), signedHuman(m, hi))
	case d > 0:
		c = fmt.Sprintf("%s raised %s by %s (95%% CI %s to %s", scenario, l, size, signedHuman(m, lo), signedHuman(m, hi))
	default:
		c = fmt.Sprintf("%s lowered %s by %s (95%% CI %s to %s", scenario, l, size, signedHuman(m, lo), signedHuman(m, hi))
	}
	switch r := ratio; {
	case r > 0 && 1/r >= 1.05:
		c += fmt.Sprintf("; independent runs would give an interval %.1f times as wide", 1/r)
	case r > 0 && !math.IsNaN(r):
		c += "; pairing did not narrow this interval"
	}
	return c + ")"
}

// signedHuman formats a difference with its sign; shares in percentage
// points with one decimal.
func signedHuman(measure string, v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	s := human(measure, v)
	if isShare(unitOf(measure)) {
		s = outputs.Points(v)
	}
	if strings.Trim(s, "-+0.,£mbn pts%") == "" {
		return strings.TrimPrefix(s, "-") // rounds to zero: no sign
	}
	if v > 0 && !strings.HasPrefix(s, "-") {
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
