package sim

import (
	"mutualsim/agents"
)

// Gate is one of the five gates a spin-out proposal must pass (MODEL.md
// §4.4). NumGates stands for a proposal that passed them all.
type Gate int

// The gates, in the order a proposal meets them.
const (
	GateBallot Gate = iota
	GateManagement
	GateBusinessPlan
	GateFinance
	GateLegal
	NumGates
)

// String returns the gate's name in output files, "formed" for NumGates.
func (g Gate) String() string {
	switch g {
	case GateBallot:
		return "ballot"
	case GateManagement:
		return "management"
	case GateBusinessPlan:
		return "business_plan"
	case GateFinance:
		return "finance"
	case GateLegal:
		return "legal"
	}
	return "formed"
}

// Form is what a proposal would create: an independent mutual, a joint
// venture with a private partner, or a company wholly owned by the NHS body.
type Form uint8

// The forms a spin-out may take.
const (
	FormMutual Form = iota
	FormJV
	FormTeckal
)

// String returns the form's name in output files.
func (f Form) String() string {
	switch f {
	case FormJV:
		return "jv"
	case FormTeckal:
		return "teckal_company"
	}
	return "mutual"
}

// Constants of the spin-out phase (assumptions, docs/ODD.md).
const (
	// refEntrepreneur is the mean entrepreneurial propensity around which
	// the proposal rate is centred.
	refEntrepreneur = agents.RefEntrepreneur
	// inheritedSlack is the part of its parent's slack a new mutual keeps:
	// the same people and habits, under new pressure.
	inheritedSlack = 0.5
	// jvStaffControl is the part of the governance lever's staff control a
	// joint venture's staff hold; the partner holds the rest.
	jvStaffControl = 0.5
	// sentimentSD is the spread of a unit's shared log-odds in its ballot.
	sentimentSD = 0.8
	// skillSD is the spread of a proposal team's business skill, and of a
	// new mutual's around support.business_skills.
	skillSD = 0.1
	// partnerSkills is the business skill a private partner brings to a
	// joint venture [J: partners "may have skills in business planning"].
	partnerSkills = 0.3
	// partnerReserves is the capital a partner puts in, as a share of the
	// unit's annual value.
	partnerReserves = 0.05
	// workingCapital is the working capital a new organisation starts with,
	// from a facility secured on its contract: a month and a half of revenue.
	workingCapital = 0.12
	// refUnionBacking is the union share × union opposition at which trade
	// unions back a legal challenge as strongly as the legal-risk levers
	// assume: the defaults, 40% members and a stance of 1 log-odds.
	refUnionBacking = 0.4
)

// unit is a proposal's service unit: one contract of the region's NHS
// provider, or all of them when the whole provider arm proposes.
type unit struct {
	contracts []int // indices into the region's contracts
	services  agents.ServiceSet
	value     float64 // annual value of its contracts, £m
	staff     int
	arm       bool
}

// spinouts runs phase 4 (MODEL.md §4.4): a region's whole NHS provider arm,
// and each of its service units, may propose to spin out, and a proposal
// passes or fails gate by gate. Regions run in order, each with its own
// stream, because a spin-out adds a provider.
func (w *World) spinouts() {
	if !w.p.Mechanisms.Spinouts {
		return
	}
	vis := w.visibility()
	for ri, r := range w.regions {
		rs := newStream(w.seed, w.rep, purposeSpinout, int(r.ID), w.year)
		uArm := rs.Float64()
		if arm, ok := w.armUnit(r); ok && w.p.Mechanisms.ArmSpinouts && uArm < w.proposalRate(r, arm, &vis[ri]) {
			// The provider arm's staff are taken up by the arm's proposal
			// this year: no single service proposes beside it.
			w.propose(rs, r, arm, &vis[ri])
			continue
		}
		for ci := range r.Contracts {
			c := &r.Contracts[ci]
			if !c.Active || c.Holder != r.InHouse {
				continue
			}
			u := w.serviceUnit(r, ci)
			if rs.Float64() >= w.proposalRate(r, u, &vis[ri]) {
				continue
			}
			w.propose(rs, r, u, &vis[ri])
		}
	}
}

// serviceUnit returns contract ci of region r as a unit.
func (w *World) serviceUnit(r *Region, ci int) unit {
	c := &r.Contracts[ci]
	u := unit{contracts: []int{ci}, services: c.Services, value: c.Price}
	for s := range agents.NumServices {
		if c.Services.Has(s) {
			u.staff += r.svc[s].HeadEnd
		}
	}
	return u
}

// armUnit returns the region's whole NHS provider arm as a unit, if it holds
// at least two contracts (one contract is a service unit).
func (w *World) armUnit(r *Region) (unit, bool) {
	u := unit{arm: true}
	for ci := range r.Contracts {
		c := &r.Contracts[ci]
		if !c.Active || c.Holder != r.InHouse {
			continue
		}
		u.contracts = append(u.contracts, ci)
		u.services |= c.Services
		u.value += c.Price
		for s := range agents.NumServices {
			if c.Services.Has(s) {
				u.staff += r.svc[s].HeadEnd
			}
		}
	}
	return u, len(u.contracts) >= 2
}

// unitMeans returns the mean engagement and entrepreneurial propensity of a
// unit's staff, and its staff-weighted visibility of successful mutuals.
func unitMeans(r *Region, u unit, vis *[agents.NumServices]float64) (eng, ent, seen float64) {
	head := 0
	for s := range agents.NumServices {
		if u.services.Has(s) {
			sv := &r.svc[s]
			head += sv.Headcount
			eng += sv.Engagement
			ent += sv.Entrepreneur
			seen += float64(vis[s] * float64(sv.Headcount))
		}
	}
	if head == 0 {
		return refEngagement, refEntrepreneur, 0
	}
	return eng / float64(head), ent / float64(head), seen / float64(head)
}

// proposalRate returns the yearly probability that unit u proposes: the
// base rate (support.spinout_rate for a service, falling with its size;
// support.arm_proposal_rate for a whole arm) × the staff's entrepreneurial
// drive and engagement × commissioners' awareness × the right to provide ×
// the demonstration of others' success.
func (w *World) proposalRate(r *Region, u unit, vis *[agents.NumServices]float64) float64 {
	sp := w.p.Support
	eng, ent, seen := unitMeans(r, u, vis)
	var base float64
	if u.arm {
		base = sp.ArmProposalRate
	} else {
		// Small units propose more often than large ones: "a handful of
		// large scale employee led spin-outs ... The rest have been much
		// smaller scale operations for discrete service areas" [J].
		base = sp.SpinoutRate * agents.UnitSizeFactor(u.staff)
	}
	prob := agents.ProposalRate(base, ent, eng, w.awarenessOf(r))
	if sp.RightToProvide {
		prob *= sp.RightToProvideMult
	}
	lift, _ := w.demonstration(seen)
	return prob * lift
}

// awarenessOf returns the awareness of r's commissioner, 0 with the
// mechanism off.
func (w *World) awarenessOf(r *Region) float64 {
	if !w.p.Mechanisms.Awareness {
		return 0
	}
	return r.Commissioner.Awareness
}

// demonstration returns the proposal factor and ballot log-odds that a
// visibility of successful mutuals gives, none with the mechanism off.
func (w *World) demonstration(visibility float64) (proposal, ballot float64) {
	if !w.p.Mechanisms.Demonstration {
		return 1, 0
	}
	return agents.DemonstrationLift(w.p.Support.Demonstration, visibility)
}

// propose runs one proposal of unit u through the gates and forms the new
// organisation if it passes them all.
func (w *World) propose(rs *stream, r *Region, u unit, vis *[agents.NumServices]float64) {
	sp := w.p.Support
	// Draw every number the attempt may need first, so that the stream stays
	// aligned whatever the outcome.
	sentiment, uForm, uManage, skillDraw, uPlan, uGrant, uLegal := rs.Norm(), rs.Float64(), rs.Float64(), rs.Norm(), rs.Float64(), rs.Float64(), rs.Float64()
	if u.staff == 0 {
		return
	}
	form := FormMutual
	switch {
	case w.p.Procurement.TeckalCompanies && uForm < sp.TeckalCompanyShare:
		form = FormTeckal
	case uForm >= sp.TeckalCompanyShare && uForm-sp.TeckalCompanyShare < sp.JVShare && len(w.nationals) > 0:
		form = FormJV
	}
	rec := SpinoutRecord{Year: w.year, Region: r.ID, Parent: r.InHouse, Services: u.services, Staff: u.staff, Value: u.value, Mutual: -1,
		JV: form == FormJV, Arm: u.arm, Form: form}
	w.tally.spinAttempts++
	fail := func(g Gate) {
		rec.Failed = g
		rec.GatesPassed = int(g)
		w.tally.spinFail[g]++
		w.addSpinout(rec)
	}
	// Gate 1: the staff ballot, by majority of the unit's staff now. A
	// company wholly owned by the NHS body changes no one's ownership or
	// pension: its staff are consulted, not balloted.
	_, _, seen := unitMeans(r, u, vis)
	voters, union := 0, 0
	if form != FormTeckal {
		yes := 0
		voters, union, yes = w.ballot(rs, r, u, sentiment, seen)
		if voters > 0 {
			rec.YesShare = float64(yes) / float64(voters)
		}
		rec.Staff = voters
		if 2*yes <= voters {
			fail(GateBallot)
			return
		}
	} else {
		voters, union = w.unitStaff(r, u)
		rec.Staff = voters
	}
	// Gate 2: senior managers of the NHS provider approve or pour cold water.
	if w.p.Mechanisms.ManagerCaution && uManage >= agents.ManagementApproval(sp.ManagerRiskAversion) {
		fail(GateManagement)
		return
	}
	// Gate 3: the business plan; an arm's management team or a private
	// partner brings skills; the NHS body plans its own company.
	skills := clamp(sp.BusinessSkills+float64(skillSD*skillDraw), 0, 1)
	if u.arm {
		skills += sp.ArmSkills
	}
	if form == FormJV {
		skills += partnerSkills
	}
	if form != FormTeckal && uPlan >= agents.BusinessPlanPass(skills, sp.BusinessSupport, sp.ProtectedTime) {
		fail(GateBusinessPlan)
		return
	}
	// Gate 4: finance.
	terms := w.financeTerms(uGrant, form)
	rec.StartupNeed = terms.StartupNeed(u.value)
	rec.FinanceGap = terms.FinanceGap(0, u.value)
	if w.p.Mechanisms.FinanceGate && rec.FinanceGap > 0 {
		fail(GateFinance)
		return
	}
	// Gate 5: consultation and legal challenge, stronger at scale and with
	// union backing.
	unionShare := 0.0
	if voters > 0 {
		unionShare = float64(union) / float64(voters)
	}
	opposition := w.p.Workforce.UnionOpposition * w.p.Workforce.UnionLitigation
	if !w.p.Mechanisms.UnionBacking {
		unionShare, opposition = 1, refUnionBacking
	}
	if uLegal < agents.ChallengeStops(float64(voters), sp.LegalRiskMax, sp.LegalRiskStaff, unionShare, opposition, refUnionBacking) {
		fail(GateLegal)
		return
	}
	partner := 0.0
	if form == FormJV {
		partner = (uForm - sp.TeckalCompanyShare) / sp.JVShare
	}
	id := w.form(rs, r, u, form, terms, partner)
	w.tally.spinFormed++
	if u.arm {
		w.tally.armFormed++
	}
	switch form {
	case FormMutual:
		w.cum.mutualsFormed++
	case FormTeckal:
		w.tally.teckalFormed++
	}
	if form == FormJV {
		w.cum.jvFormedValue += u.value
	}
	rec.Failed = NumGates
	rec.GatesPassed = int(NumGates)
	rec.Mutual = id
	w.addSpinout(rec)
}

// ballot runs gate 1: each of the unit's staff votes, and it returns the
// voters, the union members among them and the yes votes.
func (w *World) ballot(rs *stream, r *Region, u unit, sentiment, seen float64) (voters, union, yes int) {
	wf := w.p.Workforce
	_, demo := w.demonstration(seen)
	st := &r.Staff
	for i := range st.Len() {
		if !u.services.Has(st.Service[i]) {
			continue
		}
		voters++
		f := st.Flags[i]
		if f&agents.FlagUnion != 0 {
			union++
		}
		in := agents.BallotInputs{
			Autonomy:      wf.BallotAutonomy,
			Engagement:    float64(st.Engagement[i]),
			Entrepreneur:  float64(st.Entrepreneur[i]),
			PensionLoss:   agents.PensionBallotLoss(w.rules.Access, w.rules.Barrier, f&agents.FlagNHSScheme != 0, wf.BallotPensionNone, wf.BallotPensionClose),
			UnionMember:   f&agents.FlagUnion != 0,
			UnionStance:   wf.UnionOpposition,
			UnitSentiment: float64(sentimentSD*sentiment) + demo,
		}
		if rs.Float64() < agents.YesProbability(in) {
			yes++
		}
	}
	return voters, union, yes
}

// unitStaff returns the unit's staff and the union members among them.
func (w *World) unitStaff(r *Region, u unit) (staff, union int) {
	st := &r.Staff
	for i := range st.Len() {
		if u.services.Has(st.Service[i]) {
			staff++
			if st.Flags[i]&agents.FlagUnion != 0 {
				union++
			}
		}
	}
	return staff, union
}

// financeTerms returns the finance a proposal meets at gate 4: the grant if
// uGrant falls within support.grant_share, lenders' criteria and the
// guaranteed transitional award; a joint venture's partner or the NHS body
// behind its own company funds the start-up.
func (w *World) financeTerms(uGrant float64, form Form) agents.FinanceTerms {
	sp := w.p.Support
	t := agents.FinanceTerms{
		FixedCost: sp.StartupCost, CostShare: sp.StartupCostShare,
		HistoryYears: sp.LoanHistoryYears, Threshold: sp.GuaranteedContract, LoanShare: sp.LoanShare,
		SocialInvest: sp.SocialInvestment, GuaranteeYears: w.p.Procurement.TransitionalYears,
		PartnerFunds: form != FormMutual,
	}
	if uGrant < sp.GrantShare {
		t.Grant = sp.StartupGrant
	}
	return t
}

// form creates the organisation a proposal that passed every gate forms:
// the unit's staff and contracts move to it on a transitional award (a
// Teckal direct award for an NHS body's own company), staff keeping NHS
// pension rights by TUPE. It returns the new provider's id.
//
// partner, in [0, 1), picks a joint venture's partner among the national firms.
func (w *World) form(rs *stream, r *Region, u unit, form Form, terms agents.FinanceTerms, partner float64) int32 {
	parent := &w.providers[r.InHouse]
	var m agents.Provider
	route, years := agents.RouteTransitional, w.p.Procurement.TransitionalYears
	switch form {
	case FormTeckal:
		// A company wholly owned by the NHS body: no staff ownership, the
		// NHS body's voice and capture, its parent's capital.
		m = w.newMutual(rs, parent, w.year+1, parent.Slack)
		m.Kind, m.Teckal = agents.NHS, true
		m.StaffControl, m.CommunityShare, m.AssetLock = 0, 0, false
		m.Participation = parent.Participation
		m.Parent = parent.ID
		m.Reserves = partnerReserves * u.value
		route, years = agents.RouteTeckal, w.p.Procurement.ContractYears
	default:
		m = w.newMutual(rs, parent, w.year+1, inheritedSlack*parent.Slack)
		// Working capital from a facility secured on the contract, what the
		// grant leaves after start-up costs, and the start-up loan to repay
		// over the guaranteed award.
		need := terms.StartupNeed(u.value)
		m.Reserves = max(0, terms.Grant-need) + float64(workingCapital*u.value)
		if form == FormMutual {
			m.Debt = max(0, min(need-terms.Grant, terms.LoanCapacity(0, u.value)))
			m.DebtPayment = m.Debt / float64(max(1, terms.GuaranteeYears))
		}
		if form == FormJV {
			m.Kind = agents.JV
			m.StaffControl *= jvStaffControl
			m.BusinessSkills = clamp(m.BusinessSkills+partnerSkills, 0, 1)
			m.Reserves += float64(partnerReserves * u.value)
			m.Parent = w.nationals[int(partner*float64(len(w.nationals)))%len(w.nationals)]
		}
	}
	if u.arm {
		m.BusinessSkills = clamp(m.BusinessSkills+w.p.Support.ArmSkills, 0, 1)
	}
	m.Lines = u.services
	id := w.addProvider(m)
	for _, ci := range u.contracts {
		c := &r.Contracts[ci]
		c.Holder = id
		c.Route = route
		c.Start = w.year + 1
		c.End = w.year + years
		c.Promised = c.Quality
		for s := range agents.NumServices {
			if c.Services.Has(s) {
				r.pending[s] = true
			}
		}
	}
	return id
}

func (w *World) addSpinout(rec SpinoutRecord) {
	rec.Rep = w.rep
	w.rec.Spinouts = append(w.rec.Spinouts, rec)
}

// visibility returns, for each region and service, how visible successful
// mutuals are to the service's staff (agents.Visibility): mutuals that have
// traded, solvent, for support.success_years, seen in the staff's own
// region, in neighbouring regions, or delivering the same service elsewhere.
func (w *World) visibility() [][agents.NumServices]float64 {
	out := make([][agents.NumServices]float64, len(w.regions))
	if !w.p.Mechanisms.Demonstration {
		return out
	}
	sp := w.p.Support
	type shining struct {
		home     int32
		services agents.ServiceSet
		since    int
	}
	held := make([]agents.ServiceSet, len(w.providers))
	for _, r := range w.regions {
		for ci := range r.Contracts {
			if c := &r.Contracts[ci]; c.Active {
				held[c.Holder] |= c.Services
			}
		}
	}
	var shine []shining
	for i := range w.providers {
		p := &w.providers[i]
		shown := p.Born + sp.SuccessYears
		if !p.Alive || p.Kind != agents.Mutual || held[i] == 0 || w.year < shown || p.Reserves < 0 {
			continue
		}
		shine = append(shine, shining{home: p.Home, services: held[i], since: w.year - shown})
	}
	if len(shine) == 0 {
		return out
	}
	sightings := make([]agents.Sighting, 0, len(shine))
	for ri, r := range w.regions {
		for s := range agents.NumServices {
			sightings = sightings[:0]
			for _, m := range shine {
				sightings = append(sightings, agents.Sighting{SameRegion: m.home == r.ID, Neighbour: r.isNeighbour(m.home),
					SameService: m.services.Has(s), YearsSinceShow: m.since})
			}
			out[ri][s] = agents.Visibility(sightings, sp.DemonstrationFade)
		}
	}
	return out
}
