package scenarios

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"mutualsim/internal/regfile"
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
	File         string    // the design file, as given
	Base         *Scenario // the base scenario with the design's run settings
	BaseRef      string    // the base as written in the design
	Method       string
	Points       int // grid: levels per lever; lhs: points; morris: trajectories; sobol: base samples
	Levels       int // morris: grid levels (default 4)
	Bootstrap    int // sobol: bootstrap resamples for the intervals (default 1000)
	Factors      []Factor
	Outcomes     []string // measure names
	OutcomeYears []int    // years at which outcomes are read; default the last year

	baseRef string      // the base as Load reads it
	baseOpt LoadOptions // the design's run settings
}

// Factor is one lever a design varies: over the range [Min, Max] of a
// number, or over a list of levels.
type Factor struct {
	Lever  Lever
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
	if f.Lever.Kind == KindInt {
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
	// NoEnv ignores MUTUALSIM_* environment variables in the base scenario.
	NoEnv bool
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
	format, ok := formatOf(path)
	if !ok {
		return nil, Problems{{File: path, Msg: fmt.Sprintf("unsupported file type %q, expected .yaml, .yml, .toml or .json", filepath.Ext(path))}}
	}
	b, err := regfile.Read(path, MaxFileSize)
	if err != nil {
		return nil, Problems{{File: path, Msg: readError(err)}}
	}
	if len(strings.TrimSpace(string(b))) == 0 {
		return nil, Problems{{File: path, Msg: "the file is empty; a design gives base:, method:, points:, levers: and outcomes:"}}
	}
	return loadDesign(path, format, b, opt)
}

// LoadDesignData reads a design given as data rather than as a file: name
// says its format by its extension and names it in problems; a base file is
// read relative to name's folder, as for a design file, unless opt.NoFiles
// allows built-in scenarios only.
func LoadDesignData(name string, data []byte, opt DesignOptions) (*Design, error) {
	format, ok := formatOf(name)
	if !ok {
		return nil, Problems{{File: name, Msg: fmt.Sprintf("unsupported file type %q, expected .yaml, .yml, .toml or .json", filepath.Ext(name))}}
	}
	if len(data) > MaxFileSize {
		return nil, Problems{{File: name, Msg: fmt.Sprintf("it is larger than %d bytes, far more than any design needs", MaxFileSize)}}
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, Problems{{File: name, Msg: "the file is empty; a design gives base:, method:, points:, levers: and outcomes:"}}
	}
	return loadDesign(name, format, data, opt)
}

func loadDesign(path, format string, b []byte, opt DesignOptions) (*Design, error) {
	src, perr := newSource(path, format, b)
	if perr != nil {
		return nil, Problems{*perr}
	}
	dl := &designLoader{src: src, d: &Design{File: path, Levels: 4, Bootstrap: 1000}}
	dl.load(opt)
	if len(dl.problems) > 0 {
		return nil, dl.problems.sort([]string{path})
	}
	return dl.d, nil
}

type designLoader struct {
	src      *source
	d        *Design
	problems Problems
}

func (dl *designLoader) at(key, format string, args ...any) {
	dl.problems = append(dl.problems, Problem{File: dl.src.display, Line: dl.src.line(key), Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (dl *designLoader) load(opt DesignOptions) {
	root := dl.src.root
	if root.kind != mapNode {
		dl.problems = append(dl.problems, Problem{File: dl.src.display, Msg: "a design file holds keys and values (base:, method:, levers: ...)"})
		return
	}
	for _, k := range root.keys {
		if !slices.Contains(designKeys(), k) {
			dl.at(k, "unknown key %q%s; a design gives %s", k, didYouMean(k, designKeys()), strings.Join(designKeys(), ", "))
		}
	}
	field := func(k string) *node {
		n := root.fields[k]
		if n != nil && n.kind == nullNode {
			dl.at(k, "%s: has no value", k)
			return nil
		}
		return n
	}
	text := func(k string) (string, bool) {
		n := field(k)
		if n == nil {
			return "", false
		}
		s, ok := n.value.(string)
		if n.kind != scalarNode || !ok || strings.TrimSpace(s) == "" {
			dl.at(k, "%s: got %s, expected text", k, describe(n.plain()))
			return "", false
		}
		return strings.TrimSpace(s), true
	}
	whole := func(k string, lo, hi int64) (int, bool) {
		n := field(k)
		if n == nil {
			return 0, false
		}
		i, ok := wholeNumber(n.plain())
		if !ok || n.kind != scalarNode {
			dl.at(k, "%s: got %s, expected a whole number in [%d, %d]", k, describe(n.plain()), lo, hi)
			return 0, false
		}
		if i < lo || i > hi {
			dl.at(k, "%s: %d is out of range, expected a whole number in [%d, %d]", k, i, lo, hi)
			return 0, false
		}
		return int(i), true
	}
	d := dl.d
	d.Name = strings.TrimSuffix(filepath.Base(dl.src.display), filepath.Ext(dl.src.display))
	if name, ok := text("name"); ok {
		if !nameRe.MatchString(name) || strings.Contains(name, "..") {
			dl.at("name", "name: %q cannot name a results folder, expected 1-64 letters, digits, '.', '_' and '-', starting with a letter or digit", name)
		} else {
			d.Name = name
		}
	} else if root.fields["name"] == nil && !nameRe.MatchString(d.Name) {
		dl.at("name", "name: the file name %q cannot name a results folder; give the design a name: of letters, digits, '.', '_' and '-'", d.Name)
	}
	if m, ok := text("method"); ok {
		if !slices.Contains(Methods(), m) {
			dl.at("method", "method: %q is not a method, expected one of %s%s", m, strings.Join(Methods(), ", "), didYouMean(m, Methods()))
		} else {
			d.Method = m
		}
	} else if root.fields["method"] == nil {
		dl.at("method", "method: missing, expected one of %s", strings.Join(Methods(), ", "))
	}
	if n, ok := whole("points", 1, MaxDesignRuns); ok {
		d.Points = n
	} else if root.fields["points"] == nil {
		dl.at("points", "points: missing, expected a whole number (grid: levels per lever; lhs: points; morris: trajectories; sobol: base samples)")
	}
	if n, ok := whole("levels", 2, 100); ok {
		d.Levels = n
	}
	if n, ok := whole("bootstrap", 0, MaxBootstrap); ok {
		d.Bootstrap = n
	}
	if d.Method != MethodMorris && root.fields["levels"] != nil {
		dl.at("levels", "levels: only the morris method has grid levels")
	}
	if d.Method != MethodSobol && root.fields["bootstrap"] != nil {
		dl.at("bootstrap", "bootstrap: only the sobol method has bootstrap intervals")
	}
	if d.Method == MethodMorris && d.Levels%2 != 0 {
		dl.at("levels", "levels: %d is odd; the Morris method needs an even number of levels (4 is usual)", d.Levels)
	}
	if d.Method == MethodGrid && d.Points < 2 && root.fields["points"] != nil && d.Points > 0 {
		dl.at("points", "points: a grid needs at least 2 levels per lever")
	}
	if (d.Method == MethodSobol || d.Method == MethodLHS) && d.Points == 1 {
		dl.at("points", "points: %s needs at least 2 points", d.Method)
	}
	if d.Method == MethodMorris && d.Points == 1 {
		dl.at("points", "points: morris needs at least 2 trajectories, so that σ has two effects per lever")
	}

	// The base scenario, with the design's run settings.
	lopt := LoadOptions{NoEnv: opt.NoEnv, NoFiles: opt.NoFiles}
	if s, ok := text("scale"); ok {
		if _, err := ScaleByName(s); err != nil {
			dl.at("scale", "scale: %v", err)
		} else {
			lopt.Scale = &s
		}
	}
	if n, ok := whole("years", 1, MaxYears); ok {
		lopt.Years = &n
	}
	if n, ok := whole("start_year", MinStartYear, MaxStartYear); ok {
		lopt.StartYear = &n
	}
	if n, ok := whole("replications", 1, MaxReps); ok {
		lopt.Replications = &n
	}
	if n := field("seed"); n != nil {
		switch x := n.plain().(type) {
		case uint64:
			lopt.Seed = &x
		default:
			i, ok := wholeNumber(x)
			if !ok || i < 0 {
				dl.at("seed", "seed: got %s, expected a whole number from 0 to %d", describe(x), uint64(math.MaxUint64))
			} else {
				u := uint64(i)
				lopt.Seed = &u
			}
		}
	}
	base, ok := text("base")
	if !ok && root.fields["base"] == nil {
		base, ok = "baseline", true
	}
	if ok {
		d.BaseRef = base
		ref := base
		if isPath(ref) && !filepath.IsAbs(ref) {
			ref = filepath.Join(filepath.Dir(dl.src.display), ref)
		}
		d.baseRef, d.baseOpt = ref, lopt
		s, err := Load(ref, lopt)
		if err != nil {
			if ps, isPs := err.(Problems); isPs {
				for _, p := range ps {
					if p.File == ref && p.Line == 0 {
						// The base itself could not be found: say where it is named.
						dl.at("base", "base: %s", p.Msg)
						continue
					}
					dl.problems = append(dl.problems, p)
				}
			} else {
				dl.at("base", "base: %v", err)
			}
		} else {
			d.Base = s
		}
	}

	dl.levers()
	dl.outcomes(opt.Measures)
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

// levers reads the levers: a map from lever name to [min, max] or to
// {levels: [...]}; a switch or a choice may give its levels as a list.
func (dl *designLoader) levers() {
	n := dl.src.root.fields["levers"]
	if n == nil {
		dl.at("levers", "levers: missing; name the levers to vary, e.g. procurement.contract_years: [2, 7]")
		return
	}
	if n.kind != mapNode || len(n.keys) == 0 {
		dl.at("levers", "levers: expected lever names with a range [min, max] or {levels: [...]}")
		return
	}
	// Levers are named in full (procurement.contract_years) or grouped by
	// section as in a scenario file (procurement: {contract_years: ...}).
	type entry struct {
		name, key string
		v         *node
	}
	var entries []entry
	for _, name := range n.keys {
		v := n.fields[name]
		if _, isLever := LeverByName(name); !isLever && v.kind == mapNode && slices.Contains(Sections(), name) {
			for _, k := range v.keys {
				entries = append(entries, entry{name + "." + k, "levers." + name + "." + k, v.fields[k]})
			}
			continue
		}
		entries = append(entries, entry{name, "levers." + name, v})
	}
	for _, e := range entries {
		name, key, v := e.name, e.key, e.v
		l, ok := LeverByName(name)
		if !ok {
			dl.at(key, "unknown lever %q%s", name, suggestLever(name))
			continue
		}
		if slices.ContainsFunc(dl.d.Factors, func(f Factor) bool { return f.Lever.Name == name }) {
			dl.at(key, "%s: the lever is given twice", name)
			continue
		}
		f := Factor{Lever: l}
		var items []*node
		levels := false
		switch {
		case v.kind == listNode:
			items = v.items
			levels = l.Kind == KindBool || l.Kind == KindEnum
		case v.kind == mapNode && len(v.keys) == 1 && v.keys[0] == "levels" && v.fields["levels"].kind == listNode:
			items, levels = v.fields["levels"].items, true
		case v.kind == mapNode:
			for _, k := range v.keys {
				if k != "levels" {
					dl.at(key+"."+k, "%s: unknown key %q, expected levels", name, k)
				}
			}
			if v.fields["levels"] != nil && v.fields["levels"].kind != listNode {
				dl.at(key+".levels", "%s: levels: expected a list of values", name)
			}
			continue
		default:
			dl.at(key, "%s: got %s, expected a range [min, max] or {levels: [...]}", name, describe(v.plain()))
			continue
		}
		if levels {
			if len(items) < 2 {
				dl.at(key, "%s: expected at least 2 levels", name)
				continue
			}
			bad := false
			for i, it := range items {
				val, err := l.Check(it.plain())
				if err != nil {
					dl.problems = append(dl.problems, Problem{File: dl.src.display, Line: it.line, Key: fmt.Sprintf("%s[%d]", key, i), Msg: err.Error()})
					bad = true
					continue
				}
				if slices.ContainsFunc(f.Levels, func(o any) bool { return l.Format(o) == l.Format(val) }) {
					dl.problems = append(dl.problems, Problem{File: dl.src.display, Line: it.line, Key: fmt.Sprintf("%s[%d]", key, i), Msg: fmt.Sprintf("%s: level %s is given twice", name, l.Format(val))})
					bad = true
					continue
				}
				f.Levels = append(f.Levels, val)
			}
			if !bad {
				dl.d.Factors = append(dl.d.Factors, f)
			}
			continue
		}
		if l.Kind == KindBool || l.Kind == KindEnum {
			dl.at(key, "%s: a %s lever varies over levels, e.g. {levels: [%s]}", name, l.Kind, strings.Join(l.Allowed, ", "))
			continue
		}
		if len(items) != 2 {
			dl.at(key, "%s: a range is [min, max], got %d values; for a list of values write {levels: [...]}", name, len(items))
			continue
		}
		var lohi [2]float64
		bad := false
		for i, it := range items {
			val, err := l.Check(it.plain())
			if err != nil {
				dl.problems = append(dl.problems, Problem{File: dl.src.display, Line: it.line, Key: fmt.Sprintf("%s[%d]", key, i), Msg: err.Error()})
				bad = true
				continue
			}
			switch x := val.(type) {
			case float64:
				lohi[i] = x
			case int:
				lohi[i] = float64(x)
			case Schedule:
				if len(x) != 1 {
					dl.problems = append(dl.problems, Problem{File: dl.src.display, Line: it.line, Key: fmt.Sprintf("%s[%d]", key, i), Msg: name + ": a range of a path lever is of single values, which hold in every year"})
					bad = true
					continue
				}
				lohi[i] = x[0].Value
			}
		}
		if bad {
			continue
		}
		if lohi[0] >= lohi[1] {
			dl.at(key, "%s: the range [%s, %s] is empty; give [min, max] with min < max", name, fmtNum(lohi[0]), fmtNum(lohi[1]))
			continue
		}
		f.Min, f.Max = lohi[0], lohi[1]
		dl.d.Factors = append(dl.d.Factors, f)
	}
}

func (dl *designLoader) outcomes(measures []string) {
	d := dl.d
	n := dl.src.root.fields["outcomes"]
	if n == nil {
		dl.at("outcomes", "outcomes: missing; name the measures to record, e.g. [hhi_regional, producer_capture_index]")
	} else if n.kind != listNode || len(n.items) == 0 {
		dl.at("outcomes", "outcomes: expected a list of measure names, e.g. [hhi_regional, producer_capture_index]")
	} else {
		for i, it := range n.items {
			s, ok := it.value.(string)
			key := fmt.Sprintf("outcomes[%d]", i)
			switch {
			case !ok:
				dl.problems = append(dl.problems, Problem{File: dl.src.display, Line: it.line, Key: key, Msg: fmt.Sprintf("outcomes: got %s, expected a measure name", describe(it.plain()))})
			case measures != nil && !slices.Contains(measures, s):
				dl.problems = append(dl.problems, Problem{File: dl.src.display, Line: it.line, Key: key, Msg: fmt.Sprintf("outcomes: unknown measure %q%s (columns.csv lists them)", s, didYouMean(s, measures))})
			case slices.Contains(d.Outcomes, s):
				dl.problems = append(dl.problems, Problem{File: dl.src.display, Line: it.line, Key: key, Msg: fmt.Sprintf("outcomes: %q is given twice", s)})
			default:
				d.Outcomes = append(d.Outcomes, s)
			}
		}
	}
	if d.Base == nil {
		return
	}
	first, last := d.Base.StartYear, d.Base.EndYear()
	y := dl.src.root.fields["outcome_years"]
	if y == nil {
		d.OutcomeYears = []int{last}
		return
	}
	if y.kind != listNode || len(y.items) == 0 {
		dl.at("outcome_years", "outcome_years: expected a list of years in [%d, %d]", first, last)
		return
	}
	for i, it := range y.items {
		v, ok := wholeNumber(it.plain())
		key := fmt.Sprintf("outcome_years[%d]", i)
		switch {
		case !ok || it.kind != scalarNode:
			dl.problems = append(dl.problems, Problem{File: dl.src.display, Line: it.line, Key: key, Msg: fmt.Sprintf("outcome_years: got %s, expected a year in [%d, %d]", describe(it.plain()), first, last)})
		case v < int64(first) || v > int64(last):
			dl.problems = append(dl.problems, Problem{File: dl.src.display, Line: it.line, Key: key, Msg: fmt.Sprintf("outcome_years: %d is outside the run, expected a year in [%d, %d]", v, first, last)})
		case slices.Contains(d.OutcomeYears, int(v)):
			dl.problems = append(dl.problems, Problem{File: dl.src.display, Line: it.line, Key: key, Msg: fmt.Sprintf("outcome_years: %d is given twice", v)})
		default:
			d.OutcomeYears = append(d.OutcomeYears, int(v))
		}
	}
	slices.Sort(d.OutcomeYears)
}

// PointScenario loads the base scenario with the factors set to values (in
// factor order), as "mutualsim run" would with --set, so that any point of
// a sweep can be rerun on its own. It also returns the --set assignments.
func (d *Design) PointScenario(values []any) (*Scenario, []string, error) {
	if len(values) != len(d.Factors) {
		return nil, nil, fmt.Errorf("point has %d values for %d levers", len(values), len(d.Factors))
	}
	set := make([]string, len(values))
	for i, f := range d.Factors {
		set[i] = f.Lever.Name + "=" + f.Format(values[i])
	}
	opt := d.baseOpt
	opt.Set = set
	s, err := Load(d.baseRef, opt)
	if err != nil {
		return nil, set, fmt.Errorf("with --set %s: %w", strings.Join(set, " --set "), err)
	}
	return s, set, nil
}
