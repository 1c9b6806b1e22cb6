package sensitivity

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// evaluate applies f to every point.
func evaluate(points [][]float64, f func([]float64) float64) []float64 {
	y := make([]float64, len(points))
	for i, x := range points {
		y[i] = f(x)
	}
	return y
}

func TestMorrisDesignStructure(t *testing.T) {
	for _, c := range []struct{ r, k, levels, p int }{
		{2, 1, 2, 2}, {10, 3, 0, 4}, {25, 6, 6, 6}, {8, 12, 8, 8},
	} {
		plan, err := MorrisDesign(c.r, c.k, c.levels, rand.NewPCG(uint64(c.r), uint64(c.k)))
		if err != nil {
			t.Fatal(err)
		}
		delta := float64(c.p) / (2 * float64(c.p-1))
		if plan.Trajectories != c.r || plan.Factors != c.k || plan.Levels != c.p || plan.Delta != delta {
			t.Fatalf("plan header (%d, %d, %d, %v), want (%d, %d, %d, %v)",
				plan.Trajectories, plan.Factors, plan.Levels, plan.Delta, c.r, c.k, c.p, delta)
		}
		if err := plan.check(); err != nil {
			t.Fatalf("r = %d, k = %d: generated plan fails its own check: %v", c.r, c.k, err)
		}
		for row, x := range plan.Points {
			for i, v := range x {
				level := v * float64(c.p-1)
				if v < 0 || v > 1 || math.Abs(level-math.Round(level)) > 1e-12 {
					t.Fatalf("point %d, factor %d = %v, not on the %d-level grid", row, i, v, c.p)
				}
			}
		}
	}
}

// For a linear function every elementary effect is its coefficient, whether
// the step rises or falls, so μ = μ* = c_i (up to rounding) and σ = 0; a
// negative coefficient gives μ = c_i and μ* = |c_i|.
func TestMorrisLinear(t *testing.T) {
	c := []float64{3, -2, 0.5, 0, 10}
	f := func(x []float64) float64 {
		var s float64
		for i, v := range x {
			s += c[i] * v
		}
		return s
	}
	plan, err := MorrisDesign(20, len(c), 0, rand.NewPCG(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	var up, down int
	for _, steps := range plan.Steps {
		for _, s := range steps {
			if s.Sign > 0 {
				up++
			} else {
				down++
			}
		}
	}
	if up == 0 || down == 0 {
		t.Fatalf("%d rising and %d falling steps; the test needs both", up, down)
	}
	idx, err := MorrisIndices(plan, evaluate(plan.Points, f))
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-12
	for i, m := range idx {
		if m.Factor != i || len(m.Effects) != 20 {
			t.Fatalf("index %d: Factor %d with %d effects", i, m.Factor, len(m.Effects))
		}
		if math.Abs(m.Mu-c[i]) > tol || math.Abs(m.MuStar-math.Abs(c[i])) > tol || m.Sigma > tol {
			t.Errorf("factor %d: μ = %v, μ* = %v, σ = %v; want %v, %v, 0", i, m.Mu, m.MuStar, m.Sigma, c[i], math.Abs(c[i]))
		}
		for t0, e := range m.Effects {
			if math.Abs(e-c[i]) > tol {
				t.Errorf("factor %d, trajectory %d: effect %v, want %v", i, t0, e, c[i])
			}
		}
	}
}

// f = x1 + 4 x2 x3 − x4² (x5 inert): x2 and x3 interact, so their effects
// vary with the other's level (σ > 0); x1 is linear (σ = 0); x5 has μ* = 0.
func TestMorrisInteraction(t *testing.T) {
	f := func(x []float64) float64 { return x[0] + 4*x[1]*x[2] - x[3]*x[3] }
	plan, err := MorrisDesign(30, 5, 4, rand.NewPCG(7, 8))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := MorrisIndices(plan, evaluate(plan.Points, f))
	if err != nil {
		t.Fatal(err)
	}
	if m := idx[0]; math.Abs(m.Mu-1) > 1e-12 || m.Sigma > 1e-12 {
		t.Errorf("x1: μ = %v, σ = %v; want 1, 0", m.Mu, m.Sigma)
	}
	for _, i := range []int{1, 2} {
		// EE of x2 is 4 x3, x3 on {0, 1/3, 2/3, 1}: μ* between 0 and 4, spread.
		if m := idx[i]; m.Sigma < 0.5 || m.MuStar < 1 || m.MuStar > 3 {
			t.Errorf("x%d: μ* = %v, σ = %v; want σ > 0.5 and μ* about 2", i+1, m.MuStar, m.Sigma)
		}
	}
	// EE of x4 is −(2x + Δ) for the lower point x in {0, 1/3}: −2/3 or −4/3.
	if m := idx[3]; m.Mu > -0.6 || m.Mu < -1.4 || m.Sigma == 0 {
		t.Errorf("x4: μ = %v, σ = %v; want μ between −4/3 and −2/3 and σ > 0", m.Mu, m.Sigma)
	}
	if m := idx[4]; m.Mu != 0 || m.MuStar != 0 || m.Sigma != 0 {
		t.Errorf("inert x5: μ = %v, μ* = %v, σ = %v; want all 0", m.Mu, m.MuStar, m.Sigma)
	}
	// Screening ranks the interacting factors above the linear one.
	if !(idx[1].MuStar > idx[0].MuStar && idx[2].MuStar > idx[0].MuStar && idx[0].MuStar > idx[4].MuStar) {
		t.Errorf("μ* ranking %v, %v, %v, %v, %v: want x2, x3 > x1 > x5", idx[0].MuStar, idx[1].MuStar, idx[2].MuStar, idx[3].MuStar, idx[4].MuStar)
	}
}

// The sign of a falling step is undone: a hand-made one-factor plan whose
// two trajectories are the same pair of points walked in opposite
// directions gives the same effect twice.
func TestMorrisFallingStep(t *testing.T) {
	plan := MorrisPlan{
		Trajectories: 2, Factors: 1, Levels: 4, Delta: 2.0 / 3,
		Points: [][]float64{{0}, {2.0 / 3}, {2.0 / 3}, {0}},
		Steps:  [][]MorrisStep{{{Factor: 0, Sign: 1}}, {{Factor: 0, Sign: -1}}},
	}
	f := func(x []float64) float64 { return 5 + 3*x[0] }
	idx, err := MorrisIndices(plan, evaluate(plan.Points, f))
	if err != nil {
		t.Fatal(err)
	}
	for tr, e := range idx[0].Effects {
		if math.Abs(e-3) > 1e-12 {
			t.Errorf("trajectory %d: effect %v, want 3", tr, e)
		}
	}
}

func TestMorrisDeterminism(t *testing.T) {
	f := func(x []float64) float64 { return math.Sin(6*x[0]) * x[1] }
	a, err := MorrisDesign(10, 3, 6, rand.NewPCG(42, 0))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := MorrisDesign(10, 3, 6, rand.NewPCG(42, 0))
	c, _ := MorrisDesign(10, 3, 6, rand.NewPCG(43, 0))
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different plans")
	}
	if reflect.DeepEqual(a.Points, c.Points) {
		t.Error("different seeds gave the same plan")
	}
	ia, _ := MorrisIndices(a, evaluate(a.Points, f))
	ib, _ := MorrisIndices(b, evaluate(b.Points, f))
	if !reflect.DeepEqual(ia, ib) {
		t.Error("the same plan gave different indices")
	}
}

func TestMorrisDesignErrors(t *testing.T) {
	src := rand.NewPCG(1, 1)
	for _, c := range []struct {
		r, k, levels int
		src          rand.Source
		want         string
	}{
		{1, 3, 4, src, "r = 1 trajectories, want r >= 2"},
		{5, 0, 4, src, "k = 0 factors"},
		{5, 3, 3, src, "levels = 3, want an even number >= 2"},
		{5, 3, -2, src, "levels = -2"},
		{5, 3, 1, src, "levels = 1"},
		{MaxPoints, 3, 4, src, "MaxPoints"},
		{5, 3, 4, nil, "src is nil"},
	} {
		_, err := MorrisDesign(c.r, c.k, c.levels, c.src)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("MorrisDesign(%d, %d, %d) error = %v, want it to mention %q", c.r, c.k, c.levels, err, c.want)
		}
	}
}

func TestMorrisIndicesErrors(t *testing.T) {
	good, err := MorrisDesign(3, 2, 4, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, 9)
	nan := make([]float64, 9)
	nan[4] = math.NaN()
	inf := make([]float64, 9)
	inf[8] = math.Inf(-1)

	// copyPlan returns a deep copy of good, edited by edit.
	copyPlan := func(edit func(*MorrisPlan)) MorrisPlan {
		p := good
		p.Points = make([][]float64, len(good.Points))
		for i, x := range good.Points {
			p.Points[i] = append([]float64(nil), x...)
		}
		p.Steps = make([][]MorrisStep, len(good.Steps))
		for i, s := range good.Steps {
			p.Steps[i] = append([]MorrisStep(nil), s...)
		}
		edit(&p)
		return p
	}
	for _, c := range []struct {
		name string
		plan MorrisPlan
		y    []float64
		want string
	}{
		{"short y", good, y[:8], "len(y) = 8, want 9"},
		{"long y", good, append(y, 0), "len(y) = 10, want 9"},
		{"NaN output", good, nan, "y[4] = NaN at design point 4 (point 1 of trajectory 1)"},
		{"infinite output", good, inf, "y[8] = -Inf at design point 8"},
		{"empty plan", MorrisPlan{}, y, "plan.Trajectories = 0"},
		{"bad delta", copyPlan(func(p *MorrisPlan) { p.Delta = 0 }), y, "plan.Delta = 0"},
		{"missing point", copyPlan(func(p *MorrisPlan) { p.Points = p.Points[1:] }), y, "len(plan.Points) = 8, want 9"},
		{"bad sign", copyPlan(func(p *MorrisPlan) { p.Steps[1][0].Sign = 0 }), y, "plan.Steps[1][0].Sign = 0"},
		{"bad factor", copyPlan(func(p *MorrisPlan) { p.Steps[2][1].Factor = 2 }), y, "plan.Steps[2][1].Factor = 2, want 0 to 1"},
		{"repeated factor", copyPlan(func(p *MorrisPlan) { p.Steps[0][1].Factor = p.Steps[0][0].Factor }), y, "changes factor"},
		{"moved point", copyPlan(func(p *MorrisPlan) { p.Points[4][0] += 0.1 }), y, "plan.Points["},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := MorrisIndices(c.plan, c.y)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v, want it to mention %q", err, c.want)
			}
		})
	}
}
