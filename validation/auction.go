package validation

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mathext"

	"mutualsim/agents"
)

// Auction checks the model's private bidding rule against auction theory
// (MODEL.md §8): in a price-only tender among private bidders whose costs
// are i.i.d. Uniform[a, b] and who know the number of bidders n, the mean
// winning price must be a + 2(b−a)/(n+1); with a reserve price r, bidders
// above r stay out, the award probability is 1 − ((b−r)/(b−a))^n, and the
// expected price of an award follows revenue equivalence. Bids come from
// agents.PrivateBid and the winner from agents.Score with all weight on
// price: the code of the main model, not a copy.
func Auction(auctions int, seed uint64) []Check {
	const a, b = 80.0, 120.0
	rng := rand.New(rand.NewPCG(seed, 0x61756374696f6e)) // "auction"
	priceOnly := agents.Weights{Price: 1}
	var out []Check
	for _, reserve := range []float64{math.Inf(1), 100} {
		for _, n := range []int{2, 3, 5, 8, 16} {
			prices := make([]float64, 0, auctions)
			awarded := 0
			for range auctions {
				best, bestScore := math.NaN(), math.Inf(-1)
				budget := math.Min(reserve, 1e9)
				for range n {
					cost := a + (b-a)*rng.Float64()
					price := agents.PrivateBid(cost, n, a, b, reserve, 0, true)
					if price > reserve {
						continue // a bidder above the reserve stays out
					}
					if score := agents.Score(priceOnly, 0, price, budget, 0, 0, 0); score > bestScore {
						best, bestScore = price, score
					}
				}
				if !math.IsNaN(best) {
					prices = append(prices, best)
					awarded++
				}
			}
			want, prob := expectedPrice(a, b, reserve, n)
			label := fmt.Sprintf("n=%d", n)
			expected := fmt.Sprintf("a + 2(b−a)/(n+1) = %.3f", want)
			if !math.IsInf(reserve, 1) {
				label += fmt.Sprintf(", reserve %g", reserve)
				expected = fmt.Sprintf("E[min(2nd cost, r) | award] = %.3f", want)
			}
			c := within("auction", label+": mean winning price", expected, prices, 0, 0, num)
			// Four standard errors either side: a deterministic seed, and a
			// band that a correct rule misses with probability 6e-5.
			se := (c.High - c.Observed) / 1.96
			c.Tolerance = fmt.Sprintf("|mean − expected| ≤ 4 s.e. (%.3f)", 4*se)
			c.Pass = math.Abs(c.Observed-want) <= 4*se
			out = append(out, c)
			if !math.IsInf(reserve, 1) {
				got := float64(awarded) / float64(auctions)
				se := math.Sqrt(prob * (1 - prob) / float64(auctions))
				out = append(out, Check{Group: "auction", Name: label + ": award probability", Expected: fmt.Sprintf("1 − ((b−r)/(b−a))^n = %.4f", prob),
					Observed: got, Low: got - 1.96*se, High: got + 1.96*se, Tolerance: fmt.Sprintf("|p − expected| ≤ 4 s.e. (%.4f)", 4*se),
					Pass: math.Abs(got-prob) <= 4*se})
			}
		}
	}
	return out
}

// expectedPrice returns the expected winning price of an award, and the
// probability of an award, for n bidders with costs Uniform[a, b] and a
// reserve r (+Inf for none). By revenue equivalence the first-price auction
// costs what a second-price one does: min(second-lowest cost, r) when the
// lowest cost is below r. With costs normalised to X ~ U[0,1] and ρ =
// (r−a)/(b−a), E[min(X(2), ρ) 1{X(1) ≤ ρ}] = 2/(n+1) · I_ρ(3, n−1) +
// ρ · nρ(1−ρ)^(n−1), where I is the regularised incomplete beta function.
func expectedPrice(a, b, r float64, n int) (price, prob float64) {
	rho := 1.0
	if !math.IsInf(r, 1) {
		rho = math.Min(1, (r-a)/(b-a))
	}
	nf := float64(n)
	prob = 1 - math.Pow(1-rho, nf)
	e := 2/(nf+1)*mathext.RegIncBeta(3, nf-1, rho) + rho*nf*rho*math.Pow(1-rho, nf-1)
	return a + (b-a)*e/prob, prob
}
