package scenarios

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/viper"
)

// LoadOptions are the overrides applied on top of a scenario file, in
// increasing precedence: environment variables MUTUALSIM_<SECTION>_<LEVER>
// (and MUTUALSIM_SEED, _YEARS, _START_YEAR, _REPLICATIONS, _SCALE), then Set,
// then the explicit run settings. A lever set by the environment or by Set
// holds for the whole run: timeline changes to it are dropped.
type LoadOptions struct {
	// NoEnv ignores MUTUALSIM_* environment variables.
	NoEnv bool
	// Set holds "section.lever=value" assignments, applied in order.
	Set []string
	// Run settings given explicitly (for example by command-line flags);
	// nil leaves the scenario's own.
	Seed         *uint64
	Replications *int
	Years        *int
	StartYear    *int
	Scale        *string
}

// topKeys are the keys a scenario file may give outside the lever sections.
func topKeys() []string {
	return []string{"name", "description", "question", "extends", "scale", "start_year", "years", "seed", "replications", "timeline"}
}

// where is the file and line a value came from.
type where struct {
	file string
	line int
}

// loader resolves one scenario: its extends chain, the overrides and the
// checks, collecting every problem with its position.
type loader struct {
	runMoved bool // years or start_year came from an override
	problems Problems
	order    []string         // files in the order they were read, for sorting problems
	from     map[string]where // dotted key → where its value was set
	timeFrom []map[string]where
}

func (ld *loader) add(p Problem) { ld.problems = append(ld.problems, p) }

func (ld *loader) at(src *source, key, format string, args ...any) {
	ld.add(Problem{File: src.display, Line: src.line(key), Key: key, Msg: fmt.Sprintf(format, args...)})
}

// Load resolves a scenario given by built-in name or by file path: it reads
// the file and its extends chain, applies the options, and checks the
// result. Every problem is reported at once, as Problems, each with its file
// and line.
func Load(ref string, opt LoadOptions) (*Scenario, error) {
	ld := &loader{from: map[string]where{}}
	chain := ld.chain(ref, "", nil)
	s := &Scenario{Scale: "default", StartYear: 2010, Years: 20, Seed: 1, Replications: 10, Params: Defaults()}
	for _, src := range chain {
		ld.apply(s, src)
	}
	if n := len(chain); n > 0 {
		leaf := chain[n-1]
		if s.Name == "" {
			s.Name = leaf.stem
		}
		s.Source = leaf.display
		for i := n - 1; i >= 0; i-- {
			s.Chain = append(s.Chain, chain[i].display)
		}
	}
	if !opt.NoEnv {
		ld.environment(s)
	}
	ld.assignments(s, opt.Set)
	ld.runSettings(s, opt)
	if ld.runMoved {
		// The run was shortened or moved from outside the files: fit the
		// timeline to it rather than report changes outside it.
		if err := s.Trim(); err != nil {
			ld.add(Problem{Msg: err.Error()})
		}
		ld.timeFrom = nil
	}
	// Values that failed their own checks were not set, so what Check finds
	// now is new: the joint constraints and the run's own settings.
	for _, p := range s.Check() {
		w := ld.locate(p.Key)
		p.File, p.Line = w.file, w.line
		if strings.HasPrefix(p.File, "--") {
			// A flag's name says which setting it is: "--years: 0 is out of range".
			p.Msg = strings.TrimPrefix(p.Msg, p.Key+": ")
		}
		if p.File == "" && len(chain) > 0 {
			p.File = chain[len(chain)-1].display
		}
		ld.add(p)
	}
	if len(ld.problems) > 0 {
		return nil, ld.problems.sort(append(ld.order, "environment", "--set"))
	}
	return s, nil
}

// locate returns where the value of key was set, trying enclosing keys.
func (ld *loader) locate(key string) where {
	if strings.HasPrefix(key, "timeline[") {
		if i, rest, ok := timelineIndex(key); ok && i < len(ld.timeFrom) {
			for k := rest; ; {
				if w, ok := ld.timeFrom[i][k]; ok {
					return w
				}
				j := strings.LastIndex(k, ".")
				if j < 0 {
					break
				}
				k = k[:j]
			}
		}
	}
	return ld.from[key]
}

// timelineIndex splits "timeline[3].set.x" into 3 and "set.x".
func timelineIndex(key string) (int, string, bool) {
	rest, ok := strings.CutPrefix(key, "timeline[")
	if !ok {
		return 0, "", false
	}
	num, rest, ok := strings.Cut(rest, "]")
	i, err := strconv.Atoi(num)
	if !ok || err != nil {
		return 0, "", false
	}
	return i, strings.TrimPrefix(rest, "."), true
}

// chain returns the sources from the root of the extends chain to ref.
func (ld *loader) chain(ref, fromDir string, stack []*source) []*source {
	src := ld.read(ref, fromDir, stack)
	if src == nil {
		return nil
	}
	parent, ok := src.data["extends"]
	if !ok {
		return []*source{src}
	}
	name, isString := parent.(string)
	if !isString || strings.TrimSpace(name) == "" {
		ld.at(src, "extends", "extends: got %s, expected the name of a built-in scenario or a file path", describe(parent))
		return []*source{src}
	}
	for _, s := range stack {
		if s.id == ld.identity(name, src.dir) {
			var names []string
			for _, t := range append(stack, src) {
				names = append(names, t.display)
			}
			ld.at(src, "extends", "extends: cycle %s → %s", strings.Join(names, " → "), s.display)
			return []*source{src}
		}
	}
	up := ld.chain(name, src.dir, append(stack, src))
	if up == nil {
		ld.at(src, "extends", "extends: %s", ld.missing(name, src.dir))
	}
	return append(up, src)
}

// isPath reports whether ref names a file rather than a built-in scenario.
func isPath(ref string) bool {
	_, known := formatOf(ref)
	return known || strings.ContainsAny(ref, `/\`)
}

func (ld *loader) identity(ref, fromDir string) string {
	if !isPath(ref) {
		return "builtin:" + ref
	}
	p := ref
	if !filepath.IsAbs(p) && fromDir != "" {
		p = filepath.Join(fromDir, p)
	}
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return p
}

func (ld *loader) missing(ref, fromDir string) string {
	if isPath(ref) {
		p := ref
		if !filepath.IsAbs(p) && fromDir != "" {
			p = filepath.Join(fromDir, p)
		}
		return fmt.Sprintf("no scenario file %s", p)
	}
	return fmt.Sprintf("no built-in scenario %q%s (a file path needs an extension: .yaml, .yml, .toml or .json)", ref, didYouMean(ref, Names()))
}

// read loads one scenario by built-in name or path; nil if it cannot.
func (ld *loader) read(ref, fromDir string, stack []*source) *source {
	if !isPath(ref) {
		b, ok := builtin(ref)
		if !ok {
			if len(stack) == 0 {
				ld.add(Problem{File: ref, Key: "", Msg: ld.missing(ref, fromDir)})
			}
			return nil
		}
		display := ref + " (built-in)"
		ld.order = append(ld.order, display)
		data, lines, perr := parseSource(display, "yaml", b)
		if perr != nil {
			ld.add(*perr)
			return nil
		}
		return &source{id: "builtin:" + ref, display: display, stem: ref, data: data, lines: lines}
	}
	path := ref
	if !filepath.IsAbs(path) && fromDir != "" {
		path = filepath.Join(fromDir, path)
	}
	ld.order = append(ld.order, path)
	format, ok := formatOf(path)
	if !ok {
		ld.add(Problem{File: path, Msg: fmt.Sprintf("unsupported file type %q, expected .yaml, .yml, .toml or .json", filepath.Ext(path))})
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if len(stack) > 0 && os.IsNotExist(err) {
			return nil // reported by the child as a missing parent
		}
		ld.add(Problem{File: path, Msg: fmt.Sprintf("cannot read the file: %v", err)})
		return nil
	}
	data, lines, perr := parseSource(path, format, b)
	if perr != nil {
		ld.add(*perr)
		return nil
	}
	abs, _ := filepath.Abs(path)
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return &source{id: abs, display: path, dir: filepath.Dir(path), stem: stem, data: data, lines: lines}
}

// apply sets everything one source gives.
func (ld *loader) apply(s *Scenario, src *source) {
	keys := make([]string, 0, len(src.data))
	for k := range src.data {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	sections := Sections()
	for _, k := range keys {
		v := src.data[k]
		switch {
		case k == "timeline":
			ld.timeline(s, src, v)
		case slices.Contains(topKeys(), k):
			ld.top(s, src, k, v)
		case slices.Contains(sections, k):
			m, ok := v.(map[string]any)
			if !ok {
				ld.at(src, k, "%s: got %s, expected a section of levers (key: value lines)", k, describe(v))
				continue
			}
			lkeys := make([]string, 0, len(m))
			for lk := range m {
				lkeys = append(lkeys, lk)
			}
			slices.Sort(lkeys)
			for _, lk := range lkeys {
				ld.lever(s, src, k+"."+lk, m[lk])
			}
		default:
			ld.at(src, k, "unknown key %q%s", k, didYouMean(k, slices.Concat(topKeys(), sections, LeverNames())))
		}
	}
}

// lever checks and sets one lever from a source.
func (ld *loader) lever(s *Scenario, src *source, name string, v any) {
	l, ok := LeverByName(name)
	if !ok {
		ld.at(src, name, "unknown lever %q%s", name, suggestLever(name))
		return
	}
	v, err := scheduleFromMap(l, v)
	if err == nil {
		err = l.Set(s.Params, v)
	}
	if err != nil {
		ld.at(src, name, "%v", err)
		return
	}
	ld.from[name] = where{src.display, src.line(name)}
}

// suggestLever returns ", did you mean X?" for the lever nearest to name:
// by the whole dotted name, or else by its key alone in any section
// ("procurement.access" → "pension.access").
func suggestLever(name string) string {
	if hint := didYouMean(name, LeverNames()); hint != "" {
		return hint
	}
	_, key, _ := strings.Cut(name, ".")
	return didYouMean(key, LeverNames())
}

// scheduleFromMap converts a YEAR: VALUE map, as a file writes a schedule,
// into a Schedule; other values pass through.
func scheduleFromMap(l Lever, v any) (any, error) {
	m, ok := v.(map[string]any)
	if !ok || l.Kind != KindSchedule {
		return v, nil
	}
	var s Schedule
	for ys, val := range m {
		y, err := strconv.Atoi(strings.TrimSpace(ys))
		if err != nil {
			return nil, fmt.Errorf("%s: year %q is not a whole number", l.Name, ys)
		}
		f, ok := toFloat(val)
		if !ok {
			return nil, fmt.Errorf("%s: value in %d is %s, expected a number", l.Name, y, describe(val))
		}
		s = append(s, Step{Year: y, Value: f})
	}
	return s, nil
}

// top sets one of the scenario's own keys.
func (ld *loader) top(s *Scenario, src *source, k string, v any) {
	str := func() (string, bool) {
		t, ok := v.(string)
		if !ok {
			ld.at(src, k, "%s: got %s, expected text", k, describe(v))
		}
		return t, ok
	}
	whole := func(lo, hi float64, what string) (int, bool) {
		f, ok := toFloat(v)
		if !ok || f != math.Trunc(f) {
			ld.at(src, k, "%s: got %s, expected %s in [%s, %s]", k, describe(v), what, fmtNum(lo), fmtNum(hi))
			return 0, false
		}
		if f < lo || f > hi {
			ld.at(src, k, "%s: %s is out of range, expected %s in [%s, %s]", k, fmtNum(f), what, fmtNum(lo), fmtNum(hi))
			return 0, false
		}
		return int(f), true
	}
	ok := true
	switch k {
	case "name":
		var t string
		if t, ok = str(); ok {
			s.Name = t
		}
	case "description":
		var t string
		if t, ok = str(); ok {
			s.Description = t
		}
	case "question":
		var t string
		if t, ok = str(); ok {
			s.Question = t
		}
	case "extends":
		return // resolved by chain
	case "scale":
		var t string
		if t, ok = str(); ok {
			if _, err := ScaleByName(t); err != nil {
				ld.at(src, k, "scale: %v", err)
				return
			}
			s.Scale = t
		}
	case "start_year":
		var n int
		if n, ok = whole(MinStartYear, MaxStartYear, "a year"); ok {
			s.StartYear = n
		}
	case "years":
		var n int
		if n, ok = whole(1, MaxYears, "a whole number"); ok {
			s.Years = n
		}
	case "replications":
		var n int
		if n, ok = whole(1, MaxReps, "a whole number"); ok {
			s.Replications = n
		}
	case "seed":
		f, isNum := toFloat(v)
		if !isNum || f != math.Trunc(f) || f < 0 || f > 1<<53 {
			ld.at(src, k, "seed: got %s, expected a whole number from 0 to 2^53", describe(v))
			return
		}
		s.Seed = uint64(f)
	}
	if ok {
		ld.from[k] = where{src.display, src.line(k)}
	}
}

// timeline appends a source's timeline to the scenario's.
func (ld *loader) timeline(s *Scenario, src *source, v any) {
	items, ok := v.([]any)
	if !ok {
		ld.at(src, "timeline", "timeline: got %s, expected a list of {year, set} changes", describe(v))
		return
	}
	for i, item := range items {
		key := fmt.Sprintf("timeline[%d]", i)
		m, ok := item.(map[string]any)
		if !ok {
			ld.at(src, key, "%s: got %s, expected {year: YEAR, set: {lever: value, ...}}", key, describe(item))
			continue
		}
		ch := Change{}
		from := map[string]where{"": {src.display, src.line(key)}}
		yv, hasYear := m["year"]
		f, isNum := toFloat(yv)
		switch {
		case !hasYear:
			ld.at(src, key, "%s: missing year", key)
			continue
		case !isNum || f != math.Trunc(f):
			ld.at(src, key+".year", "%s.year: got %s, expected a year", key, describe(yv))
			continue
		}
		ch.Year = int(f)
		from["year"] = where{src.display, src.line(key + ".year")}
		for k := range m {
			if k != "year" && k != "set" {
				ld.at(src, key+"."+k, "%s: unknown key %q, expected year and set", key, k)
			}
		}
		set, ok := m["set"].(map[string]any)
		if !ok {
			ld.at(src, key+".set", "%s.set: got %s, expected the levers to change, as {section.lever: value, ...}", key, describe(m["set"]))
			continue
		}
		for _, a := range flattenSet(set) {
			akey := key + ".set." + a.Lever
			l, known := LeverByName(a.Lever)
			if !known {
				ld.at(src, akey, "timeline %d: unknown lever %q%s", ch.Year, a.Lever, suggestLever(a.Lever))
				continue
			}
			val, err := scheduleFromMap(l, a.Value)
			if err == nil {
				val, err = l.Check(val)
			}
			if err != nil {
				ld.at(src, akey, "timeline %d: %v", ch.Year, err)
				continue
			}
			ch.Set = append(ch.Set, Assignment{Lever: a.Lever, Value: val})
			from["set."+a.Lever] = where{src.display, src.line(akey)}
		}
		s.Timeline = append(s.Timeline, ch)
		ld.timeFrom = append(ld.timeFrom, from)
	}
}

// flattenSet turns a timeline's set, written as {section.lever: value} or as
// {section: {lever: value}}, into assignments in key order.
func flattenSet(set map[string]any) []Assignment {
	var out []Assignment
	for k, v := range set {
		if m, ok := v.(map[string]any); ok && !strings.Contains(k, ".") && slices.Contains(Sections(), k) {
			for k2, v2 := range m {
				out = append(out, Assignment{Lever: k + "." + k2, Value: v2})
			}
			continue
		}
		out = append(out, Assignment{Lever: k, Value: v})
	}
	slices.SortFunc(out, func(a, b Assignment) int { return strings.Compare(a.Lever, b.Lever) })
	return out
}

// envName returns the environment variable for a dotted key.
func envName(key string) string {
	return "MUTUALSIM_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// environment applies MUTUALSIM_* variables through viper and reports any
// that name no lever or setting.
func (ld *loader) environment(s *Scenario) {
	v := viper.New()
	v.SetEnvPrefix("mutualsim")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	known := map[string]bool{}
	for _, k := range []string{"scale", "start_year", "years", "seed", "replications"} {
		known[envName(k)] = true
		if raw := v.GetString(k); raw != "" {
			ld.setting(s, "environment", envName(k), k, raw)
		}
	}
	for _, l := range Levers() {
		known[envName(l.Name)] = true
		if raw := v.GetString(l.Name); raw != "" {
			ld.override(s, "environment", envName(l.Name), l, raw)
		}
	}
	var names []string
	for n := range known {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "MUTUALSIM_") && !known[name] {
			ld.add(Problem{File: "environment", Key: name, Msg: fmt.Sprintf("%s: unknown variable%s", name, didYouMean(name, names))})
		}
	}
}

// assignments applies --set section.lever=value assignments in order.
func (ld *loader) assignments(s *Scenario, set []string) {
	for _, a := range set {
		name, raw, ok := strings.Cut(a, "=")
		name = strings.TrimSpace(name)
		if !ok {
			ld.add(Problem{File: "--set", Key: name, Msg: fmt.Sprintf("%q: expected section.lever=value", a)})
			continue
		}
		l, known := LeverByName(name)
		if !known {
			hint := suggestLever(name)
			if slices.Contains(topKeys(), name) {
				hint = fmt.Sprintf(", use the --%s flag", strings.ReplaceAll(name, "_", "-"))
			}
			ld.add(Problem{File: "--set", Key: name, Msg: fmt.Sprintf("unknown lever %q%s", name, hint)})
			continue
		}
		ld.override(s, "--set", name, l, raw)
	}
}

// override sets a lever for the whole run, dropping timeline changes to it.
func (ld *loader) override(s *Scenario, origin, label string, l Lever, raw string) {
	v, err := l.Parse(raw)
	if err == nil {
		err = l.Set(s.Params, v)
	}
	if err != nil {
		ld.add(Problem{File: origin, Key: l.Name, Msg: fmt.Sprintf("%s: %v", label, err)})
		return
	}
	ld.from[l.Name] = where{file: origin}
	for i := range s.Timeline {
		s.Timeline[i].Set = slices.DeleteFunc(s.Timeline[i].Set, func(a Assignment) bool { return a.Lever == l.Name })
	}
	keep := s.Timeline[:0]
	var from []map[string]where
	for i, ch := range s.Timeline {
		if len(ch.Set) > 0 {
			keep = append(keep, ch)
			from = append(from, ld.timeFrom[i])
		}
	}
	s.Timeline, ld.timeFrom = keep, from
}

// setting applies a run setting given as text by the environment.
func (ld *loader) setting(s *Scenario, origin, label, key, raw string) {
	bad := func(expected string) {
		ld.add(Problem{File: origin, Key: key, Msg: fmt.Sprintf("%s: %q is not %s", label, raw, expected)})
	}
	raw = strings.TrimSpace(raw)
	switch key {
	case "scale":
		if _, err := ScaleByName(raw); err != nil {
			ld.add(Problem{File: origin, Key: key, Msg: fmt.Sprintf("%s: %v", label, err)})
			return
		}
		s.Scale = raw
	case "seed":
		n, err := strconv.ParseUint(raw, 10, 64)
		if err != nil {
			bad("a whole number from 0")
			return
		}
		s.Seed = n
	default:
		n, err := strconv.Atoi(raw)
		if err != nil {
			bad("a whole number")
			return
		}
		switch key {
		case "years":
			s.Years, ld.runMoved = n, true
		case "start_year":
			s.StartYear, ld.runMoved = n, true
		case "replications":
			s.Replications = n
		}
	}
	ld.from[key] = where{file: origin}
}

// runSettings applies explicitly given run settings, which take precedence
// over everything else.
func (ld *loader) runSettings(s *Scenario, opt LoadOptions) {
	if opt.Seed != nil {
		s.Seed = *opt.Seed
	}
	if opt.Replications != nil {
		s.Replications = *opt.Replications
	}
	if opt.Years != nil {
		s.Years, ld.runMoved = *opt.Years, true
	}
	if opt.StartYear != nil {
		s.StartYear, ld.runMoved = *opt.StartYear, true
	}
	if opt.Scale != nil {
		s.Scale = *opt.Scale
	}
	for _, f := range []struct {
		key, flag string
		set       bool
	}{{"seed", "--seed", opt.Seed != nil}, {"replications", "--reps", opt.Replications != nil}, {"years", "--years", opt.Years != nil},
		{"start_year", "--start-year", opt.StartYear != nil}, {"scale", "--scale", opt.Scale != nil}} {
		if f.set {
			ld.from[f.key] = where{file: f.flag}
		}
	}
}
