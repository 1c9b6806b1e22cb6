package agents

import "math"

// BallotInputs are what a staff member weighs when voting on a spin-out
// (MODEL.md §4.4, gate 1).
type BallotInputs struct {
	Autonomy      float64 // log-odds for autonomy and ownership
	Engagement    float64 // the voter's engagement, 0-1
	Entrepreneur  float64 // the voter's entrepreneurial propensity, 0-1
	PensionLoss   float64 // log-odds lost for pension risk, 0 for non-members
	UnionMember   bool
	UnionStance   float64 // log-odds a union member loses
	UnitSentiment float64 // shared log-odds of the unit: its leaders' drive [M: Wylie]
}

// YesProbability returns the probability that the staff member votes for
// the spin-out: a logistic function of the inputs, centred so that an
// average voter (engagement 0.6, entrepreneurial propensity 0.3) with no
// pension risk or union and neutral sentiment votes yes with probability
// logistic(Autonomy).
func YesProbability(in BallotInputs) float64 {
	x := in.Autonomy + 3*(in.Engagement-0.6) + 3*(in.Entrepreneur-0.3) - in.PensionLoss + in.UnitSentiment
	if in.UnionMember {
		x -= in.UnionStance
	}
	return 1 / (1 + math.Exp(-x))
}

// PensionBallotLoss returns the log-odds an NHS-scheme member loses under the
// access rule: the full "deal breaker" under none (they would lose the
// scheme), a smaller worry under closed (new colleagues could not join), and
// nothing under open or when the barrier is switched off.
func PensionBallotLoss(access string, barrier, member bool, none, closed float64) float64 {
	if !barrier || !member {
		return 0
	}
	switch access {
	case "none":
		return none
	case "closed":
		return closed
	}
	return 0
}

// ManagementApproval returns the probability that senior managers approve a
// proposal (gate 2): falling with risk aversion ("quick to pour cold water"
// [J]), less so where commissioners know the mutual model.
func ManagementApproval(riskAversion, awareness float64) float64 {
	return clamp01(1 - 0.7*riskAversion*(1-0.5*awareness))
}

// BusinessPlanPass returns the probability that a team with the given skills
// writes a fundable business plan (gate 3); business support and protected
// time raise it [J].
func BusinessPlanPass(skills, support float64, protectedTime bool) float64 {
	p := skills + 0.3*support
	if protectedTime {
		p += 0.2
	}
	return clamp01(p)
}

// FinanceOK reports whether a spin-out can meet its start-up cost (gate 4):
// from a grant if it has one large enough, else from a loan, which lenders
// refuse without trading history unless a guaranteed contract of at least
// threshold is in hand [J].
func FinanceOK(cost, grant float64, history, historyNeeded int, guaranteed, threshold float64) bool {
	if grant >= cost {
		return true
	}
	return history >= historyNeeded || guaranteed >= threshold
}

// LegalChallengeStops returns the probability that a transfer of the given
// size is stopped by legal challenge (gate 5): maxP × staff ÷ (staff +
// halfStaff). NHS Gloucestershire abandoned a 3,000-staff transfer after a
// judicial review [J].
func LegalChallengeStops(staff, maxP, halfStaff float64) float64 {
	if staff <= 0 {
		return 0
	}
	return maxP * staff / (staff + halfStaff)
}
