package agents

import (
	"math"
	"mutualsim/internal/fmath"
)

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
	x := in.Autonomy + float64(BallotSlope*(in.Engagement-RefEngagement)) + float64(BallotSlope*(in.Entrepreneur-RefEntrepreneur)) - in.PensionLoss + in.UnitSentiment
	if in.UnionMember {
		x -= in.UnionStance
	}
	return 1 / (1 + fmath.Exp(-x))
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

// ManagerCaution is how much of a proposal senior managers turn down at
// full risk aversion: at manager risk aversion 1 they approve three in ten
// (an assumption, docs/ODD.md).
const ManagerCaution = 0.7

// ManagementApproval returns the probability that senior managers of the
// NHS provider approve a proposal (gate 2): 1 − 0.7 × their risk aversion.
// "Although frontline staff may be keen to spin out their services, senior
// managers are often quick to pour cold water on their ideas" [J]. The
// managers' caution is their own lever, apart from the commissioners' risk
// penalty in tender scoring, which [J] treats as "the other side of the
// coin".
func ManagementApproval(managerRiskAversion float64) float64 {
	return clamp01(1 - float64(ManagerCaution*managerRiskAversion))
}

// The reference staff member: the engagement and entrepreneurial
// propensity around which the ballot, the proposal rate, productivity and
// quality are centred (assumptions, docs/ODD.md §11).
const (
	// RefEngagement is the reference engagement (0-1).
	RefEngagement = 0.6
	// RefEntrepreneur is the reference entrepreneurial propensity (0-1).
	RefEntrepreneur = 0.3
)

// AwarenessBase and AwarenessGain set how commissioners' awareness of the
// mutual model (0-1) raises proposals: × (0.75 + 0.5 × awareness), a
// commissioner's "willingness to entertain innovative proposals" [J]
// (sizes assumed, docs/ODD.md §11).
const (
	AwarenessBase = 0.75
	AwarenessGain = 0.5
)

// A service unit's size scales its proposal rate by √(UnitStaffRef / staff),
// bounded by UnitSizeMin (a unit of 7,500 staff proposes at a fifth of the
// reference rate) and UnitSizeMax (one of 75 at twice): "a handful of large
// scale employee led spin-outs ... The rest have been much smaller scale
// operations for discrete service areas" [J] (sizes assumed, docs/ODD.md
// §11).
const (
	UnitStaffRef = 300
	UnitSizeMin  = 0.2
	UnitSizeMax  = 2
)

// UnitSizeFactor returns the factor by which a service unit of staff
// people scales support.spinout_rate: √(UnitStaffRef / staff) within
// [UnitSizeMin, UnitSizeMax]; small units propose more often than large
// ones. A unit counts as at least one person.
func UnitSizeFactor(staff int) float64 {
	f := math.Sqrt(UnitStaffRef / float64(max(1, staff)))
	if f < UnitSizeMin {
		return UnitSizeMin
	}
	if f > UnitSizeMax {
		return UnitSizeMax
	}
	return f
}

// ProposalRate returns a unit's yearly probability of proposing a
// spin-out before the right to provide and the demonstration of others'
// success: the base rate × the staff's mean entrepreneurial propensity and
// engagement, each relative to the reference staff member, × (AwarenessBase
// + AwarenessGain × awareness) (MODEL.md §4.4). Proposals come from staff
// with drive and commitment, where commissioners are open to them [J].
func ProposalRate(base, entrepreneur, engagement, awareness float64) float64 {
	return base * (entrepreneur / RefEntrepreneur) * (engagement / RefEngagement) * (AwarenessBase + float64(AwarenessGain*awareness))
}

// BallotSlope is the log-odds of a yes vote gained per unit of engagement,
// and per unit of entrepreneurial propensity, above the reference: a voter
// a standard deviation (about 0.12) more engaged is about 9 points more
// likely to vote yes at even odds (an assumption, docs/ODD.md §11).
const BallotSlope = 3

// Gate 3: business support adds SupportSkillGain × support to a team's
// chance of a fundable plan, and protected time ProtectedTimeGain; both
// are named by [J] as what teams lacked, the sizes are assumptions
// (docs/ODD.md §11).
const (
	SupportSkillGain  = 0.3
	ProtectedTimeGain = 0.2
)

// BusinessPlanPass returns the probability that a team with the given skills
// writes a fundable business plan (gate 3); business support and protected
// time raise it [J].
func BusinessPlanPass(skills, support float64, protectedTime bool) float64 {
	p := skills + float64(SupportSkillGain*support)
	if protectedTime {
		p += ProtectedTimeGain
	}
	return clamp01(p)
}

// ChallengeStops returns the probability that a transfer of the given size
// is stopped by consultation and legal challenge (gate 5): maxP × staff ÷
// (staff + halfStaff), the size term, times the backing the challenge gets
// from trade unions, 2 × logistic(unionShare × opposition − refBacking):
// 1 when the unit's union members and their stance are those of the
// defaults (refBacking), up to 2 with strong opposition, toward 0 with none.
// "The decision of NHS Gloucestershire in 2012 to abandon the proposed
// transfer of 3,000 staff ... following a successful judicial review
// demonstrates the difficulties involved in winning hearts and minds, and
// gaining support from key stakeholders, including trade unions" [J].
func ChallengeStops(staff, maxP, halfStaff, unionShare, opposition, refBacking float64) float64 {
	if staff <= 0 {
		return 0
	}
	backing := 2 / (1 + fmath.Exp(-(float64(unionShare*opposition)-refBacking)/refScale(refBacking)))
	return clamp01(maxP * staff / (staff + halfStaff) * backing)
}

// refScale is the spread of the union-backing logistic: the reference
// backing itself, so that no union opposition halves the challenge risk
// (2 × logistic(−1) ≈ 0.54) and twice the reference raises it by half.
func refScale(ref float64) float64 {
	if ref <= 0 {
		return 1
	}
	return ref
}
