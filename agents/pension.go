package agents

// PensionRules are the NHS Pension Scheme rules in force in a year
// (MODEL.md §4.3). Access is "none", "closed" or "open".
type PensionRules struct {
	Access           string  // for mutuals and joint ventures
	PrivateAccess    string  // for private firms
	EmployerRate     float64 // total employer rate of the NHS scheme
	CentralTopUp     float64 // part funded centrally for NHS bodies
	IndependentTopUp bool    // independent employers get the top-up too
	DBPremium        float64 // value of the defined-benefit promise beyond the employer rate
	AlternativeRate  float64 // employer rate of the alternative scheme
	Barrier          bool    // false switches the barrier off: independent recruits are treated as under open access
}

// AccessFor returns the access rule that applies to an employer of kind k:
// "open" for the NHS itself.
func (r PensionRules) AccessFor(k Kind) string {
	switch k {
	case NHS:
		return "open"
	case Private:
		return r.PrivateAccess
	}
	return r.Access
}

// RecruitJoinsNHS reports whether a new recruit of an employer of kind k
// joins the NHS scheme.
func (r PensionRules) RecruitJoinsNHS(k Kind) bool {
	return !k.Independent() || r.AccessFor(k) == "open" || !r.Barrier
}

// Transfer returns the scheme membership and protection of a staff member
// moving from an employer of kind from to one of kind to under TUPE:
// into the NHS everyone may join the scheme; out of it, members keep the
// scheme (protected) under closed or open access and lose it under none
// (Fair Deal 1999; New Fair Deal 2013). Non-members join where a recruit
// would.
func (r PensionRules) Transfer(inNHS bool, to Kind) (nhs, protected bool) {
	if !to.Independent() {
		return true, false
	}
	if !inNHS {
		return r.RecruitJoinsNHS(to), false
	}
	if r.AccessFor(to) == "none" && r.Barrier {
		return false, false
	}
	return true, true
}

// BidderNHSShare returns the share of a service's staff in the NHS scheme
// that a bidder of kind k prices over the contract, from the share current
// of the staff it would inherit: the incumbent keeps its own; a bidder
// whose recruits join the scheme (an NHS body, or open access) has everyone
// in it, as its staff pass makes them join; under no access the inherited
// members leave the scheme at the transfer (Transfer), so none are in it;
// otherwise the members keep it (protected), and the part stayers of
// them is priced as still there, leavers being replaced on the
// employer's own terms (MODEL.md §4.3: a bidder prices what the model's
// transfer and staff pass then do).
func (r PensionRules) BidderNHSShare(current float64, k Kind, incumbent bool, stayers float64) float64 {
	switch {
	case incumbent:
		return current
	case r.RecruitJoinsNHS(k):
		return 1
	}
	if keeps, _ := r.Transfer(true, k); !keeps {
		return 0
	}
	return current * stayers
}

// EmployerRateFor returns the employer contribution rate an employer of
// kind k pays for a member of the given scheme.
func (r PensionRules) EmployerRateFor(k Kind, nhsScheme bool) float64 {
	if !nhsScheme {
		return r.AlternativeRate
	}
	if !k.Independent() || r.IndependentTopUp {
		return r.EmployerRate - r.CentralTopUp
	}
	return r.EmployerRate
}

// SchemeValue returns the value a staff member or candidate puts on a scheme
// as a share of pay: the NHS scheme's total employer rate plus its
// defined-benefit premium, or the alternative scheme's employer rate.
func (r PensionRules) SchemeValue(nhsScheme bool) float64 {
	if nhsScheme {
		return r.EmployerRate + r.DBPremium
	}
	return r.AlternativeRate
}

// RecruitWageFactor returns the wage an independent employer offers a
// recruit who cannot join the NHS scheme, relative to its base wage: it
// makes up the share compensation of the gap in scheme value.
func (r PensionRules) RecruitWageFactor(compensation float64) float64 {
	gap := r.SchemeValue(true) - r.SchemeValue(false)
	if gap <= 0 {
		return 1
	}
	return 1 + compensation*gap/(1+r.SchemeValue(false))
}

// RelativeReward returns total reward, wage × (1 + scheme value) plus any
// staff benefit, relative to the NHS reference wage × (1 + NHS scheme value):
// wage × RewardFactor / RewardBase.
func (r PensionRules) RelativeReward(wage, refWage float64, nhsScheme bool, benefitShare float64) float64 {
	return wage * r.RewardFactor(nhsScheme, benefitShare) / r.RewardBase(refWage)
}

// RewardFactor returns 1 + scheme value + staff benefit share: what a unit
// of wage is worth to a staff member in the scheme or out of it. A loop
// over staff computes it once per scheme and employer.
func (r PensionRules) RewardFactor(nhsScheme bool, benefitShare float64) float64 {
	return 1 + r.SchemeValue(nhsScheme) + benefitShare
}

// RewardBase returns the NHS reference wage × (1 + NHS scheme value), the
// total reward relative rewards are measured against.
func (r PensionRules) RewardBase(refWage float64) float64 {
	return refWage * (1 + r.SchemeValue(true))
}
