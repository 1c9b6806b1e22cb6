package discover

import (
	"math"
	"math/rand/v2"
	"testing"
)

// boxData draws n cases uniform in the 5-dimensional unit cube; the
// conditions hold with probability 0.9 inside [0.2, 0.6] × [0.5, 1] on the
// first two dimensions and 0.05 elsewhere: a region known exactly.
func boxData(n int, seed uint64) *Data {
	r := rand.New(rand.NewPCG(seed, 1))
	d := &Data{X: make([][]float64, 5), Y: make([]bool, n)}
	for j := range 5 {
		d.Dims = append(d.Dims, Dim{Lever: "x." + string(rune('a'+j)), Min: 0, Max: 1})
		d.X[j] = make([]float64, n)
	}
	for i := range n {
		for j := range 5 {
			d.X[j][i] = r.Float64()
		}
		in := d.X[0][i] >= 0.2 && d.X[0][i] <= 0.6 && d.X[1][i] >= 0.5
		p := 0.05
		if in {
			p = 0.9
		}
		d.Y[i] = r.Float64() < p
	}
	return d
}

// PRIM finds the box: its bounds within 0.05 of the true ones on the two
// dimensions that matter, no other dimension restricted, high density;
// the restrictions are significant and reproduced in most resamples.
func TestPRIMRecoversBox(t *testing.T) {
	d := boxData(4000, 7)
	opt := DefaultOptions()
	traj := Peel(d, opt)
	b, _ := Simplify(d, Paste(d, traj[Choose(traj, opt.MinCoverage)], opt), opt.MaxQP)
	want := map[int][2]float64{0: {0.2, 0.6}, 1: {0.5, 1}}
	got := b.Restricted(d)
	if len(got) != 2 || got[0] != 0 || got[1] != 1 {
		t.Fatalf("restricted %v, want [0 1]; box %+v", got, b)
	}
	for j, w := range want {
		lo, hi := math.Max(b.Lo[j], 0), math.Min(b.Hi[j], 1)
		if math.Abs(lo-w[0]) > 0.05 || math.Abs(hi-w[1]) > 0.05 {
			t.Errorf("dimension %d: [%.3f, %.3f], want [%.2f, %.2f]", j, lo, hi, w[0], w[1])
		}
	}
	t.Logf("box: [%.3f, %.3f] × [%.3f, %.3f], coverage %.3f, density %.3f", math.Max(b.Lo[0], 0), math.Min(b.Hi[0], 1), math.Max(b.Lo[1], 0), math.Min(b.Hi[1], 1), b.Coverage, b.Density)
	if b.Density < 0.8 || b.Coverage < 0.7 {
		t.Errorf("density %.3f, coverage %.3f", b.Density, b.Coverage)
	}
	qp := QuasiP(d, b)
	for _, j := range []int{0, 1} {
		if !(qp[j] < 1e-6) {
			t.Errorf("quasi-p of dimension %d: %g", j, qp[j])
		}
	}
	for _, j := range []int{2, 3, 4} {
		if !math.IsNaN(qp[j]) {
			t.Errorf("quasi-p of unrestricted dimension %d: %g", j, qp[j])
		}
	}
	rep := Reproduction(d, opt, 20, 1)
	if rep[0] < 0.9 || rep[1] < 0.9 {
		t.Errorf("reproduction of the true restrictions %.2f, %.2f", rep[0], rep[1])
	}
	for _, j := range []int{2, 3, 4} {
		if rep[j] > 0.3 {
			t.Errorf("dimension %d restricted in %.0f%% of resamples", j, 100*rep[j])
		}
	}
}

// The trajectory's density never falls and its coverage never rises; box
// 0 holds everything.
func TestPeelTrajectory(t *testing.T) {
	d := boxData(2000, 3)
	traj := Peel(d, DefaultOptions())
	if traj[0].N != d.Len() || traj[0].Mass != 1 || traj[0].Coverage != 1 {
		t.Fatalf("box 0: %+v", traj[0])
	}
	for i := 1; i < len(traj); i++ {
		if traj[i].Density < traj[i-1].Density || traj[i].Coverage > traj[i-1].Coverage || traj[i].Mass < 0.05 {
			t.Errorf("box %d: density %.3f after %.3f, coverage %.3f after %.3f, mass %.3f", i,
				traj[i].Density, traj[i-1].Density, traj[i].Coverage, traj[i-1].Coverage, traj[i].Mass)
		}
	}
}

// CART splits first on a dimension that bounds the region, near its
// bound, and its leaves hold every case once.
func TestTreeSplitsOnTheRegion(t *testing.T) {
	d := boxData(4000, 11)
	nodes := Tree(d, DefaultTreeOptions(d.Len()))
	root := nodes[0]
	if root.Leaf || root.Dim > 1 {
		t.Fatalf("root splits on dimension %d", root.Dim)
	}
	bounds := map[int][]float64{0: {0.2, 0.6}, 1: {0.5}}
	near := false
	for _, b := range bounds[root.Dim] {
		near = near || math.Abs(root.Threshold-b) < 0.05
	}
	if !near {
		t.Errorf("root threshold %.3f on dimension %d, want near %v", root.Threshold, root.Dim, bounds[root.Dim])
	}
	n := 0
	for _, nd := range nodes {
		if nd.Leaf {
			n += nd.N
		}
	}
	if n != d.Len() {
		t.Errorf("leaves hold %d cases of %d", n, d.Len())
	}
}

// A switch or choice is peeled a level at a time.
func TestPeelCategorical(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	n := 3000
	d := &Data{Dims: []Dim{{Lever: "p.access", Levels: []string{"none", "closed", "open"}}, {Lever: "x.a", Min: 0, Max: 1}},
		X: [][]float64{make([]float64, n), make([]float64, n)}, Y: make([]bool, n)}
	for i := range n {
		d.X[0][i] = float64(r.IntN(3))
		d.X[1][i] = r.Float64()
		p := 0.05
		if d.X[0][i] == 2 {
			p = 0.8
		}
		d.Y[i] = r.Float64() < p
	}
	opt := DefaultOptions()
	traj := Peel(d, opt)
	b := Paste(d, traj[Choose(traj, opt.MinCoverage)], opt)
	if b.Allowed[0][0] || b.Allowed[0][1] || !b.Allowed[0][2] {
		t.Errorf("levels allowed %v, want only open", b.Allowed[0])
	}
}

func TestBinomialUpper(t *testing.T) {
	for _, tc := range []struct {
		k, n int
		p    float64
		want float64
	}{{0, 5, 0.3, 1}, {6, 5, 0.3, 0}, {5, 5, 0.5, 1.0 / 32}, {1, 2, 0.5, 0.75}, {3, 10, 0.2, 0.3222004736}} {
		if got := binomialUpper(tc.k, tc.n, tc.p); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("P(X ≥ %d), n %d, p %v: %v, want %v", tc.k, tc.n, tc.p, got, tc.want)
		}
	}
}

func TestParseWhere(t *testing.T) {
	cs, err := ParseWhere("share_private > 0.3 and hhi_regional >= 2000 AND mean_bidders != -1")
	if err != nil || len(cs) != 3 || cs[0].Op != ">" || cs[1].Op != ">=" || cs[1].Value != 2000 || cs[2].Op != "!=" || cs[2].Value != -1 {
		t.Fatalf("%+v, %v", cs, err)
	}
	for _, bad := range []string{"", "share_private", "share_private > 30%", "Share > 1", "a > b", "a > NaN", "a => 1"} {
		if _, err := ParseWhere(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
