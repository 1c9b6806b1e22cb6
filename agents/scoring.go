package agents

import "mutualsim/internal/fmath"

// RiskScale converts a bidder's risk (0-1) into score units, so that at full
// risk aversion the riskiest bidder loses as much as a 10-point quality gap
// at a quality weight of 1. An assumption recorded in docs/ODD.md.
const RiskScale = 0.1

// Weights are a commissioner's tender scoring weights; they sum to 1.
type Weights struct {
	Price, Quality, SocialValue float64
}

// ParticipationSocialValue is the social-value weight that full public
// participation in commissioning adds (an assumption, docs/ODD.md §11).
const ParticipationSocialValue = 0.1

// WithParticipation shifts weight to social value in proportion to public
// participation in commissioning [M: Rozansky]: the social-value weight gains
// 0.1 × participation and all three are rescaled to sum to 1.
func (w Weights) WithParticipation(participation float64) Weights {
	sv := w.SocialValue + float64(ParticipationSocialValue*participation)
	total := w.Price + w.Quality + sv
	return Weights{Price: w.Price / total, Quality: w.Quality / total, SocialValue: sv / total}
}

// The parts of a bidder's risk (assumptions, docs/ODD.md §11): the risk of
// a short trading history falls by e every RiskHistoryYears years; reserves
// of RiskReserveCover × the lot's value leave none of the risk of thin
// reserves; the two weigh RiskHistoryWeight and RiskReservesWeight; full
// awareness of the mutual model removes RiskAwarenessCut of what is seen
// in mutuals and joint ventures.
const (
	RiskHistoryYears   = 3
	RiskReserveCover   = 0.25
	RiskHistoryWeight  = 0.6
	RiskReservesWeight = 0.4
	RiskAwarenessCut   = 0.8
)

// Risk returns the risk (0-1) a commissioner sees in a bidder: thin trading
// history and reserves thin against the lot's value raise it; NHS bodies
// carry none; awareness of the mutual model lowers what is seen in mutuals
// and joint ventures (MODEL.md §4.5; [J]). TransitionRisk adds the risk of
// moving a service to a challenger.
func Risk(k Kind, history int, reserves, value, awareness float64) float64 {
	if k == NHS {
		return 0
	}
	hist := fmath.Exp(-float64(history) / RiskHistoryYears)
	thin := 1.0
	if value > 0 {
		thin = clamp01(1 - reserves/(RiskReserveCover*value))
	}
	r := float64(RiskHistoryWeight*hist) + float64(RiskReservesWeight*thin)
	if k == Mutual || k == JV {
		r *= 1 - float64(RiskAwarenessCut*awareness)
	}
	return r
}

// TransitionRisk returns a challenger's risk with the risk of moving the
// service to it added (any kind of provider), capped at 1.
func TransitionRisk(risk, transition float64, incumbent bool) float64 {
	if incumbent {
		return risk
	}
	return min(1, risk+transition)
}

// Score returns the most-economically-advantageous-tender score of a bid:
// w_q × quality − w_p × price ÷ budget + w_sv × social value −
// risk aversion × RiskScale × risk (MODEL.md §4.5).
func Score(w Weights, quality, price, budget, socialValue, riskAversion, risk float64) float64 {
	return float64(w.Quality*quality) - w.Price*price/budget + float64(w.SocialValue*socialValue) - float64(riskAversion*RiskScale*risk)
}
