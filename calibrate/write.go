package calibrate

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"mutualsim/outputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
	"mutualsim/sweep"
)

// Result is a finished calibration: its generations, the last of them the
// posterior, and why it stopped early, if it did.
type Result struct {
	Problem     *Problem
	Options     Options
	Generations []Generation
	Stopped     string // why the run ended before its last generation, "" if it did not
}

// Posterior returns the last generation.
func (r *Result) Posterior() Generation { return r.Generations[len(r.Generations)-1] }

// Quantiles returns the weighted mean and the 2.5%, 50% and 97.5%
// quantiles of xs under weights w.
func Quantiles(xs, w []float64) (mean, q025, q50, q975 float64) {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case xs[a] < xs[b]:
			return -1
		case xs[a] > xs[b]:
			return 1
		}
		return 0
	})
	total := 0.0
	for i, x := range xs {
		if !math.IsNaN(x) {
			mean += float64(w[i] * x)
			total += w[i]
		}
	}
	if total == 0 {
		nan := math.NaN()
		return nan, nan, nan, nan
	}
	mean /= total
	q := func(p float64) float64 {
		c := 0.0
		for _, i := range idx {
			if math.IsNaN(xs[i]) {
				continue
			}
			c += w[i] / total
			if c >= p {
				return xs[i]
			}
		}
		return xs[idx[len(idx)-1]]
	}
	return mean, q(0.025), q(0.5), q(0.975)
}

func (r *Result) column(d int) ([]float64, []float64) {
	g := r.Posterior()
	xs, ws := make([]float64, len(g.Particles)), make([]float64, len(g.Particles))
	for i, p := range g.Particles {
		xs[i], ws[i] = p.Theta[d], p.Weight
	}
	return xs, ws
}

func (r *Result) stat(k int) ([]float64, []float64) {
	g := r.Posterior()
	xs, ws := make([]float64, len(g.Particles)), make([]float64, len(g.Particles))
	for i, p := range g.Particles {
		xs[i], ws[i] = p.Stats[k], p.Weight
	}
	return xs, ws
}

func targetColumn(measure string, year int) string { return measure + "_" + strconv.Itoa(year) }

// Manifest records a calibration.
type Manifest struct {
	Program      string   `json:"program"`
	Kind         string   `json:"kind"` // "calibration"
	Version      string   `json:"version"`
	TargetsFile  string   `json:"targets_file"`
	Scenario     string   `json:"scenario"`
	Levers       []string `json:"levers"`
	Particles    int      `json:"particles"`
	Generations  int      `json:"generations_run"`
	Quantile     float64  `json:"quantile"`
	Replications int      `json:"replications"`
	Seed         uint64   `json:"seed"`
	Simulations  int      `json:"simulations"`
	Stopped      string   `json:"stopped,omitempty"`
	Files        []string `json:"files"`
}

// Files written into a calibration's folder.
var Files = []string{"generations.csv", "particles.csv", "posterior.csv", "predictive.csv", "calibrated.yaml", sweep.ManifestName}

// Write writes the calibration's tables, the calibrated scenario and, last,
// its manifest into dir, which it claims (force replaces the files of an
// earlier calibration; anything else in the folder is refused).
func (r *Result) Write(dir, targetsPath string, force bool) error {
	lock, err := outputs.ClaimFolder(dir, force)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	p, g := r.Problem, r.Posterior()
	f := outputs.CSV
	// generations
	gf := []outputs.Field{
		{Name: "generation", Unit: "index", Meaning: "generation of the sampler (0: drawn from the prior)", Type: outputs.TypeInt},
		{Name: "epsilon", Unit: "distance", Meaning: "tolerance: the largest distance a particle may have (empty for generation 0)", Type: outputs.TypeFloat, Nullable: true},
		{Name: "proposed", Unit: "simulations", Meaning: "simulations the generation ran", Type: outputs.TypeInt},
		{Name: "accepted", Unit: "particles", Meaning: "particles within the tolerance", Type: outputs.TypeInt},
		{Name: "ess", Unit: "particles", Meaning: "effective sample size of the weights, 1 / sum of squared weights", Type: outputs.TypeFloat},
		{Name: "median_distance", Unit: "distance", Meaning: "median distance of the generation's particles from the observations", Type: outputs.TypeFloat},
	}
	var rows [][]outputs.Value
	for i, gen := range r.Generations {
		eps := outputs.Float(gen.Epsilon)
		if math.IsInf(gen.Epsilon, 1) {
			eps = outputs.Null()
		}
		d := make([]float64, len(gen.Particles))
		for j, q := range gen.Particles {
			d[j] = q.Distance
		}
		slices.Sort(d)
		rows = append(rows, []outputs.Value{outputs.Int(int64(i)), eps, outputs.Int(int64(gen.Proposed)), outputs.Int(int64(len(gen.Particles))), outputs.Float(gen.ESS()), outputs.Float(d[len(d)/2])})
	}
	if err := outputs.WriteRows(dir, "generations", f, gf, rows); err != nil {
		return err
	}
	// particles
	pf := []outputs.Field{
		{Name: "generation", Unit: "index", Meaning: "generation", Type: outputs.TypeInt},
		{Name: "particle", Unit: "index", Meaning: "particle, in the order accepted", Type: outputs.TypeInt},
	}
	for _, l := range p.Levers {
		pf = append(pf, outputs.Field{Name: sweep.LeverColumn(l.Lever.Name), Unit: l.Lever.Unit, Meaning: "lever " + l.Lever.Name, Type: outputs.TypeFloat})
	}
	pf = append(pf, outputs.Field{Name: "weight", Unit: "share 0-1", Meaning: "importance weight; a generation's sum to 1", Type: outputs.TypeFloat},
		outputs.Field{Name: "distance", Unit: "distance", Meaning: "root mean square of (simulated − observed) ÷ half the target's band", Type: outputs.TypeFloat})
	for _, t := range p.File.Targets {
		pf = append(pf, outputs.Field{Name: targetColumn(t.Measure, t.Year), Unit: "measure's unit", Meaning: fmt.Sprintf("simulated %s in %d (mean of the simulation's replications)", t.Measure, t.Year), Type: outputs.TypeFloat, Nullable: true})
	}
	rows = nil
	for gi, gen := range r.Generations {
		for i, q := range gen.Particles {
			row := []outputs.Value{outputs.Int(int64(gi)), outputs.Int(int64(i))}
			for _, x := range q.Theta {
				row = append(row, outputs.Float(x))
			}
			row = append(row, outputs.Float(q.Weight), outputs.Float(q.Distance))
			for _, x := range q.Stats {
				row = append(row, nullable(x))
			}
			rows = append(rows, row)
		}
	}
	if err := outputs.WriteRows(dir, "particles", f, pf, rows); err != nil {
		return err
	}
	// posterior
	qf := func(name, meaning string) outputs.Field {
		return outputs.Field{Name: name, Unit: "lever's unit", Meaning: meaning, Type: outputs.TypeFloat}
	}
	sf := []outputs.Field{{Name: "lever", Unit: "name", Meaning: "lever fitted", Type: outputs.TypeString},
		qf("prior_min", "lower end of the uniform prior"), qf("prior_max", "upper end of the uniform prior"),
		qf("mean", "posterior mean (weighted, last generation)"), qf("q025", "posterior 2.5% quantile"), qf("median", "posterior median"), qf("q975", "posterior 97.5% quantile")}
	rows = nil
	for d, l := range p.Levers {
		m, lo, med, hi := Quantiles(r.column(d))
		rows = append(rows, []outputs.Value{outputs.String(l.Lever.Name), outputs.Float(l.Min), outputs.Float(l.Max), outputs.Float(m), outputs.Float(lo), outputs.Float(med), outputs.Float(hi)})
	}
	if err := outputs.WriteRows(dir, "posterior", f, sf, rows); err != nil {
		return err
	}
	// predictive
	vf := func(name, meaning string) outputs.Field {
		return outputs.Field{Name: name, Unit: "measure's unit", Meaning: meaning, Type: outputs.TypeFloat, Nullable: true}
	}
	tf := []outputs.Field{{Name: "measure", Unit: "name", Meaning: "target's measure", Type: outputs.TypeString}, {Name: "year", Unit: "year", Meaning: "target's year", Type: outputs.TypeInt},
		vf("observed", "observed figure"), vf("low", "low end of the target's band"), vf("high", "high end of the target's band"),
		vf("mean", "posterior predictive mean: the last generation's simulations, weighted"), vf("q025", "posterior predictive 2.5% quantile"), vf("q975", "posterior predictive 97.5% quantile"),
		{Name: "in_band", Unit: "true/false", Meaning: "whether the posterior predictive mean lies in the band", Type: outputs.TypeBool}}
	rows = nil
	for k, t := range p.File.Targets {
		m, lo, _, hi := Quantiles(r.stat(k))
		rows = append(rows, []outputs.Value{outputs.String(t.Measure), outputs.Int(int64(t.Year)), outputs.Float(t.Observed), outputs.Float(t.Low), outputs.Float(t.High),
			nullable(m), nullable(lo), nullable(hi), outputs.Bool(m >= t.Low && m <= t.High)})
	}
	if err := outputs.WriteRows(dir, "predictive", f, tf, rows); err != nil {
		return err
	}
	if err := outputs.WriteFileAtomic(filepath.Join(dir, "calibrated.yaml"), func(w io.Writer) error { return r.writeScenario(w, dir, targetsPath) }); err != nil {
		return err
	}
	sims := 0
	for _, gen := range r.Generations {
		sims += gen.Proposed
	}
	m := Manifest{Program: "mutualsim calibrate", Kind: "calibration", Version: sim.Version, TargetsFile: targetsPath, Scenario: p.Scenario(),
		Particles: r.Options.Particles, Generations: len(r.Generations), Quantile: r.Options.Quantile, Replications: p.reps, Seed: r.Options.Seed,
		Simulations: sims, Stopped: r.Stopped, Files: Files}
	for _, l := range p.Levers {
		m.Levers = append(m.Levers, l.Lever.Name)
	}
	_ = g
	return outputs.WriteFileAtomic(filepath.Join(dir, sweep.ManifestName), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
}

func nullable(x float64) outputs.Value {
	if math.IsNaN(x) {
		return outputs.Null()
	}
	return outputs.Float(x)
}

// writeScenario writes the calibrated scenario: the scenario the targets
// name, with each fitted lever at its posterior median.
func (r *Result) writeScenario(w io.Writer, dir, targetsPath string) error {
	p := r.Problem
	// A scenario file is named from the calibrated file's folder.
	base := p.ref
	if _, ok := scenarios.Builtin(base); !ok {
		if abs, err := filepath.Abs(base); err == nil {
			if d, err := filepath.Abs(dir); err == nil {
				if rel, err := filepath.Rel(d, abs); err == nil {
					base = filepath.ToSlash(rel)
				}
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Calibrated by mutualsim calibrate %s (model %s): each lever at its\n# posterior median; the 95%% intervals below are in posterior.csv.\n", targetsPath, sim.Version)
	for d, l := range p.Levers {
		_, lo, _, hi := Quantiles(r.column(d))
		fmt.Fprintf(&b, "#   %s: 95%% interval %s to %s (prior %s to %s)\n", l.Lever.Name, fmtNum(lo), fmtNum(hi), fmtNum(l.Min), fmtNum(l.Max))
	}
	name := "calibrated-" + strings.TrimSuffix(filepath.Base(p.Scenario()), filepath.Ext(p.Scenario()))
	fmt.Fprintf(&b, "name: %s\nextends: %s\ncompare_to: %s\n", name, base, base)
	fmt.Fprintf(&b, "description: >-\n  %s with %s set to the posterior medians of a calibration to %s.\n", p.Scenario(), listNames(r.leverNames()), filepath.Base(targetsPath))
	fmt.Fprintf(&b, "question: What does %s give with its levers calibrated to the observed figures?\n", p.Scenario())
	sections := map[string][]string{}
	var order []string
	for d, l := range p.Levers {
		_, _, med, _ := Quantiles(r.column(d))
		sec, key, _ := strings.Cut(l.Lever.Name, ".")
		if _, ok := sections[sec]; !ok {
			order = append(order, sec)
		}
		sections[sec] = append(sections[sec], fmt.Sprintf("  %s: %s", key, fmtNum(med)))
	}
	for _, sec := range order {
		fmt.Fprintf(&b, "%s:\n%s\n", sec, strings.Join(sections[sec], "\n"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Result) leverNames() []string {
	var out []string
	for _, l := range r.Problem.Levers {
		out = append(out, l.Lever.Name)
	}
	return out
}

func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

func listNames(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// WriteText prints the calibration for people: each generation, the
// posterior of each lever and the posterior predictive of each target.
func (r *Result) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "generation\ttolerance\tsimulations\taccepted\tESS")
	for i, g := range r.Generations {
		eps := "–"
		if !math.IsInf(g.Epsilon, 1) {
			eps = fmt.Sprintf("%.3g", g.Epsilon)
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%.0f\n", i, eps, g.Proposed, len(g.Particles), g.ESS())
	}
	fmt.Fprintln(tw, "\nlever\tprior\tposterior median\t95% interval\t")
	for d, l := range r.Problem.Levers {
		_, lo, med, hi := Quantiles(r.column(d))
		fmt.Fprintf(tw, "%s\t%s to %s\t%s\t%s to %s\t\n", l.Lever.Name, fmtNum(l.Min), fmtNum(l.Max), fmtNum(med), fmtNum(lo), fmtNum(hi))
	}
	fmt.Fprintln(tw, "\ntarget\tobserved (band)\tposterior predictive mean\t95% interval\tin band")
	for k, t := range r.Problem.File.Targets {
		m, lo, _, hi := Quantiles(r.stat(k))
		in := "no"
		if m >= t.Low && m <= t.High {
			in = "yes"
		}
		fmt.Fprintf(tw, "%s %d\t%s (%s to %s)\t%s\t%s to %s\t%s\n", t.Measure, t.Year, fmtNum(t.Observed), fmtNum(t.Low), fmtNum(t.High), fmtNum(m), fmtNum(lo), fmtNum(hi), in)
	}
	if r.Stopped != "" {
		fmt.Fprintf(tw, "\nstopped early: %s\n", r.Stopped)
	}
	return tw.Flush()
}
