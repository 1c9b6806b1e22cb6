package fmath

import (
	"math"
	"testing"
)

// Narrow32 and NarrowRound say no next to a rounding boundary and yes
// away from one.
func TestNarrow(t *testing.T) {
	f := float32(1.5)
	mid := (float64(f) + float64(math.Nextafter32(f, 2))) / 2
	for _, tc := range []struct {
		x    float64
		want bool
	}{{1.5, true}, {mid, false}, {math.Nextafter(mid, 0), false}, {math.Nextafter(mid, 2), false}, {-mid, false}, {0, true}, {-1.5, true}} {
		if got, ok := Narrow32(tc.x); ok != tc.want || ok && got != float32(tc.x) {
			t.Errorf("Narrow32(%v) = %v, %v, want %v", tc.x, got, ok, tc.want)
		}
	}
	for _, tc := range []struct {
		x    float64
		want bool
	}{{2.25, true}, {2.5, false}, {math.Nextafter(2.5, 0), false}, {-3.5, false}, {-3.2, true}, {0, true}} {
		if got, ok := NarrowRound(tc.x); ok != tc.want || ok && got != math.Round(tc.x) {
			t.Errorf("NarrowRound(%v) = %v, %v, want %v", tc.x, got, ok, tc.want)
		}
	}
}
