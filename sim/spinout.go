package sim

import (
	"math"

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

// unitStaffRef is the unit size at which the proposal rate is
// support.spinout_rate (an assumption, docs/ODD.md).
const unitStaffRef = 300

// spinouts runs phase 4 (MODEL.md §4.4): each service unit of a region's NHS
// provider may propose to spin out, and a proposal passes or fails gate by
// gate. Regions run in order, each with its own stream, because a spin-out
// adds a provider.
func (w *World) spinouts() {
	if !w.p.Mechanisms.Spinouts {
		return
	}
	for _, r := range w.regions {
		rs := newStream(w.seed, w.rep, purposeSpinout, int(r.ID), w.year)
		for ci := range r.Contracts {
			c := &r.Contracts[ci]
			if !c.Active || c.Holder != r.InHouse {
				continue
			}
			w.proposeSpinout(rs, r, c)
		}
	}
}

func (w *World) proposeSpinout(rs *stream, r *Region, c *agents.Contract) {
	sp := w.p.Support
	wf := w.p.Workforce
	var head int
	var eng, ent float64
	for s := range agents.NumServices {
		if c.Services.Has(s) {
			head += r.svc[s].Headcount
			eng += r.svc[s].Engagement
			ent += r.svc[s].Entrepreneur
		}
	}
	// Draw every number the attempt may need first, so that the stream stays
	// aligned whatever the outcome.
	uPropose, sentiment := rs.Float64(), rs.Norm()
	uManage, skillDraw, uPlan, uGrant, uLegal, uJV := rs.Float64(), rs.Norm(), rs.Float64(), rs.Float64(), rs.Float64(), rs.Float64()
	if head == 0 {
		return
	}
	meanEng, meanEnt := eng/float64(head), ent/float64(head)
	awareness := r.Commissioner.Awareness
	if !w.p.Mechanisms.Awareness {
		awareness = 0
	}
	// Small units propose more often than large ones: "a handful of large
	// scale employee led spin-outs ... The rest have been much smaller scale
	// operations for discrete service areas" [J].
	size := clamp(math.Sqrt(unitStaffRef/float64(head)), 0.2, 2)
	prob := sp.SpinoutRate * size * (meanEnt / 0.3) * (meanEng / refEngagement) * (0.75 + 0.5*awareness)
	if sp.RightToProvide {
		prob *= sp.RightToProvideMult
	}
	if uPropose >= prob {
		return
	}
	jv := uJV < sp.JVShare && len(w.nationals) > 0
	rec := SpinoutRecord{Year: w.year, Region: r.ID, Parent: c.Holder, Services: c.Services, Staff: head, Value: c.Price, Mutual: -1, JV: jv}
	w.tally.spinAttempts++
	fail := func(g Gate) {
		rec.Failed = g
		rec.GatesPassed = int(g)
		w.tally.spinFail[g]++
		w.addSpinout(rec)
	}
	// Gate 1: the staff ballot, by majority of the unit's staff now.
	yes, voters := 0, 0
	for i := range r.Staff.Len() {
		if !c.Services.Has(r.Staff.Service[i]) {
			continue
		}
		voters++
		f := r.Staff.Flags[i]
		in := agents.BallotInputs{
			Autonomy:      wf.BallotAutonomy,
			Engagement:    float64(r.Staff.Engagement[i]),
			Entrepreneur:  float64(r.Staff.Entrepreneur[i]),
			PensionLoss:   agents.PensionBallotLoss(w.rules.Access, w.rules.Barrier, f&agents.FlagNHSScheme != 0, wf.BallotPensionNone, wf.BallotPensionClose),
			UnionMember:   f&agents.FlagUnion != 0,
			UnionStance:   wf.UnionOpposition,
			UnitSentiment: 0.8 * sentiment,
		}
		if rs.Float64() < agents.YesProbability(in) {
			yes++
		}
	}
	rec.Staff = voters
	if voters > 0 {
		rec.YesShare = float64(yes) / float64(voters)
	}
	if 2*yes <= voters {
		fail(GateBallot)
		return
	}
	// Gate 2: management approval.
	if uManage >= agents.ManagementApproval(w.p.Commissioners.RiskAversion, awareness) {
		fail(GateManagement)
		return
	}
	// Gate 3: the business plan; a private partner brings skills.
	skills := clamp(sp.BusinessSkills+0.1*skillDraw, 0, 1)
	if jv {
		skills += 0.3
	}
	if uPlan >= agents.BusinessPlanPass(skills, sp.BusinessSupport, sp.ProtectedTime) {
		fail(GateBusinessPlan)
		return
	}
	// Gate 4: finance; a private partner finances the start-up.
	cost := sp.StartupCost + 0.01*c.Price
	grant := 0.0
	if uGrant < sp.GrantShare {
		grant = sp.StartupGrant
	}
	guaranteed := c.Price * float64(w.p.Procurement.TransitionalYears)
	if !jv && !agents.FinanceOK(cost, grant, 0, sp.LoanHistoryYears, guaranteed, sp.GuaranteedContract) {
		fail(GateFinance)
		return
	}
	// Gate 5: legal challenge.
	if uLegal < agents.LegalChallengeStops(float64(voters), sp.LegalRiskMax, sp.LegalRiskStaff) {
		fail(GateLegal)
		return
	}
	// Formed: the unit's staff and contracts move to the new organisation on
	// a transitional award, staff keeping NHS pension rights by TUPE.
	parent := &w.providers[c.Holder]
	m := w.newMutual(rs, parent, w.year+1, 0.5*parent.Slack)
	// Working capital: the start-up loan or grant leaves the new organisation
	// with reserves of a month and a half of its revenue (an assumption).
	m.Reserves = max(0, grant-cost) + 0.12*c.Price
	if jv {
		m.Kind = agents.JV
		m.StaffControl *= 0.5
		m.BusinessSkills = clamp(m.BusinessSkills+0.3, 0, 1)
		partner := w.nationals[int(uJV/sp.JVShare*float64(len(w.nationals)))%len(w.nationals)]
		m.Reserves += 0.05 * c.Price
		m.Parent = partner
	}
	id := w.addProvider(m)
	c.Holder = id
	c.Route = agents.RouteTransitional
	c.Start = w.year + 1
	c.End = w.year + w.p.Procurement.TransitionalYears
	c.Promised = c.Quality
	for s := range agents.NumServices {
		if c.Services.Has(s) {
			r.pending[s] = true
		}
	}
	w.tally.spinFormed++
	w.cum.mutualsFormed++
	rec.Failed = NumGates
	rec.GatesPassed = int(NumGates)
	rec.Mutual = id
	w.addSpinout(rec)
}

func (w *World) addSpinout(rec SpinoutRecord) {
	rec.Rep = w.rep
	w.rec.Spinouts = append(w.rec.Spinouts, rec)
}
