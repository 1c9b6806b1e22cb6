package agents

import (
	"math"

	"mutualsim/internal/fmath"
)

// Belief is what bidders believe about the costs of the firms they bid
// against, as a share of the commissioner's reference cost: normally
// distributed with mean Mean and standard deviation SD. Bidders learn it from
// the bids they see (MODEL.md §4.5: "the spread of costs they believe rivals
// have").
type Belief struct {
	Mean, SD float64
}

// UniformBelief returns the normal belief with the mean and variance of a
// uniform distribution on [1 − halfWidth, 1 + halfWidth]: the prior a
// bidder holds before it has seen any bids.
func UniformBelief(halfWidth float64) Belief {
	return Belief{Mean: 1, SD: halfWidth / math.Sqrt(3)}
}

// Learn moves the belief a share rate of the way toward the mean and
// standard deviation observed in the year's bids (exponential smoothing, the
// adaptive-expectations rule). With no observation, or rate 0, it is
// unchanged.
func (b Belief) Learn(observed Belief, n int, rate float64) Belief {
	if n < 2 || rate <= 0 || !(observed.SD > 0) {
		return b
	}
	return Belief{Mean: b.Mean + float64(rate*(observed.Mean-b.Mean)), SD: b.SD + float64(rate*(observed.SD-b.SD))}
}

// gaussLegendre32 are the nodes and weights of 32-point Gauss–Legendre
// quadrature on [−1, 1], computed once.
var gaussLegendre32 = func() (q struct{ x, w [32]float64 }) {
	x, w := fmath.GaussLegendre(32)
	copy(q.x[:], x)
	copy(q.w[:], w)
	return q
}()

// logSurvival returns log(1 − Φ(z)) for the standard normal Φ, accurate in
// the far tail.
func logSurvival(z float64) float64 {
	if z < 5 {
		return fmath.Log(0.5 * fmath.Erfc(z/math.Sqrt2))
	}
	// Mills ratio: 1 − Φ(z) ≈ φ(z)/z × (1 − 1/z² + 3/z⁴).
	return float64(-z*z/2) - fmath.Log(z*math.Sqrt(2*math.Pi)) + fmath.Log1p(-1/(z*z)+3/(z*z*z*z))
}

// EquilibriumBidNormal returns the symmetric Bayes–Nash equilibrium bid of a
// bidder with cost c in a first-price sealed-bid procurement auction among n
// bidders whose costs are i.i.d. normal with mean mu and standard deviation
// sigma, with reserve price r above which bids are void:
//
//	β(c) = c + ∫_c^r S(t)^(n−1) dt / S(c)^(n−1),   S = 1 − F,
//
// the general form of which EquilibriumBid is the uniform case (Krishna,
// Auction Theory, 2nd ed., Proposition 2.2, in its procurement form). The
// integral is evaluated by 32-point Gauss–Legendre quadrature up to where
// the integrand is negligible, in logs so that it stays exact far in the
// tail. A bidder with c ≥ r gets +Inf; one
// bidder alone bids the reserve.
func EquilibriumBidNormal(c float64, n int, mu, sigma, r float64) float64 {
	if c >= r {
		return math.Inf(1)
	}
	if n <= 1 {
		return r
	}
	if !(sigma > 0) {
		// Every rival has cost mu: Bertrand competition at mu, within [c, r].
		return math.Min(r, math.Max(c, mu))
	}
	k := float64(n - 1)
	ls := logSurvival((c - mu) / sigma)
	// The integrand S(t)^k / S(c)^k falls from 1 at c; beyond the t where
	// it is e^-tailCut it adds nothing the markup can show. That t solves
	// log S(t) = log S(c) − tailCut/k, and no rival's cost lies beyond
	// mu + 12σ in any case.
	top := math.Min(r, math.Max(c, mu+float64(12*sigma)))
	if s := fmath.Exp(ls - tailCut/k); s > 1e-300 && s < 1 {
		top = math.Min(top, mu-float64(sigma*fmath.NormalQuantile(s)))
	}
	if top <= c {
		return c
	}
	f := func(t float64) float64 { return fmath.Exp(k * (logSurvival((t-mu)/sigma) - ls)) }
	return c + gaussLegendreGraded(f, c, top, quadPanels)
}

// tailCut is where the equilibrium bid's integral stops: where its
// integrand has fallen to e^-40 of its value at the bidder's cost.
const tailCut = 40

// quadPanels is the number of panels of the graded quadrature: with the
// integral cut at tailCut, two keep the relative error of the markup below
// 1e-6 up to n = 200 bidders (TestEquilibriumBidNormalAccuracy).
const quadPanels = 1

// gaussLegendreGraded integrates f over [a, b] with 32-point Gauss–Legendre
// quadrature on panels panels whose lengths double from a: the first is
// (b − a)/(2^panels − 1).
func gaussLegendreGraded(f func(float64) float64, a, b float64, panels int) float64 {
	unit := (b - a) / float64(int(1)<<panels-1)
	q := &gaussLegendre32
	sum, lo := 0.0, a
	for p := range panels {
		hi := lo + float64(unit*float64(int(1)<<p))
		if p == panels-1 {
			hi = b
		}
		half := (hi - lo) / 2
		for i := range q.x {
			sum += float64(half * q.w[i] * f(lo+float64(half*(q.x[i]+1))))
		}
		lo = hi
	}
	return sum
}

// orderTable holds, for n up to its length, the Blom (1958) approximation
// of the expected largest of n standard normal draws, Φ⁻¹((n − 0.375)/(n +
// 0.25)), computed once: bidders look it up in every tender.
var orderTable = func() (t [1024]float64) {
	for n := 2; n < len(t); n++ {
		t[n] = blom(n, n)
	}
	return t
}()

// blom returns Blom's approximation of the expected i-th smallest of n
// standard normal draws: Φ⁻¹((i − 0.375)/(n + 0.25)).
func blom(i, n int) float64 {
	return fmath.NormalQuantile((float64(i) - 0.375) / (float64(n) + 0.25))
}

// maxNormalOrder returns the expected largest of n standard normal draws
// (Blom's approximation).
func maxNormalOrder(n int) float64 {
	if n <= 1 {
		return 0
	}
	if n < len(orderTable) {
		return orderTable[n]
	}
	return blom(n, n)
}

// WinnersCurseFactor returns the factor by which a bidder whose cost
// estimate carries a lognormal error of standard deviation sigmaErr raises
// its estimate before pricing, when n bidders compete and true costs spread
// with standard deviation sigmaCost (both as shares of cost). Winning
// selects the lowest estimates, so a winner's estimate is, in expectation,
// below its true cost: the winner's curse (Capen, Clapp and Campbell 1971;
// Kagel and Levin, Common Value Auctions and the Winner's Curse, 2002). In
// logs the estimates spread as √(σ_c² + σ_e²), the lowest of n lies m_n of
// those below the mean (m_n the expected largest of n standard normals), and
// the error's share of that is σ_e²/(σ_c² + σ_e²), so
//
//	factor = exp(m_n σ_e² / √(σ_c² + σ_e²)).
//
// With no error or a single bidder the factor is 1.
func WinnersCurseFactor(n int, sigmaErr, sigmaCost float64) float64 {
	if n <= 1 || sigmaErr <= 0 {
		return 1
	}
	return fmath.Exp(maxNormalOrder(n) * sigmaErr * sigmaErr / fmath.Hypot(sigmaCost, sigmaErr))
}

// normalSpacing returns the expected gap between the lowest and the second
// lowest of n standard normal draws, E[X₍ₙ₎ − X₍ₙ₋₁₎] = n ∫ Φ(x)ⁿ⁻¹ (1 −
// Φ(x)) dx (David and Nagaraja, Order Statistics, 3rd ed., §3.4), from a
// table computed once for n below its length and Blom's approximation above.
func normalSpacing(n int) float64 {
	if n < 2 {
		return 0
	}
	if n < len(spacingTable) {
		return spacingTable[n]
	}
	return blom(n, n) - blom(n-1, n)
}

// spacingTable holds normalSpacing for n below its length, integrated by
// the trapezoid rule on [−10, 10] in steps of 0.005 (the integrand is
// smooth and vanishes at both ends).
var spacingTable = func() (t [257]float64) {
	const lo, hi, h = -10.0, 10.0, 0.005
	steps := int((hi - lo) / h)
	logF := make([]float64, steps+1)
	sf := make([]float64, steps+1)
	for i := range logF {
		x := lo + float64(float64(i)*h)
		logF[i] = logSurvival(-x) // log Φ(x)
		sf[i] = 0.5 * fmath.Erfc(x/math.Sqrt2)
	}
	for n := 2; n < len(t); n++ {
		sum := 0.0
		for i := range logF {
			v := fmath.Exp(float64(n-1)*logF[i]) * sf[i]
			if i == 0 || i == steps {
				v /= 2
			}
			sum += v
		}
		t[n] = float64(n) * sum * h
	}
	return t
}()

// ExpectedRent returns a bidder's expected rent, ex ante, from a first-price
// procurement auction among n bidders whose costs it believes normal with
// standard deviation sigma (in money): by revenue equivalence the winner
// earns the gap between the lowest and second-lowest cost, and each of the n
// bidders wins with probability 1/n, so rent = E[c₍₂₎ − c₍₁₎]/n. Alone, a
// bidder earns the reserve's margin over the mean cost, headroom.
func ExpectedRent(n int, sigma, headroom float64) float64 {
	if n <= 1 {
		return math.Max(0, headroom)
	}
	return sigma * normalSpacing(n) / float64(n)
}

// EntryProbability returns the probability q with which each of potential
// would-be challengers bids for a lot in the symmetric mixed-strategy entry
// equilibrium of Levin and Smith (1994, "Equilibrium auctions with entry",
// American Economic Review 84(3)): a challenger bids when its expected rent,
// rent(n) for n bidders in all, covers its bid cost, and in equilibrium q
// makes the expected rent of bidding equal the cost,
//
//	Σ_k Binom(k; potential − 1, q) × rent(certain + k + 1) = bidCost,
//
// where certain bidders (the incumbents) always bid. If the rent covers the
// cost even when everyone bids, q = 1; if it does not cover it when no other
// challenger bids, q = 0. Large lots draw many bidders and small ones few,
// because the cost of bidding has a fixed part.
func EntryProbability(potential, certain int, bidCost float64, rent func(n int) float64) float64 {
	if potential <= 0 {
		return 0
	}
	rents := make([]float64, potential)
	for k := range rents {
		rents[k] = rent(certain + k + 1)
	}
	m := potential - 1
	lchoose := make([]float64, m+1) // log C(m, k)
	lgm := fmath.Lgamma(float64(m + 1))
	for k := range lchoose {
		a := fmath.Lgamma(float64(k + 1))
		b := fmath.Lgamma(float64(m - k + 1))
		lchoose[k] = lgm - a - b
	}
	expected := func(q float64) float64 {
		switch {
		case q <= 0:
			return rents[0]
		case q >= 1:
			return rents[m]
		}
		// The binomial weight at the mode in logs, so that it cannot
		// underflow however many potential bidders there are, and the
		// others by the ratio of neighbours, outward from it: the weights
		// that underflow there are below any rent's precision.
		lq, lp, odds := fmath.Log(q), fmath.Log1p(-q), q/(1-q)
		mode := min(int(float64(m+1)*q), m)
		wm := fmath.Exp(lchoose[mode] + float64(float64(mode)*lq) + float64(float64(m-mode)*lp))
		sum := wm * rents[mode]
		for k, w := mode, wm; k < m && w > 0; k++ {
			w *= odds * float64(m-k) / float64(k+1)
			sum += float64(w * rents[k+1])
		}
		for k, w := mode, wm; k > 0 && w > 0; k-- {
			w *= float64(k) / (float64(m-k+1) * odds)
			sum += float64(w * rents[k-1])
		}
		return sum
	}
	if expected(1) >= bidCost {
		return 1
	}
	if expected(0) < bidCost {
		return 0
	}
	lo, hi := 0.0, 1.0
	for range 50 {
		mid := (lo + hi) / 2
		if expected(mid) >= bidCost {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}
