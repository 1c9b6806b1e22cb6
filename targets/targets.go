// Package targets reads calibration targets: observed figures, each with
// its source and the band a model run must reproduce (a measure's mean
// across replications in a year). "mutualsim validate" checks them; a
// calibration fits levers to them.
package targets

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"mutualsim/inputs"
	"mutualsim/internal/regfile"
	"mutualsim/sim"
)

// File is a set of targets for one scenario.
type File struct {
	Scenario     string   `yaml:"scenario"`     // a built-in name or a path, resolved against the file's folder
	Replications int      `yaml:"replications"` // replications a check runs; 0 keeps the scenario's
	Targets      []Target `yaml:"targets"`
	Fit          *Fit     `yaml:"fit"` // what "mutualsim calibrate" fits; validate ignores it
}

// Fit says which levers a calibration fits to the targets, with a
// uniform prior range for each, and how it samples.
type Fit struct {
	Levers       map[string][]float64 `yaml:"levers"`       // lever: [min, max]
	Particles    int                  `yaml:"particles"`    // per generation; 0: 200
	Generations  int                  `yaml:"generations"`  // after the prior's; 0: 6
	Quantile     float64              `yaml:"quantile"`     // tolerance: this quantile of the last distances; 0: 0.5
	Replications int                  `yaml:"replications"` // per simulation, compared by their mean; 0: 1
	Seed         uint64               `yaml:"seed"`         // 0: 1
}

// FitLever is one lever to fit with its prior range.
type FitLever struct {
	Lever    inputs.Lever
	Min, Max float64
}

// FitLevers returns the levers of the fit section in name order.
func (f *Fit) FitLevers() []FitLever {
	var out []FitLever
	for name, r := range f.Levers {
		l, _ := inputs.LeverByName(name)
		out = append(out, FitLever{Lever: l, Min: r[0], Max: r[1]})
	}
	slices.SortFunc(out, func(a, b FitLever) int { return strings.Compare(a.Lever.Name, b.Lever.Name) })
	return out
}

// Target is one observed figure and the band the model must hit.
type Target struct {
	Year     int     `yaml:"year"`
	Measure  string  `yaml:"measure"`  // a column of timeseries.csv
	Observed float64 `yaml:"observed"` // the observed value, or its best estimate for the model's scope
	Low      float64 `yaml:"low"`      // the band the mean across replications must lie in
	High     float64 `yaml:"high"`
	Source   string  `yaml:"source"` // where the figure comes from
	line     int
}

// Line returns the line of the file the target starts on, 0 if unknown.
func (t Target) Line() int { return t.line }

// MaxTargets bounds the targets a file may hold.
const MaxTargets = 1000

// MaxSize bounds a targets file, in bytes.
const MaxSize = 1 << 20

// Read reads and checks a targets file: a regular file of at most MaxSize
// bytes.
func Read(path string) (*File, error) {
	b, err := regfile.Read(path, MaxSize)
	if err != nil {
		return nil, fmt.Errorf("targets: %w", err)
	}
	return Parse(path, b)
}

// Parse reads and checks the targets in b; name is the file's name for
// error messages. Every problem is reported, each with its line.
func Parse(name string, b []byte) (*File, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var node yaml.Node
	if err := dec.Decode(&node); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty targets file", name)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var f File
	strict := yaml.NewDecoder(bytes.NewReader(b))
	strict.KnownFields(true)
	if err := strict.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	lines := targetLines(&node)
	for i := range f.Targets {
		if i < len(lines) {
			f.Targets[i].line = lines[i]
		}
	}
	var problems []string
	at := func(line int, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	if strings.TrimSpace(f.Scenario) == "" {
		at(1, "scenario: missing, expected the name of a built-in scenario or a file path")
	}
	if f.Replications < 0 || f.Replications > inputs.MaxReps {
		at(1, "replications: %d is out of range, expected a whole number in [0, %d]", f.Replications, inputs.MaxReps)
	}
	if len(f.Targets) == 0 {
		at(1, "targets: none given")
	}
	if len(f.Targets) > MaxTargets {
		at(1, "targets: %d given, at most %d allowed", len(f.Targets), MaxTargets)
	}
	names := make([]string, 0, len(sim.Measures()))
	for _, m := range sim.Measures() {
		names = append(names, m.Name)
	}
	for _, t := range f.Targets {
		if sim.MeasureIndex(t.Measure) < 0 {
			hint := ""
			if c := inputs.Closest(t.Measure, names); c != "" {
				hint = fmt.Sprintf(", did you mean %q?", c)
			}
			at(t.line, "measure: unknown measure %q%s (columns.csv lists them)", t.Measure, hint)
		}
		if t.Year < inputs.MinStartYear || t.Year > inputs.MaxStartYear+inputs.MaxYears {
			at(t.line, "year: %d is out of range, expected a year in [%d, %d]", t.Year, inputs.MinStartYear, inputs.MaxStartYear+inputs.MaxYears)
		}
		for _, v := range []struct {
			key string
			x   float64
		}{{"observed", t.Observed}, {"low", t.Low}, {"high", t.High}} {
			if math.IsNaN(v.x) || math.IsInf(v.x, 0) {
				at(t.line, "%s: %v is not a number", v.key, v.x)
			}
		}
		if !(t.Low <= t.Observed && t.Observed <= t.High) {
			at(t.line, "low, observed, high: %v, %v, %v are not in order (low ≤ observed ≤ high)", t.Low, t.Observed, t.High)
		}
		if strings.TrimSpace(t.Source) == "" {
			at(t.line, "source: missing: every target names where its figure comes from")
		}
	}
	if f.Fit != nil {
		CheckFit(f.Fit, fitLine(&node), at)
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return &f, nil
}

// CheckFit reports, through at, what is wrong with a fit section that
// starts on line.
func CheckFit(f *Fit, line int, at func(int, string, ...any)) {
	if len(f.Levers) == 0 {
		at(line, "fit.levers: none given, expected levers with their prior ranges, such as support.spinout_rate: [0.002, 0.05]")
	}
	names := make([]string, 0, len(inputs.Levers()))
	for _, l := range inputs.Levers() {
		names = append(names, l.Name)
	}
	keys := make([]string, 0, len(f.Levers))
	for k := range f.Levers {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, name := range keys {
		r := f.Levers[name]
		l, ok := inputs.LeverByName(name)
		switch {
		case !ok:
			hint := ""
			if c := inputs.Closest(name, names); c != "" {
				hint = fmt.Sprintf(", did you mean %q?", c)
			}
			at(line, "fit.levers: unknown lever %q%s", name, hint)
		case l.Kind != inputs.KindFloat && l.Kind != inputs.KindInt:
			at(line, "fit.levers: %s is not a number (a switch, a choice or a schedule cannot be fitted)", name)
		case len(r) != 2 || !(r[0] < r[1]):
			at(line, "fit.levers: %s: %v, expected [min, max] with min below max", name, r)
		case r[0] < l.Min || r[1] > l.Max:
			at(line, "fit.levers: %s: [%g, %g] goes beyond the lever's range [%g, %g]", name, r[0], r[1], l.Min, l.Max)
		}
	}
	switch {
	case f.Particles != 0 && (f.Particles < 10 || f.Particles > 100000):
		at(line, "fit.particles: %d is out of range, expected [10, 100000]", f.Particles)
	case f.Generations < 0 || f.Generations > 50:
		at(line, "fit.generations: %d is out of range, expected [0, 50]", f.Generations)
	case f.Quantile != 0 && !(f.Quantile >= 0.05 && f.Quantile <= 0.95):
		at(line, "fit.quantile: %g is out of range, expected [0.05, 0.95]", f.Quantile)
	case f.Replications < 0 || f.Replications > inputs.MaxReps:
		at(line, "fit.replications: %d is out of range, expected [0, %d]", f.Replications, inputs.MaxReps)
	}
}

// fitLine returns the line of the fit section, 1 if there is none.
func fitLine(doc *yaml.Node) int {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	for i := 0; root.Kind == yaml.MappingNode && i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "fit" {
			return root.Content[i].Line
		}
	}
	return 1
}

// targetLines returns the line each entry of the targets list starts on.
func targetLines(doc *yaml.Node) []int {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "targets" && root.Content[i+1].Kind == yaml.SequenceNode {
			var out []int
			for _, n := range root.Content[i+1].Content {
				out = append(out, n.Line)
			}
			return out
		}
	}
	return nil
}

// LastYear returns the last year any target needs.
func (f *File) LastYear() int {
	last := 0
	for _, t := range f.Targets {
		last = max(last, t.Year)
	}
	return last
}
