package sensitivity

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// DefaultMorrisLevels is the number of grid levels p MorrisDesign uses when
// it is passed levels = 0.
const DefaultMorrisLevels = 4

// MorrisStep is one step of a Morris trajectory: the factor that changed and
// the direction of the change.
type MorrisStep struct {
	// Factor is the index (0 to k−1) of the one factor that changed.
	Factor int
	// Sign is +1 if the factor rose by Delta and −1 if it fell by Delta.
	Sign int
}

// MorrisPlan is a Morris elementary-effects design (Morris, Technometrics 33
// (1991) 161–174): Trajectories trajectories of Factors+1 points each.
//
// Points holds the design in evaluation order: trajectory t occupies rows
// t·(Factors+1) to t·(Factors+1)+Factors, and row t·(Factors+1)+s+1 differs
// from row t·(Factors+1)+s only in factor Steps[t][s].Factor, by
// Steps[t][s].Sign·Delta. Every coordinate is one of the Levels values
// 0, 1/(Levels−1), …, 1.
type MorrisPlan struct {
	// Trajectories is r, the number of trajectories.
	Trajectories int
	// Factors is k, the number of factors.
	Factors int
	// Levels is p, the number of grid levels per factor.
	Levels int
	// Delta is the step, p/(2(p−1)).
	Delta float64
	// Points holds the r·(k+1) design points, one row each.
	Points [][]float64
	// Steps[t][s] describes the change from point s to point s+1 of
	// trajectory t.
	Steps [][]MorrisStep
}

// MorrisIndex holds the elementary-effects measures of one factor.
type MorrisIndex struct {
	// Factor is the factor's index, 0 to k−1.
	Factor int
	// Mu is the mean elementary effect (Morris 1991).
	Mu float64
	// MuStar is the mean absolute elementary effect (Campolongo, Cariboni
	// and Saltelli, Environ. Model. Softw. 22 (2007) 1509–1518).
	MuStar float64
	// Sigma is the sample standard deviation (divisor r−1) of the
	// elementary effects (Morris 1991).
	Sigma float64
	// Effects holds the r elementary effects, one per trajectory.
	Effects []float64
}

// MorrisDesign returns r random Morris trajectories for k factors on a grid
// of levels values per factor (Morris, Technometrics 33 (1991) 161–174).
// levels = 0 selects DefaultMorrisLevels; otherwise levels must be even and
// at least 2, so that the step Δ = p/(2(p−1)) moves exactly p/2 levels.
//
// Each trajectory starts from a random base point: for each factor a base
// level drawn uniformly from the p/2 levels 0, …, 1−Δ and a random direction;
// a factor moving up starts at its base level and a factor moving down starts
// Δ above it. The factors are then changed one at a time, in a random order,
// each by +Δ or −Δ, so every point stays on the grid in [0, 1]. This is the
// random orientation B* of Morris (1991). All randomness comes from src.
//
// It returns an error if r < 2, k < 1, levels is odd, negative or 1 (unless
// 0), r·(k+1) exceeds MaxPoints, or src is nil.
func MorrisDesign(r, k, levels int, src rand.Source) (MorrisPlan, error) {
	if r < 2 {
		return MorrisPlan{}, fmt.Errorf("sensitivity: r = %d trajectories, want r >= 2 (σ needs two effects per factor)", r)
	}
	if err := checkK(k); err != nil {
		return MorrisPlan{}, err
	}
	if levels == 0 {
		levels = DefaultMorrisLevels
	}
	if levels < 2 || levels%2 != 0 {
		return MorrisPlan{}, fmt.Errorf("sensitivity: levels = %d, want an even number >= 2 (or 0 for the default %d)", levels, DefaultMorrisLevels)
	}
	if err := checkRows(fmt.Sprintf("MorrisDesign with r = %d and k = %d", r, k), "r·(k+1)", r, k+1); err != nil {
		return MorrisPlan{}, err
	}
	if src == nil {
		return MorrisPlan{}, errors.New("sensitivity: MorrisDesign needs a random source; src is nil")
	}
	half := levels / 2
	top := float64(levels - 1)
	plan := MorrisPlan{
		Trajectories: r,
		Factors:      k,
		Levels:       levels,
		Delta:        float64(levels) / (2 * top),
		Points:       make([][]float64, r*(k+1)),
		Steps:        make([][]MorrisStep, r),
	}
	flat := make([]float64, r*(k+1)*k)
	level := make([]int, k)
	sign := make([]int, k)
	for t := range r {
		for i := range k {
			base := intN(src, half)
			sign[i] = 1
			if intN(src, 2) == 1 {
				sign[i] = -1
			}
			level[i] = base
			if sign[i] < 0 {
				level[i] = base + half
			}
		}
		order := permutation(src, k)
		steps := make([]MorrisStep, k)
		for s := 0; s <= k; s++ {
			if s > 0 {
				f := order[s-1]
				level[f] += sign[f] * half
				steps[s-1] = MorrisStep{Factor: f, Sign: sign[f]}
			}
			row := t*(k+1) + s
			point := flat[row*k : (row+1)*k : (row+1)*k]
			for i, l := range level {
				point[i] = float64(l) / top
			}
			plan.Points[row] = point
		}
		plan.Steps[t] = steps
	}
	return plan, nil
}

// MorrisIndices computes, for each factor, the elementary effects of a Morris
// design and their summaries μ and σ (Morris, Technometrics 33 (1991)
// 161–174) and μ* (Campolongo, Cariboni and Saltelli, Environ. Model. Softw.
// 22 (2007) 1509–1518). y holds one output per design point, in the order of
// plan.Points. For the step of factor i in a trajectory the elementary effect
// is
//
//	EE_i = (y(x + Δe_i) − y(x)) / Δ,
//
// where x is the lower of the two points, so a falling step from x' to
// x' − Δe_i gives (y(x') − y(x' − Δe_i)) / Δ: the sign of the step is undone.
// It returns an error if the plan is inconsistent (as a hand-built or edited
// plan may be), if len(y) differs from the number of design points, or if an
// output is NaN or infinite.
func MorrisIndices(plan MorrisPlan, y []float64) ([]MorrisIndex, error) {
	if err := plan.check(); err != nil {
		return nil, err
	}
	r, k := plan.Trajectories, plan.Factors
	layout := fmt.Sprintf("%d trajectories of %d points", r, k+1)
	where := func(i int) string {
		return fmt.Sprintf("point %d of trajectory %d", i%(k+1), i/(k+1))
	}
	if err := checkOutputs(y, r*(k+1), layout, where); err != nil {
		return nil, err
	}
	out := make([]MorrisIndex, k)
	for i := range out {
		out[i] = MorrisIndex{Factor: i, Effects: make([]float64, r)}
	}
	for t, steps := range plan.Steps {
		for s, st := range steps {
			row := t*(k+1) + s
			out[st.Factor].Effects[t] = float64(st.Sign) * (y[row+1] - y[row]) / plan.Delta
		}
	}
	for i := range out {
		var sum, abs float64
		for _, e := range out[i].Effects {
			sum += e
			abs += math.Abs(e)
		}
		mu := sum / float64(r)
		var ss float64
		for _, e := range out[i].Effects {
			ss += (e - mu) * (e - mu)
		}
		out[i].Mu = mu
		out[i].MuStar = abs / float64(r)
		out[i].Sigma = math.Sqrt(ss / float64(r-1))
	}
	return out, nil
}

// check reports whether the plan is a well-formed Morris design: its sizes
// agree, each trajectory changes every factor exactly once, and each step
// changes exactly the factor it names, by Sign·Delta.
func (p MorrisPlan) check() error {
	r, k := p.Trajectories, p.Factors
	if r < 2 {
		return fmt.Errorf("sensitivity: plan.Trajectories = %d, want >= 2", r)
	}
	if k < 1 {
		return fmt.Errorf("sensitivity: plan.Factors = %d, want >= 1", k)
	}
	if !(p.Delta > 0 && p.Delta <= 1) {
		return fmt.Errorf("sensitivity: plan.Delta = %v, want 0 < Delta <= 1", p.Delta)
	}
	if k+1 > MaxPoints || r > MaxPoints/(k+1) {
		return fmt.Errorf("sensitivity: plan with %d trajectories of %d factors exceeds %d design points (MaxPoints)", r, k, MaxPoints)
	}
	if len(p.Points) != r*(k+1) {
		return fmt.Errorf("sensitivity: len(plan.Points) = %d, want %d (Trajectories·(Factors+1))", len(p.Points), r*(k+1))
	}
	if len(p.Steps) != r {
		return fmt.Errorf("sensitivity: len(plan.Steps) = %d, want %d (Trajectories)", len(p.Steps), r)
	}
	for row, x := range p.Points {
		if len(x) != k {
			return fmt.Errorf("sensitivity: plan.Points[%d] has %d coordinates, want %d (Factors)", row, len(x), k)
		}
	}
	tol := 1e-9 * p.Delta
	seen := make([]int, k)
	for t, steps := range p.Steps {
		if len(steps) != k {
			return fmt.Errorf("sensitivity: len(plan.Steps[%d]) = %d, want %d (Factors)", t, len(steps), k)
		}
		for s, st := range steps {
			if st.Factor < 0 || st.Factor >= k {
				return fmt.Errorf("sensitivity: plan.Steps[%d][%d].Factor = %d, want 0 to %d", t, s, st.Factor, k-1)
			}
			if st.Sign != 1 && st.Sign != -1 {
				return fmt.Errorf("sensitivity: plan.Steps[%d][%d].Sign = %d, want +1 or -1", t, s, st.Sign)
			}
			if seen[st.Factor] == t+1 {
				return fmt.Errorf("sensitivity: plan.Steps[%d] changes factor %d twice; each factor must change exactly once per trajectory", t, st.Factor)
			}
			seen[st.Factor] = t + 1
			from, to := p.Points[t*(k+1)+s], p.Points[t*(k+1)+s+1]
			for i := range k {
				want := from[i]
				if i == st.Factor {
					want += float64(st.Sign) * p.Delta
				}
				if math.Abs(to[i]-want) > tol || math.IsNaN(to[i]) {
					return fmt.Errorf("sensitivity: plan.Points[%d][%d] = %v, want %v (step %d of trajectory %d changes only factor %d, by %+d·Delta)",
						t*(k+1)+s+1, i, to[i], want, s, t, st.Factor, st.Sign)
				}
			}
		}
	}
	return nil
}
