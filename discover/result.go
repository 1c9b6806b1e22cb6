package discover

import (
	"fmt"
	"math"
)

// Settings are a discovery's choices besides PRIM's options.
type Settings struct {
	Options
	// Box picks a box of the peeling trajectory by its index; -1 lets
	// Choose pick.
	Box int
	// Resamples is how many half-samples Reproduction runs PRIM on.
	Resamples int
	Tree      TreeOptions
}

// DefaultSettings returns the defaults for a sweep of cases runs.
func DefaultSettings(cases int) Settings {
	return Settings{Options: DefaultOptions(), Box: -1, Resamples: 50, Tree: DefaultTreeOptions(cases)}
}

// Result is what a discovery found.
type Result struct {
	Query      *Query
	Settings   Settings
	Dims       []Dim
	Trajectory []Box
	Chosen     int       // the trajectory's box the reported one grew from
	Box        Box       // that box, pasted and simplified
	Dropped    []int     // dimensions whose restrictions Simplify dropped
	QP         []float64 // per dimension; NaN where the box does not restrict it
	Reproduced []float64 // per dimension: share of resamples restricting it
	Tree       []Node
	data       *Data
}

// Discover runs PRIM and CART on a sweep folder's runs for the conditions
// where at year (0: the last year the sweep read).
func Discover(dir, where string, year int, set func(cases int) Settings) (*Result, error) {
	d, q, err := Load(dir, where, year)
	if err != nil {
		return nil, err
	}
	s := set(d.Len())
	if err := s.check(); err != nil {
		return nil, err
	}
	return Analyse(d, q, s)
}

func (s Settings) check() error {
	switch {
	case !(s.Alpha > 0 && s.Alpha < 0.5):
		return fmt.Errorf("--peel-alpha: %g is out of range, expected more than 0 and less than 0.5", s.Alpha)
	case !(s.PasteAlpha > 0 && s.PasteAlpha < 0.5):
		return fmt.Errorf("--paste-alpha: %g is out of range, expected more than 0 and less than 0.5", s.PasteAlpha)
	case !(s.MinMass > 0 && s.MinMass < 1):
		return fmt.Errorf("--min-mass: %g is out of range, expected more than 0 and less than 1", s.MinMass)
	case !(s.MinCoverage >= 0 && s.MinCoverage <= 1):
		return fmt.Errorf("--min-coverage: %g is out of range, expected [0, 1]", s.MinCoverage)
	case !(s.MaxQP >= 0 && s.MaxQP <= 1):
		return fmt.Errorf("--max-qp: %g is out of range, expected [0, 1]", s.MaxQP)
	case s.Resamples < 0 || s.Resamples > 10000:
		return fmt.Errorf("--resamples: %d is out of range, expected [0, 10000]", s.Resamples)
	case s.Tree.MaxDepth < 1 || s.Tree.MaxDepth > 10:
		return fmt.Errorf("--tree-depth: %d is out of range, expected [1, 10]", s.Tree.MaxDepth)
	case s.Tree.MinLeaf < 1:
		return fmt.Errorf("--min-leaf: %d is out of range, expected 1 or more", s.Tree.MinLeaf)
	}
	return nil
}

// Analyse runs PRIM and CART on cases d.
func Analyse(d *Data, q *Query, s Settings) (*Result, error) {
	if q.Positives == 0 {
		return nil, fmt.Errorf("%q holds in none of the %d runs: there is no region to find (loosen the condition, or widen the sweep)", q.Where, q.Cases)
	}
	r := &Result{Query: q, Settings: s, Dims: d.Dims, data: d}
	r.Trajectory = Peel(d, s.Options)
	switch {
	case s.Box < 0:
		r.Chosen = Choose(r.Trajectory, s.MinCoverage)
	case s.Box >= len(r.Trajectory):
		return nil, fmt.Errorf("--box: %d is out of range, expected a box of the trajectory, 0 to %d", s.Box, len(r.Trajectory)-1)
	default:
		r.Chosen = s.Box
	}
	r.Box, r.Dropped = Simplify(d, Paste(d, r.Trajectory[r.Chosen], s.Options), s.MaxQP)
	r.QP = QuasiP(d, r.Box)
	seed := uint64(0)
	if q.Manifest != nil {
		seed = q.Manifest.Spec.Seed
	}
	r.Reproduced = Reproduction(d, s.Options, s.Resamples, seed)
	r.Tree = Tree(d, s.Tree)
	return r, nil
}

// Bounds returns the box's range on number dimension j, within the
// design's range.
func (r *Result) Bounds(j int) (lo, hi float64) {
	dim := r.Dims[j]
	return math.Max(r.Box.Lo[j], dim.Min), math.Min(r.Box.Hi[j], dim.Max)
}

// Levels returns the levels the box allows on categorical dimension j.
func (r *Result) Levels(j int) []string {
	var out []string
	for k, ok := range r.Box.Allowed[j] {
		if ok {
			out = append(out, r.Dims[j].Levels[k])
		}
	}
	return out
}

// Rule returns the test of tree node nd as text.
func (r *Result) Rule(nd Node) string { return Rule(r.data, r.Tree, nd) }
