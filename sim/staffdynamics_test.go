package sim

import (
	"math/rand/v2"
	"testing"
)

// TestQuitBoundOver checks that the region's bound is at least every staff
// member's bound (and so their quit probability) for relative rewards in
// its range, for both signs of the elasticity.
func TestQuitBoundOver(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, el := range []float64{0, 0.5, 1.7, -0.8} {
		for range 2000 {
			lo := 0.3 + r.Float64()
			hi := lo + r.Float64()
			b := quitBoundOver(0.08, lo, hi, el)
			for range 20 {
				rel := lo + (hi-lo)*r.Float64()
				if q := quitBound(0.08, rel, el); q > b {
					t.Fatalf("elasticity %v: bound %v over [%v, %v] below %v at %v", el, b, lo, hi, q, rel)
				}
			}
			for _, rel := range []float64{lo, hi} {
				if q := quitBound(0.08, rel, el); q > b {
					t.Fatalf("elasticity %v: bound %v below %v at the end %v", el, b, q, rel)
				}
			}
		}
	}
	if quitBoundOver(0.08, 0, 1, 1) != 1 {
		t.Error("a relative reward of 0 must give the bound 1")
	}
}
