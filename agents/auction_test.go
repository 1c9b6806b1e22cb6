package agents

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

// With normal costs, the equilibrium bid of the lowest-cost bidder must on
// average equal the second-lowest cost (revenue equivalence), for any n and
// with a reserve price above which bids are void.
func TestEquilibriumBidNormalRevenueEquivalence(t *testing.T) {
	const mu, sigma, draws = 100.0, 8.0, 40000
	rng := rand.New(rand.NewPCG(7, 11))
	for _, tc := range []struct {
		n       int
		reserve float64
	}{{2, math.Inf(1)}, {3, math.Inf(1)}, {5, math.Inf(1)}, {16, math.Inf(1)}, {3, 104}} {
		var price, second float64
		awarded := 0
		costs := make([]float64, tc.n)
		for range draws {
			for i := range costs {
				costs[i] = mu + sigma*rng.NormFloat64()
			}
			sort.Float64s(costs)
			if costs[0] >= tc.reserve {
				continue
			}
			awarded++
			price += EquilibriumBidNormal(costs[0], tc.n, mu, sigma, tc.reserve)
			second += math.Min(costs[1], tc.reserve)
		}
		price /= float64(awarded)
		second /= float64(awarded)
		// The two estimates share their draws; their gap is well within 0.1.
		if math.Abs(price-second) > 0.1 {
			t.Errorf("n=%d reserve %v: mean price %.3f, mean second cost %.3f", tc.n, tc.reserve, price, second)
		}
	}
}

func TestEquilibriumBidNormalEdges(t *testing.T) {
	if b := EquilibriumBidNormal(120, 3, 100, 5, 110); !math.IsInf(b, 1) {
		t.Errorf("cost above the reserve: %v, want +Inf", b)
	}
	if b := EquilibriumBidNormal(90, 1, 100, 5, 110); b != 110 {
		t.Errorf("alone: %v, want the reserve 110", b)
	}
	if b := EquilibriumBidNormal(90, 4, 100, 0, 110); b != 100 {
		t.Errorf("rivals all at 100: %v, want 100", b)
	}
	// Far in the tail the bid stays finite and above cost.
	if b := EquilibriumBidNormal(180, 8, 100, 5, 1e9); !(b >= 180 && b < 181) {
		t.Errorf("cost 16 sd above the mean: %v", b)
	}
	// The markup falls as rivals multiply.
	prev := math.Inf(1)
	for _, n := range []int{2, 3, 5, 10, 20} {
		b := EquilibriumBidNormal(95, n, 100, 5, 1e9) - 95
		if !(b < prev && b > 0) {
			t.Errorf("n=%d markup %v not below %v", n, b, prev)
		}
		prev = b
	}
}

func TestWinnersCurseFactor(t *testing.T) {
	if f := WinnersCurseFactor(1, 0.04, 0.06); f != 1 {
		t.Errorf("one bidder: %v", f)
	}
	if f := WinnersCurseFactor(5, 0, 0.06); f != 1 {
		t.Errorf("no error: %v", f)
	}
	prev := 1.0
	for _, n := range []int{2, 4, 8, 16} {
		f := WinnersCurseFactor(n, 0.04, 0.06)
		if !(f > prev) {
			t.Errorf("n=%d factor %v should exceed %v", n, f, prev)
		}
		prev = f
	}
	// The correction is the expected error of the lowest of n estimates:
	// simulate it.
	rng := rand.New(rand.NewPCG(3, 5))
	const n, se, sc = 8, 0.04, 0.06
	sum := 0.0
	const draws = 50000
	for range draws {
		best, bestErr := math.Inf(1), 0.0
		for range n {
			c, e := sc*rng.NormFloat64(), se*rng.NormFloat64()
			if c+e < best {
				best, bestErr = c+e, e
			}
		}
		sum += bestErr
	}
	want := -sum / draws
	got := math.Log(WinnersCurseFactor(n, se, sc))
	if math.Abs(got-want) > 0.002 {
		t.Errorf("log factor %v, simulated winner's error %v", got, want)
	}
}

func TestExpectedRent(t *testing.T) {
	// Normal spacing for n = 2 is 2/√π σ exactly, so the rent is 1/√π σ.
	if got, want := ExpectedRent(2, 1, 0), 1/math.Sqrt(math.Pi); math.Abs(got-want) > 1e-6 {
		t.Errorf("rent n=2 %v, want about %v", got, want)
	}
	if got := ExpectedRent(1, 1, 0.5); got != 0.5 {
		t.Errorf("alone: %v, want the headroom", got)
	}
	for n := 2; n < 40; n++ {
		if !(ExpectedRent(n+1, 1, 0) < ExpectedRent(n, 1, 0)) {
			t.Errorf("rent should fall with n at %d", n)
		}
	}
}

func TestEntryProbability(t *testing.T) {
	rent := func(n int) float64 { return 12 / float64(n*(n+1)) } // uniform spread 12
	for _, tc := range []struct {
		name               string
		potential, certain int
		cost               float64
		wantLow, wantHigh  float64
	}{
		{"nobody to enter", 0, 1, 0.1, 0, 0},
		{"cheap bidding: everyone", 10, 1, 0.01, 1, 1},
		{"dear bidding: no one", 10, 1, 5, 0, 0},
		{"in between", 10, 1, 0.5, 0.01, 0.99},
	} {
		q := EntryProbability(tc.potential, tc.certain, tc.cost, rent)
		if q < tc.wantLow || q > tc.wantHigh {
			t.Errorf("%s: q %v not in [%v, %v]", tc.name, q, tc.wantLow, tc.wantHigh)
		}
	}
	// In the mixed equilibrium the expected rent of entering equals the cost.
	q := EntryProbability(10, 1, 0.5, rent)
	sum := 0.0
	for k := 0; k <= 9; k++ {
		sum += binom(9, k) * math.Pow(q, float64(k)) * math.Pow(1-q, float64(9-k)) * rent(1+k+1)
	}
	if math.Abs(sum-0.5) > 1e-6 {
		t.Errorf("expected rent at q=%v is %v, want the cost 0.5", q, sum)
	}
	// Larger lots (rent scaled up against a fixed cost) draw more bidders.
	small := EntryProbability(10, 1, 0.5, rent)
	large := EntryProbability(10, 1, 0.5, func(n int) float64 { return 10 * rent(n) })
	if !(large > small) {
		t.Errorf("large lot q %v should exceed small lot q %v", large, small)
	}
}

func binom(n, k int) float64 {
	r := 1.0
	for i := 1; i <= k; i++ {
		r *= float64(n-k+i) / float64(i)
	}
	return r
}

func TestBeliefLearn(t *testing.T) {
	b := UniformBelief(0.15)
	if !near(b.Mean, 1) || !near(b.SD, 0.15/math.Sqrt(3)) {
		t.Errorf("prior %+v", b)
	}
	obs := Belief{Mean: 0.9, SD: 0.05}
	got := b.Learn(obs, 100, 0.5)
	if !near(got.Mean, 0.95) || !near(got.SD, (b.SD+0.05)/2) {
		t.Errorf("learned %+v", got)
	}
	if b.Learn(obs, 1, 0.5) != b || b.Learn(obs, 100, 0) != b {
		t.Error("one observation or rate 0 should leave the belief")
	}
}

// The equilibrium bid's integral against a fine trapezoid rule, also where
// many bidders make the integrand fall steeply (the review's n = 40 and
// n = 100 cases, whose markups 32 plain nodes got wrong by 7.5% and 67%).
func TestEquilibriumBidNormalAccuracy(t *testing.T) {
	const mu, sigma = 100.0, 5.0
	for _, tc := range []struct {
		n int
		c float64
	}{{2, 95}, {5, 100}, {16, 104}, {40, 110}, {100, 110}, {200, 112}} {
		r := math.Inf(1)
		got := EquilibriumBidNormal(tc.c, tc.n, mu, sigma, r) - tc.c
		// Trapezoid on 2 million steps up to mu + 12σ.
		top := mu + 12*sigma
		steps := 2000000
		h := (top - tc.c) / float64(steps)
		ls := logSurvival((tc.c - mu) / sigma)
		sum := 0.0
		for i := 0; i <= steps; i++ {
			x := tc.c + float64(i)*h
			v := math.Exp(float64(tc.n-1) * (logSurvival((x-mu)/sigma) - ls))
			if i == 0 || i == steps {
				v /= 2
			}
			sum += v
		}
		want := sum * h
		if math.Abs(got-want) > 1e-6*want+1e-12 {
			t.Errorf("n=%d c=%v: markup %.9g, trapezoid %.9g", tc.n, tc.c, got, want)
		}
	}
	// Over a grid of costs, bidders and reserves, against eight graded
	// panels over the whole range to mu + 12σ.
	for _, n := range []int{2, 3, 5, 8, 16, 40, 100, 200} {
		for c := 85.0; c <= 118; c += 0.7 {
			for _, r := range []float64{math.Inf(1), 103, 110} {
				if c >= r {
					continue
				}
				got := EquilibriumBidNormal(c, n, mu, sigma, r) - c
				k, ls := float64(n-1), logSurvival((c-mu)/sigma)
				f := func(x float64) float64 { return math.Exp(k * (logSurvival((x-mu)/sigma) - ls)) }
				want := gaussLegendreGraded(f, c, math.Min(r, mu+12*sigma), 8)
				if math.Abs(got-want) > 1e-6*want+1e-12 {
					t.Errorf("n=%d c=%.1f r=%v: markup %.9g, reference %.9g", n, c, r, got, want)
				}
			}
		}
	}
}

// The entry probability is right however many potential bidders there are
// (the review found (1−q)^m underflowing at 400).
func TestEntryProbabilityLargePools(t *testing.T) {
	// rent(n) = 1000/(n(n+1)) equals the cost 0.01 at n ≈ 316 bidders.
	rent := func(n int) float64 { return 1000 / float64(n*(n+1)) }
	if q := EntryProbability(50, 1, 0.01, rent); q != 1 {
		t.Errorf("50 potential bidders, all worth entering: q %v", q)
	}
	for _, potential := range []int{400, 800} {
		q := EntryProbability(potential, 1, 0.01, rent)
		if entrants := float64(potential-1)*q + 1; q >= 1 || math.Abs(entrants-316)/316 > 0.05 {
			t.Errorf("potential %d: q %v, about %.0f bidders, want about 316", potential, q, entrants)
		}
	}
}
