package design

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"mutualsim/inputs"
	"mutualsim/internal/document"
	"mutualsim/internal/regfile"
	"mutualsim/scenarios"
	"mutualsim/sensitivity"
)

// Sweep methods.
const (
	MethodGrid   = "grid"   // every combination of evenly spaced levels
	MethodLHS    = "lhs"    // Latin hypercube sample
	MethodMorris = "morris" // elementary effects on trajectories (Morris 1991)
	MethodSobol  = "sobol"  // Saltelli sampling for Sobol indices (Saltelli et al. 2010)
)

// Methods lists the sweep methods.
func Methods() []string { return []string{MethodGrid, MethodLHS, MethodMorris, MethodSobol} }

// Limits on a design.
const (
	MaxDesignRuns = 10_000_000 // points × replications
	MaxBootstrap  = 100_000
)

// Design is an experiment over a base scenario: which levers vary and over
// what, how the points are chosen, how many replications each point gets
// and which measures at which years are its outcomes.
type Design struct {
	Name         string
	File         string           // the design file, as given
	Base         *inputs.Scenario // the base scenario with the design's run settings
	BaseRef      string           // the base as written in the design
	Method       string
	Points       int // grid: levels per lever; lhs: points; morris: trajectories; sobol: base samples
	Levels       int // morris: grid levels (default 4)
	Bootstrap    int // sobol: bootstrap resamples for the intervals (default 1000)
	Factors      []Factor
	Outcomes     []string // measure names
	OutcomeYears []int    // years at which outcomes are read; default the last year

	baseRef string                // the base as Load reads it
	baseOpt scenarios.LoadOptions // the design's run settings
}

// Factor is one lever a design varies: over the range [Min, Max] of a
// number, or over a list of levels.
type Factor struct {
	Lever  inputs.Lever
	Min    float64
	Max    float64
	Levels []any // set for a list of levels; nil for a range
}

// Value maps a unit coordinate u in [0, 1] to the factor's value: a
// number in [Min, Max] (for a whole-number lever, each whole number in the
// range gets an equal share of [0, 1)), or one of the levels, each with an
// equal share.
func (f Factor) Value(u float64) any {
	u = math.Min(math.Max(u, 0), 1)
	if f.Levels != nil {
		i := min(int(u*float64(len(f.Levels))), len(f.Levels)-1)
		return f.Levels[i]
	}
	if f.Lever.Kind == inputs.KindInt {
		lo, hi := int(f.Min), int(f.Max)
		return min(lo+int(u*float64(hi-lo+1)), hi)
	}
	return f.Min + float64(u*(f.Max-f.Min))
}

// Format writes a factor value as text that --set reads back exactly.
func (f Factor) Format(v any) string { return f.Lever.Format(v) }

// Runs returns the number of design points the method gives for its
// levers; each runs Base.Replications times.
func (d *Design) Runs() int {
	k := len(d.Factors)
	switch d.Method {
	case MethodGrid:
		n := 1
		for range k {
			n *= d.Points
			if n > MaxDesignRuns {
				return MaxDesignRuns + 1
			}
		}
		return n
	case MethodMorris:
		return d.Points * (k + 1)
	case MethodSobol:
		return d.Points * (k + 2)
	}
	return d.Points
}

// DesignOptions control how a design file is read.
type DesignOptions struct {
	// Env holds the MUTUALSIM_* variables applied to the base scenario (see
	// LoadOptions.Env); nil applies none.
	Env map[string]string
	// Measures lists the valid outcome names.
	Measures []string
	// NoFiles allows only a built-in base scenario: nothing is read from
	// disk (see LoadOptions.NoFiles).
	NoFiles bool
}

// designKeys are the keys a design file may give.
func designKeys() []string {
	return []string{"name", "description", "base", "method", "points", "levels", "bootstrap", "replications", "seed", "scale", "start_year", "years", "levers", "outcomes", "outcome_years"}
}

// LoadDesign reads a design file (.yaml, .yml, .toml or .json) and loads its
// base scenario, a built-in name or a file relative to the design. Every
// problem is reported with the file, line and key, as for scenarios.
func LoadDesign(path string, opt DesignOptions) (*Design, error) {
	format, ok := document.FormatOf(path)
	if !ok {
		return nil, inputs.Problems{{File: path, Msg: fmt.Sprintf("unsupported file type %q, expected .yaml, .yml, .toml or .json", filepath.Ext(path))}}
	}
	b, err := regfile.Read(path, scenarios.MaxFileSize)
	if err != nil {
		return nil, inputs.Problems{{File: path, Msg: document.ReadError(err)}}
	}
	if len(strings.TrimSpace(string(b))) == 0 {
		return nil, inputs.Problems{{File: path, Msg: "the file is empty; a design gives base:, method:, points:, levers: and outcomes:"}}
	}
	return loadDesign(path, format, b, opt)
}

// LoadDesignData reads a design given as data rather than as a file: name
// says its format by its extension and names it in problems; a base file is
// read relative to name's folder, as for a design file, unless opt.NoFiles
// allows built-in scenarios only.
func LoadDesignData(name string, data []byte, opt DesignOptions) (*Design, error) {
	format, ok := document.FormatOf(name)
	if !ok {
		return nil, inputs.Problems{{File: name, Msg: fmt.Sprintf("unsupported file type %q, expected .yaml, .yml, .toml or .json", filepath.Ext(name))}}
	}
	if len(data) > scenarios.MaxFileSize {
		return nil, inputs.Problems{{File: name, Msg: fmt.Sprintf("it is larger than %d bytes, far more than any design needs", scenarios.MaxFileSize)}}
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, inputs.Problems{{File: name, Msg: "the file is empty; a design gives base:, method:, points:, levers: and outcomes:"}}
	}
	return loadDesign(name, format, data, opt)
}

func loadDesign(path, format string, b []byte, opt DesignOptions) (*Design, error) {
	src, perr := document.NewSource(path, format, b)
	if perr != nil {
		return nil, inputs.Problems{*perr}
	}
	dl := &designLoader{src: src, d: &Design{File: path, Levels: 4, Bootstrap: 1000}}
	dl.load(opt)
	if len(dl.problems) > 0 {
		return nil, dl.problems.Sort([]string{path})
	}
	return dl.d, nil
}

type designLoader struct {
	src      *document.Source
	d        *Design
	problems inputs.Problems
}

func (dl *designLoader) at(key, format string, args ...any) {
	dl.problems = append(dl.problems, inputs.Problem{File: dl.src.Display, Line: dl.src.Line(key), Key: key, Msg: fmt.Sprintf(format, args...)})
}

// load reads the design: its keys, name, method and points, run settings
// and base scenario, then its levers and outcomes, and last checks the
// design's size. Problems are reported in that order.
func (dl *designLoader) load(opt DesignOptions) {
	if dl.src.Root.Kind != document.MapNode {
		dl.problems = append(dl.problems, inputs.Problem{File: dl.src.Display, Msg: "a design file holds keys and values (base:, method:, levers: ...)"})
		return
	}
	dl.unknownKeys()
	dl.name()
	dl.method()
	dl.points()
	dl.methodChecks()
	dl.base(dl.runSettings(opt))
	dl.levers()
	dl.outcomes(opt.Measures)
	dl.sizeLimits()
}

// unknownKeys reports every top-level key that is not a design key.
func (dl *designLoader) unknownKeys() {
	for _, k := range dl.src.Root.Keys {
		if !slices.Contains(designKeys(), k) {
			dl.at(k, "unknown key %q%s; a design gives %s", k, inputs.DidYouMean(k, designKeys()), strings.Join(designKeys(), ", "))
		}
	}
}

// field returns the value of top-level key k, or nil if k is absent or
// (reported) has no value.
func (dl *designLoader) field(k string) *document.Node {
	n := dl.src.Root.Fields[k]
	if n != nil && n.Kind == document.NullNode {
		dl.at(k, "%s: has no value", k)
		return nil
	}
	return n
}

// text returns the trimmed text of top-level key k; false if k is absent
// or (reported) is not text.
func (dl *designLoader) text(k string) (string, bool) {
	n := dl.field(k)
	if n == nil {
		return "", false
	}
	s, ok := n.Value.(string)
	if n.Kind != document.ScalarNode || !ok || strings.TrimSpace(s) == "" {
		dl.at(k, "%s: got %s, expected text", k, inputs.Describe(n.Plain()))
		return "", false
	}
	return strings.TrimSpace(s), true
}

// whole returns the whole number of top-level key k in [lo, hi]; false if
// k is absent or (reported) is not such a number.
func (dl *designLoader) whole(k string, lo, hi int64) (int, bool) {
	n := dl.field(k)
	if n == nil {
		return 0, false
	}
	i, ok := document.WholeNumber(n.Plain())
	if !ok || n.Kind != document.ScalarNode {
		dl.at(k, "%s: got %s, expected a whole number in [%d, %d]", k, inputs.Describe(n.Plain()), lo, hi)
		return 0, false
	}
	if i < lo || i > hi {
		dl.at(k, "%s: %d is out of range, expected a whole number in [%d, %d]", k, i, lo, hi)
		return 0, false
	}
	return int(i), true
}

// name reads name:, which defaults to the file name without its extension;
// either must be able to name a results folder.
func (dl *designLoader) name() {
	d := dl.d
	d.Name = strings.TrimSuffix(filepath.Base(dl.src.Display), filepath.Ext(dl.src.Display))
	if name, ok := dl.text("name"); ok {
		if !scenarios.ValidName(name) || strings.Contains(name, "..") {
			dl.at("name", "name: %q cannot name a results folder, expected 1-64 letters, digits, '.', '_' and '-', starting with a letter or digit", name)
		} else {
			d.Name = name
		}
	} else if dl.src.Root.Fields["name"] == nil && !scenarios.ValidName(d.Name) {
		dl.at("name", "name: the file name %q cannot name a results folder; give the design a name: of letters, digits, '.', '_' and '-'", d.Name)
	}
}

// method reads method:, which is required.
func (dl *designLoader) method() {
	if m, ok := dl.text("method"); ok {
		if !slices.Contains(Methods(), m) {
			dl.at("method", "method: %q is not a method, expected one of %s%s", m, strings.Join(Methods(), ", "), inputs.DidYouMean(m, Methods()))
		} else {
			dl.d.Method = m
		}
	} else if dl.src.Root.Fields["method"] == nil {
		dl.at("method", "method: missing, expected one of %s", strings.Join(Methods(), ", "))
	}
}

// points reads points:, which is required, and the optional levels: and
// bootstrap:.
func (dl *designLoader) points() {
	d := dl.d
	if n, ok := dl.whole("points", 1, MaxDesignRuns); ok {
		d.Points = n
	} else if dl.src.Root.Fields["points"] == nil {
		dl.at("points", "points: missing, expected a whole number (grid: levels per lever; lhs: points; morris: trajectories; sobol: base samples)")
	}
	if n, ok := dl.whole("levels", 2, 100); ok {
		d.Levels = n
	}
	if n, ok := dl.whole("bootstrap", 0, MaxBootstrap); ok {
		d.Bootstrap = n
	}
}

// methodChecks reports levels:, bootstrap: and points: that do not suit
// the method.
func (dl *designLoader) methodChecks() {
	d, fields := dl.d, dl.src.Root.Fields
	if d.Method != MethodMorris && fields["levels"] != nil {
		dl.at("levels", "levels: only the morris method has grid levels")
	}
	if d.Method != MethodSobol && fields["bootstrap"] != nil {
		dl.at("bootstrap", "bootstrap: only the sobol method has bootstrap intervals")
	}
	if d.Method == MethodMorris && d.Levels%2 != 0 {
		dl.at("levels", "levels: %d is odd; the Morris method needs an even number of levels (4 is usual)", d.Levels)
	}
	if d.Method == MethodGrid && d.Points < 2 && fields["points"] != nil && d.Points > 0 {
		dl.at("points", "points: a grid needs at least 2 levels per lever")
	}
	if (d.Method == MethodSobol || d.Method == MethodLHS) && d.Points == 1 {
		dl.at("points", "points: %s needs at least 2 points", d.Method)
	}
	if d.Method == MethodMorris && d.Points == 1 {
		dl.at("points", "points: morris needs at least 2 trajectories, so that σ has two effects per lever")
	}
}

// runSettings reads the design's run settings (scale:, years:,
// start_year:, replications:, seed:) as options for loading the base.
func (dl *designLoader) runSettings(opt DesignOptions) scenarios.LoadOptions {
	lopt := scenarios.LoadOptions{Env: opt.Env, NoFiles: opt.NoFiles}
	if s, ok := dl.text("scale"); ok {
		if _, err := inputs.ScaleByName(s); err != nil {
			dl.at("scale", "scale: %v", err)
		} else {
			lopt.Scale = &s
		}
	}
	if n, ok := dl.whole("years", 1, inputs.MaxYears); ok {
		lopt.Years = &n
	}
	if n, ok := dl.whole("start_year", inputs.MinStartYear, inputs.MaxStartYear); ok {
		lopt.StartYear = &n
	}
	if n, ok := dl.whole("replications", 1, inputs.MaxReps); ok {
		lopt.Replications = &n
	}
	lopt.Seed = dl.seed()
	return lopt
}

// seed reads seed:, a whole number from 0 to MaxUint64; nil if it is
// absent or (reported) is not such a number.
func (dl *designLoader) seed() *uint64 {
	n := dl.field("seed")
	if n == nil {
		return nil
	}
	switch x := n.Plain().(type) {
	case uint64:
		return &x
	default:
		i, ok := document.WholeNumber(x)
		if !ok || i < 0 {
			dl.at("seed", "seed: got %s, expected a whole number from 0 to %d", inputs.Describe(x), uint64(math.MaxUint64))
			return nil
		}
		u := uint64(i)
		return &u
	}
}

// base reads base: (default baseline), a built-in name or a file relative
// to the design, and loads it with the run settings lopt.
func (dl *designLoader) base(lopt scenarios.LoadOptions) {
	d := dl.d
	base, ok := dl.text("base")
	if !ok && dl.src.Root.Fields["base"] == nil {
		base, ok = "baseline", true
	}
	if !ok {
		return
	}
	d.BaseRef = base
	ref := base
	if scenarios.IsPath(ref) && !filepath.IsAbs(ref) {
		ref = filepath.Join(filepath.Dir(dl.src.Display), ref)
	}
	d.baseRef, d.baseOpt = ref, lopt
	s, err := scenarios.Load(ref, lopt)
	if err != nil {
		dl.baseProblems(ref, err)
		return
	}
	d.Base = s
}

// baseProblems reports the error from loading the base scenario ref: a
// base that could not be found is reported at base:, any other problem as
// the base's own.
func (dl *designLoader) baseProblems(ref string, err error) {
	ps, isPs := err.(inputs.Problems)
	if !isPs {
		dl.at("base", "base: %v", err)
		return
	}
	for _, p := range ps {
		if p.File == ref && p.Line == 0 {
			// The base itself could not be found: say where it is named.
			dl.at("base", "base: %s", p.Msg)
			continue
		}
		dl.problems = append(dl.problems, p)
	}
}

// sizeLimits reports a design with more levers than the method handles or
// more points or runs than the limits.
func (dl *designLoader) sizeLimits() {
	d := dl.d
	if d.Method == MethodSobol && len(d.Factors) > sensitivity.MaxSaltelliFactors {
		dl.at("levers", "levers: sobol varies at most %d levers (the Sobol sequence has %d dimensions), got %d; use morris to screen them first", sensitivity.MaxSaltelliFactors, sensitivity.MaxSobolDim, len(d.Factors))
	}
	if d.Base != nil && d.Method != "" && d.Points > 0 && len(d.Factors) > 0 {
		switch points := d.Runs(); {
		case points > sensitivity.MaxPoints:
			dl.at("points", "points: the design has %s points, more than the limit of %d", fmtCount(points), sensitivity.MaxPoints)
		case points > MaxDesignRuns/d.Base.Replications:
			dl.at("points", "points: the design has %d runs (%d points × %d replications), more than the limit of %d", points*d.Base.Replications, points, d.Base.Replications, MaxDesignRuns)
		}
	}
}

func fmtCount(n int) string {
	if n > MaxDesignRuns {
		return "over " + strconv.Itoa(MaxDesignRuns)
	}
	return strconv.Itoa(n)
}

// leverEntry is one lever as a design names it: its full name, its key
// for problems and its value.
type leverEntry struct {
	name, key string
	v         *document.Node
}

// levers reads the levers: a map from lever name to [min, max] or to
// {levels: [...]}; a switch or a choice may give its levels as a list.
func (dl *designLoader) levers() {
	n := dl.src.Root.Fields["levers"]
	if n == nil {
		dl.at("levers", "levers: missing; name the levers to vary, e.g. procurement.contract_years: [2, 7]")
		return
	}
	if n.Kind != document.MapNode || len(n.Keys) == 0 {
		dl.at("levers", "levers: expected lever names with a range [min, max] or {levels: [...]}")
		return
	}
	for _, e := range dl.leverEntries(n) {
		dl.lever(e)
	}
}

// leverEntries lists the levers of levers:, in order. Levers are named in
// full (procurement.contract_years) or grouped by section as in a scenario
// file (procurement: {contract_years: ...}).
func (dl *designLoader) leverEntries(n *document.Node) []leverEntry {
	var entries []leverEntry
	for _, name := range n.Keys {
		v := n.Fields[name]
		if _, isLever := inputs.LeverByName(name); !isLever && v.Kind == document.MapNode && slices.Contains(inputs.Sections(), name) {
			for _, k := range v.Keys {
				entries = append(entries, leverEntry{name + "." + k, "levers." + name + "." + k, v.Fields[k]})
			}
			continue
		}
		entries = append(entries, leverEntry{name, "levers." + name, v})
	}
	return entries
}

// lever reads one lever and adds it to the factors: over a list of levels
// or over a range.
func (dl *designLoader) lever(e leverEntry) {
	l, ok := inputs.LeverByName(e.name)
	if !ok {
		dl.at(e.key, "unknown lever %q%s", e.name, inputs.SuggestLever(e.name))
		return
	}
	if slices.ContainsFunc(dl.d.Factors, func(f Factor) bool { return f.Lever.Name == e.name }) {
		dl.at(e.key, "%s: the lever is given twice", e.name)
		return
	}
	items, levels, ok := dl.leverItems(e, l)
	if !ok {
		return
	}
	if levels {
		dl.leverLevels(e, l, items)
		return
	}
	dl.leverRange(e, l, items)
}

// leverItems returns the items a lever's value lists and whether they are
// levels (a list for a switch or a choice, or {levels: [...]}) rather
// than a range; false if (reported) the value is neither.
func (dl *designLoader) leverItems(e leverEntry, l inputs.Lever) (items []*document.Node, levels, ok bool) {
	name, key, v := e.name, e.key, e.v
	switch {
	case v.Kind == document.ListNode:
		return v.Items, l.Kind == inputs.KindBool || l.Kind == inputs.KindEnum, true
	case v.Kind == document.MapNode && len(v.Keys) == 1 && v.Keys[0] == "levels" && v.Fields["levels"].Kind == document.ListNode:
		return v.Fields["levels"].Items, true, true
	case v.Kind == document.MapNode:
		for _, k := range v.Keys {
			if k != "levels" {
				dl.at(key+"."+k, "%s: unknown key %q, expected levels", name, k)
			}
		}
		if v.Fields["levels"] != nil && v.Fields["levels"].Kind != document.ListNode {
			dl.at(key+".levels", "%s: levels: expected a list of values", name)
		}
		return nil, false, false
	default:
		dl.at(key, "%s: got %s, expected a range [min, max] or {levels: [...]}", name, inputs.Describe(v.Plain()))
		return nil, false, false
	}
}

// atItem reports a problem with item i of the list at key.
func (dl *designLoader) atItem(it *document.Node, key string, i int, msg string) {
	dl.problems = append(dl.problems, inputs.Problem{File: dl.src.Display, Line: it.Line, Key: fmt.Sprintf("%s[%d]", key, i), Msg: msg})
}

// leverLevels adds a lever varied over a list of at least 2 distinct
// levels, each valid for the lever.
func (dl *designLoader) leverLevels(e leverEntry, l inputs.Lever, items []*document.Node) {
	name, key := e.name, e.key
	if len(items) < 2 {
		dl.at(key, "%s: expected at least 2 levels", name)
		return
	}
	f := Factor{Lever: l}
	bad := false
	for i, it := range items {
		val, err := l.Check(it.Plain())
		if err != nil {
			dl.atItem(it, key, i, err.Error())
			bad = true
			continue
		}
		if slices.ContainsFunc(f.Levels, func(o any) bool { return l.Format(o) == l.Format(val) }) {
			dl.atItem(it, key, i, fmt.Sprintf("%s: level %s is given twice", name, l.Format(val)))
			bad = true
			continue
		}
		f.Levels = append(f.Levels, val)
	}
	if !bad {
		dl.d.Factors = append(dl.d.Factors, f)
	}
}

// leverRange adds a number lever varied over a range [min, max] with
// min < max.
func (dl *designLoader) leverRange(e leverEntry, l inputs.Lever, items []*document.Node) {
	name, key := e.name, e.key
	if l.Kind == inputs.KindBool || l.Kind == inputs.KindEnum {
		dl.at(key, "%s: a %s lever varies over levels, e.g. {levels: [%s]}", name, l.Kind, strings.Join(l.Allowed, ", "))
		return
	}
	if len(items) != 2 {
		dl.at(key, "%s: a range is [min, max], got %d values; for a list of values write {levels: [...]}", name, len(items))
		return
	}
	lohi, ok := dl.rangeBounds(e, l, items)
	if !ok {
		return
	}
	if lohi[0] >= lohi[1] {
		dl.at(key, "%s: the range [%s, %s] is empty; give [min, max] with min < max", name, inputs.FormatNumber(lohi[0]), inputs.FormatNumber(lohi[1]))
		return
	}
	dl.d.Factors = append(dl.d.Factors, Factor{Lever: l, Min: lohi[0], Max: lohi[1]})
}

// rangeBounds returns the two numbers of a range, each valid for the
// lever (for a path lever, a single value); false if (reported) either is
// not.
func (dl *designLoader) rangeBounds(e leverEntry, l inputs.Lever, items []*document.Node) ([2]float64, bool) {
	var lohi [2]float64
	bad := false
	for i, it := range items {
		val, err := l.Check(it.Plain())
		if err != nil {
			dl.atItem(it, e.key, i, err.Error())
			bad = true
			continue
		}
		switch x := val.(type) {
		case float64:
			lohi[i] = x
		case int:
			lohi[i] = float64(x)
		case inputs.Schedule:
			if len(x) != 1 {
				dl.atItem(it, e.key, i, e.name+": a range of a path lever is of single values, which hold in every year")
				bad = true
				continue
			}
			lohi[i] = x[0].Value
		}
	}
	return lohi, !bad
}

func (dl *designLoader) outcomes(measures []string) {
	d := dl.d
	n := dl.src.Root.Fields["outcomes"]
	if n == nil {
		dl.at("outcomes", "outcomes: missing; name the measures to record, e.g. [hhi_regional, producer_capture_index]")
	} else if n.Kind != document.ListNode || len(n.Items) == 0 {
		dl.at("outcomes", "outcomes: expected a list of measure names, e.g. [hhi_regional, producer_capture_index]")
	} else {
		for i, it := range n.Items {
			s, ok := it.Value.(string)
			key := fmt.Sprintf("outcomes[%d]", i)
			switch {
			case !ok:
				dl.problems = append(dl.problems, inputs.Problem{File: dl.src.Display, Line: it.Line, Key: key, Msg: fmt.Sprintf("outcomes: got %s, expected a measure name", inputs.Describe(it.Plain()))})
			case measures != nil && !slices.Contains(measures, s):
				dl.problems = append(dl.problems, inputs.Problem{File: dl.src.Display, Line: it.Line, Key: key, Msg: fmt.Sprintf("outcomes: unknown measure %q%s (columns.csv lists them)", s, inputs.DidYouMean(s, measures))})
			case slices.Contains(d.Outcomes, s):
				dl.problems = append(dl.problems, inputs.Problem{File: dl.src.Display, Line: it.Line, Key: key, Msg: fmt.Sprintf("outcomes: %q is given twice", s)})
			default:
				d.Outcomes = append(d.Outcomes, s)
			}
		}
	}
	if d.Base == nil {
		return
	}
	first, last := d.Base.StartYear, d.Base.EndYear()
	y := dl.src.Root.Fields["outcome_years"]
	if y == nil {
		d.OutcomeYears = []int{last}
		return
	}
	if y.Kind != document.ListNode || len(y.Items) == 0 {
		dl.at("outcome_years", "outcome_years: expected a list of years in [%d, %d]", first, last)
		return
	}
	for i, it := range y.Items {
		v, ok := document.WholeNumber(it.Plain())
		key := fmt.Sprintf("outcome_years[%d]", i)
		switch {
		case !ok || it.Kind != document.ScalarNode:
			dl.problems = append(dl.problems, inputs.Problem{File: dl.src.Display, Line: it.Line, Key: key, Msg: fmt.Sprintf("outcome_years: got %s, expected a year in [%d, %d]", inputs.Describe(it.Plain()), first, last)})
		case v < int64(first) || v > int64(last):
			dl.problems = append(dl.problems, inputs.Problem{File: dl.src.Display, Line: it.Line, Key: key, Msg: fmt.Sprintf("outcome_years: %d is outside the run, expected a year in [%d, %d]", v, first, last)})
		case slices.Contains(d.OutcomeYears, int(v)):
			dl.problems = append(dl.problems, inputs.Problem{File: dl.src.Display, Line: it.Line, Key: key, Msg: fmt.Sprintf("outcome_years: %d is given twice", v)})
		default:
			d.OutcomeYears = append(d.OutcomeYears, int(v))
		}
	}
	slices.Sort(d.OutcomeYears)
}

// PointScenario loads the base scenario with the factors set to values (in
// factor order), as "mutualsim run" would with --set, so that any point of
// a sweep can be rerun on its own. It also returns the --set assignments.
func (d *Design) PointScenario(values []any) (*inputs.Scenario, []string, error) {
	if len(values) != len(d.Factors) {
		return nil, nil, fmt.Errorf("point has %d values for %d levers", len(values), len(d.Factors))
	}
	set := make([]string, len(values))
	for i, f := range d.Factors {
		set[i] = f.Lever.Name + "=" + f.Format(values[i])
	}
	opt := d.baseOpt
	opt.Set = set
	s, err := scenarios.Load(d.baseRef, opt)
	if err != nil {
		return nil, set, fmt.Errorf("with --set %s: %w", strings.Join(set, " --set "), err)
	}
	return s, set, nil
}
