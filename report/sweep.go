package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"mutualsim/charts"
	"mutualsim/design"
	"mutualsim/inputs"
	"mutualsim/internal/fmath"
	"mutualsim/outputs"
	"mutualsim/scenarios"
	"mutualsim/sweep"
)

// sweepPage is the report of a sweep folder.
func sweepPage(dir string, raw []byte) (*page, error) {
	var m sweep.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s: manifest.json: %w", dir, err)
	}
	sp := m.Spec
	format := outputs.Format(m.Format)
	p := &page{Title: fmt.Sprintf("mutualsim sweep: %s", sp.Name)}
	var levers, outs []string
	for _, f := range sp.Factors {
		levers = append(levers, f.Lever)
	}
	for _, o := range sp.Outcomes {
		outs = append(outs, label(o))
	}
	p.Question = fmt.Sprintf("How do %s respond to %s, starting from %s?", list(outs), list(levers), sp.Base)
	// The built-in file alone: the report does not depend on the environment.
	if _, ok := scenarios.Builtin(sp.Base); ok {
		if base, err := scenarios.Load(sp.Base, scenarios.LoadOptions{NoFiles: true}); err == nil && base.Question != "" {
			p.Intro = append(p.Intro, fmt.Sprintf("The base scenario, %s, asks: %s", sp.Base, base.Question))
		}
	}
	p.Intro = append(p.Intro, fmt.Sprintf("A %s design over %s, on %s at the %s scale (%s): %s × %s = %s, seed %d. Replication r of every point used the same random streams.",
		methodName(sp.Method), list(levers), sp.Base, sp.Scale, yearsText(sp.StartYear, sp.StartYear+sp.Years-1), plural(m.Points, "point"), plural(sp.Replications, "replication"), plural(m.Points*sp.Replications, "run"), sp.Seed))
	if !m.Complete {
		p.Intro = append(p.Intro, fmt.Sprintf("This folder holds %d of the sweep's %d runs (%s): it has no results across the design yet; finish the sweep, or merge the shards, for them.", m.Done, m.Points*sp.Replications, shardText(m)))
	}
	sec := p.add("Design")
	dt := &htmlTable{Head: []string{"lever", "varied over", "meaning"}, Left: 3}
	for _, f := range sp.Factors {
		over := fmt.Sprintf("%s to %s", fmtNum(f.Min), fmtNum(f.Max))
		if f.Levels != nil {
			over = strings.Join(f.Levels, ", ")
		}
		desc := ""
		if l, ok := inputs.LeverByName(f.Lever); ok {
			desc = l.Desc
		}
		dt.Rows = append(dt.Rows, []string{f.Lever, over, desc})
	}
	sec.Tables = append(sec.Tables, dt)
	sec.Text = append(sec.Text, fmt.Sprintf("Outcomes: %s, in %s.", list(outs), list(intsText(sp.OutcomeYears))))
	for _, n := range m.Notes {
		sec.Text = append(sec.Text, fmt.Sprintf("Note on %s: %s.", n.Outcome, n.Msg))
	}
	if m.Complete {
		var err error
		switch sp.Method {
		case design.MethodMorris:
			err = p.morrisSection(dir, format)
		case design.MethodSobol:
			err = p.sobolSection(dir, format)
		default:
			err = p.responseSection(dir, format, sp)
		}
		if err == nil {
			err = p.discoverSection(dir, format)
		}
		if err != nil {
			return nil, err
		}
	}
	designFile := m.DesignFile
	if len(m.Merged) > 0 {
		designFile = "merged from " + strings.Join(m.Merged, ", ")
	}
	p.Foot = [][2]string{
		{"design file", orDash(designFile)},
		{"spec hash (SHA-256)", m.SpecHash},
		{"base parameters hash", sp.BaseHash},
		{"seed", strconv.FormatUint(sp.Seed, 10)},
		{"model version", m.Version},
		{"shard", shardText(m)},
		{"runs done", fmt.Sprintf("%d of %d", m.Done, m.Runs)},
		{"finished", m.Finished},
		{"files", strings.Join(m.Files, ", ")},
		{"rerun a point", m.Rerun},
	}
	return p, nil
}

// shardText names a sweep folder's shard for people, counting from 1.
func shardText(m sweep.Manifest) string {
	if m.Shard.Count <= 1 {
		return "the whole sweep, not sharded"
	}
	return fmt.Sprintf("shard %d of %d (--shard-index %d)", m.Shard.Index+1, m.Shard.Count, m.Shard.Index)
}

func methodName(m string) string {
	switch m {
	case design.MethodGrid:
		return "grid"
	case design.MethodLHS:
		return "Latin hypercube"
	case design.MethodMorris:
		return "Morris elementary-effects"
	case design.MethodSobol:
		return "Saltelli (Sobol indices)"
	}
	return m
}

// fmtNum writes a lever's bound as given, with thousands separators and
// no exponent ("1,000,000", "0.25").
func fmtNum(v float64) string {
	whole, frac, ok := strings.Cut(strconv.FormatFloat(v, 'f', -1, 64), ".")
	w, err := strconv.ParseFloat(whole, 64)
	if err != nil {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	s := outputs.Thousands(w)
	if strings.HasPrefix(whole, "-") && !strings.HasPrefix(s, "-") {
		s = "-" + s
	}
	if ok {
		s += "." + frac
	}
	return s
}

func intsText(xs []int) []string {
	var out []string
	for _, x := range xs {
		out = append(out, strconv.Itoa(x))
	}
	return out
}

// outcomeKey is an outcome and year of an index table.
type outcomeKey struct {
	measure string
	year    int
}

// byOutcome groups an index table's rows by outcome and year, in order.
func byOutcome(t *table) ([]outcomeKey, map[outcomeKey][]int) {
	var keys []outcomeKey
	rows := map[outcomeKey][]int{}
	for i := range t.rows {
		k := outcomeKey{t.str(i, "outcome"), t.int(i, "year")}
		if _, ok := rows[k]; !ok {
			keys = append(keys, k)
		}
		rows[k] = append(rows[k], i)
	}
	return keys, rows
}

// morrisSection draws μ* against σ for each outcome.
func (p *page) morrisSection(dir string, f outputs.Format) error {
	t, err := readTable(diskFolder(dir), "morris", f)
	if err != nil {
		return err
	}
	if err := t.has("outcome", "year", "lever", "mu", "mu_star", "sigma"); err != nil {
		return err
	}
	s := p.add("Morris screening")
	s.Text = append(s.Text, "μ* is a lever's importance: the mean size of the outcome's change when the lever moves across its whole range, one lever at a time. σ is how much that change varies from one point to another: a σ as large as μ* means the lever's effect is non-linear or depends on other levers.")
	keys, rows := byOutcome(t)
	tb := &htmlTable{Head: []string{"outcome", "year", "lever", "μ", "μ*", "σ"}, Left: 3}
	for _, k := range keys {
		var pts []charts.Point
		top, topV := "", math.Inf(-1)
		var topSigma float64
		scale := 1.0
		if isShare(unitOf(k.measure)) {
			scale = 100 // effects on shares in percentage points
		}
		for _, i := range rows[k] {
			lever, ms, sg := t.str(i, "lever"), t.float(i, "mu_star"), t.float(i, "sigma")
			if ms < 0 || sg < 0 {
				return fmt.Errorf("%s, %s: mu_star %v and sigma %v must be 0 or more", t.path, t.rowName(i), ms, sg)
			}
			if !math.IsNaN(ms) && !math.IsNaN(sg) {
				pts = append(pts, charts.Point{Label: shortLever(lever), X: scale * ms, Y: scale * sg})
			}
			if ms > topV {
				top, topV, topSigma = lever, ms, sg
			}
			tb.Rows = append(tb.Rows, []string{label(k.measure), strconv.Itoa(k.year), lever, effect(k.measure, t.float(i, "mu")), effect(k.measure, ms), effect(k.measure, sg)})
		}
		u := diffUnit(k.measure)
		o := charts.Options{Title: fmt.Sprintf("Morris screening: %s, %d", label(k.measure), k.year),
			XLabel: "μ*, importance" + unitSuffix(u), YLabel: "σ, non-linearity or interaction" + unitSuffix(u),
			XDomain: charts.NonNegative, YDomain: charts.NonNegative}
		c, err := charts.Scatter(o, pts)
		if len(pts) == 0 {
			err = errNoData
		}
		var reading string
		switch {
		case math.IsInf(topV, -1) || math.IsNaN(topV):
			reading = fmt.Sprintf("No effects for %s in %d (see the notes above).", label(k.measure), k.year)
		case topV == 0:
			reading = fmt.Sprintf("No lever moved %s in %d: every elementary effect was zero.", label(k.measure), k.year)
		default:
			reading = fmt.Sprintf("%s matters most for %s in %d (μ* %s, σ %s): %s.", top, label(k.measure), k.year, effect(k.measure, topV), effect(k.measure, topSigma), morrisShape(topSigma/topV))
		}
		p.figure(s, fmt.Sprintf("morris_%s_%d", k.measure, k.year), o.Title, c, err, reading)
	}
	s.Tables = append(s.Tables, tb)
	return nil
}

// morrisShape reads the ratio σ/μ* of a lever's elementary effects with
// the bands of Garcia Sanchez et al. (2014), "Application of sensitivity
// analysis in building energy simulations", Energy and Buildings 68,
// 741–750: below 0.1 linear, below 0.5 monotonic, below 1 almost
// monotonic, from 1 non-linear, non-monotonic or interacting.
func morrisShape(ratio float64) string {
	r := strconv.FormatFloat(ratio, 'f', 2, 64)
	switch {
	case ratio < 0.1:
		return "its effect is almost linear (σ/μ* " + r + ")"
	case ratio < 0.5:
		return "its effect is monotonic: it moves the outcome the same way across the design, by varying amounts (σ/μ* " + r + ")"
	case ratio < 1:
		return "its effect is almost monotonic but varies a good deal across the design (σ/μ* " + r + ")"
	}
	return "its effect is non-linear or non-monotonic, or depends on other levers (σ/μ* " + r + ")"
}

// effect formats a change in a measure, such as a Morris μ* or σ: shares
// in percentage points, other measures in their own units.
func effect(measure string, v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	if isShare(unitOf(measure)) {
		return strconv.FormatFloat(100*v, 'f', 2, 64) + " pts"
	}
	return human(measure, v)
}

// sobolSection draws S1 and ST with their intervals for each outcome.
func (p *page) sobolSection(dir string, f outputs.Format) error {
	t, err := readTable(diskFolder(dir), "sobol", f)
	if err != nil {
		return err
	}
	if err := t.has("outcome", "year", "lever", "s1", "s1_low", "s1_high", "st", "st_low", "st_high"); err != nil {
		return err
	}
	s := p.add("Sobol indices")
	s.Text = append(s.Text, "S1 is the share of an outcome's variance across the design that a lever causes on its own; ST the share it causes with all its interactions. Bars show the estimates, whiskers their 95% bootstrap intervals; with few base samples the intervals are wide and estimates can fall below 0 or above 1.")
	keys, rows := byOutcome(t)
	tb := &htmlTable{Head: []string{"outcome", "year", "lever", "S1", "95% CI", "ST", "95% CI"}, Left: 3}
	for _, k := range keys {
		var cats []string
		g1 := charts.Group{Name: "S1 (alone)"}
		gt := charts.Group{Name: "ST (with interactions)"}
		top, topV, topLo, topHi := "", math.Inf(-1), 0.0, 0.0
		maxS1, sumST := 0.0, 0.0
		for _, i := range rows[k] {
			if v := t.float(i, "s1"); !math.IsNaN(v) {
				maxS1 = math.Max(maxS1, math.Abs(v))
			}
			if v := t.float(i, "st"); !math.IsNaN(v) {
				sumST += v
			}
			lever := t.str(i, "lever")
			cats = append(cats, shortLever(lever))
			g1.Values, g1.Low, g1.High = append(g1.Values, t.float(i, "s1")), append(g1.Low, t.float(i, "s1_low")), append(g1.High, t.float(i, "s1_high"))
			gt.Values, gt.Low, gt.High = append(gt.Values, t.float(i, "st")), append(gt.Low, t.float(i, "st_low")), append(gt.High, t.float(i, "st_high"))
			if st := t.float(i, "st"); st > topV {
				top, topV, topLo, topHi = lever, st, t.float(i, "st_low"), t.float(i, "st_high")
			}
			tb.Rows = append(tb.Rows, []string{label(k.measure), strconv.Itoa(k.year), lever, short(t.float(i, "s1")), short(t.float(i, "s1_low")) + " to " + short(t.float(i, "s1_high")),
				short(t.float(i, "st")), short(t.float(i, "st_low")) + " to " + short(t.float(i, "st_high"))})
		}
		o := charts.Options{Title: fmt.Sprintf("Sobol indices: %s, %d", label(k.measure), k.year), XLabel: "lever", YLabel: "share of variance"}
		c, err := charts.Bars(o, cats, []charts.Group{g1, gt})
		reading := fmt.Sprintf("%s has the largest total index for %s in %d: ST %s (95%% CI %s to %s), the share of the variance it causes with its interactions.", top, label(k.measure), k.year, short(topV), short(topLo), short(topHi))
		if math.IsInf(topV, -1) || math.IsNaN(topV) {
			reading, err = fmt.Sprintf("No indices for %s in %d (see the notes above).", label(k.measure), k.year), errNoData
		} else if tooSmallSobol(maxS1, sumST) {
			reading += fmt.Sprintf(" Warning: every first-order index is near zero (at most %s) while the totals sum to %s, far above 1: the signature of a design too small to estimate them, not of a model driven by interactions alone; run the sweep with more points (base samples) before reading these indices.", short(maxS1), short(sumST))
		}
		p.figure(s, fmt.Sprintf("sobol_%s_%d", k.measure, k.year), o.Title, c, err, reading)
	}
	s.Tables = append(s.Tables, tb)
	return nil
}

// maxResponseCharts is the most outcome–lever charts a grid or Latin
// hypercube page draws; the table gives every pair.
const maxResponseCharts = 12

// responseSection draws, for a grid or a Latin hypercube, each outcome's
// point means against each lever, and reads the rank correlation with its
// significance.
func (p *page) responseSection(dir string, f outputs.Format, sp sweep.Spec) error {
	t, err := readTable(diskFolder(dir), "points", f)
	if err != nil {
		return err
	}
	s := p.add("Outcomes against the levers")
	s.Text = append(s.Text, "Each dot is a design point: the outcome's mean over its replications against one lever's value. The rank correlation (Spearman's ρ) says how steadily the outcome rises (near +1) or falls (near −1) with the lever across the design; a relation is read as one only when p < 0.05. In a design that varies several levers at once, a lever with no effect can still show a weak correlation by chance.")
	type pair struct {
		o    string
		y    int
		fs   sweep.FactorSpec
		lc   string
		pts  []charts.Point
		rho  float64
		pval float64
		n    int
	}
	var pairs []*pair
	tb := &htmlTable{Head: []string{"outcome", "year", "lever", "points with a value", "rank correlation", "p"}, Left: 3}
	for _, o := range sp.Outcomes {
		for _, y := range sp.OutcomeYears {
			col := o + "_mean"
			if len(sp.OutcomeYears) > 1 {
				col = o + "_" + strconv.Itoa(y) + "_mean"
			}
			if _, ok := t.col[col]; !ok {
				return fmt.Errorf("%s has no column %q", t.path, col)
			}
			for _, fs := range sp.Factors {
				lc := sweep.LeverColumn(fs.Lever)
				if _, ok := t.col[lc]; !ok {
					return fmt.Errorf("%s has no column %q", t.path, lc)
				}
				pr := &pair{o: o, y: y, fs: fs, lc: lc}
				var xs, ys []float64
				for i := range t.rows {
					x, yv := leverValue(t, i, lc, fs), t.float(i, col)
					if math.IsNaN(x) || math.IsNaN(yv) {
						continue
					}
					if !domainOf(o).Contains(yv) {
						return fmt.Errorf("%s, %s: %s = %v is outside what %s can be (%s)", t.path, t.rowName(i), col, yv, label(o), domainText(domainOf(o)))
					}
					xs, ys = append(xs, x), append(ys, yv)
					pr.pts = append(pr.pts, charts.Point{X: x, Y: yv})
				}
				pr.n = len(xs)
				pr.rho, pr.pval = spearman(xs, ys)
				pairs = append(pairs, pr)
				tb.Rows = append(tb.Rows, []string{label(o), strconv.Itoa(y), fs.Lever, fmt.Sprintf("%d of %d", pr.n, len(t.rows)), short(pr.rho), pValue(pr.pval)})
			}
		}
	}
	// Draw at most maxResponseCharts pairs: those with the strongest
	// correlations, in the table's order.
	drawn := make([]bool, len(pairs))
	order := make([]int, len(pairs))
	for i := range order {
		order[i] = i
	}
	strength := func(i int) float64 {
		if math.IsNaN(pairs[i].rho) {
			return -1
		}
		return math.Abs(pairs[i].rho)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(strength(b), strength(a)) })
	for _, i := range order[:min(len(order), maxResponseCharts)] {
		drawn[i] = true
	}
	if len(pairs) > maxResponseCharts {
		s.Text = append(s.Text, fmt.Sprintf("The design has %d outcome–lever pairs; the charts show the %d with the strongest rank correlations, and the table below gives them all.", len(pairs), maxResponseCharts))
	}
	for i, pr := range pairs {
		if !drawn[i] {
			continue
		}
		var xf func(float64) string
		if lv := pr.fs.Levels; lv != nil {
			xf = func(v float64) string {
				if i := int(math.Round(v)); i >= 0 && i < len(lv) && math.Abs(v-float64(i)) < 1e-9 {
					return lv[i]
				}
				return ""
			}
		}
		opt := charts.Options{Title: fmt.Sprintf("%s, %d, against %s", capital(label(pr.o)), pr.y, shortLever(pr.fs.Lever)), XLabel: pr.fs.Lever, YLabel: axisLabel(pr.o), YDomain: domainOf(pr.o), XFormat: xf}
		c, err := charts.Scatter(opt, pr.pts)
		if len(pr.pts) == 0 {
			err = errNoData
		}
		p.figure(s, fmt.Sprintf("points_%s_%d_%s", pr.o, pr.y, pr.lc), opt.Title, c, err, relation(label(pr.o), pr.fs.Lever, pr.n, len(t.rows), pr.rho, pr.pval))
	}
	s.Tables = append(s.Tables, tb)
	return nil
}

// relation reads a rank correlation between an outcome and a lever over
// the n of all design points that had a value.
func relation(outcome, lever string, n, all int, rho, p float64) string {
	switch {
	case n < 3:
		return fmt.Sprintf("Too few design points had a value of %s (%d of %d) to say how it moves with %s.", outcome, n, all, lever)
	case math.IsNaN(rho):
		return fmt.Sprintf("Across the design %s did not vary with %s at all (no rank correlation: one of them is constant).", outcome, lever)
	case p < 0.05 && rho > 0:
		return fmt.Sprintf("Across the design %s rises with %s (rank correlation %s, p %s, %d points).", outcome, lever, short(rho), pValue(p), n)
	case p < 0.05:
		return fmt.Sprintf("Across the design %s falls with %s (rank correlation %s, p %s, %d points).", outcome, lever, short(rho), pValue(p), n)
	}
	return fmt.Sprintf("Across the design %s shows no clear relation to %s (rank correlation %s, p %s, %d points).", outcome, lever, short(rho), pValue(p), n)
}

// pValue formats a p-value.
func pValue(p float64) string {
	switch {
	case math.IsNaN(p):
		return "–"
	case p < 0.001:
		return "< 0.001"
	}
	return "= " + strconv.FormatFloat(p, 'f', 3, 64)
}

// domainText says what values a domain allows.
func domainText(d charts.Domain) string {
	switch d {
	case charts.NonNegative, charts.Count:
		return "0 or more"
	case charts.Share:
		return "a share from 0 to 1"
	}
	return "any number"
}

// leverValue reads a lever's value at a point as a number: levels by their
// index.
func leverValue(t *table, row int, col string, fs sweep.FactorSpec) float64 {
	if fs.Levels != nil {
		return float64(slices.Index(fs.Levels, t.str(row, col)))
	}
	return t.float(row, col)
}

// spearman is the rank correlation of x and y (Pearson's on ranks, ties
// given their mean rank) and its two-sided p-value from the t
// approximation, t = ρ √((n−2)/(1−ρ²)) with n−2 degrees of freedom
// (Zar 1972, "Significance testing of the Spearman rank correlation
// coefficient", JASA 67:578–580). Both are NaN for fewer than 3 points or
// a constant variable.
func spearman(x, y []float64) (rho, p float64) {
	n := len(x)
	if n < 3 {
		return math.NaN(), math.NaN()
	}
	rho = fmath.Correlation(ranks(x), ranks(y))
	if math.IsNaN(rho) {
		return rho, math.NaN()
	}
	if math.Abs(rho) >= 1 {
		return rho, 0
	}
	t := rho * math.Sqrt(float64(n-2)/(1-float64(rho*rho)))
	return rho, 2 * fmath.StudentsTCDF(-math.Abs(t), float64(n-2))
}

func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		}
		return 0
	})
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		mean := float64(float64(i+j)/2) + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = mean
		}
		i = j + 1
	}
	return r
}

// shortLever drops a lever's section for a chart's labels.
func shortLever(name string) string {
	if _, k, ok := strings.Cut(name, "."); ok {
		return k
	}
	return name
}

// short formats an index for people.
func short(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	if v != 0 && math.Abs(v) < 0.01 {
		return strconv.FormatFloat(v, 'g', 2, 64)
	}
	if math.Abs(v) >= 1000 {
		return outputs.Thousands(math.Round(v))
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func unitSuffix(u string) string {
	if u == "" {
		return ""
	}
	return " (" + u + ")"
}

// tooSmallSobol reports whether Sobol indices look like those of a design
// too small to estimate them: every first-order index within 0.05 of zero
// while the total indices sum above 1.5. Totals sum to at least 1 (to 1
// exactly without interactions), so a large sum with no first-order
// effect at all is more often estimation noise than a real pattern
// (Saltelli et al. 2010).
func tooSmallSobol(maxAbsS1, sumST float64) bool { return maxAbsS1 < 0.05 && sumST > 1.5 }
