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

// WithParticipation shifts weight to social value in proportion to public
// participation in commissioning [M: Rozansky]: the social-value weight gains
// 0.1 × participation and all three are rescaled to sum to 1.
func (w Weights) WithParticipation(participation float64) Weights {
	sv := w.SocialValue + float64(0.1*participation)
	total := w.Price + w.Quality + sv
	return Weights{Price: w.Price / total, Quality: w.Quality / total, SocialValue: sv / total}
}

// Risk returns the risk (0-1) a commissioner sees in a bidder: thin trading
// history and reserves thin against the lot's value raise it; NHS bodies
// carry none; awareness of the mutual model lowers what is seen in mutuals
// and joint ventures (MODEL.md §4.5; [J]). TransitionRisk adds the risk of
// moving a service to a challenger.
func Risk(k Kind, history int, reserves, value, awareness float64) float64 {
	if k == NHS {
		return 0
	}
	hist := fmath.Exp(-float64(history) / 3)
	thin := 1.0
	if value > 0 {
		thin = clamp01(1 - reserves/(0.25*value))
	}
	r := float64(0.6*hist) + float64(0.4*thin)
	if k == Mutual || k == JV {
		r *= 1 - float64(0.8*awareness)
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
