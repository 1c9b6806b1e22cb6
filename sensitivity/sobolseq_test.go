package sensitivity

import (
	"math"
	"math/bits"
	"strings"
	"testing"
)

// The first points against published values: dimension 1 is the van der
// Corput sequence in Gray-code order, and the first three dimensions match
// the output of Joe and Kuo's sobol.cc with new-joe-kuo-6.21201.
func TestSobolSequenceFirstPoints(t *testing.T) {
	want := [][]float64{
		{0.5, 0.5, 0.5},
		{0.75, 0.25, 0.25},
		{0.25, 0.75, 0.75},
		{0.375, 0.375, 0.625},
		{0.875, 0.875, 0.125},
		{0.625, 0.125, 0.875},
		{0.125, 0.625, 0.375},
		{0.1875, 0.3125, 0.9375},
		{0.6875, 0.8125, 0.4375},
	}
	got, err := SobolSequence(len(want), 3)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		for d := range want[i] {
			if got[i][d] != want[i][d] {
				t.Errorf("point %d, dimension %d = %v, want %v", i+1, d+1, got[i][d], want[i][d])
			}
		}
	}
	// Every dimension starts at 0.5, as m_1 = 1 throughout.
	all, err := SobolSequence(1, MaxSobolDim)
	if err != nil {
		t.Fatal(err)
	}
	for d, x := range all[0] {
		if x != 0.5 {
			t.Errorf("point 1, dimension %d = %v, want 0.5", d+1, x)
		}
	}
}

// The Gray-code recursion must agree with the direct formula: point i is the
// XOR of the direction numbers selected by the bits of gray(i) = i ^ (i>>1).
func TestSobolSequenceDirectFormula(t *testing.T) {
	const n = 1000
	pts, err := SobolSequence(n, MaxSobolDim)
	if err != nil {
		t.Fatal(err)
	}
	for d := 1; d <= MaxSobolDim; d++ {
		v := directionNumbers(d)
		for i := 1; i <= n; i++ {
			var x uint32
			for g := uint(i ^ i>>1); g != 0; g &= g - 1 {
				x ^= v[bits.TrailingZeros(g)]
			}
			if got, want := pts[i-1][d-1], float64(x)*0x1p-32; got != want {
				t.Fatalf("point %d, dimension %d = %v, direct formula gives %v", i, d, got, want)
			}
		}
	}
}

// Uniformity. The first 2^12 points (the skipped origin and points 1 to
// 4095) are a digital net: in every dimension each interval [j/4096,
// (j+1)/4096) holds exactly one point, and in every two-dimensional
// projection of the 40 dimensions each cell of an 8 × 8 grid holds exactly 64.
// A smooth 40-dimensional integral is also estimated far more accurately than
// Monte Carlo could at this n (its standard error would be about 0.006).
func TestSobolSequenceUniformity(t *testing.T) {
	const m = 12
	const n = 1 << m
	rest, err := SobolSequence(n-1, MaxSobolDim)
	if err != nil {
		t.Fatal(err)
	}
	pts := append([][]float64{make([]float64, MaxSobolDim)}, rest...)
	for d := range MaxSobolDim {
		seen := make([]bool, n)
		for _, p := range pts {
			s := int(p[d] * n)
			if seen[s] {
				t.Fatalf("dimension %d: stratum %d of %d holds two points", d+1, s, n)
			}
			seen[s] = true
		}
	}
	const g = 8
	for a := range MaxSobolDim {
		for b := a + 1; b < MaxSobolDim; b++ {
			var cells [g * g]int
			for _, p := range pts {
				cells[int(p[a]*g)*g+int(p[b]*g)]++
			}
			for c, count := range cells {
				if count != n/(g*g) {
					t.Fatalf("dimensions %d and %d: cell %d holds %d points, want %d", a+1, b+1, c, count, n/(g*g))
				}
			}
		}
	}
	// ∫ Π_i (1 + (x_i − 1/2)/i) dx = 1 over [0,1]^40.
	var sum float64
	for _, p := range pts {
		f := 1.0
		for d, x := range p {
			f *= 1 + (x-0.5)/float64(d+1)
		}
		sum += f
	}
	if got := sum / n; math.Abs(got-1) > 1e-3 {
		t.Errorf("QMC integral = %v, want 1 within 1e-3", got)
	}
}

func TestSobolSequenceErrors(t *testing.T) {
	for _, c := range []struct {
		n, dim int
		want   string
	}{
		{0, 2, "n = 0"},
		{-3, 2, "n = -3"},
		{MaxPoints + 1, 1, "MaxPoints"},
		{10, 0, "dim = 0"},
		{10, MaxSobolDim + 1, "dim = 41, want 1 <= dim <= 40"},
	} {
		_, err := SobolSequence(c.n, c.dim)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SobolSequence(%d, %d) error = %v, want it to mention %q", c.n, c.dim, err, c.want)
		}
	}
}
