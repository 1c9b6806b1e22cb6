package agents

import (
	"math"

	"mutualsim/internal/fmath"
)

// EquilibriumBid returns the symmetric Bayes-Nash equilibrium bid of a
// bidder with cost c in a first-price sealed-bid procurement auction (lowest
// price wins) among n bidders whose costs are i.i.d. Uniform[lo, hi], with a
// reserve price r above which bids are void:
//
//	β(c) = c + ∫_c^r (1−F(t))^(n−1) dt / (1−F(c))^(n−1)
//	     = c + [(hi−c)^n − (hi−r)^n] / [n (hi−c)^(n−1)]       for r < hi,
//	     = c + (hi−c)/n                                       for r ≥ hi.
//
// (Krishna, Auction Theory, ch. 2, for the procurement form.) With r ≥ hi the
// expected winning price is lo + 2(hi−lo)/(n+1). A bidder with c ≥ r cannot
// bid profitably and gets +Inf; one whose cost is at or above hi (every rival
// cheaper) bids its cost. One bidder alone bids the reserve.
func EquilibriumBid(c float64, n int, lo, hi, r float64) float64 {
	if c >= r {
		return math.Inf(1)
	}
	if n <= 1 {
		if math.IsInf(r, 1) {
			return math.Max(c, hi)
		}
		return r
	}
	if c >= hi {
		return c
	}
	// The bid does not depend on lo: for uniform costs the lower bound
	// cancels out of β, and a bidder cheaper than lo uses the same formula.
	top := math.Min(r, hi)
	span := hi - c
	nf := float64(n)
	if top >= hi {
		return c + span/nf
	}
	ratio := (hi - top) / span // in (0, 1)
	// [(hi−c)^n − (hi−r)^n] / [n (hi−c)^(n−1)] = span × (1 − ratio^n) / n
	return c + span*(1-fmath.Pow(ratio, nf))/nf
}

// PrivateBidBelief returns a private firm's price for a lot when it
// believes rivals' costs normal with mean mu and standard deviation sigma:
// the equilibrium bid EquilibriumBidNormal against n bidders with the budget
// as reserve, but never below cost plus the minimum investor margin
// (MODEL.md §4.5; [M: Mills]). With shading off, or a cost at or above the
// budget (a void bid), it bids cost plus margin.
func PrivateBidBelief(cost float64, n int, mu, sigma, budget, margin float64, shading bool) float64 {
	floor := cost * (1 + margin)
	if !shading || cost >= budget {
		return floor
	}
	return math.Max(EquilibriumBidNormal(cost, n, mu, sigma, budget), floor)
}

// MutualBid returns a mutual's price: cost plus a prudence margin and no
// investor return [M: Mills].
func MutualBid(cost, prudence float64, on bool) float64 {
	if !on {
		return cost
	}
	return cost * (1 + prudence)
}

// JVBid returns a joint venture's price: a mutual's (MutualBid, with its
// prudence margin when that mechanism is on) plus the part partnerShare of
// a private firm's margin its partner expects (MODEL.md §4.5 [J]): the
// partner's return does not depend on the mutual's prudence.
func JVBid(cost, prudence float64, on bool, partnerShare, privateMargin float64) float64 {
	return MutualBid(cost, prudence, on) + float64(cost*float64(partnerShare*privateMargin))
}

// NHSBid returns an NHS provider's price: its cost.
func NHSBid(cost float64) float64 { return cost }

// RivalsMemory is the weight a firm's belief about its number of rivals
// keeps at each tender it bids in (an assumption, docs/ODD.md §11).
const RivalsMemory = 0.5

// RivalsBelief returns a firm's belief about how many rivals it faces after
// a tender with rivals others: RivalsMemory × the belief before + (1 −
// RivalsMemory) × rivals, an exponential average. Bidders learn the
// competition from the tenders they see (MODEL.md §4.5).
func RivalsBelief(belief float64, rivals int) float64 {
	return float64(RivalsMemory*belief) + float64((1-RivalsMemory)*float64(rivals))
}
