package agents

// SurplusRules are the levers that govern how a surplus is split (MODEL.md §4.2).
type SurplusRules struct {
	CaptureMax      float64 // largest staff share of the shareable surplus
	ReserveTarget   float64 // prudent reserve a mutual builds first, share of revenue
	DividendShare   float64 // private investors' share
	JVInvestorShare float64 // a joint venture partner's share
	Capture         bool    // producer capture mechanism on
	Extraction      bool    // investor extraction mechanism on
}

// Split is how a provider's yearly surplus is used. The parts sum to the
// surplus; a deficit goes wholly to reserves.
type Split struct {
	Reserves     float64
	Investment   float64 // quality investment
	StaffBenefit float64 // bonus, pay drift, easier working patterns
	Dividend     float64 // to investors
}

// NHSReserveShare is the part of an NHS provider's surplus kept in
// reserves, the rest invested (an assumption: the 70/30 split of
// docs/ODD.md §11); MinReserveShare the least part of a mutual's surplus
// (after an investor's dividend) that goes to reserves, which take more
// while they are short of reserve_target; PrivateReserveShare the part of
// a private firm's surplus after dividends kept in reserves, the rest
// invested.
const (
	NHSReserveShare     = 0.7
	MinReserveShare     = 0.25
	PrivateReserveShare = 0.5
)

// SplitSurplus divides surplus by the provider's governance (MODEL.md §4.2):
//   - nhs: mostly retained (70% reserves, 30% quality investment);
//   - private: the dividend share to investors, the rest half to reserves
//     and half to quality;
//   - mutual and jv: a joint venture first pays its partner; then a prudent
//     reserve (at least a quarter of the surplus, more while reserves are
//     below target); of the rest, a staff-benefit share of
//     capture_max × staff_control × (1 − community_share) × (1 − contestability),
//     capped at bonus_cap × revenue; the remainder to quality.
func SplitSurplus(p *Provider, surplus, revenue float64, r SurplusRules) Split {
	if surplus <= 0 {
		return Split{Reserves: surplus}
	}
	var s Split
	switch p.Kind {
	case NHS:
		s.Reserves = float64(NHSReserveShare * surplus)
		s.Investment = surplus - s.Reserves
	case Private:
		if r.Extraction {
			s.Dividend = float64(r.DividendShare * surplus)
		}
		rest := surplus - s.Dividend
		s.Reserves = float64(rest * PrivateReserveShare)
		s.Investment = rest - s.Reserves
	case Mutual, JV:
		rest := surplus
		if p.Kind == JV && r.Extraction {
			s.Dividend = float64(r.JVInvestorShare * surplus)
			rest -= s.Dividend
		}
		need := float64(r.ReserveTarget*revenue) - p.Reserves
		s.Reserves = min(rest, max(MinReserveShare*rest, need))
		rest -= s.Reserves
		if r.Capture {
			share := r.CaptureMax * p.StaffControl * (1 - p.CommunityShare) * (1 - p.Contestability)
			s.StaffBenefit = min(share*rest, max(0, p.BonusCap*revenue))
		}
		s.Investment = rest - s.StaffBenefit
	}
	return s
}
