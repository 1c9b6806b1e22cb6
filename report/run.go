package report

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"mutualsim/charts"
	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/sim"
)

// runPage is the report of a run folder.
func runPage(fo folder, raw []byte) (*page, error) {
	var m outputs.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s: manifest.json: %w", fo.dir, err)
	}
	return runPageOf(fo, &m)
}

// runPageOf builds the report page of the run folder fo, whose manifest is
// m.
func runPageOf(fo folder, m *outputs.Manifest) (*page, error) {
	sumTable, err := readTable(fo, "summary", m.Format)
	if err != nil {
		return nil, err
	}
	sum, err := readSummary(sumTable, "")
	if err != nil {
		return nil, err
	}
	sc := m.Scenario
	p := &page{Title: "mutualsim: " + sc.Name, Question: sc.Question}
	if sc.Description != "" {
		p.Intro = append(p.Intro, sc.Description)
	}
	if sc.CompareTo != "" {
		p.Intro = append(p.Intro, fmt.Sprintf("Its effects are measured against %s: \"mutualsim compare %s\" runs the two with common random numbers.", sc.CompareTo, sc.Name))
	}
	if sc.Caveat != "" {
		p.Intro = append(p.Intro, "Caveat: "+sc.Caveat)
	}
	if len(sc.Overrides) > 0 {
		p.Intro = append(p.Intro, "Overrides in force, over the scenario as written: "+strings.Join(sc.Overrides, ", ")+".")
	}
	p.Intro = append(p.Intro, fmt.Sprintf("%s of %s at the %s scale (%s regions, about %s staff), seed %d.",
		plural(m.Replications, "replication"), yearsText(m.StartYear, m.EndYear), m.Scale.Name, outputs.Thousands(float64(m.Scale.Regions)),
		outputs.Thousands(float64(m.Scale.Regions)*m.Scale.StaffPerRegion), m.Seed)+" "+intervalsText(m.Replications))
	if b := m.BranchedFrom; b != nil {
		p.marks = branchMark(b.Year)
		p.Intro = append(p.Intro, fmt.Sprintf("The years to %d are those of %s, continued from its checkpoint (%s); this scenario's levers apply from %d.",
			m.BranchedFrom.Year, m.BranchedFrom.Scenario, m.BranchedFrom.File, m.BranchedFrom.Year+1))
	}

	levers := p.add("What the scenario changes")
	from := 0
	if m.BranchedFrom != nil {
		from = m.BranchedFrom.Year + 1
	}
	leversSection(levers, sc, from)

	head := p.add("Headline measures")
	// A branch is read from the year of its checkpoint, where it starts
	// to differ from the run it continues.
	first := sum.first()
	if b := m.BranchedFrom; b != nil && slices.Contains(sum.years, b.Year) {
		first = b.Year
		head.Text = append(head.Text, fmt.Sprintf("From %d, the year of the checkpoint this branch continues, to its last year.", first))
	}
	head.Tables = append(head.Tables, headlineTable(sum, first))

	changes, err := readChanges(fo, m.Format, first, sum.last())
	if err != nil {
		return nil, err
	}
	p.runCharts(sum, "", first, changes)
	if err := p.tenderSection(fo, m.Format, m.Replications); err != nil {
		return nil, err
	}
	if err := p.spinoutSection(fo, m.Format, m.Replications); err != nil {
		return nil, err
	}
	p.Foot = runFoot(*m)
	return p, nil
}

// leversSection lists the levers and timeline changes in which a scenario
// differs from the defaults. A branch takes the scenario's levers from the
// year from on (0 for a whole run): the levers in force then, with the
// timeline changes of that year and earlier applied, as the simulation
// applies them (inputs.Scenario.ParamsAt), and the later changes.
func leversSection(s *section, sc inputs.Resolved, from int) {
	def := inputs.Default().Resolve()
	base := map[string]string{}
	for _, l := range def.Levers {
		base[l.Name] = l.Value
	}
	now, later := leversFrom(sc, from)
	col := "this scenario"
	if from > 0 {
		col = fmt.Sprintf("from %d", from)
	}
	t := &htmlTable{Head: []string{"lever", col, "default", "meaning"}, Left: 4}
	for _, l := range sc.Levers {
		if v := now[l.Name]; base[l.Name] != v {
			desc := ""
			if lv, ok := inputs.LeverByName(l.Name); ok {
				desc = lv.Desc
			}
			t.Rows = append(t.Rows, []string{l.Name, v, base[l.Name], desc})
		}
	}
	start := "starts at"
	if from > 0 {
		start = fmt.Sprintf("has in %d", from)
	}
	switch {
	case len(t.Rows) == 0 && len(later) == 0:
		s.Text = append(s.Text, fmt.Sprintf("Nothing: every lever %s its default value, the rules of 2010.", start))
	case len(t.Rows) == 0:
		s.Text = append(s.Text, fmt.Sprintf("Every lever %s its default value, the rules of 2010; the timeline below changes them.", start))
	default:
		when := ""
		if from > 0 {
			when = fmt.Sprintf(" in %d, with the timeline's earlier changes applied", from)
		}
		s.Text = append(s.Text, fmt.Sprintf("%s from their defaults (the rules of 2010)%s.", leversDiffer(len(t.Rows)), when))
		s.Tables = append(s.Tables, t)
	}
	tl := &htmlTable{Caption: "Timeline: levers changed from a year on", Head: []string{"year", "lever", "value"}, Left: 3}
	for _, ch := range later {
		for _, a := range ch.Set {
			tl.Rows = append(tl.Rows, []string{strconv.Itoa(ch.Year), a.Name, a.Value})
		}
	}
	if len(tl.Rows) > 0 {
		s.Tables = append(s.Tables, tl)
	}
}

// leversFrom returns the levers of a scenario in force in the year from,
// with the timeline changes of that year and earlier applied in year order
// (as inputs.Scenario.ParamsAt applies them), and the later changes.
// With from 0 the levers are the scenario's starting values and every
// change is later.
func leversFrom(sc inputs.Resolved, from int) (map[string]string, []inputs.ResolvedChange) {
	changes := slices.Clone(sc.Timeline)
	slices.SortStableFunc(changes, func(a, b inputs.ResolvedChange) int { return a.Year - b.Year })
	now := map[string]string{}
	for _, l := range sc.Levers {
		now[l.Name] = l.Value
	}
	var later []inputs.ResolvedChange
	for _, ch := range changes {
		if from > 0 && ch.Year <= from {
			for _, a := range ch.Set {
				now[a.Name] = a.Value
			}
			continue
		}
		later = append(later, ch)
	}
	return now, later
}

// headlineTable gives the headline measures in the year first and the
// last year, or in the only year.
func headlineTable(sum *summary, first int) *htmlTable {
	last := sum.last()
	t := &htmlTable{Head: []string{"measure", fmt.Sprint(first), "95% CI", fmt.Sprint(last), "95% CI"}, Left: 1}
	if first == last {
		t.Head = t.Head[:3]
	}
	for _, m := range outputs.HeadlineMeasures() {
		a, _ := sum.at(m, first)
		b, _ := sum.at(m, last)
		row := []string{label(m), human(m, a.Mean), orDash(interval(m, a.Low, a.High)), human(m, b.Mean), orDash(interval(m, b.Low, b.High))}
		t.Rows = append(t.Rows, row[:len(t.Head)])
	}
	return t
}

// chartMeasures are the headline measures drawn over time with their
// bands, one chart each; the HHI has a chart of its own, with its
// thresholds.
func chartMeasures() []string {
	return slices.DeleteFunc(outputs.HeadlineMeasures(), func(m string) bool { return m == "hhi_regional" || m == "hhi_national" })
}

// runCharts adds the charts of one run: the market shares, the HHI and the
// headline measures over time, read from the year first to the last. A run of one year has nothing to draw over
// time; its section says so and the headline table gives the values.
func (p *page) runCharts(sum *summary, prefix string, first int, changes map[string]outputs.Difference) {
	last := sum.last()
	shares := p.add("Market shares and concentration")
	var layers []charts.Layer
	var x []float64
	var held []string
	for _, m := range []string{"share_nhs", "share_mutual", "share_private", "share_jv"} {
		xs, mean, _, _ := sum.band(m)
		x = xs
		layers = append(layers, charts.Layer{Name: kindOf(m), Values: mean})
		st, _ := sum.at(m, last)
		held = append(held, kindWho(kindOf(m))+" "+percent(st.Mean))
	}
	a, _ := sum.at("hhi_regional", first)
	b, _ := sum.at("hhi_regional", last)
	nat, _ := sum.at("hhi_national", last)
	over, _ := sum.at("regions_hhi_over_2000", last)
	spend, _ := sum.at("spend_hhi_over_2000", last)
	hhiText := fmt.Sprintf("%s of regions, with %s of the spend, were above 2,000, highly concentrated in the terms of the UK's 2010 merger guidelines (a local market with a few providers always is).",
		percent(over.Mean), percent(spend.Mean))
	if mono, ok := sum.at("spend_near_monopoly", last); ok {
		hhiText += fmt.Sprintf(" In regions with %s of the spend one provider held more than %.0f%% of the contract value.", percent(mono.Mean), 100*sim.NearMonopoly)
	}
	hhiText += fmt.Sprintf(" Pooled across regions, where no commissioner buys, the national HHI was %s.", human("hhi_national", nat.Mean))
	means := " (means across replications)"
	if sum.reps() < 2 {
		means = ""
	}
	if first == last {
		shares.Text = append(shares.Text,
			fmt.Sprintf("In %d %s held the contract value%s.", last, list(held), means),
			fmt.Sprintf("Within regions, where commissioners buy, the HHI weighted by spend was %s (%s). %s", human("hhi_regional", b.Mean), concentration(b.Mean), hhiText),
			"A run of one year has no charts over time; the headline table above gives every measure.")
		return
	}
	o := charts.Options{Title: "Market shares by provider kind", XLabel: "year", YLabel: "share of contract value (%)"}
	c, err := charts.StackedShares(o, x, layers)
	p.figure(shares, prefix+"shares", o.Title, c, err, fmt.Sprintf("In %d %s held the contract value%s.", last, list(held), means))

	rx, rm, rl, rh := sum.band("hhi_regional")
	hx, hm, hl, hh := sum.band("hhi_national")
	o = charts.Options{Title: "Concentration: Herfindahl–Hirschman index", XLabel: "year", YLabel: "HHI (0–10,000)", YDomain: charts.NonNegative, VLines: p.marks}
	c, err = charts.TimeSeries(o, []charts.Band{{Name: "regions, weighted by spend", X: rx, Mean: rm, Low: rl, High: rh}, {Name: "national, regions pooled", X: hx, Mean: hm, Low: hl, High: hh}},
		hhiThresholds()...)
	reading := fmt.Sprintf("Within regions, where commissioners buy, the HHI weighted by spend went from %s in %d to %s in %d (%s). %s", human("hhi_regional", a.Mean), first, human("hhi_regional", b.Mean), last, concentration(b.Mean), hhiText)
	p.figure(shares, prefix+"hhi", o.Title, c, err, reading)

	over2 := p.add("Measures over time")
	for _, m := range chartMeasures() {
		x, mean, low, high := sum.band(m)
		name := m
		if k := kindOf(m); k != "" {
			name = k // the kind's colour, as in the stacked shares
		}
		o := p.measureOptions(m)
		c, err := charts.TimeSeries(o, []charts.Band{{Name: name, X: x, Mean: mean, Low: low, High: high}})
		a, _ := sum.at(m, first)
		b, _ := sum.at(m, last)
		p.figure(over2, prefix+m, o.Title, c, err, trend(m, a, b, changes[m]))
	}
}

// measureOptions are the options of a measure's chart over time, with the
// page's marks.
func (p *page) measureOptions(m string) charts.Options {
	return charts.Options{Title: capital(label(m)), XLabel: "year", YLabel: axisLabel(m), YDomain: domainOf(m), VLines: p.marks}
}

// branchMark is the mark on the time charts of a branch: the year of its
// checkpoint, after which its levers apply.
func branchMark(year int) []charts.VLine {
	return []charts.VLine{{X: float64(year), Label: fmt.Sprintf("%d: branches from the checkpoint", year)}}
}

// kindWho names a provider kind in a sentence.
func kindWho(kind string) string {
	switch kind {
	case "nhs":
		return "NHS providers"
	case "mutual":
		return "mutuals"
	case "private":
		return "private firms"
	case "jv":
		return "joint ventures"
	}
	return kind
}

// concentration names an HHI's band in the terms of the UK's 2010 merger
// guidelines (sim.HHIConcentrated).
func concentration(h float64) string {
	switch {
	case math.IsNaN(h):
		return "undefined"
	case h <= sim.HHIConcentrated:
		return "not concentrated, at most 1,000"
	case h <= sim.HHIHighlyConcentrated:
		return "concentrated, above 1,000"
	}
	return "highly concentrated, above 2,000"
}

// tenderSection summarises the tenders table: procurements by route, and
// the distribution of bidders in competitive tenders.
func (p *page) tenderSection(fo folder, f outputs.Format, reps int) error {
	t, err := readTable(fo, "tenders", f)
	if err != nil {
		return err
	}
	if err := t.has("route", "bidders", "incumbent_won", "winner_kind", "no_award", "winning_price", "budget"); err != nil {
		return err
	}
	s := p.add("Tenders")
	if len(t.rows) == 0 {
		s.Text = append(s.Text, "There was no procurement: no contract came up for tender, direct award or rollover in any replication.")
		return nil
	}
	type agg struct {
		n, won, bidders, noAward int
		winners                  map[string]int
	}
	routes := []string{}
	by := map[string]*agg{}
	var hist []float64
	var prices [][]float64 // winning price ÷ budget of awarded competitive tenders, by bidders
	for i := range t.rows {
		r := t.str(i, "route")
		a, ok := by[r]
		if !ok {
			a = &agg{winners: map[string]int{}}
			by[r] = a
			routes = append(routes, r)
		}
		a.n++
		if t.str(i, "incumbent_won") == "true" {
			a.won++
		}
		if t.str(i, "no_award") == "true" {
			a.noAward++
		}
		if k := t.str(i, "winner_kind"); k != "" {
			a.winners[k]++
		}
		if r == "open" || r == "reserved" {
			b, err := t.wholeNumber(i, "bidders", maxBidders)
			if err != nil {
				return err
			}
			a.bidders += b
			for len(hist) <= b {
				hist = append(hist, 0)
			}
			hist[b]++
			if t.str(i, "winning_price") != "" {
				price, budget := t.float(i, "winning_price"), t.float(i, "budget")
				if !(price >= 0 && budget >= 0) || math.IsInf(price, 0) || math.IsInf(budget, 0) {
					return fmt.Errorf("%s, %s: winning_price %q and budget %q must be numbers of at least 0", t.path, t.rowName(i), t.str(i, "winning_price"), t.str(i, "budget"))
				}
				if budget > 0 {
					for len(prices) <= b {
						prices = append(prices, nil)
					}
					prices[b] = append(prices[b], price/budget)
				}
			}
		}
	}
	order := []string{"open", "reserved", "teckal", "psr_direct", "rollover", "extension", "emergency", "transitional"}
	slices.SortStableFunc(routes, func(a, b string) int { return index(order, a) - index(order, b) })
	tb := &htmlTable{Caption: "Procurements by route, a replication's mean over the run", Head: []string{"route", "events", "mean bidders", "incumbent kept it", "won by NHS", "mutual", "private", "joint venture"}, Left: 1}
	for _, r := range routes {
		a := by[r]
		bid := "–"
		if r == "open" || r == "reserved" {
			bid = fmt.Sprintf("%.2f", float64(a.bidders)/float64(a.n))
		}
		won := 0
		for _, k := range []string{"nhs", "mutual", "private", "jv"} {
			won += a.winners[k]
		}
		share := func(k string) string {
			if won == 0 {
				return "–"
			}
			return percent(float64(a.winners[k]) / float64(won))
		}
		tb.Rows = append(tb.Rows, []string{r, count(float64(a.n) / float64(reps)), bid, percent(float64(a.won) / float64(a.n)), share("nhs"), share("mutual"), share("private"), share("jv")})
	}
	s.Tables = append(s.Tables, tb)
	competitive := 0.0
	for _, v := range hist {
		competitive += v
	}
	if competitive == 0 {
		s.Text = append(s.Text, "There was no competitive tender.")
		return nil
	}
	cats := make([]string, len(hist))
	shares := make([]float64, len(hist))
	mean := 0.0
	for b, v := range hist {
		cats[b] = strconv.Itoa(b)
		shares[b] = v / competitive
		mean += float64(b) * v / competitive
	}
	o := charts.Options{Title: "Bidders per competitive tender", XLabel: "bidders", YLabel: "share of tenders (%)", YDomain: charts.Share}
	c, err := charts.Bars(o, cats, []charts.Group{{Name: "tenders", Values: shares}})
	single := 0.0
	if len(shares) > 1 {
		single = shares[1]
	}
	p.figure(s, "bidders", o.Title, c, err, fmt.Sprintf("Competitive tenders drew %.2f bidders on average (%s of them a single bidder, %s four or more, at most %d); %s competitive tenders a replication.",
		mean, percent(single), percent(tail(shares, 4)), len(hist)-1, trim(count(competitive/float64(reps)))))
	p.priceCurve(s, prices)
	return nil
}

// minCurveTenders is the fewest awarded tenders with a number of bidders
// that the price curve draws a point for.
const minCurveTenders = 5

// priceCurve draws the mean winning price, as a share of the budget, of
// awarded competitive tenders by their number of bidders, with its 95%
// interval: how prices fall as competition thickens. Counts with fewer
// than minCurveTenders tenders are left out.
func (p *page) priceCurve(s *section, prices [][]float64) {
	var x, mean, low, high []float64
	for n, ps := range prices {
		if len(ps) < minCurveTenders {
			continue
		}
		st := outputs.MeanCI(ps)
		x, mean, low, high = append(x, float64(n)), append(mean, st.Mean), append(low, st.Low), append(high, st.High)
	}
	if len(x) < 2 {
		s.Text = append(s.Text, "Too few tenders were awarded with different numbers of bidders to draw prices against bidders.")
		return
	}
	o := charts.Options{Title: "Winning price by number of bidders", XLabel: "bidders", YLabel: "winning price ÷ budget (%)", YDomain: charts.Share}
	c, err := charts.TimeSeries(o, []charts.Band{{Name: "mean winning price", X: x, Mean: mean, Low: low, High: high}})
	first, last := 0, len(x)-1
	reading := fmt.Sprintf("With %d bidder%s the winning price was %s of the budget on average; with %d, %s (95%% intervals across tenders).",
		int(x[first]), map[bool]string{true: "", false: "s"}[x[first] == 1], percent(mean[first]), int(x[last]), percent(mean[last]))
	if low[last] > high[first] {
		reading += " More bidders did not bring prices down here, but this chart cannot say why: the tenders that draw many bidders differ from the others (in this model larger lots draw more bidders), and the intervals pool tenders across replications."
	} else if high[last] < low[first] {
		reading += " Prices fell as bidders multiplied, as auction theory expects of competition."
	}
	p.figure(s, "price_bidders", o.Title, c, err, reading)
}

// maxBidders bounds the bidders of one tender in a tenders table: far
// more than a region's providers could field, so that a larger number
// means a damaged file.
const maxBidders = 1000

func index(xs []string, x string) int {
	if i := slices.Index(xs, x); i >= 0 {
		return i
	}
	return len(xs)
}

// tail sums the shares from index k on.
func tail(xs []float64, k int) float64 {
	s := 0.0
	for i := k; i < len(xs); i++ {
		s += xs[i]
	}
	return s
}

// gateNames are the stages of the spin-out funnel, in order.
func gateNames() []string {
	return []string{"proposed", "passed the ballot", "management approved", "business plan passed", "financed", "formed (no legal challenge)"}
}

// endingNames are the values of the spinouts table's gate_reached: the
// gate at which a proposal stopped, or "formed".
func endingNames() []string {
	return []string{"ballot", "management", "business_plan", "finance", "legal", "formed"}
}

// spinoutSection draws the spin-out funnel: how many proposals reached
// each gate.
func (p *page) spinoutSection(fo folder, f outputs.Format, reps int) error {
	t, err := readTable(fo, "spinouts", f)
	if err != nil {
		return err
	}
	if err := t.has("gates_passed", "gate_reached"); err != nil {
		return err
	}
	s := p.add("Spin-outs")
	gates, endings := gateNames(), endingNames()
	reached := make([]float64, len(gates))
	stopped := map[string]int{}
	for i := range t.rows {
		g, err := t.wholeNumber(i, "gates_passed", len(gates)-1)
		if err != nil {
			return err
		}
		for j := 0; j <= g; j++ {
			reached[j]++
		}
		end := t.str(i, "gate_reached")
		if !slices.Contains(endings, end) {
			return fmt.Errorf("%s, %s: gate_reached %q is not one of %s", t.path, t.rowName(i), end, strings.Join(endings, ", "))
		}
		stopped[end]++
	}
	if reached[0] == 0 {
		s.Text = append(s.Text, "No NHS service unit proposed to spin out.")
		return nil
	}
	per := make([]float64, len(reached))
	for i, v := range reached {
		per[i] = v / float64(reps)
	}
	o := charts.Options{Title: "Spin-out proposals reaching each gate", XLabel: "proposals a replication, over the run", XDomain: charts.NonNegative}
	c, err := charts.Funnel(o, gates, per)
	worst, worstN := "", 0
	for _, g := range endings[:len(endings)-1] {
		if stopped[g] > worstN {
			worst, worstN = g, stopped[g]
		}
	}
	reading := fmt.Sprintf("Of %s proposals a replication, %s formed a new organisation (%s)",
		trim(count(per[0])), trim(count(per[len(per)-1])), percent(per[len(per)-1]/per[0]))
	if worstN > 0 {
		reading += fmt.Sprintf("; most that failed stopped at the %s gate (%s of all proposals).", strings.ReplaceAll(worst, "_", " "), percent(float64(worstN)/reached[0]))
	} else {
		reading += "."
	}
	p.figure(s, "funnel", o.Title, c, err, reading)
	tb := &htmlTable{Caption: "How proposals ended: the gate at which they stopped, or formed", Head: []string{"ended at", "proposals a replication", "share"}, Left: 1}
	for _, g := range endings {
		tb.Rows = append(tb.Rows, []string{strings.ReplaceAll(g, "_", " "), count(float64(stopped[g]) / float64(reps)), percent(float64(stopped[g]) / reached[0])})
	}
	s.Tables = append(s.Tables, tb)
	return nil
}

// scenarioSource names a scenario and where it came from: "baseline
// (built-in)", "my-scenario (examples/my-scenario.yaml)".
func scenarioSource(sc inputs.Resolved) string {
	switch {
	case sc.Source == "":
		return sc.Name
	case strings.HasPrefix(sc.Source, sc.Name+" "):
		return sc.Source
	}
	return sc.Name + " (" + sc.Source + ")"
}

// runFoot is a run's manifest for the page's foot.
func runFoot(m outputs.Manifest) [][2]string {
	foot := [][2]string{
		{"scenario", scenarioSource(m.Scenario)},
		{"seed", strconv.FormatUint(m.Seed, 10)},
		{"replications", strconv.Itoa(m.Replications)},
		{"years", yearsText(m.StartYear, m.EndYear)},
		{"scale", m.Scale.Name},
		{"model version", m.Version},
		{"build", strings.TrimSpace(m.Build + " " + m.Revision)},
		{"Go", m.GoVersion},
		{"parameters hash (SHA-256)", m.ParamsHash},
		{"started", m.Started},
		{"finished", m.Finished},
		{"files", strings.Join(m.Files, ", ")},
	}
	if m.Checkpoint != nil {
		foot = append(foot, [2]string{"checkpoint written", fmt.Sprintf("%s (%d, SHA-256 %s)", m.Checkpoint.File, m.Checkpoint.Year, m.Checkpoint.SHA256)})
	}
	if m.BranchedFrom != nil {
		foot = append(foot, [2]string{"branched from", fmt.Sprintf("%s (%s, %d, SHA-256 %s)", m.BranchedFrom.File, m.BranchedFrom.Scenario, m.BranchedFrom.Year, m.BranchedFrom.SHA256)})
	}
	return foot
}

// readChanges reads each replication's value of every chart measure in
// years first and last from the folder's timeseries table and returns, by
// measure, the paired change from first to last (outputs.Paired).
func readChanges(fo folder, f outputs.Format, first, last int) (map[string]outputs.Difference, error) {
	t, err := readTable(fo, "timeseries", f)
	if err != nil {
		return nil, err
	}
	ms := chartMeasures()
	if err := t.has(append([]string{"rep", "year"}, ms...)...); err != nil {
		return nil, err
	}
	type pair struct{ a, b []float64 }
	by := map[string]*pair{}
	for _, m := range ms {
		by[m] = &pair{}
	}
	reps := map[int][2]int{} // rep → rows of first and last year (+1; 0 for none)
	for i := range t.rows {
		r, y := t.int(i, "rep"), t.int(i, "year")
		rows := reps[r]
		switch y {
		case first:
			rows[0] = i + 1
		case last:
			rows[1] = i + 1
		}
		reps[r] = rows
	}
	keys := make([]int, 0, len(reps))
	for r := range reps {
		keys = append(keys, r)
	}
	slices.Sort(keys)
	for _, r := range keys {
		rows := reps[r]
		if rows[0] == 0 || rows[1] == 0 {
			continue
		}
		for _, m := range ms {
			by[m].a = append(by[m].a, t.float(rows[0]-1, m))
			by[m].b = append(by[m].b, t.float(rows[1]-1, m))
		}
	}
	out := map[string]outputs.Difference{}
	for _, m := range ms {
		out[m] = outputs.Paired(by[m].a, by[m].b)
	}
	return out, nil
}
