package sim

import (
	"math"
	"testing"

	"mutualsim/agents"
)

// passAll are levers under which every spin-out gate but the one a test
// looks at passes.
func passAll(extra map[string]any) map[string]any {
	set := map[string]any{
		"support.right_to_provide": true, "support.right_to_provide_multiplier": 100.0, "support.spinout_rate": 1.0,
		"workforce.ballot_autonomy": 10.0, "support.manager_risk_aversion": 0.0, "support.business_skills": 1.0,
		"support.guaranteed_contract": 0.0, "support.loan_share": 1.0, "support.legal_risk_max": 0.0, "support.jv_share": 0.0,
		"support.business_support": 1.0, "support.protected_time": true,
	}
	for k, v := range extra {
		set[k] = v
	}
	return set
}

// A whole provider arm that passes every gate takes all of its region's
// NHS contracts and staff; with arm spin-outs switched off none proposes.
func TestArmSpinout(t *testing.T) {
	for _, on := range []bool{true, false} {
		w := testWorld(t, passAll(map[string]any{"support.arm_proposal_rate": 1.0, "mechanisms.arm_spinouts": on}))
		w.stepN(t, 1)
		arms := 0
		for _, s := range w.rec.Spinouts {
			if !s.Arm {
				continue
			}
			arms++
			if s.Failed != NumGates {
				t.Fatalf("arm proposal failed at %v", s.Failed)
			}
			r := w.regions[s.Region]
			for ci := range r.Contracts {
				if c := &r.Contracts[ci]; c.Active && c.Holder == r.InHouse {
					t.Errorf("region %d: the NHS provider kept contract %d after its whole arm spun out", r.ID, ci)
				}
			}
			if s.Services.Len() < 2 {
				t.Errorf("arm of %d services", s.Services.Len())
			}
		}
		if on && arms != len(w.regions) {
			t.Errorf("%d arms spun out, want every region's (%d)", arms, len(w.regions))
		}
		if !on && arms != 0 {
			t.Errorf("arm spin-outs off: %d arms proposed", arms)
		}
	}
}

// Without a loan or a grant every proposal that reaches the finance gate
// stops there; a grant that covers the start-up cost lets them through;
// with the gate switched off none stops there.
func TestFinanceGate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		set   map[string]any
		stops bool
	}{
		{"no loan, no grant", map[string]any{"support.loan_share": 0.0, "support.startup_cost": 1.0}, true},
		{"a grant that covers it", map[string]any{"support.loan_share": 0.0, "support.startup_cost": 1.0, "support.startup_grant": 10.0}, false},
		{"gate switched off", map[string]any{"support.loan_share": 0.0, "support.startup_cost": 1.0, "mechanisms.finance_gate": false}, false},
	} {
		w := testWorld(t, passAll(tc.set))
		w.stepN(t, 1)
		stopped, reached := 0, 0
		for _, s := range w.rec.Spinouts {
			if s.GatesPassed >= int(GateFinance) {
				reached++
				if s.FinanceGap <= 0 && tc.stops {
					t.Errorf("%s: a proposal had no finance gap: %+v", tc.name, s)
				}
			}
			if s.Failed == GateFinance {
				stopped++
			}
		}
		if reached == 0 {
			t.Fatalf("%s: no proposal reached the finance gate", tc.name)
		}
		if tc.stops != (stopped == reached) || (!tc.stops && stopped != 0) {
			t.Errorf("%s: %d of %d stopped at finance", tc.name, stopped, reached)
		}
	}
}

// A proposal taken into the NHS body's own company forms an NHS-owned
// provider that its commissioner renews by Teckal direct award, unless a
// challenge forces a tender.
func TestTeckalCompany(t *testing.T) {
	for _, challenge := range []float64{0, 1} {
		w := testWorld(t, passAll(map[string]any{"procurement.teckal_companies": true, "support.teckal_company_share": 1.0,
			"procurement.teckal_challenge": challenge, "procurement.transitional_years": 1, "procurement.contract_years": 1}))
		w.stepN(t, 1)
		var company int32 = -1
		for _, s := range w.rec.Spinouts {
			if s.Failed == NumGates {
				if s.Form != FormTeckal {
					t.Fatalf("formed %v, want a Teckal company", s.Form)
				}
				company = s.Mutual
				break
			}
		}
		if company < 0 {
			t.Fatal("no company formed")
		}
		p := w.providers[company]
		if p.Kind != agents.NHS || !p.Teckal || p.EmployeeOwned() {
			t.Fatalf("company %+v: want NHS-owned, not staff-owned", p)
		}
		w.stepN(t, 2)
		direct, competed := 0, 0
		for _, tr := range w.rec.Tenders {
			if tr.Incumbent != company {
				continue
			}
			switch {
			case tr.Route == agents.RouteTeckal:
				direct++
			case tr.Route.Competitive():
				competed++
			}
		}
		if challenge == 0 && (direct == 0 || competed != 0) {
			t.Errorf("no challenge: %d direct awards, %d tenders of the company's contracts", direct, competed)
		}
		if challenge == 1 && (direct != 0 || competed == 0) {
			t.Errorf("certain challenge: %d direct awards, %d tenders", direct, competed)
		}
	}
}

// A joint venture's partner buys it out at rate 1, and the value it held
// counts as privatised; with buy-outs off it stays.
func TestJVBuyout(t *testing.T) {
	for _, on := range []bool{true, false} {
		w := testWorld(t, map[string]any{"market.jv_buyout_rate": 1.0, "mechanisms.jv_buyouts": on, "mechanisms.acquisitions": false})
		r := w.regions[0]
		jv := w.addProvider(agents.Provider{Kind: agents.JV, Home: r.ID, Parent: w.nationals[0], StaffControl: 0.3, Contracts: 1})
		c := &r.Contracts[r.Cover[agents.Therapies]]
		c.Holder = jv
		w.cum.jvFormedValue = c.Price
		w.marketDynamics()
		p := w.providers[jv]
		if on && (p.Alive || p.EndWhy != "bought_out" || c.Holder != w.nationals[0] || math.Abs(w.cum.jvPrivatisedValue-c.Price) > 1e-9) {
			t.Errorf("buy-out: %+v, holder %d, privatised %v of %v", p, c.Holder, w.cum.jvPrivatisedValue, c.Price)
		}
		if !on && (!p.Alive || c.Holder != jv) {
			t.Errorf("buy-outs off, yet the joint venture went: %+v", p)
		}
	}
}

// Bidders' beliefs move from the prior toward the costs of the year's
// bids; with learning off they stay at the prior.
func TestBeliefsLearn(t *testing.T) {
	prior := agents.UniformBelief(0.15)
	for _, on := range []bool{true, false} {
		w := testWorld(t, map[string]any{"mechanisms.learned_beliefs": on})
		w.stepN(t, 1)
		b := w.belief()
		if on && b == prior {
			t.Error("beliefs did not learn from a year of bids")
		}
		if !on && b != prior {
			t.Errorf("learning off, belief %+v, want the prior %+v", b, prior)
		}
	}
}

// A mutual that has traded, solvent, for the success years is visible to
// the staff of its own region and its service; none is with the
// demonstration effect off.
func TestVisibility(t *testing.T) {
	for _, on := range []bool{true, false} {
		w := testWorld(t, map[string]any{"mechanisms.demonstration": on})
		r := w.regions[1]
		m := w.addProvider(agents.Provider{Kind: agents.Mutual, Home: r.ID, Born: w.year - 5, Reserves: 1})
		r.Contracts[r.Cover[agents.Therapies]].Holder = m
		vis := w.visibility()
		if on && !(vis[1][agents.Therapies] > 0 && vis[1][agents.CommunityNursing] > 0) {
			t.Errorf("own region: %v", vis[1])
		}
		if !on && vis[1][agents.Therapies] != 0 {
			t.Errorf("demonstration off: visibility %v", vis[1])
		}
	}
}

// Bigger lots draw more bidders: the entry equilibrium with a fixed cost of
// bidding. With the mechanism off every potential challenger bids.
func TestEntryGrowsWithLotValue(t *testing.T) {
	w := testWorld(t, nil)
	small := w.entryProbability(10, 1, 2, 1.9, 3)
	large := w.entryProbability(10, 1, 60, 57, 3)
	if !(large > small) {
		t.Errorf("entry probability: £2m lot %v, £60m lot %v", small, large)
	}
	w = testWorld(t, map[string]any{"mechanisms.entry_equilibrium": false})
	if q := w.entryProbability(10, 1, 2, 1.9, 3); q != 1 {
		t.Errorf("mechanism off: q = %v, want 1", q)
	}
}

// A joint venture's staff hold jvStaffControl of the governance lever's
// control, so its insiders' capture propensity is that part of a mutual's
// formed under the same levers (MODEL.md §4.2), not cut a second time.
func TestJVCapturePropensity(t *testing.T) {
	for _, jv := range []float64{0, 1} {
		w := testWorld(t, passAll(map[string]any{"support.jv_share": jv,
			"governance.staff_control": 0.8, "governance.community_share": 0.25}))
		w.stepN(t, 1)
		want := 0.8 * (1 - 0.25)
		if jv == 1 {
			want *= jvStaffControl
		}
		formed := 0
		for i := range w.providers {
			p := &w.providers[i]
			if !p.SpunOut {
				continue
			}
			formed++
			if jv == 1 && p.Kind != agents.JV || jv == 0 && p.Kind != agents.Mutual {
				t.Fatalf("jv_share %v formed a %v", jv, p.Kind)
			}
			if got := p.CapturePropensity(0.5, 0.1); math.Abs(got-want) > 1e-12 {
				t.Errorf("jv_share %v: %v propensity %v, want %v", jv, p.Kind, got, want)
			}
		}
		if formed == 0 {
			t.Fatalf("jv_share %v: no spin-out formed", jv)
		}
	}
}
