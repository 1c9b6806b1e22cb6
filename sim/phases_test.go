package sim

import (
	"math"
	"testing"

	"mutualsim/agents"
	"mutualsim/inputs"
)

// testWorld builds replication 0 of the baseline at the small scale with the
// given levers set.
func testWorld(t *testing.T, set map[string]any) *World {
	t.Helper()
	s := inputs.Default()
	s.Scale, s.Replications = "small", 1
	for k, v := range set {
		l, ok := inputs.LeverByName(k)
		if !ok {
			t.Fatalf("no lever %s", k)
		}
		if err := l.Set(s.Params, v); err != nil {
			t.Fatal(err)
		}
	}
	w, err := NewWorld(s, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *World) stepN(t *testing.T, n int) {
	t.Helper()
	for range n {
		if err := w.Step(); err != nil {
			t.Fatal(err)
		}
	}
}

func value(w *World, measure string) float64 {
	return w.rec.Values[len(w.rec.Values)-1][MeasureIndex(measure)]
}

func TestInitialState(t *testing.T) {
	w := testWorld(t, nil)
	sc, _ := inputs.ScaleByName("small")
	if len(w.regions) != sc.Regions {
		t.Fatalf("%d regions, want %d", len(w.regions), sc.Regions)
	}
	staff := w.Staff()
	if want := float64(sc.Regions) * sc.StaffPerRegion; math.Abs(float64(staff)-want) > 0.5*want {
		t.Errorf("%d staff, expected about %v", staff, want)
	}
	for _, r := range w.regions {
		if p := w.providers[r.InHouse]; p.Kind != agents.NHS || p.Home != r.ID {
			t.Errorf("region %d in-house provider %+v", r.ID, p)
		}
		for s := range agents.NumServices {
			c := r.Contracts[r.Cover[s]]
			if !c.Active || !c.Services.Has(s) {
				t.Errorf("region %d service %v not covered by an active contract", r.ID, s)
			}
			if c.End < w.year || c.End >= w.year+w.p.Procurement.ContractYears {
				t.Errorf("contract ends in %d, outside the first contract length", c.End)
			}
		}
		for i := range r.Staff.Len() {
			if r.Staff.Flags[i]&agents.FlagNHSScheme == 0 && w.providers[r.holder(r.Staff.Service[i])].Kind == agents.NHS {
				t.Fatalf("NHS staff outside the NHS scheme in region %d", r.ID)
			}
		}
	}
}

// TestTUPEPension transfers a service from the NHS to a mutual under each
// access rule and checks the staff's scheme afterwards.
func TestTUPEPension(t *testing.T) {
	for _, tc := range []struct {
		access    string
		keepsNHS  bool
		protected bool
	}{{"none", false, false}, {"closed", true, true}, {"open", true, true}} {
		w := testWorld(t, map[string]any{"pension.access": tc.access})
		r := w.regions[0]
		mutual := w.addProvider(agents.Provider{Kind: agents.Mutual, Home: r.ID, StaffControl: 0.6, Participation: true})
		s := agents.Therapies
		r.Contracts[r.Cover[s]].Holder = mutual
		r.pending[s] = true
		w.applyTransfers()
		n := 0
		for i := range r.Staff.Len() {
			if r.Staff.Service[i] != s {
				continue
			}
			n++
			f := r.Staff.Flags[i]
			if (f&agents.FlagNHSScheme != 0) != tc.keepsNHS || (f&agents.FlagProtected != 0) != tc.protected {
				t.Fatalf("%s: transferred staff flags %08b", tc.access, f)
			}
		}
		if n == 0 {
			t.Fatal("no staff in the service")
		}
	}
}

// TestRoutes checks that each procurement rule gives the routes it should.
func TestRoutes(t *testing.T) {
	routes := func(w *World) map[agents.Route]int {
		out := map[agents.Route]int{}
		for _, tr := range w.rec.Tenders {
			out[tr.Route]++
		}
		return out
	}
	t.Run("open by default", func(t *testing.T) {
		w := testWorld(t, nil)
		w.stepN(t, 6)
		got := routes(w)
		if got[agents.RouteOpen] == 0 || got[agents.RouteTeckal]+got[agents.RouteRollover]+got[agents.RoutePSR]+got[agents.RouteReserved] > 0 {
			t.Errorf("routes %v", got)
		}
	})
	t.Run("teckal gives in-house providers direct awards", func(t *testing.T) {
		w := testWorld(t, map[string]any{"procurement.teckal": true})
		w.stepN(t, 6)
		for _, tr := range w.rec.Tenders {
			inHouse := tr.Incumbent == w.regions[tr.Region].InHouse
			if inHouse && tr.Route != agents.RouteTeckal {
				t.Fatalf("in-house contract awarded by %v", tr.Route)
			}
			if !inHouse && tr.Route == agents.RouteTeckal {
				t.Fatalf("Teckal award to provider %d, not controlled by the commissioner", tr.Incumbent)
			}
		}
	})
	t.Run("rollover only below the threshold", func(t *testing.T) {
		w := testWorld(t, map[string]any{"procurement.rollover": true, "procurement.open_threshold": 1e6})
		w.stepN(t, 6)
		if got := routes(w); got[agents.RouteRollover] == 0 || got[agents.RouteOpen] > 0 {
			t.Errorf("routes with a high threshold: %v", got)
		}
		w = testWorld(t, map[string]any{"procurement.rollover": true})
		w.stepN(t, 6)
		if got := routes(w); got[agents.RouteRollover] > 0 {
			t.Errorf("rollover above the £0.63m threshold: %v", got)
		}
	})
	t.Run("reserved competitions only admit mutuals", func(t *testing.T) {
		w := testWorld(t, map[string]any{"procurement.reserved_share": 1.0, "procurement.contract_years": 5,
			"support.right_to_provide": true, "support.spinout_rate": 0.3})
		w.stepN(t, 10)
		n := 0
		for _, tr := range w.rec.Tenders {
			if tr.Route == agents.RouteReserved {
				n++
				if tr.Winner >= 0 && tr.WinnerKind != agents.Mutual {
					t.Fatalf("reserved award to a %v", tr.WinnerKind)
				}
			}
		}
		if n == 0 {
			t.Fatal("no reserved competition was held")
		}
		for _, r := range w.regions {
			for ci := range r.Contracts {
				if c := r.Contracts[ci]; c.Route == agents.RouteReserved && c.End-c.Start+1 > w.p.Procurement.ReservedMaxYears {
					t.Fatalf("reserved award of %d years", c.End-c.Start+1)
				}
			}
			for i, a := range r.Commissioner.ReservedAwards {
				for _, b := range r.Commissioner.ReservedAwards[i+1:] {
					if a.Provider == b.Provider && b.Year-a.Year < w.p.Procurement.ReservedCooldown {
						t.Fatalf("provider %d won reserved awards in %d and %d from one commissioner", a.Provider, a.Year, b.Year)
					}
				}
			}
		}
	})
	t.Run("bundling makes fewer, larger lots", func(t *testing.T) {
		lots := func(size int) (int, float64) {
			w := testWorld(t, map[string]any{"procurement.lot_services": size})
			w.stepN(t, 6)
			n, services := 0, 0
			for _, tr := range w.rec.Tenders {
				if tr.Route.Competitive() {
					n++
					services += tr.Services.Len()
				}
			}
			return n, float64(services) / float64(n)
		}
		n1, s1 := lots(1)
		n0, s0 := lots(0)
		if s1 != 1 || !(s0 > 1.5) || !(n0 < n1) {
			t.Errorf("unbundled: %d tenders of %.2f services; bundled: %d of %.2f", n1, s1, n0, s0)
		}
	})
}

// TestSpinoutFormsMutual makes every gate pass and checks the new mutual.
func TestSpinoutFormsMutual(t *testing.T) {
	w := testWorld(t, map[string]any{
		"support.right_to_provide": true, "support.spinout_rate": 1.0, "support.right_to_provide_multiplier": 100.0,
		"workforce.ballot_autonomy": 10.0, "support.manager_risk_aversion": 0.0, "support.business_skills": 1.0,
		"support.guaranteed_contract": 0.0, "support.loan_share": 1.0, "support.legal_risk_max": 0.0, "support.jv_share": 0.0,
		"support.business_support": 1.0, "support.protected_time": true,
	})
	w.stepN(t, 1)
	formed := 0
	for _, s := range w.rec.Spinouts {
		if s.Failed != NumGates {
			t.Fatalf("a proposal failed at %v", s.Failed)
		}
		formed++
		m := w.providers[s.Mutual]
		if m.Kind != agents.Mutual || !m.SpunOut || m.Parent != s.Parent {
			t.Fatalf("new provider %+v", m)
		}
		r := w.regions[s.Region]
		for sv := range agents.NumServices {
			if s.Services.Has(sv) {
				c := r.Contracts[r.Cover[sv]]
				if c.Holder != s.Mutual || c.Route != agents.RouteTransitional || c.End != w.year-1+w.p.Procurement.TransitionalYears {
					t.Fatalf("unit contract %+v", c)
				}
			}
		}
	}
	if formed == 0 || w.cum.mutualsFormed != formed {
		t.Fatalf("formed %d, counted %d", formed, w.cum.mutualsFormed)
	}
	// Under closed access the transferred staff keep the NHS scheme.
	if v := value(w, "nhs_pension_share"); v < 0.99 {
		t.Errorf("NHS scheme share after spin-outs %v", v)
	}
}

func TestStreams(t *testing.T) {
	draw := func(seed uint64, rep int, p purpose, entity, year int) [4]uint64 {
		s := newStream(seed, rep, p, entity, year)
		return [4]uint64{s.pcg.Uint64(), s.pcg.Uint64(), s.pcg.Uint64(), s.pcg.Uint64()}
	}
	base := draw(1, 0, purposeStaff, 3, 2010)
	if base != draw(1, 0, purposeStaff, 3, 2010) {
		t.Fatal("a stream is not reproducible")
	}
	for name, other := range map[string][4]uint64{
		"seed": draw(2, 0, purposeStaff, 3, 2010), "rep": draw(1, 1, purposeStaff, 3, 2010),
		"purpose": draw(1, 0, purposeTender, 3, 2010), "entity": draw(1, 0, purposeStaff, 4, 2010),
		"year": draw(1, 0, purposeStaff, 3, 2011),
	} {
		if other == base {
			t.Errorf("changing the %s does not change the stream", name)
		}
	}
	s := newStream(9, 0, purposeMarket, 0, 0)
	const n = 20000
	sum, ksum := 0.0, 0.0
	for range n {
		sum += float64(s.Poisson(3.5))
		k := s.Kumaraswamy(1.5, 4)
		e := s.Entrepreneurial()
		if k < 0 || k > 1 || e < 0 || e > 1 {
			t.Fatalf("Kumaraswamy draws %v, %v outside [0, 1]", k, e)
		}
		ksum += (k + float64(e)) / 2
	}
	if m := sum / n; math.Abs(m-3.5) > 0.05 {
		t.Errorf("Poisson mean %v, want 3.5", m)
	}
	if m := ksum / n; math.Abs(m-0.3155) > 0.01 {
		t.Errorf("Kumaraswamy(1.5, 4) mean %v, want 0.3155", m)
	}
	if s.Poisson(0) != 0 || s.Poisson(-1) != 0 {
		t.Error("Poisson of a non-positive mean")
	}
}

// TestBallotShares runs many spin-out attempts and checks each ballot's yes
// share is a share of the staff who voted.
func TestBallotShares(t *testing.T) {
	w := testWorld(t, map[string]any{"support.right_to_provide": true, "support.spinout_rate": 0.5})
	w.stepN(t, 8)
	if len(w.rec.Spinouts) < 10 {
		t.Fatalf("only %d attempts", len(w.rec.Spinouts))
	}
	for _, s := range w.rec.Spinouts {
		if s.YesShare < 0 || s.YesShare > 1 || s.Staff <= 0 {
			t.Fatalf("attempt %+v", s)
		}
		if (s.Failed == GateBallot) != (s.YesShare <= 0.5) {
			t.Fatalf("yes share %v but gate reached %v", s.YesShare, s.Failed)
		}
	}
}

// TestRandomLeversKeepInvariants runs scenarios whose levers are drawn at
// random within their ranges, and checks every year that the contracts
// cover each service exactly once with a living holder, that prices are
// finite, and that no measure is infinite and the market-wide ones defined.
func TestRandomLeversKeepInvariants(t *testing.T) {
	rng := newStream(99, 0, purposeMarket, 0, 0)
	n := 40
	if testing.Short() {
		n = 10
	}
	always := []string{"share_nhs", "hhi_national", "hhi_regional", "cr4_national", "cr1_regional", "hhi_service", "total_spend", "quality_mean", "producer_capture_index", "staff_total"}
	for k := range n {
		s := inputs.Default()
		s.Scale, s.Replications, s.Years, s.Seed = "small", 1, 8, uint64(k)
		for _, l := range inputs.Levers() {
			if rng.Float64() < 0.5 {
				continue // leave half at their defaults
			}
			if err := l.Set(s.Params, randomValue(rng, l)); err != nil {
				t.Fatal(err)
			}
		}
		pr := &s.Params.Procurement
		total := pr.PriceWeight + pr.QualityWeight + pr.SocialValueWeight
		if total == 0 {
			pr.PriceWeight, total = 1, 1
		}
		pr.PriceWeight, pr.QualityWeight = pr.PriceWeight/total, pr.QualityWeight/total
		pr.SocialValueWeight = 1 - pr.PriceWeight - pr.QualityWeight
		if s.Params.Workforce.MaxAge <= s.Params.Workforce.RetirementAge {
			s.Params.Workforce.MaxAge = s.Params.Workforce.RetirementAge + 1
		}
		for y := 1948; y <= 2100; y++ {
			if s.Params.Pension.CentralTopUp.At(y) > s.Params.Pension.EmployerRate.At(y) {
				s.Params.Pension.CentralTopUp = inputs.Constant(0)
			}
		}
		w, err := NewWorld(s, 0, 1)
		if err != nil {
			t.Fatalf("scenario %d: %v", k, err)
		}
		for range s.Years {
			w.stepN(t, 1)
			checkInvariants(t, w, k)
			row := w.rec.Values[len(w.rec.Values)-1]
			for i, m := range Measures() {
				if math.IsInf(row[i], 0) {
					t.Fatalf("scenario %d, %d: %s is infinite", k, w.year-1, m.Name)
				}
			}
			for _, name := range always {
				if v := row[MeasureIndex(name)]; math.IsNaN(v) && row[MeasureIndex("staff_total")] > 0 {
					t.Fatalf("scenario %d, %d: %s is undefined", k, w.year-1, name)
				}
			}
		}
	}
}

func checkInvariants(t *testing.T, w *World, k int) {
	t.Helper()
	for _, r := range w.regions {
		var covered [agents.NumServices]int
		for ci := range r.Contracts {
			c := &r.Contracts[ci]
			if !c.Active {
				continue
			}
			if !w.providers[c.Holder].Alive {
				t.Fatalf("scenario %d: region %d contract %d held by dead provider %d", k, r.ID, ci, c.Holder)
			}
			if math.IsNaN(c.Price) || math.IsInf(c.Price, 0) || c.Price <= 0 || c.End < w.year {
				t.Fatalf("scenario %d: contract %+v", k, *c)
			}
			for s := range agents.NumServices {
				if c.Services.Has(s) {
					covered[s]++
					if r.Cover[s] != c.ID {
						t.Fatalf("scenario %d: region %d service %v covered by %d, Cover says %d", k, r.ID, s, c.ID, r.Cover[s])
					}
				}
			}
		}
		for s, n := range covered {
			if n != 1 {
				t.Fatalf("scenario %d: region %d service %v covered %d times", k, r.ID, agents.Service(s), n)
			}
		}
	}
}

func randomValue(rng *stream, l inputs.Lever) any {
	span := func() (float64, float64) {
		lo, hi := l.Min, l.Max
		if hi-lo > 10 {
			hi = lo + 10 // keep money and sizes plausible
		}
		return lo, hi
	}
	switch l.Kind {
	case inputs.KindFloat:
		lo, hi := span()
		return lo + (hi-lo)*rng.Float64()
	case inputs.KindInt:
		lo, hi := span()
		return int(lo) + rng.IntN(int(hi-lo)+1)
	case inputs.KindBool:
		return rng.Float64() < 0.5
	case inputs.KindEnum:
		return l.Allowed[rng.IntN(len(l.Allowed))]
	case inputs.KindSchedule:
		lo, hi := span()
		return inputs.Constant(lo + (hi-lo)*rng.Float64()/2)
	}
	return l.Default
}

// TestExtremeLevers runs scenarios at the edges of the levers' ranges and
// checks that nothing becomes infinite or undefined while staff remain.
func TestExtremeLevers(t *testing.T) {
	for _, set := range []map[string]any{
		{"productivity.engagement_effect": 2.0, "workforce.engagement_base": 0.0}, // productivity factor would go negative
		{"productivity.quality_engagement": 5.0, "workforce.engagement_base": 0.0},
		{"workforce.quit_base": 1.0, "workforce.quit_engagement": 0.0},
		{"workforce.fill_rate": 0.0},
		{"workforce.absence_base": 0.5, "workforce.absence_engagement": 0.0},
		{"procurement.budget_headroom": 0.0, "market.private_margin": 1.0},
		{"procurement.surety": 2.0, "procurement.lot_services": 0},
		{"market.failure_floor": 1.0, "market.distress_acquisition": 1.0, "support.right_to_provide": true},
		{"market.entry_hurdle": 0.0, "market.private_entry_rate": 20.0},
		{"commissioners.capacity": 0},
	} {
		w := testWorld(t, set)
		for range 8 {
			w.stepN(t, 1)
			checkInvariants(t, w, 0)
			row := w.rec.Values[len(w.rec.Values)-1]
			for i, m := range Measures() {
				if math.IsInf(row[i], 0) {
					t.Fatalf("%v: %s is infinite", set, m.Name)
				}
			}
			staffed := row[MeasureIndex("staff_total")] > 0
			for _, name := range []string{"quality_mean", "productivity_nhs", "total_spend", "hhi_regional"} {
				if v := row[MeasureIndex(name)]; staffed && (math.IsNaN(v) || v < 0) {
					t.Fatalf("%v, %d: %s = %v", set, w.year-1, name, v)
				}
			}
		}
	}
}
