package calibrate

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"

	"mutualsim/inputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
	"mutualsim/targets"
)

// Problem is a calibration of a scenario's levers to a targets file's
// observed figures: each simulation runs the scenario with the levers
// set, to the last year a target needs, and gives, for each target, the
// mean across its replications of the measure in the target's year.
type Problem struct {
	File   *targets.File
	Levers []targets.FitLever
	ref    string // the scenario, as scenarios.Load reads it
	env    map[string]string
	reps   int
	years  int
	start  int
}

// NewProblem returns the calibration of the targets file read from path:
// its fit section's levers, its scenario (a built-in name, or a path from
// the file's folder) with the environment's MUTUALSIM_* variables, and
// reps replications per simulation.
func NewProblem(path string, f *targets.File, env map[string]string, reps int) (*Problem, error) {
	if f.Fit == nil || len(f.Fit.Levers) == 0 {
		return nil, fmt.Errorf("%s: no fit section: name the levers to fit with their prior ranges (fit: levers: {support.spinout_rate: [0.002, 0.05]}), or give them with --lever", path)
	}
	ref := f.Scenario
	if _, ok := scenarios.Builtin(ref); !ok && !filepath.IsAbs(ref) {
		ref = filepath.Join(filepath.Dir(path), ref)
	}
	s, err := scenarios.Load(ref, scenarios.LoadOptions{Env: env})
	if err != nil {
		return nil, err
	}
	p := &Problem{File: f, Levers: f.Fit.FitLevers(), ref: ref, env: env, reps: max(1, reps), start: s.StartYear}
	p.years = f.LastYear() - s.StartYear + 1
	for _, t := range f.Targets {
		if t.Year < s.StartYear {
			return nil, fmt.Errorf("%s:%d: target %s %d is before the scenario's first year %d", path, t.Line(), t.Measure, t.Year, s.StartYear)
		}
	}
	if _, err := p.load(p.theta(nil), 1); err != nil {
		return nil, fmt.Errorf("%s: the scenario with the levers at their prior's lower ends: %w", path, err)
	}
	return p, nil
}

// theta returns the lower ends of the priors, or theta itself.
func (p *Problem) theta(theta []float64) []float64 {
	if theta != nil {
		return theta
	}
	out := make([]float64, len(p.Levers))
	for i, l := range p.Levers {
		out[i] = l.Min
	}
	return out
}

// Params returns the parameters: each lever with its prior range.
func (p *Problem) Params() []Param {
	var out []Param
	for _, l := range p.Levers {
		out = append(out, Param{Name: l.Lever.Name, Min: l.Min, Max: l.Max, Int: l.Lever.Kind == inputs.KindInt})
	}
	return out
}

// Observed returns the observed figures and their scales, half the width
// of each target's band: a simulation that lands on a band's edge is one
// scale from the observation.
func (p *Problem) Observed() (observed, scales []float64) {
	for _, t := range p.File.Targets {
		observed = append(observed, t.Observed)
		scales = append(scales, (t.High-t.Low)/2)
	}
	return observed, scales
}

// Set returns the assignments that put the levers at theta.
func (p *Problem) Set(theta []float64) []string {
	set := make([]string, len(p.Levers))
	for i, l := range p.Levers {
		set[i] = l.Lever.Name + "=" + strconv.FormatFloat(theta[i], 'g', -1, 64)
	}
	return set
}

func (p *Problem) load(theta []float64, seed uint64) (*inputs.Scenario, error) {
	return scenarios.Load(p.ref, scenarios.LoadOptions{Env: p.env, Set: p.Set(theta), Seed: &seed, Replications: &p.reps, Years: &p.years})
}

// Simulate is the problem's Simulator.
func (p *Problem) Simulate(ctx context.Context, theta []float64, seed uint64) ([]float64, error) {
	s, err := p.load(theta, seed)
	if err != nil {
		return nil, err
	}
	res, err := sim.Run(ctx, s, sim.Options{Workers: 1})
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(p.File.Targets))
	for k, t := range p.File.Targets {
		i := sim.MeasureIndex(t.Measure)
		sum, n := 0.0, 0
		for _, r := range res.Reps {
			for yi, y := range r.Years {
				if y == t.Year && !math.IsNaN(r.Values[yi][i]) {
					sum += r.Values[yi][i]
					n++
				}
			}
		}
		out[k] = math.NaN()
		if n > 0 {
			out[k] = sum / float64(n)
		}
	}
	return out, nil
}

// Scenario returns the scenario the problem fits, as its file names it.
func (p *Problem) Scenario() string { return p.File.Scenario }
