package agents

import "math"

// FinanceTerms are the terms of the start-up finance a spin-out may raise
// (MODEL.md §4.4, gate 4). Money is in £m.
type FinanceTerms struct {
	FixedCost      float64 // start-up cost every spin-out bears: legal, advisory, systems
	CostShare      float64 // start-up cost that grows with the unit, as a share of its annual value
	Grant          float64 // start-up grant, 0 if the proposal has none
	HistoryYears   int     // trading history lenders require
	Threshold      float64 // guaranteed contract value above which lenders waive the history rule
	LoanShare      float64 // share of the guaranteed contract value lenders will lend against it
	SocialInvest   float64 // social-investment loan available on the same terms
	PartnerFunds   bool    // a private partner (joint venture) or the parent NHS body funds the start-up
	GuaranteeYears int     // years of the guaranteed (transitional) award
}

// StartupNeed returns the capital a spin-out must raise: a fixed cost and a
// share of the unit's annual value.
func (t FinanceTerms) StartupNeed(value float64) float64 {
	return t.FixedCost + float64(t.CostShare*value)
}

// LoanCapacity returns what lenders will lend a new organisation with the
// given trading history and annual contract value: nothing unless it has
// the history they require or a guaranteed contract worth at least the
// threshold — "new mutuals invariably lack a suitable trading history to
// meet funding criteria unless they have a guaranteed contract worth several
// million pounds" [J] — and then, with the guaranteed contract as their
// security, a share of its value plus any social-investment loan, whose
// lenders apply the same criteria ("despite the recent launch of lending
// programmes targeted at the social enterprise sector" [J]).
func (t FinanceTerms) LoanCapacity(history int, value float64) float64 {
	guaranteed := value * float64(t.GuaranteeYears)
	if history < t.HistoryYears && guaranteed < t.Threshold {
		return 0
	}
	return float64(t.LoanShare*guaranteed) + t.SocialInvest
}

// FinanceGap returns the start-up capital a proposal cannot raise: its need
// less the grant and what lenders will lend, never below zero. A proposal
// passes the finance gate when the gap is zero; a grant narrows the gap by
// its whole amount, so that a partial grant still counts. A partner that
// funds the start-up closes the gap.
func (t FinanceTerms) FinanceGap(history int, value float64) float64 {
	if t.PartnerFunds {
		return 0
	}
	return math.Max(0, t.StartupNeed(value)-t.Grant-t.LoanCapacity(history, value))
}
