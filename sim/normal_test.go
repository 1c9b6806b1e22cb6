package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestNormalAsRand shows that the ziggurat's tables agree with
// math/rand/v2's: from the same generator, 1,000,000 draws equal
// rand.NormFloat64's, except in the rare tail and wedge steps, where
// math/rand/v2 uses math.Exp and math.Log and may differ in the last bit.
func TestNormalAsRand(t *testing.T) {
	a := rand.New(rand.NewPCG(1, 2))
	b := rand.New(rand.NewPCG(1, 2))
	z := zigguratTables()
	const n = 1_000_000
	differ := 0
	for range n {
		x, y := normal(a, z), b.NormFloat64()
		if x != y {
			differ++
			if math.Abs(x-y) > 1e-12*math.Abs(y) {
				t.Fatalf("draw %v, math/rand/v2 draws %v", x, y)
			}
		}
	}
	if differ > n/10_000 {
		t.Errorf("%d of %d draws differ from math/rand/v2's", differ, n)
	}
	t.Logf("%d of %d draws differ in the last bits", differ, n)
}
