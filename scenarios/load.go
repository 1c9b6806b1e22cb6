package scenarios

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"mutualsim/inputs"
	"mutualsim/internal/document"
	"mutualsim/internal/regfile"
)

// LoadOptions are the overrides applied on top of a scenario file, in
// increasing precedence: environment variables MUTUALSIM_<SECTION>_<LEVER>
// (and MUTUALSIM_SEED, _YEARS, _START_YEAR, _REPLICATIONS, _SCALE), then Set,
// then the explicit run settings. A lever set by the environment or by Set
// holds for the whole run: timeline changes to it are dropped.
type LoadOptions struct {
	// Env holds the MUTUALSIM_* variables to apply, by name, as the
	// command line read them once from its environment (Environment); nil
	// applies none. The loader itself never reads the environment.
	Env map[string]string
	// Set holds "section.lever=value" assignments, applied in order.
	Set []string
	// Run settings given explicitly (for example by command-line flags);
	// nil leaves the scenario's own.
	Seed         *uint64
	Replications *int
	Years        *int
	StartYear    *int
	Scale        *string
	// NoFiles refuses an extends chain that names a file: only built-in
	// scenarios may be extended (for a scenario given as data, from a
	// browser, say).
	NoFiles bool
}

// builtinSources holds each built-in scenario parsed, once: the files are
// embedded and never change, and a loader only reads a source.
var builtinSources = sync.OnceValue(func() map[string]*document.Source {
	m := map[string]*document.Source{}
	for _, name := range Names() {
		b, ok := builtin(name)
		if !ok {
			continue
		}
		src, perr := document.NewSource(name+" (built-in)", "yaml", b)
		if perr != nil {
			continue // parsed again, and reported, by parsedBuiltin
		}
		src.ID, src.Stem = "builtin:"+name, name
		m[name] = src
	}
	return m
})

// parsedBuiltin returns the built-in scenario name parsed.
func parsedBuiltin(name, display string, b []byte) (*document.Source, *inputs.Problem) {
	if src, ok := builtinSources()[name]; ok {
		return src, nil
	}
	src, perr := document.NewSource(display, "yaml", b)
	if perr != nil {
		return nil, perr
	}
	src.ID, src.Stem = "builtin:"+name, name
	return src, nil
}

// MaxFileSize bounds a scenario or design file: a few kilobytes describe
// any scenario; a larger file is refused before it is parsed.
const MaxFileSize = 4 << 20

// topKeys are the keys a scenario file may give outside the lever sections.
func topKeys() []string {
	return []string{"name", "description", "question", "compare_to", "caveat", "extends", "scale", "start_year", "years", "seed", "replications", "timeline"}
}

// nameRe is what a scenario name may be: it names folders of results.
var nameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ValidName reports whether name may name a scenario or a design: letters,
// digits, dots, dashes and underscores, 1 to 64 of them, starting with a
// letter or digit (a name names a folder).
func ValidName(name string) bool { return nameRe.MatchString(name) }

// IsPath reports whether ref names a file rather than a built-in scenario.
func IsPath(ref string) bool { return isPath(ref) }

// where is the file and line a value came from; seq orders the values by
// the time they were set, so the highest seq is the one in force.
type where struct {
	file string
	line int
	seq  int
}

// loader resolves one scenario: its extends chain, the overrides and the
// checks, collecting every problem with its position.
type loader struct {
	problems  inputs.Problems
	order     []string         // files in the order they were read, for sorting problems
	from      map[string]where // dotted key → where its value was set
	seq       int
	timeFrom  []map[string]where // per timeline change: "year", "set.LEVER"
	timeLayer []int              // per timeline change: the layer it came from
	bounds    int                // layer that last set years or start_year; -1 if none
	overrides []string           // the environment variables and --set values applied
	inline    *document.Source   // the scenario given as data (LoadData), read in place of a file
	noFiles   bool               // LoadOptions.NoFiles
}

// overrideLayer is the layer of environment variables, --set and flags:
// above every file.
const overrideLayer = math.MaxInt

func (ld *loader) add(p inputs.Problem) { ld.problems = append(ld.problems, p) }

func (ld *loader) at(src *document.Source, key, format string, args ...any) {
	ld.add(inputs.Problem{File: src.Display, Line: src.Line(key), Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (ld *loader) set(key string, w where) {
	ld.seq++
	w.seq = ld.seq
	ld.from[key] = w
}

// Load resolves a scenario given by built-in name or by file path: it reads
// the file and its extends chain, applies the options, and checks the
// result. Every problem is reported at once, as Problems, each with its file
// and line.
func Load(ref string, opt LoadOptions) (*inputs.Scenario, error) {
	return loadRef(ref, nil, opt)
}

// LoadData resolves a scenario given as data rather than as a file: name
// says its format by its extension (.yaml, .yml, .toml or .json) and names
// it in problems. Its extends chain is read as Load reads it, relative to
// the current folder, unless opt.NoFiles allows built-in scenarios only.
// Nothing is read from disk for the scenario itself.
func LoadData(name string, data []byte, opt LoadOptions) (*inputs.Scenario, error) {
	format, ok := document.FormatOf(name)
	if !ok {
		return nil, inputs.Problems{{File: name, Msg: fmt.Sprintf("unsupported file type %q, expected .yaml, .yml, .toml or .json", filepath.Ext(name))}}
	}
	if len(data) > MaxFileSize {
		return nil, inputs.Problems{{File: name, Msg: fmt.Sprintf("it is larger than %d bytes, far more than any scenario needs", MaxFileSize)}}
	}
	src, perr := document.NewSource(name, format, data)
	if perr != nil {
		return nil, inputs.Problems{*perr}
	}
	src.ID, src.Dir = "data:"+name, "."
	src.Stem = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	return loadRef(name, src, opt)
}

func loadRef(ref string, inline *document.Source, opt LoadOptions) (*inputs.Scenario, error) {
	ld := &loader{from: map[string]where{}, bounds: -1, inline: inline, noFiles: opt.NoFiles}
	chain := ld.chain(ref, "", nil)
	s := &inputs.Scenario{Scale: "default", StartYear: 2010, Years: 20, Seed: 1, Replications: 10, Params: inputs.Defaults()}
	for i, src := range chain {
		ld.apply(s, src, i)
	}
	if n := len(chain); n > 0 {
		leaf := chain[n-1]
		if s.Name == "" {
			s.Name = leaf.Stem
			if !nameRe.MatchString(s.Name) {
				ld.add(inputs.Problem{File: leaf.Display, Key: "name", Msg: fmt.Sprintf("name: the file name %q cannot name a results folder; give the scenario a name: of letters, digits, '.', '_' and '-'", s.Name)})
			}
		}
		s.Source = leaf.Display
		s.CompareTo, s.Caveat = ld.comparison(leaf)
		for i := n - 1; i >= 0; i-- {
			s.Chain = append(s.Chain, chain[i].Display)
		}
	}
	if opt.Env != nil {
		ld.environment(s, opt.Env)
	}
	ld.assignments(s, opt.Set)
	ld.runSettings(s, opt)
	ld.trim(s)
	s.Overrides = ld.overrides
	// Values that failed their own checks were not set, so what Check finds
	// now is new: the joint constraints and the run's own settings.
	for _, p := range s.Check() {
		w := ld.locate(p)
		p.File, p.Line = w.file, w.line
		if strings.HasPrefix(p.File, "--") && p.File != "--set" {
			// A flag's name says which setting it is: "--years: 0 is out of
			// range". --set does not: its problems keep the lever's name.
			p.Msg = strings.TrimPrefix(p.Msg, p.Key+": ")
		}
		if p.File == "" && len(chain) > 0 {
			p.File = chain[len(chain)-1].Display
		}
		ld.add(p)
	}
	if len(ld.problems) > 0 {
		return nil, ld.problems.Sort(append(ld.order, "environment", "--set"))
	}
	return s, nil
}

// comparison returns the scenario the named file says it should be compared
// with, as a built-in name or a path resolved against the file's folder, and
// its caveat. Neither is inherited: without compare_to a scenario is
// compared with the one it extends, or with nothing.
func (ld *loader) comparison(leaf *document.Source) (compareTo, caveat string) {
	if n, ok := leaf.Root.Fields["caveat"]; ok {
		t, isString := n.Plain().(string)
		if !isString {
			ld.at(leaf, "caveat", "caveat: got %s, expected text", inputs.Describe(n.Plain()))
		} else {
			caveat = strings.TrimSpace(t)
		}
	}
	key := "compare_to"
	n, ok := leaf.Root.Fields[key]
	if !ok {
		key = "extends"
		if n, ok = leaf.Root.Fields[key]; !ok {
			return "", caveat
		}
	}
	ref, isString := n.Plain().(string)
	if !isString || strings.TrimSpace(ref) == "" {
		if key == "compare_to" {
			ld.at(leaf, key, "compare_to: got %s, expected the name of a built-in scenario or a file path", inputs.Describe(n.Plain()))
		}
		return "", caveat
	}
	if !isPath(ref) {
		if _, known := builtin(ref); !known && key == "compare_to" {
			ld.at(leaf, key, "compare_to: %s", ld.missing(ref, leaf.Dir))
			return "", caveat
		}
		return ref, caveat
	}
	p := ld.path(ref, leaf.Dir)
	if ld.noFiles {
		// Not even whether the file exists may be told to a browser.
		if key == "compare_to" {
			ld.at(leaf, key, "compare_to: %q is a file; only built-in scenarios can be compared with here", ref)
		}
		return "", caveat
	}
	if _, err := os.Stat(p); err != nil && key == "compare_to" {
		ld.at(leaf, key, "compare_to: %s", ld.missing(ref, leaf.Dir))
		return "", caveat
	}
	return p, caveat
}

// locate returns where the value behind a problem was set: of the problem's
// key and the keys related to it, the one set last.
func (ld *loader) locate(p inputs.Problem) where {
	best := where{seq: -1}
	for _, key := range append([]string{p.Key}, p.Related...) {
		if w, ok := ld.lookup(key); ok && w.seq > best.seq {
			best = w
		}
	}
	if best.seq < 0 {
		return where{}
	}
	return best
}

func (ld *loader) lookup(key string) (where, bool) {
	if i, rest, ok := timelineIndex(key); ok && i < len(ld.timeFrom) {
		for k := rest; ; {
			if w, ok := ld.timeFrom[i][k]; ok {
				return w, true
			}
			j := strings.LastIndex(k, ".")
			if j < 0 {
				break
			}
			k = k[:j]
		}
		return ld.timeFrom[i][""], true
	}
	w, ok := ld.from[key]
	return w, ok
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
func (ld *loader) chain(ref, fromDir string, stack []*document.Source) []*document.Source {
	src, _ := ld.read(ref, fromDir, len(stack) == 0)
	if src == nil {
		return nil
	}
	parent, ok := src.Root.Fields["extends"]
	if !ok {
		return []*document.Source{src}
	}
	name, isString := parent.Plain().(string)
	if !isString || strings.TrimSpace(name) == "" {
		ld.at(src, "extends", "extends: got %s, expected the name of a built-in scenario or a file path", inputs.Describe(parent.Plain()))
		return []*document.Source{src}
	}
	id := ld.identity(name, src.Dir)
	for _, s := range append(stack, src) {
		if s.ID == id {
			var names []string
			for _, t := range append(stack, src) {
				names = append(names, t.Display)
			}
			ld.at(src, "extends", "extends: cycle %s → %s", strings.Join(names, " → "), s.Display)
			return []*document.Source{src}
		}
	}
	up := ld.chain(name, src.Dir, append(stack, src))
	if up == nil && !ld.reported(name, src.Dir) {
		ld.at(src, "extends", "extends: %s", ld.missing(name, src.Dir))
	}
	return append(up, src)
}

// reported reports whether reading ref already gave a problem of its own.
func (ld *loader) reported(ref, fromDir string) bool {
	return slices.Contains(ld.order, ld.path(ref, fromDir))
}

// isPath reports whether ref names a file rather than a built-in scenario.
func isPath(ref string) bool {
	_, known := document.FormatOf(ref)
	return known || strings.ContainsAny(ref, `/\`)
}

// path returns how a reference is shown: a built-in's display name or the
// path as resolved against the folder of the file that names it.
func (ld *loader) path(ref, fromDir string) string {
	if !isPath(ref) {
		return ref + " (built-in)"
	}
	if !filepath.IsAbs(ref) && fromDir != "" {
		return filepath.Join(fromDir, ref)
	}
	return ref
}

func (ld *loader) identity(ref, fromDir string) string {
	if !isPath(ref) {
		return "builtin:" + ref
	}
	p := ld.path(ref, fromDir)
	if ld.noFiles {
		return "file:" + p // never read: read refuses it
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return p
}

func (ld *loader) missing(ref, fromDir string) string {
	if isPath(ref) {
		return fmt.Sprintf("no scenario file %s", ld.path(ref, fromDir))
	}
	return fmt.Sprintf("no built-in scenario %q%s (a file path needs an extension: .yaml, .yml, .toml or .json)", ref, suggestScenario(ref))
}

// suggestScenario names the built-in scenarios a mistyped name probably
// meant: the closest by spelling, or else those whose hyphenated words
// include every word of the name ("pension-access" finds
// "pension-open-access"), at most three.
func suggestScenario(ref string) string {
	names := Names()
	if s := inputs.DidYouMean(ref, names); s != "" {
		return s
	}
	words := strings.FieldsFunc(strings.ToLower(ref), func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	if len(words) == 0 {
		return ""
	}
	var hits []string
	for _, n := range names {
		have := strings.Split(n, "-")
		all := true
		for _, w := range words {
			if !slices.ContainsFunc(have, func(h string) bool { return strings.HasPrefix(h, w) }) {
				all = false
				break
			}
		}
		if all {
			hits = append(hits, strconv.Quote(n))
		}
	}
	switch {
	case len(hits) == 0 || len(hits) > 3:
		return ""
	case len(hits) == 1:
		return ", did you mean " + hits[0] + "?"
	default:
		return ", did you mean one of " + strings.Join(hits, ", ") + "?"
	}
}

// read loads one scenario by built-in name or path. It returns nil if it
// cannot, and whether it reported why: a missing parent is left for the
// child to report, where the extends line is.
func (ld *loader) read(ref, fromDir string, top bool) (*document.Source, bool) {
	if top && ld.inline != nil {
		ld.order = append(ld.order, ld.inline.Display)
		return ld.inline, false
	}
	display := ld.path(ref, fromDir)
	if isPath(ref) && ld.noFiles {
		ld.order = append(ld.order, display)
		ld.add(inputs.Problem{File: display, Msg: "only built-in scenarios can be extended here, not files"})
		return nil, true
	}
	if !isPath(ref) {
		b, ok := builtin(ref)
		if !ok {
			if top {
				ld.add(inputs.Problem{File: ref, Msg: ld.missing(ref, fromDir)})
			}
			return nil, top
		}
		ld.order = append(ld.order, display)
		src, perr := parsedBuiltin(ref, display, b)
		if perr != nil {
			ld.add(*perr)
			return nil, true
		}
		return src, false
	}
	format, ok := document.FormatOf(display)
	if !ok {
		ld.order = append(ld.order, display)
		ld.add(inputs.Problem{File: display, Msg: fmt.Sprintf("unsupported file type %q, expected .yaml, .yml, .toml or .json", filepath.Ext(display))})
		return nil, true
	}
	b, err := regfile.Read(display, MaxFileSize)
	if err != nil {
		if !top && os.IsNotExist(err) {
			return nil, false // reported by the child, at its extends line
		}
		ld.order = append(ld.order, display)
		ld.add(inputs.Problem{File: display, Msg: document.ReadError(err)})
		return nil, true
	}
	ld.order = append(ld.order, display)
	src, perr := document.NewSource(display, format, b)
	if perr != nil {
		ld.add(*perr)
		return nil, true
	}
	src.ID = ld.identity(ref, fromDir)
	src.Dir = filepath.Dir(display)
	src.Stem = strings.TrimSuffix(filepath.Base(display), filepath.Ext(display))
	return src, false
}

// apply sets everything one source, layer li of the chain, gives.
func (ld *loader) apply(s *inputs.Scenario, src *document.Source, li int) {
	sections := inputs.Sections()
	for _, k := range src.Root.Keys {
		n := src.Root.Fields[k]
		switch {
		case k == "timeline":
			ld.timeline(s, src, n, li)
		case slices.Contains(topKeys(), k):
			ld.top(s, src, k, n, li)
		case slices.Contains(sections, k):
			if n.Kind != document.MapNode {
				ld.at(src, k, "%s: got %s, expected a section of levers (key: value lines)", k, inputs.Describe(n.Plain()))
				continue
			}
			for _, lk := range n.Keys {
				ld.lever(s, src, k+"."+lk, n.Fields[lk], li)
			}
		default:
			ld.at(src, k, "unknown key %q%s", k, inputs.DidYouMean(k, slices.Concat(topKeys(), sections, inputs.LeverNames())))
		}
	}
}

// lever checks and sets one lever from a source. A lever the source sets
// replaces what its parents said about it, their timeline changes included;
// li is the source's layer in the extends chain.
func (ld *loader) lever(s *inputs.Scenario, src *document.Source, name string, n *document.Node, li int) {
	l, ok := inputs.LeverByName(name)
	if !ok {
		ld.at(src, name, "unknown lever %q%s", name, inputs.SuggestLever(name))
		return
	}
	v, err := scheduleFromMap(l, n.Plain())
	if err == nil {
		err = l.Set(s.Params, v)
	}
	if err != nil {
		ld.at(src, name, "%v", err)
		return
	}
	ld.set(name, where{file: src.Display, line: src.Line(name)})
	ld.dropTimeline(s, name, li)
}

// dropTimeline removes the changes to lever made by layers below layer (the
// parents of the source at that layer; overrideLayer: every file). A
// change's layer, not its index, says where it came from: dropping a lever
// may empty and remove an inherited change, which moves every later index.
func (ld *loader) dropTimeline(s *inputs.Scenario, lever string, layer int) {
	for i := range s.Timeline {
		if ld.timeLayer[i] >= layer {
			continue
		}
		ch := &s.Timeline[i]
		if j := slices.IndexFunc(ch.Set, func(a inputs.Assignment) bool { return a.Lever == lever }); j >= 0 {
			ch.Set = slices.Delete(ch.Set, j, j+1)
			delete(ld.timeFrom[i], "set."+lever)
		}
	}
	ld.compactTimeline(s, func(i int) bool { return len(s.Timeline[i].Set) > 0 })
}

// compactTimeline keeps the timeline changes for which keep is true, with
// their positions and layers.
func (ld *loader) compactTimeline(s *inputs.Scenario, keep func(i int) bool) {
	var tl []inputs.Change
	var from []map[string]where
	var layer []int
	for i := range s.Timeline {
		if keep(i) {
			tl = append(tl, s.Timeline[i])
			from = append(from, ld.timeFrom[i])
			layer = append(layer, ld.timeLayer[i])
		}
	}
	s.Timeline, ld.timeFrom, ld.timeLayer = tl, from, layer
}

// scheduleFromMap converts a YEAR: VALUE map, as a file writes a schedule,
// into a Schedule; other values pass through.
func scheduleFromMap(l inputs.Lever, v any) (any, error) {
	m, ok := v.(map[string]any)
	if !ok || l.Kind != inputs.KindSchedule {
		return v, nil
	}
	var s inputs.Schedule
	for ys, val := range m {
		y, err := strconv.Atoi(strings.TrimSpace(ys))
		if err != nil {
			return nil, fmt.Errorf("%s: year %q is not a whole number", l.Name, ys)
		}
		f, ok := inputs.AsFloat(val)
		if !ok {
			return nil, fmt.Errorf("%s: value in %d is %s, expected a number", l.Name, y, inputs.Describe(val))
		}
		s = append(s, inputs.Step{Year: y, Value: f})
	}
	return s, nil
}

// top sets one of the scenario's own keys.
func (ld *loader) top(s *inputs.Scenario, src *document.Source, k string, n *document.Node, li int) {
	v := n.Plain()
	str := func() (string, bool) {
		t, ok := v.(string)
		if !ok {
			ld.at(src, k, "%s: got %s, expected text", k, inputs.Describe(v))
		}
		return t, ok
	}
	whole := func(lo, hi int64, what string) (int, bool) {
		i, ok := document.WholeNumber(v)
		if !ok {
			ld.at(src, k, "%s: got %s, expected %s in [%d, %d]", k, inputs.Describe(v), what, lo, hi)
			return 0, false
		}
		if i < lo || i > hi {
			ld.at(src, k, "%s: %d is out of range, expected %s in [%d, %d]", k, i, what, lo, hi)
			return 0, false
		}
		return int(i), true
	}
	switch k {
	case "name":
		t, ok := str()
		if !ok {
			return
		}
		if !nameRe.MatchString(t) || t == "." || t == ".." || strings.Contains(t, "..") {
			ld.at(src, k, "name: %q cannot name a results folder, expected 1-64 letters, digits, '.', '_' and '-', starting with a letter or digit", t)
			return
		}
		s.Name = t
	case "description", "question":
		t, ok := str()
		if !ok {
			return
		}
		if k == "description" {
			s.Description = t
		} else {
			s.Question = t
		}
	case "extends":
		return // resolved by chain
	case "compare_to", "caveat":
		return // the named file's own, read by comparison
	case "scale":
		t, ok := str()
		if !ok {
			return
		}
		if _, err := inputs.ScaleByName(t); err != nil {
			ld.at(src, k, "scale: %v", err)
			return
		}
		s.Scale = t
	case "start_year", "years":
		lo, hi := int64(inputs.MinStartYear), int64(inputs.MaxStartYear)
		what := "a year"
		if k == "years" {
			lo, hi, what = 1, inputs.MaxYears, "a whole number"
		}
		n, ok := whole(lo, hi, what)
		if !ok {
			return
		}
		if k == "years" {
			s.Years = n
		} else {
			s.StartYear = n
		}
		ld.bounds = li
	case "replications":
		n, ok := whole(1, inputs.MaxReps, "a whole number")
		if !ok {
			return
		}
		s.Replications = n
	case "seed":
		switch x := v.(type) {
		case uint64:
			s.Seed = x
		default:
			i, ok := document.WholeNumber(v)
			if !ok || i < 0 {
				ld.at(src, k, "seed: got %s, expected a whole number from 0 to %d", inputs.Describe(v), uint64(math.MaxUint64))
				return
			}
			s.Seed = uint64(i)
		}
	}
	ld.set(k, where{file: src.Display, line: src.Line(k)})
}

// timeline appends a source's timeline to the scenario's.
func (ld *loader) timeline(s *inputs.Scenario, src *document.Source, n *document.Node, li int) {
	if n.Kind != document.ListNode {
		ld.at(src, "timeline", "timeline: got %s, expected a list of {year, set} changes", inputs.Describe(n.Plain()))
		return
	}
	for i, item := range n.Items {
		key := fmt.Sprintf("timeline[%d]", i)
		if item.Kind != document.MapNode {
			ld.at(src, key, "%s: got %s, expected {year: YEAR, set: {lever: value, ...}}", key, inputs.Describe(item.Plain()))
			continue
		}
		for _, k := range item.Keys {
			if k != "year" && k != "set" {
				ld.at(src, key+"."+k, "%s: unknown key %q, expected year and set%s", key, k, inputs.DidYouMean(k, []string{"year", "set"}))
			}
		}
		yn, hasYear := item.Fields["year"]
		if !hasYear {
			ld.at(src, key, "%s: missing year", key)
			continue
		}
		year, isWhole := document.WholeNumber(yn.Plain())
		if !isWhole || year < 1 || year > 9999 {
			ld.at(src, key+".year", "%s.year: got %s, expected a year", key, inputs.Describe(yn.Plain()))
			continue
		}
		ch := inputs.Change{Year: int(year)}
		from := map[string]where{"": {file: src.Display, line: src.Line(key)}, "year": {file: src.Display, line: src.Line(key + ".year")}}
		setNode, ok := item.Fields["set"]
		if !ok || setNode.Kind != document.MapNode {
			var got any
			if ok {
				got = setNode.Plain()
			}
			ld.at(src, key+".set", "%s.set: got %s, expected the levers to change, as {section.lever: value, ...}", key, inputs.Describe(got))
			continue
		}
		seen := map[string]int{}
		for _, a := range flattenSet(setNode, key+".set") {
			akey := key + ".set." + a.lever
			if a.unknown != "" {
				ld.at(src, a.path, "timeline %d: %s", ch.Year, a.unknown)
				continue
			}
			l, known := inputs.LeverByName(a.lever)
			if !known {
				ld.at(src, akey, "timeline %d: unknown lever %q%s", ch.Year, a.lever, inputs.SuggestLever(a.lever))
				continue
			}
			if first, dup := seen[a.lever]; dup {
				ld.at(src, akey, "timeline %d: %s is set twice (also on line %d)", ch.Year, a.lever, first)
				continue
			}
			seen[a.lever] = a.node.Line
			val, err := scheduleFromMap(l, a.node.Plain())
			if err == nil {
				val, err = l.Check(val)
			}
			if err != nil {
				ld.at(src, akey, "timeline %d: %v", ch.Year, err)
				continue
			}
			ch.Set = append(ch.Set, inputs.Assignment{Lever: a.lever, Value: val})
			from["set."+a.lever] = where{file: src.Display, line: a.node.Line}
		}
		ld.seq++
		for k, w := range from {
			w.seq = ld.seq
			from[k] = w
		}
		// The order of levers within a change does not matter; sort them so
		// that the same change reads the same from any format.
		slices.SortFunc(ch.Set, func(a, b inputs.Assignment) int { return strings.Compare(a.Lever, b.Lever) })
		s.Timeline = append(s.Timeline, ch)
		ld.timeFrom = append(ld.timeFrom, from)
		ld.timeLayer = append(ld.timeLayer, li)
	}
}

// setItem is one lever a timeline's set names.
type setItem struct {
	lever   string
	node    *document.Node
	path    string
	unknown string // set when the key is neither a lever nor a section
}

// flattenSet turns a timeline's set, written as {section.lever: value} or as
// {section: {lever: value}}, into its levers in file order.
func flattenSet(set *document.Node, path string) []setItem {
	var out []setItem
	for _, k := range set.Keys {
		v := set.Fields[k]
		if !strings.Contains(k, ".") && slices.Contains(inputs.Sections(), k) {
			if v.Kind != document.MapNode {
				out = append(out, setItem{lever: k, node: v, path: document.Join(path, k), unknown: fmt.Sprintf("%s: got %s, expected {lever: value, ...} or %s.LEVER: value", k, inputs.Describe(v.Plain()), k)})
				continue
			}
			for _, k2 := range v.Keys {
				out = append(out, setItem{lever: k + "." + k2, node: v.Fields[k2], path: document.Join(path, k+"."+k2)})
			}
			continue
		}
		out = append(out, setItem{lever: k, node: v, path: document.Join(path, k)})
	}
	return out
}

// trim fits timeline changes inherited from a parent to a run whose years a
// later layer (a child file, an environment variable or a flag) set: changes
// before the start hold from the start, changes after the end are dropped.
// A file's own changes outside its run are left for Check to report.
func (ld *loader) trim(s *inputs.Scenario) {
	if ld.bounds < 0 {
		return
	}
	var early []inputs.Change
	keep := func(i int) bool {
		ch := s.Timeline[i]
		if ld.timeLayer[i] >= ld.bounds || (ch.Year >= s.StartYear && ch.Year <= s.EndYear()) {
			return true
		}
		if ch.Year < s.StartYear {
			early = append(early, ch)
		}
		return false
	}
	ld.compactTimeline(s, keep)
	slices.SortStableFunc(early, func(a, b inputs.Change) int { return a.Year - b.Year })
	for _, ch := range early {
		if err := ch.Apply(s.Params); err != nil {
			ld.add(inputs.Problem{Msg: err.Error()})
		}
	}
}

// envName returns the environment variable for a dotted key.
func envName(key string) string {
	return "MUTUALSIM_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// Environment returns the MUTUALSIM_* variables of an environment given as
// os.Environ gives it, by name: what LoadOptions.Env takes. Variables set
// to nothing count as unset.
func Environment(environ []string) map[string]string {
	env := map[string]string{}
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "MUTUALSIM_") && value != "" {
			env[name] = value
		}
	}
	return env
}

// environment applies MUTUALSIM_* variables and reports any that name no
// lever or setting.
func (ld *loader) environment(s *inputs.Scenario, env map[string]string) {
	known := map[string]bool{}
	for _, k := range []string{"scale", "start_year", "years", "seed", "replications"} {
		known[envName(k)] = true
		if raw := env[envName(k)]; raw != "" {
			ld.setting(s, envName(k), k, raw)
		}
	}
	for _, name := range ProgramVariables() {
		known[name] = true
	}
	for _, l := range leverList {
		known[envName(l.Name)] = true
		if raw := env[envName(l.Name)]; raw != "" {
			ld.override(s, "environment", envName(l.Name), l, raw)
		}
	}
	var suffixes []string
	for n := range known {
		suffixes = append(suffixes, strings.TrimPrefix(n, "MUTUALSIM_"))
	}
	slices.Sort(suffixes)
	var vars []string
	for name := range env {
		if strings.HasPrefix(name, "MUTUALSIM_") && !known[name] {
			vars = append(vars, name)
		}
	}
	slices.Sort(vars)
	for _, name := range vars {
		hint := ""
		if c := inputs.Closest(strings.TrimPrefix(name, "MUTUALSIM_"), suffixes); c != "" {
			hint = fmt.Sprintf(", did you mean %q?", "MUTUALSIM_"+c)
		}
		ld.add(inputs.Problem{File: "environment", Key: name, Msg: fmt.Sprintf("%s: unknown variable%s", name, hint)})
	}
}

// ProgramVariables returns the MUTUALSIM_* variables the program reads
// outside scenarios, so that the loader does not take them for misspelt
// levers: MUTUALSIM_WORKERS (the default of --workers) and
// MUTUALSIM_SHARD_COUNT (a sweep's shards on a Kubernetes Indexed Job).
func ProgramVariables() []string {
	return []string{"MUTUALSIM_SHARD_COUNT", "MUTUALSIM_WORKERS"}
}

// assignments applies --set section.lever=value assignments in order.
func (ld *loader) assignments(s *inputs.Scenario, set []string) {
	for _, a := range set {
		name, raw, ok := strings.Cut(a, "=")
		name = strings.TrimSpace(name)
		if !ok {
			ld.add(inputs.Problem{File: "--set", Key: name, Msg: fmt.Sprintf("%q: expected section.lever=value", a)})
			continue
		}
		l, known := inputs.LeverByName(name)
		if !known {
			hint := inputs.SuggestLever(name)
			if slices.Contains(topKeys(), name) {
				hint = fmt.Sprintf(", use the --%s flag", strings.ReplaceAll(name, "_", "-"))
			}
			ld.add(inputs.Problem{File: "--set", Key: name, Msg: fmt.Sprintf("unknown lever %q%s", name, hint)})
			continue
		}
		ld.override(s, "--set", name, l, raw)
	}
}

// override sets a lever for the whole run, dropping timeline changes to it.
func (ld *loader) override(s *inputs.Scenario, origin, label string, l inputs.Lever, raw string) {
	v, err := l.Parse(raw)
	if err == nil {
		err = l.Set(s.Params, v)
	}
	if err != nil {
		msg := fmt.Sprintf("%s: %v", label, err)
		if origin == "--set" {
			// "--set: pension.access=opne: "opne" is not allowed ...": the
			// assignment as typed, the lever named once.
			msg = fmt.Sprintf("%s=%s: %s", l.Name, strings.TrimSpace(raw), strings.TrimPrefix(err.Error(), l.Name+": "))
		}
		ld.add(inputs.Problem{File: origin, Key: l.Name, Msg: msg})
		return
	}
	ld.set(l.Name, where{file: origin})
	ld.dropTimeline(s, l.Name, overrideLayer)
	if origin == "--set" {
		ld.overrides = append(ld.overrides, "--set "+l.Name+"="+strings.TrimSpace(raw))
	} else {
		ld.overrides = append(ld.overrides, label+"="+strings.TrimSpace(raw))
	}
}

// setting applies a run setting given as text by an environment variable.
func (ld *loader) setting(s *inputs.Scenario, label, key, raw string) {
	raw = strings.TrimSpace(raw)
	bad := func(expected string) {
		ld.add(inputs.Problem{File: "environment", Key: key, Msg: fmt.Sprintf("%s: %q is not %s", label, raw, expected)})
	}
	switch key {
	case "scale":
		if _, err := inputs.ScaleByName(raw); err != nil {
			ld.add(inputs.Problem{File: "environment", Key: key, Msg: fmt.Sprintf("%s: %v", label, err)})
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
			s.Years, ld.bounds = n, overrideLayer
		case "start_year":
			s.StartYear, ld.bounds = n, overrideLayer
		case "replications":
			s.Replications = n
		}
	}
	ld.set(key, where{file: label})
	ld.overrides = append(ld.overrides, label+"="+raw)
}

// runSettings applies explicitly given run settings, which take precedence
// over everything else.
func (ld *loader) runSettings(s *inputs.Scenario, opt LoadOptions) {
	for _, f := range []struct {
		key, flag string
		set       func() bool
	}{
		{"seed", "--seed", func() bool { return opt.Seed != nil }},
		{"replications", "--reps", func() bool { return opt.Replications != nil }},
		{"years", "--years", func() bool { return opt.Years != nil }},
		{"start_year", "--start-year", func() bool { return opt.StartYear != nil }},
		{"scale", "--scale", func() bool { return opt.Scale != nil }},
	} {
		if !f.set() {
			continue
		}
		switch f.key {
		case "seed":
			s.Seed = *opt.Seed
		case "replications":
			s.Replications = *opt.Replications
		case "years":
			s.Years, ld.bounds = *opt.Years, overrideLayer
		case "start_year":
			s.StartYear, ld.bounds = *opt.StartYear, overrideLayer
		case "scale":
			s.Scale = *opt.Scale
		}
		ld.set(f.key, where{file: f.flag})
	}
}

// leverList is every lever definition, built once and never changed: the
// loader only reads it, so that a load does not rebuild every definition.
var leverList = inputs.Levers()
