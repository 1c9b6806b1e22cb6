package outputs

import (
	"math"
	"testing"
)

func TestPaired(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name         string
		a, b         []float64
		diff, lo, hi float64 // paired
		ulo, uhi     float64 // Welch
		n            int
		meanA, meanB float64
	}{
		// d = 1, 2, 3: mean 2, sd 1, t(2) = 4.302653: ±2.484138.
		// Welch: a = 1, 2, 4 (var 7/3), b = 2, 4, 7 (var 19/3); se² = 26/9,
		// df = (26/9)² / ((7/9)²/2 + (19/9)²/2) = 3.2976, t = 3.025996 (found by integrating the t density numerically).
		{"three pairs", []float64{1, 2, 4}, []float64{2, 4, 7}, 2, 2 - 2.484138, 2 + 2.484138, 2 - 3.025996*math.Sqrt(26.0/9), 2 + 3.025996*math.Sqrt(26.0/9), 3, 7.0 / 3, 13.0 / 3},
		// An undefined value leaves its replication out of both sides.
		{"a missing value", []float64{1, nan, 2, 4}, []float64{2, 100, 4, 7}, 2, 2 - 2.484138, 2 + 2.484138, 2 - 3.025996*math.Sqrt(26.0/9), 2 + 3.025996*math.Sqrt(26.0/9), 3, 7.0 / 3, 13.0 / 3},
	}
	for _, tc := range tests {
		d := Paired(tc.a, tc.b)
		near := func(what string, got, want, tol float64) {
			if math.Abs(got-want) > tol {
				t.Errorf("%s: %s = %.6f, want %.6f", tc.name, what, got, want)
			}
		}
		near("difference", d.Diff, tc.diff, 1e-12)
		near("ci_low", d.Low, tc.lo, 1e-5)
		near("ci_high", d.High, tc.hi, 1e-5)
		near("unpaired low", d.UnpairedLow, tc.ulo, 1e-5)
		near("unpaired high", d.UnpairedHigh, tc.uhi, 1e-5)
		near("mean A", d.MeanA, tc.meanA, 1e-12)
		near("mean B", d.MeanB, tc.meanB, 1e-12)
		if d.N != tc.n {
			t.Errorf("%s: n = %d", tc.name, d.N)
		}
		near("difference of the means", d.MeanB-d.MeanA, d.Diff, 1e-12)
	}
	// Identical noise: the paired interval has no width, the unpaired one has.
	d := Paired([]float64{10, 20, 30}, []float64{11, 21, 31})
	if d.Low != 1 || d.High != 1 || d.WidthRatio() != 0 {
		t.Errorf("shared noise: %+v", d)
	}
	if math.Signbit(Float(math.Copysign(0, -1)).AsFloat()) {
		t.Error("-0 is written with its sign")
	}
}

func TestPoints(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{{0.123, "12.3 pts"}, {-0.0025, "-0.25 pts"}, {0.0002, "0.020 pts"}, {0.00001, "0.0010 pts"}, {0, "0.0 pts"}, {0.01, "1.0 pts"}} {
		if got := Points(tc.v); got != tc.want {
			t.Errorf("Points(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
