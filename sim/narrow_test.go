package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"mutualsim/internal/fmath"
)

// narrowDraws is how many draws each exactness test makes, a third of
// them next to a float32 (or whole-number) rounding boundary.
const narrowDraws = 1_500_000

// TestNarrowDrawsExactly compares each float32 (and rounded) draw made with
// math's fast functions with the one fmath's define, on random inputs and
// on inputs built to land next to a rounding boundary, where the fast path
// must hand over to fmath.
func TestNarrowDrawsExactly(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	t.Run("entrepreneur", func(t *testing.T) {
		for i := range narrowDraws {
			u := r.Float64()
			y := 1 - math.Sqrt(math.Sqrt(1-u))
			if i%3 == 0 { // c·c next to the midpoint of two float32s
				f := float32(r.Float64())
				mid := (float64(f) + float64(math.Nextafter32(f, 2))) / 2
				y = math.Nextafter(math.Pow(mid, 1.5), float64(r.IntN(3)-1))
			}
			c := fmath.Cbrt(y)
			if got, want := entrepreneur32(y), float32(c*c); got != want {
				t.Fatalf("y %v: %v, fmath gives %v", y, got, want)
			}
		}
	})
	t.Run("lognormal", func(t *testing.T) {
		for i := range narrowDraws {
			x := -absSD*absSD/2 + absSD*8*(2*r.Float64()-1)
			if i%3 == 0 {
				f := float32(math.Exp(x))
				mid := (float64(f) + float64(math.Nextafter32(f, float32(math.Inf(1))))) / 2
				x = math.Nextafter(math.Log(mid), float64(r.IntN(3)-1))
			}
			if got, want := exp32(x), float32(fmath.Exp(x)); got != want {
				t.Fatalf("x %v: %v, fmath gives %v", x, got, want)
			}
		}
	})
	t.Run("tenure", func(t *testing.T) {
		for i := range narrowDraws {
			u := r.Float64()
			if i%3 == 0 { // −tenureMean·log(1−u) next to a half
				h := float64(r.IntN(60)) + 0.5
				u = math.Nextafter(-math.Expm1(-h/tenureMean), float64(r.IntN(3)-1))
			}
			if got, want := tenureDraw(u), math.Round(-tenureMean*fmath.Log(1-u)); got != want {
				t.Fatalf("u %v: %v, fmath gives %v", u, got, want)
			}
		}
	})
}

// The fast path decides almost every draw: about one in 2¹⁵ is near a
// boundary and goes to fmath.
func TestNarrowRarelyFallsBack(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const n = 1_000_000
	slow := 0
	for range n {
		y := 1 - math.Sqrt(math.Sqrt(1-r.Float64()))
		if _, ok := fmath.Narrow32(fmath.FastCbrt(y) * fmath.FastCbrt(y)); !ok {
			slow++
		}
	}
	if slow == 0 || slow > n/2000 {
		t.Errorf("%d of %d draws fell back to fmath, want some and at most 1 in 2,000", slow, n)
	}
}
