package agents

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestEquilibriumBidClosedForms(t *testing.T) {
	tests := []struct {
		name        string
		c           float64
		n           int
		lo, hi, res float64
		want        float64
	}{
		{"no reserve: c + (hi-c)/n", 10, 4, 10, 20, math.Inf(1), 12.5},
		{"reserve at hi is no reserve", 12, 2, 10, 20, 20, 16},
		{"reserve above hi is no reserve", 12, 2, 10, 20, 25, 16},
		{"one bidder bids the reserve", 12, 1, 10, 20, 18, 18},
		{"binding reserve, n=2", 12, 2, 10, 20, 16, 12 + (64.0-16)/(2*8)},
		{"cost at hi bids cost", 20, 3, 10, 20, 30, 20},
		{"cost above reserve cannot bid", 17, 3, 10, 20, 16, math.Inf(1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := EquilibriumBid(tc.c, tc.n, tc.lo, tc.hi, tc.res)
			if math.IsInf(tc.want, 1) != math.IsInf(got, 1) || (!math.IsInf(got, 1) && math.Abs(got-tc.want) > 1e-9) {
				t.Errorf("EquilibriumBid(%v, %d, %v, %v, %v) = %v, want %v", tc.c, tc.n, tc.lo, tc.hi, tc.res, got, tc.want)
			}
		})
	}
}

// TestEquilibriumBidMatchesIntegral checks the closed form against a
// numerical integration of β(c) = c + ∫_c^r (1−F)^(n−1) / (1−F(c))^(n−1).
func TestEquilibriumBidMatchesIntegral(t *testing.T) {
	lo, hi := 5.0, 15.0
	for _, n := range []int{2, 3, 5, 8, 16} {
		for _, r := range []float64{11, 13.5, 15, 40} {
			for _, c := range []float64{5, 6.5, 9, 10.9} {
				if c >= math.Min(r, hi) {
					continue
				}
				top := math.Min(r, hi)
				const steps = 200000
				h := (top - c) / steps
				sum := 0.0
				for i := range steps {
					x := c + (float64(i)+0.5)*h
					sum += math.Pow((hi-x)/(hi-lo), float64(n-1))
				}
				want := c + sum*h/math.Pow((hi-c)/(hi-lo), float64(n-1))
				got := EquilibriumBid(c, n, lo, hi, r)
				if math.Abs(got-want) > 1e-6 {
					t.Errorf("n=%d r=%v c=%v: closed form %v, integral %v", n, r, c, got, want)
				}
			}
		}
	}
}

func TestEquilibriumBidProperties(t *testing.T) {
	lo, hi, r := 100.0, 130.0, 125.0
	for n := 2; n <= 16; n++ {
		prev := -1.0
		for c := lo; c < r; c += 0.5 {
			b := EquilibriumBid(c, n, lo, hi, r)
			if b < c || b > r {
				t.Fatalf("n=%d c=%v: bid %v outside [cost, reserve]", n, c, b)
			}
			if b < prev {
				t.Fatalf("n=%d: bid falls with cost at c=%v", n, c)
			}
			prev = b
		}
		// More rivals mean less shading.
		if EquilibriumBid(110, n+1, lo, hi, r) > EquilibriumBid(110, n, lo, hi, r) {
			t.Fatalf("bid rises with the number of bidders at n=%d", n)
		}
	}
}

// TestEquilibriumBidRevenue checks by simulation that the mean winning price
// with costs i.i.d. Uniform[a, b] is a + 2(b−a)/(n+1) (revenue equivalence).
func TestEquilibriumBidRevenue(t *testing.T) {
	a, b := 80.0, 120.0
	rng := rand.New(rand.NewPCG(7, 11))
	for _, n := range []int{2, 3, 5, 8, 16} {
		const auctions = 40000
		sum := 0.0
		for range auctions {
			best := math.Inf(1)
			for range n {
				c := a + (b-a)*rng.Float64()
				best = math.Min(best, EquilibriumBid(c, n, a, b, math.Inf(1)))
			}
			sum += best
		}
		got, want := sum/auctions, a+2*(b-a)/float64(n+1)
		// The standard error of the mean is below 0.06 for every n here.
		if math.Abs(got-want) > 0.25 {
			t.Errorf("n=%d: mean winning price %.3f, theory %.3f", n, got, want)
		}
	}
}

func TestPrivateBidFloorAndShading(t *testing.T) {
	// With shading off a private firm bids cost plus its margin.
	if got := PrivateBidBelief(100, 3, 100, 10, 120, 0.04, false); math.Abs(got-104) > 1e-9 {
		t.Errorf("no shading: got %v, want 104", got)
	}
	// Shading above the floor is kept: the equilibrium bid itself.
	shaded := PrivateBidBelief(90, 2, 100, 10, 1e9, 0.0, true)
	if want := EquilibriumBidNormal(90, 2, 100, 10, 1e9); math.Abs(shaded-want) > 1e-9 || shaded <= 90 {
		t.Errorf("shaded bid %v, want %v above cost", shaded, want)
	}
	// Against many rivals the markup is small and the margin floor binds.
	if got := PrivateBidBelief(109, 16, 100, 10, 1e9, 0.04, true); math.Abs(got-109*1.04) > 1e-9 {
		t.Errorf("floor should bind: got %v", got)
	}
	// A cost at or above the budget is a void bid at cost plus margin.
	if got := PrivateBidBelief(130, 3, 100, 10, 120, 0.04, true); math.Abs(got-130*1.04) > 1e-9 {
		t.Errorf("void bid: got %v", got)
	}
}

func TestMutualAndNHSBids(t *testing.T) {
	if got := MutualBid(100, 0.02, true); math.Abs(got-102) > 1e-9 {
		t.Errorf("mutual bid %v, want 102", got)
	}
	if got := MutualBid(100, 0.02, false); got != 100 {
		t.Errorf("mutual bid without prudence %v, want cost", got)
	}
	// A joint venture's partner takes half a private margin whether or not
	// the mutual side prices prudently.
	if got := JVBid(100, 0.02, true, 0.5, 0.08); math.Abs(got-106) > 1e-9 {
		t.Errorf("joint-venture bid %v, want 106", got)
	}
	if got := JVBid(100, 0.02, false, 0.5, 0.08); math.Abs(got-104) > 1e-9 {
		t.Errorf("joint-venture bid without prudence %v, want 104", got)
	}
	if got := NHSBid(100); got != 100 {
		t.Errorf("NHS bid %v, want cost", got)
	}
}

func TestScoreAndRisk(t *testing.T) {
	w := Weights{Price: 0.4, Quality: 0.5, SocialValue: 0.1}
	wp := w.WithParticipation(1)
	if s := wp.Price + wp.Quality + wp.SocialValue; math.Abs(s-1) > 1e-12 {
		t.Errorf("weights sum to %v", s)
	}
	if wp.SocialValue <= w.SocialValue {
		t.Errorf("participation did not raise the social-value weight")
	}
	if Risk(NHS, 0, 0, 10, 0) != 0 {
		t.Error("NHS bodies carry risk")
	}
	risks := []float64{Risk(Mutual, 0, 0, 10, 0), Risk(Mutual, 3, 0, 10, 0), Risk(Mutual, 3, 2.5, 10, 0), Risk(Mutual, 3, 2.5, 10, 1)}
	if !slices.IsSortedFunc(risks, func(a, b float64) int { return -cmp(a, b) }) || risks[0] <= risks[3] {
		t.Errorf("risk should fall with history, reserves and awareness: %v", risks)
	}
	if Risk(Private, 0, 0, 10, 1) != Risk(Private, 0, 0, 10, 0) {
		t.Error("awareness of mutuals changed the risk of a private firm")
	}
	cheap := Score(w, 0.7, 90, 100, 0.5, 0.5, 0.2)
	dear := Score(w, 0.7, 95, 100, 0.5, 0.5, 0.2)
	better := Score(w, 0.75, 95, 100, 0.5, 0.5, 0.2)
	riskier := Score(w, 0.7, 90, 100, 0.5, 0.5, 0.8)
	if !(cheap > dear && better > dear && cheap > riskier) {
		t.Errorf("score ordering wrong: cheap %v dear %v better %v riskier %v", cheap, dear, better, riskier)
	}
}

func cmp(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestEquilibriumBidRevenueWithReserve checks revenue equivalence with a
// binding reserve price r: the first-price auction in which bidders whose
// cost is above r stay out must cost the buyer, on average, what a
// second-price auction with reserve r costs, min(second-lowest cost, r)
// when the lowest cost is below r; and the award probability must be
// 1 − ((b − r)/(b − a))^n.
func TestEquilibriumBidRevenueWithReserve(t *testing.T) {
	a, b := 80.0, 120.0
	rng := rand.New(rand.NewPCG(3, 5))
	for _, n := range []int{2, 3, 5, 8, 16} {
		for _, r := range []float64{95, 105, 115} {
			const auctions = 60000
			var first, second float64
			awarded := 0
			costs := make([]float64, n)
			for range auctions {
				best := math.Inf(1)
				for i := range costs {
					costs[i] = a + (b-a)*rng.Float64()
					if costs[i] < r {
						best = math.Min(best, EquilibriumBid(costs[i], n, a, b, r))
					}
				}
				slices.Sort(costs)
				if costs[0] >= r {
					continue
				}
				awarded++
				first += best
				second += math.Min(costs[1], r)
			}
			if math.Abs(first-second)/auctions > 0.15 {
				t.Errorf("n=%d r=%v: first-price payment %.3f, second-price %.3f per auction", n, r, first/auctions, second/auctions)
			}
			want := 1 - math.Pow((b-r)/(b-a), float64(n))
			if got := float64(awarded) / auctions; math.Abs(got-want) > 0.01 {
				t.Errorf("n=%d r=%v: award probability %.4f, theory %.4f", n, r, got, want)
			}
		}
	}
}
