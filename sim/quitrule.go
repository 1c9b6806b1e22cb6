package sim

import (
	"math"

	"mutualsim/agents"
	"mutualsim/internal/fmath"
)

// quitRule decides whether a staff member quits, uQuit <
// agents.QuitProbability(base, k, e, rel, elasticity), with the same answer
// for every input, but evaluating the exponentials only near the boundary.
// For k·e ≥ 0, exp(−k·e) ≤ 1, so most draws are refused by quitBound
// alone, which needs no exponential at all where rel is 1 (most staff).
// Of the rest, exp(−k·e) is bracketed between its values at the two grid points
// around −k·e (computed once per region and year), and only a draw that
// falls between the two probabilities they give needs the exponential.
// The brackets are widened by quitMargin, far beyond the few units in the
// last place by which the rounded products could differ from the exact
// ones, so a decision taken from them is the exact one (a property test,
// TestQuitRuleDecidesExactly, checks millions of draws).
type quitRule struct {
	base, k, elasticity float64
	// exps[j] is fmath.Exp(−j/quitGrid), for j from 0 to the grid point at
	// or beyond k.
	exps []float64
}

// quitGrid is the number of grid points per unit of k·e: with 64 the
// bracket is 1.6% wide, and about one draw in 200 that reaches the rule
// needs the exponential (1 in 211 of a million, at the default levers with
// engagement around 0.6).
const quitGrid = 64

// quitMargin widens the brackets, relatively: a thousand times the
// rounding error of the products compared.
const quitMargin = 1e-12

func newQuitRule(base, k, elasticity float64) quitRule {
	q := quitRule{base: base, k: k, elasticity: elasticity}
	if k < 0 || k > maxBracketedK || math.IsNaN(k) {
		return q // no brackets: every decision takes the exponential
	}
	n := int(math.Ceil(k*quitGrid)) + 1
	q.exps = make([]float64, n+1)
	for j := range q.exps {
		q.exps[j] = fmath.Exp(-float64(j) / quitGrid)
	}
	return q
}

// maxBracketedK bounds the k whose brackets are tabulated (the lever's
// range is 0 to 20: 1,281 values at most).
const maxBracketedK = 20

// decide reports whether a staff member of engagement e and relative
// reward rel quits on the uniform draw u.
func (q *quitRule) decide(u, e, rel float64) bool {
	if q.k >= 0 && e >= 0 && !(u < quitBound(q.base, rel, q.elasticity)) {
		return false
	}
	if rel > 0 && e >= 0 && e <= 1 && q.exps != nil {
		x := q.k * e * quitGrid
		j := int(x)
		if j+1 < len(q.exps) {
			p := fmath.Pow(rel, -q.elasticity)
			lo := float64(float64(q.base*q.exps[j+1]) * p)
			hi := float64(float64(q.base*q.exps[j]) * p)
			switch {
			case u < float64(lo*(1-quitMargin)) && u < 1: // the probability is capped at 1
				return true
			case u >= float64(hi*(1+quitMargin)):
				return false
			}
		}
	}
	return u < agents.QuitProbability(q.base, q.k, e, rel, q.elasticity)
}

// quitBound returns base × rel^(−elasticity), an upper bound of
// agents.QuitProbability for non-negative engagement, computed with the same
// rounding order so that the bound is exact in floating point.
func quitBound(base, rel, elasticity float64) float64 {
	if rel == 1 {
		return base
	}
	if rel <= 0 {
		return 1
	}
	return base * fmath.Pow(rel, -elasticity)
}
