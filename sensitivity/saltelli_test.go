package sensitivity

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestSaltelliDesignLayout(t *testing.T) {
	const n, k = 8, 3
	d, err := SaltelliDesign(n, k)
	if err != nil {
		t.Fatal(err)
	}
	if len(d) != n*(k+2) {
		t.Fatalf("%d rows, want n(k+2) = %d", len(d), n*(k+2))
	}
	base, err := SobolSequence(n, 2*k)
	if err != nil {
		t.Fatal(err)
	}
	for j, p := range base {
		a, b := p[:k], p[k:]
		if got := d[j*(k+2)]; !reflect.DeepEqual(got, a) {
			t.Errorf("row %d = %v, want A_%d = %v", j*(k+2), got, j, a)
		}
		if got := d[j*(k+2)+k+1]; !reflect.DeepEqual(got, b) {
			t.Errorf("row %d = %v, want B_%d = %v", j*(k+2)+k+1, got, j, b)
		}
		for i := range k {
			want := append([]float64(nil), a...)
			want[i] = b[i]
			if got := d[j*(k+2)+1+i]; !reflect.DeepEqual(got, want) {
				t.Errorf("row %d = %v, want A_B^(%d)_%d = %v", j*(k+2)+1+i, got, i, j, want)
			}
		}
	}
	// A smaller design is a prefix of a larger one, so a partial run is
	// usable.
	small, err := SaltelliDesign(5, k)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(small, d[:5*(k+2)]) {
		t.Error("SaltelliDesign(5, 3) is not the first 25 rows of SaltelliDesign(8, 3)")
	}
	for r, x := range d {
		for i, v := range x {
			if !(v >= 0 && v < 1) {
				t.Fatalf("row %d, factor %d = %v, outside [0, 1)", r, i, v)
			}
		}
	}
}

// The Ishigami function against its exact indices. The Sobol design at
// n = 4096 gets every index within 0.03 (in practice within 0.001), and each
// 95% bootstrap interval covers the exact value.
func TestSobolIndicesIshigami(t *testing.T) {
	const n, k = 4096, 3
	d, err := SaltelliDesign(n, k)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := SobolIndices(n, k, evaluate(d, Ishigami), 1000, rand.NewPCG(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	s1, st := IshigamiIndices()
	for i, x := range idx {
		if math.Abs(x.S1-s1[i]) > 0.03 || math.Abs(x.ST-st[i]) > 0.03 {
			t.Errorf("x%d: S1 = %.4f, ST = %.4f; want %.4f, %.4f within 0.03", i+1, x.S1, x.ST, s1[i], st[i])
		}
		if !(x.S1Low <= s1[i] && s1[i] <= x.S1High) {
			t.Errorf("x%d: S1 interval [%.4f, %.4f] misses %.4f", i+1, x.S1Low, x.S1High, s1[i])
		}
		if !(x.STLow <= st[i] && st[i] <= x.STHigh) {
			t.Errorf("x%d: ST interval [%.4f, %.4f] misses %.4f", i+1, x.STLow, x.STHigh, st[i])
		}
		if w := x.S1High - x.S1Low; !(w > 0 && w < 0.1) {
			t.Errorf("x%d: S1 interval width %.4f, want between 0 and 0.1", i+1, w)
		}
		if w := x.STHigh - x.STLow; !(w > 0 && w < 0.1) {
			t.Errorf("x%d: ST interval width %.4f, want between 0 and 0.1", i+1, w)
		}
	}
}

func TestIshigamiIndices(t *testing.T) {
	s1, st := IshigamiIndices()
	want1 := []float64{0.3139, 0.4424, 0}
	wantT := []float64{0.5576, 0.4424, 0.2437}
	for i := range 3 {
		if math.Abs(s1[i]-want1[i]) > 5e-5 || math.Abs(st[i]-wantT[i]) > 5e-5 {
			t.Errorf("x%d: S1 = %.5f, ST = %.5f; published %.4f, %.4f", i+1, s1[i], st[i], want1[i], wantT[i])
		}
	}
	// The partial variances add up: S1 sums with S13 = ST3 to one.
	if sum := s1[0] + s1[1] + st[2]; math.Abs(sum-1) > 1e-12 {
		t.Errorf("S1 + S2 + S13 = %v, want 1", sum)
	}
	if !math.IsNaN(Ishigami([]float64{0.5, 0.5})) {
		t.Error("Ishigami of two coordinates is not NaN")
	}
	// f(0, ·, ·) at x = (−π, −π, −π): sin(−π) = 0, sin²(−π) = 0.
	if v := Ishigami([]float64{0, 0, 0}); math.Abs(v) > 1e-12 {
		t.Errorf("Ishigami(0, 0, 0) = %v, want 0", v)
	}
	// At x = (π/2, π/2, 0): 1 + a.
	if v := Ishigami([]float64{0.75, 0.75, 0.5}); math.Abs(v-(1+IshigamiA)) > 1e-12 {
		t.Errorf("Ishigami(0.75, 0.75, 0.5) = %v, want %v", v, 1+IshigamiA)
	}
}

// An additive linear function has S1 = ST = c_i² / Σ c_j².
func TestSobolIndicesLinear(t *testing.T) {
	c := []float64{1, 2, 0, 3}
	f := func(x []float64) float64 {
		s := 100.0 // a large mean: the estimators must not depend on it
		for i, v := range x {
			s += c[i] * v
		}
		return s
	}
	const n = 1024
	d, err := SaltelliDesign(n, len(c))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := SobolIndices(n, len(c), evaluate(d, f), 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range idx {
		want := c[i] * c[i] / 14
		if math.Abs(x.S1-want) > 0.01 || math.Abs(x.ST-want) > 0.01 {
			t.Errorf("x%d: S1 = %.4f, ST = %.4f; want %.4f", i+1, x.S1, x.ST, want)
		}
		if !math.IsNaN(x.S1Low) || !math.IsNaN(x.STHigh) {
			t.Errorf("x%d: bootstrap = 0 gave intervals [%v, %v]; want NaN", i+1, x.S1Low, x.STHigh)
		}
	}
	// An inert factor's columns equal f(A), so its ST is exactly 0.
	if idx[2].ST != 0 || idx[2].S1 != 0 {
		t.Errorf("inert x3: S1 = %v, ST = %v; want exactly 0", idx[2].S1, idx[2].ST)
	}
}

func TestSobolIndicesDeterminism(t *testing.T) {
	const n, k = 256, 3
	d, err := SaltelliDesign(n, k)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := SaltelliDesign(n, k)
	if !reflect.DeepEqual(d, again) {
		t.Fatal("SaltelliDesign is not deterministic")
	}
	y := evaluate(d, Ishigami)
	a, err := SobolIndices(n, k, y, 200, rand.NewPCG(11, 12))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := SobolIndices(n, k, y, 200, rand.NewPCG(11, 12))
	c, _ := SobolIndices(n, k, y, 200, rand.NewPCG(13, 14))
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different intervals")
	}
	if reflect.DeepEqual(a, c) {
		t.Error("different seeds gave the same intervals")
	}
	for i := range a {
		if a[i].S1 != c[i].S1 || a[i].ST != c[i].ST {
			t.Errorf("x%d: the point estimates depend on the bootstrap seed", i+1)
		}
	}
}

func TestSaltelliDesignErrors(t *testing.T) {
	for _, c := range []struct {
		n, k int
		want string
	}{
		{1, 3, "n = 1 base samples, want n >= 2"},
		{-5, 3, "n = -5"},
		{16, 0, "k = 0 factors, want 1 <= k <= 20"},
		{16, 21, "k = 21"},
		{MaxPoints, 3, "MaxPoints"},
	} {
		_, err := SaltelliDesign(c.n, c.k)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SaltelliDesign(%d, %d) error = %v, want it to mention %q", c.n, c.k, err, c.want)
		}
	}
}

func TestSobolIndicesErrors(t *testing.T) {
	const n, k = 4, 2
	good := make([]float64, n*(k+2))
	for i := range good {
		good[i] = float64(i % 3)
	}
	nan := append([]float64(nil), good...)
	nan[7] = math.NaN()
	inf := append([]float64(nil), good...)
	inf[5] = math.Inf(1)
	src := rand.NewPCG(1, 1)
	for _, c := range []struct {
		name       string
		n, k       int
		y          []float64
		bootstrap  int
		src        rand.Source
		wantSubstr string
	}{
		{"n too small", 1, k, good[:4], 0, src, "n = 1 base samples, want n >= 2"},
		{"no factors", n, 0, good[:8], 0, src, "k = 0 factors"},
		{"short y", n, k, good[:15], 0, src, "len(y) = 15, want 16"},
		{"NaN", n, k, nan, 0, src, "y[7] = NaN at design point 7 (B of base row 1)"},
		{"infinite", n, k, inf, 0, src, "y[5] = +Inf at design point 5 (A_B^(0) of base row 1, factor 0 from B)"},
		{"negative bootstrap", n, k, good, -1, src, "bootstrap = -1 resamples, want 0 <= bootstrap <= 100000"},
		{"huge bootstrap", n, k, good, MaxBootstrap + 1, src, "bootstrap = 100001"},
		{"nil source", n, k, good, 10, nil, "src is nil"},
		{"constant output", n, k, make([]float64, 16), 0, src, "zero variance"},
		{"too many points", MaxPoints, k, good, 0, src, "MaxPoints"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := SobolIndices(c.n, c.k, c.y, c.bootstrap, c.src)
			if err == nil || !strings.Contains(err.Error(), c.wantSubstr) {
				t.Errorf("error = %v, want it to mention %q", err, c.wantSubstr)
			}
		})
	}
}

func TestQuantile(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5}
	for _, c := range []struct{ p, want float64 }{{0, 1}, {0.25, 2}, {0.5, 3}, {0.1, 1.4}, {1, 5}} {
		if got := quantile(x, c.p); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("quantile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	if lo, hi := percentileInterval(nil); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("percentileInterval(nil) = %v, %v; want NaN, NaN", lo, hi)
	}
}
