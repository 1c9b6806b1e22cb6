// Package sweep runs experiments over a scenario's levers: a design's
// points, each with several replications, run in parallel, committed one
// run at a time to a journal so that a sweep can resume after a crash and
// be split into shards for a cluster; and the sensitivity measures
// (Morris elementary effects, Sobol indices) computed from the results.
package sweep

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"

	"mutualsim/design"
	"mutualsim/inputs"
	"mutualsim/sensitivity"
	"mutualsim/sim"
)

// Spec is everything that fixes a sweep's results, in a form a manifest
// records and a merge rebuilds the plan from: the method and its sizes,
// the seed and replications, the base scenario's identity, the levers
// varied and the outcomes.
type Spec struct {
	Name         string       `json:"name"`
	Method       string       `json:"method"`
	Points       int          `json:"points"`
	Levels       int          `json:"levels,omitempty"`
	Bootstrap    int          `json:"bootstrap,omitempty"`
	Seed         uint64       `json:"seed"`
	Replications int          `json:"replications"`
	Base         string       `json:"base"`
	BaseHash     string       `json:"base_params_hash"`
	Scale        string       `json:"scale"`
	StartYear    int          `json:"start_year"`
	Years        int          `json:"years"`
	Factors      []FactorSpec `json:"levers"`
	Outcomes     []string     `json:"outcomes"`
	OutcomeYears []int        `json:"outcome_years"`
	Version      string       `json:"model_version"`
}

// FactorSpec is one lever a sweep varies: a range, or levels written as
// text that --set reads.
type FactorSpec struct {
	Lever  string   `json:"lever"`
	Min    float64  `json:"min,omitempty"`
	Max    float64  `json:"max,omitempty"`
	Levels []string `json:"levels,omitempty"`
}

// SpecOf returns the spec of a loaded design.
func SpecOf(d *design.Design) Spec {
	b := d.Base
	s := Spec{Name: d.Name, Method: d.Method, Points: d.Points, Seed: b.Seed, Replications: b.Replications,
		Base: d.BaseRef, BaseHash: b.Hash(), Scale: b.Scale, StartYear: b.StartYear, Years: b.Years,
		Outcomes: slices.Clone(d.Outcomes), OutcomeYears: slices.Clone(d.OutcomeYears), Version: sim.Version}
	switch d.Method {
	case design.MethodMorris:
		s.Levels = d.Levels
	case design.MethodSobol:
		s.Bootstrap = d.Bootstrap
	}
	for _, f := range d.Factors {
		fs := FactorSpec{Lever: f.Lever.Name, Min: f.Min, Max: f.Max}
		if f.Levels != nil {
			fs.Min, fs.Max = 0, 0
			for _, l := range f.Levels {
				fs.Levels = append(fs.Levels, f.Format(l))
			}
		}
		s.Factors = append(s.Factors, fs)
	}
	return s
}

// Hash identifies the spec: two sweeps with the same hash give the same
// results.
func (s Spec) Hash() string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // strings and numbers only
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Outcome is one column of results: a measure at a year.
type Outcome struct {
	Measure string
	Year    int
	Column  string // the measure's name, with _YEAR when a sweep reads several years
	measure int    // index in sim.Measures
}

// Plan is a spec made concrete: its points as unit coordinates and as
// lever values, and its outcome columns. Run j of a plan is replication
// j mod Replications of point j ÷ Replications.
type Plan struct {
	Spec     Spec
	Hash     string
	Factors  []design.Factor
	Unit     [][]float64 // point coordinates in [0, 1]^k
	Values   [][]any     // lever values, in factor order
	Outcomes []Outcome
	Morris   *sensitivity.MorrisPlan
}

// designStream returns the random source that draws a design's points and
// bootstrap resamples: a PCG seeded from the spec's seed and a purpose, so
// that a design is the same on every machine and shard.
func designStream(seed uint64, purpose string) rand.Source {
	h := sha256.Sum256([]byte(fmt.Sprintf("mutualsim sweep %s %d", purpose, seed)))
	var a, b uint64
	for i := range 8 {
		a = a<<8 | uint64(h[i])
		b = b<<8 | uint64(h[8+i])
	}
	return rand.NewPCG(a, b)
}

// NewPlan builds the plan of a spec.
func NewPlan(s Spec) (*Plan, error) {
	p := &Plan{Spec: s, Hash: s.Hash()}
	for _, fs := range s.Factors {
		l, ok := inputs.LeverByName(fs.Lever)
		if !ok {
			return nil, fmt.Errorf("lever %q is not a lever of this version", fs.Lever)
		}
		f := design.Factor{Lever: l, Min: fs.Min, Max: fs.Max}
		for _, t := range fs.Levels {
			v, err := l.Parse(t)
			if err != nil {
				return nil, fmt.Errorf("level of %s: %w", fs.Lever, err)
			}
			f.Levels = append(f.Levels, v)
		}
		p.Factors = append(p.Factors, f)
	}
	k := len(p.Factors)
	if k == 0 {
		return nil, fmt.Errorf("the sweep varies no lever")
	}
	var err error
	switch s.Method {
	case design.MethodGrid:
		p.Unit, err = sensitivity.Grid(s.Points, k)
	case design.MethodLHS:
		p.Unit, err = sensitivity.LatinHypercube(s.Points, k, designStream(s.Seed, "lhs"))
	case design.MethodMorris:
		var mp sensitivity.MorrisPlan
		mp, err = sensitivity.MorrisDesign(s.Points, k, s.Levels, designStream(s.Seed, "morris"))
		p.Unit, p.Morris = mp.Points, &mp
	case design.MethodSobol:
		p.Unit, err = sensitivity.SaltelliDesign(s.Points, k)
	default:
		err = fmt.Errorf("unknown method %q", s.Method)
	}
	if err != nil {
		return nil, fmt.Errorf("%s design: %w", s.Method, err)
	}
	for _, u := range p.Unit {
		vals := make([]any, k)
		for i, f := range p.Factors {
			vals[i] = f.Value(u[i])
		}
		p.Values = append(p.Values, vals)
	}
	index := map[string]int{}
	for i, m := range sim.Measures() {
		index[m.Name] = i
	}
	for _, name := range s.Outcomes {
		mi, ok := index[name]
		if !ok {
			return nil, fmt.Errorf("outcome %q is not a measure of this version", name)
		}
		for _, y := range s.OutcomeYears {
			col := name
			if len(s.OutcomeYears) > 1 {
				col += "_" + strconv.Itoa(y)
			}
			p.Outcomes = append(p.Outcomes, Outcome{Measure: name, Year: y, Column: col, measure: mi})
		}
	}
	return p, nil
}

// Points returns the number of design points.
func (p *Plan) Points() int { return len(p.Unit) }

// Runs returns the number of runs: points × replications.
func (p *Plan) Runs() int { return len(p.Unit) * p.Spec.Replications }

// Run returns the point and replication of run j.
func (p *Plan) Run(j int) (point, rep int) { return j / p.Spec.Replications, j % p.Spec.Replications }

// outcomes reads a replication's outcome values.
func (p *Plan) outcomes(r *sim.Replication) ([]float64, error) {
	out := make([]float64, len(p.Outcomes))
	for i, o := range p.Outcomes {
		yi := slices.Index(r.Years, o.Year)
		if yi < 0 {
			return nil, fmt.Errorf("replication %d has no year %d", r.Rep, o.Year)
		}
		out[i] = r.Values[yi][o.measure]
	}
	return out, nil
}
