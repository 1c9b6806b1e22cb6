package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"mutualsim/agents"
)

// TestQuitRuleDecidesExactly compares the bracketed decision with the
// exact one on millions of draws: the levers' ranges, engagement on
// [0, 1] and beyond, relative rewards around 1 (1 itself, where most
// staff are), draws near the boundary, and the edge cases.
func TestQuitRuleDecidesExactly(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	rules := []quitRule{newQuitRule(0.315, 2, 2), newQuitRule(0.05, 0, 0), newQuitRule(1, 20, 6), newQuitRule(0.2, 0.7, 0.3),
		newQuitRule(0.315, -1, 2), newQuitRule(0.315, math.NaN(), 2)}
	for range 200_000 {
		q := rules[r.IntN(len(rules))]
		if r.IntN(4) == 0 {
			q = newQuitRule(r.Float64(), 20*r.Float64(), 6*r.Float64())
		}
		e := r.Float64()
		switch r.IntN(10) {
		case 0:
			e = 0
		case 1:
			e = 1
		case 2:
			e = 1.5 * r.Float64()
		}
		rel := 1.0
		switch r.IntN(4) {
		case 0:
			rel = 0.5 + r.Float64()
		case 1:
			rel = []float64{0, -1, 1e-300, math.Inf(1)}[r.IntN(4)]
		}
		exact := agents.QuitProbability(q.base, q.k, e, rel, q.elasticity)
		for range 10 {
			u := r.Float64()
			switch r.IntN(3) {
			case 0: // on and around the boundary itself
				u = math.Nextafter(exact, float64(r.IntN(3)-1))
			case 1:
				u = exact * (1 + (r.Float64()-0.5)*0.04)
			}
			if got, want := q.decide(u, e, rel), u < exact; got != want {
				t.Fatalf("base %v k %v elasticity %v, e %v, rel %v, u %v: decided %v, exact %v (probability %v)",
					q.base, q.k, q.elasticity, e, rel, u, got, want, exact)
			}
		}
	}
}
