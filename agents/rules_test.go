package agents

import (
	"math"
	"testing"
	"unsafe"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestSplitSurplus(t *testing.T) {
	rules := SurplusRules{CaptureMax: 0.5, ReserveTarget: 0.08, DividendShare: 0.7, JVInvestorShare: 0.3, Capture: true, Extraction: true}
	mutual := &Provider{Kind: Mutual, StaffControl: 0.6, CommunityShare: 0.2, Contestability: 0.25, BonusCap: 0.03, Reserves: 100}
	tests := []struct {
		name    string
		p       *Provider
		surplus float64
		rules   SurplusRules
		want    Split
	}{
		{"deficit to reserves", &Provider{Kind: Mutual}, -5, rules, Split{Reserves: -5}},
		{"nhs retains", &Provider{Kind: NHS}, 10, rules, Split{Reserves: 7, Investment: 3}},
		{"private dividend", &Provider{Kind: Private}, 10, rules, Split{Dividend: 7, Reserves: 1.5, Investment: 1.5}},
		{"private without extraction", &Provider{Kind: Private}, 10, SurplusRules{Extraction: false}, Split{Reserves: 5, Investment: 5}},
		// Reserves above target: a quarter to reserves, then
		// 0.5 × 0.6 × 0.8 × 0.75 = 0.18 of the rest to staff.
		{"mutual capture share", mutual, 10, rules, Split{Reserves: 2.5, StaffBenefit: 0.18 * 7.5, Investment: 7.5 - 0.18*7.5}},
		{"mutual without capture", mutual, 10, SurplusRules{CaptureMax: 0.5, Capture: false}, Split{Reserves: 2.5, Investment: 7.5}},
		{"jv pays partner first", &Provider{Kind: JV, Reserves: 100}, 10, rules, Split{Dividend: 3, Reserves: 1.75, Investment: 5.25}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := SplitSurplus(tc.p, tc.surplus, 1000, tc.rules)
			if !near(got.Reserves, tc.want.Reserves) || !near(got.Investment, tc.want.Investment) || !near(got.StaffBenefit, tc.want.StaffBenefit) || !near(got.Dividend, tc.want.Dividend) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			if sum := got.Reserves + got.Investment + got.StaffBenefit + got.Dividend; !near(sum, tc.surplus) {
				t.Errorf("parts sum to %v, not the surplus %v", sum, tc.surplus)
			}
		})
	}
	// The bonus cap binds on a large surplus.
	big := SplitSurplus(mutual, 1000, 1000, rules)
	if !near(big.StaffBenefit, 30) {
		t.Errorf("bonus cap: staff benefit %v, want 30", big.StaffBenefit)
	}
	// A mutual below its reserve target rebuilds reserves first.
	poor := *mutual
	poor.Reserves = 0
	if got := SplitSurplus(&poor, 10, 1000, rules); !near(got.Reserves, 10) || got.StaffBenefit != 0 {
		t.Errorf("below target: got %+v, want all to reserves", got)
	}
}

func TestCapture(t *testing.T) {
	// Without contest slack grows by growth × propensity; under full
	// contest it shrinks by decay.
	if got := NextSlack(0.1, 0.5, 0, 0.02, 0.5, 0.25); !near(got, 0.11) {
		t.Errorf("uncontested slack %v, want 0.11", got)
	}
	if got := NextSlack(0.1, 0.5, 1, 0.02, 0.5, 0.25); !near(got, 0.05) {
		t.Errorf("contested slack %v, want 0.05", got)
	}
	if got := NextSlack(0.249, 1, 0, 0.02, 0.5, 0.25); got != 0.25 {
		t.Errorf("slack above the cap: %v", got)
	}
	if got := Contestability(1, 3); !near(got, 0.75) {
		t.Errorf("contestability %v, want 0.75", got)
	}
	if Contestability(0, 10) != 0 {
		t.Error("no competition should mean no contestability")
	}
	if got := CaptureIndex(2, 3, 100); !near(got, 0.05) {
		t.Errorf("capture index %v", got)
	}
	p := &Provider{Kind: Mutual, StaffControl: 0.8, CommunityShare: 0.5}
	if got := p.CapturePropensity(0.5, 0.1); !near(got, 0.4) {
		t.Errorf("mutual propensity %v, want 0.4", got)
	}
}

func TestOwnershipBoost(t *testing.T) {
	tests := []struct {
		p    Provider
		want float64
	}{
		{Provider{Kind: Mutual, StaffControl: 0.6, Participation: true}, 0.045},
		{Provider{Kind: Mutual, StaffControl: 0.25, Participation: true}, 0.0225},
		{Provider{Kind: Mutual, StaffControl: 0.6, Participation: false}, 0}, // ownership without participation gives none [M: Ham]
		{Provider{Kind: NHS, Participation: true}, 0},
		{Provider{Kind: Private, StaffControl: 1, Participation: true}, 0},
	}
	for _, tc := range tests {
		if got := tc.p.OwnershipBoost(0.045); !near(got, tc.want) {
			t.Errorf("%+v: boost %v, want %v", tc.p, got, tc.want)
		}
	}
}

func TestPensionRules(t *testing.T) {
	base := PensionRules{EmployerRate: 0.206, CentralTopUp: 0.063, DBPremium: 0.1, AlternativeRate: 0.05, Barrier: true}
	for _, tc := range []struct {
		access            string
		barrier           bool
		recruitJoins      bool
		transferKeeps     bool
		ballotLossMembers float64
	}{
		{"none", true, false, false, 2.5},
		{"closed", true, false, true, 0.6},
		{"open", true, true, true, 0},
		{"none", false, true, true, 0},
	} {
		r := base
		r.Access, r.PrivateAccess, r.Barrier = tc.access, "closed", tc.barrier
		if got := r.RecruitJoinsNHS(Mutual); got != tc.recruitJoins {
			t.Errorf("%s barrier=%v: recruit joins %v, want %v", tc.access, tc.barrier, got, tc.recruitJoins)
		}
		if !r.RecruitJoinsNHS(NHS) {
			t.Errorf("%s: NHS recruits must join the scheme", tc.access)
		}
		nhs, prot := r.Transfer(true, Mutual)
		if nhs != tc.transferKeeps || prot != tc.transferKeeps {
			t.Errorf("%s barrier=%v: transfer keeps %v/%v, want %v", tc.access, tc.barrier, nhs, prot, tc.transferKeeps)
		}
		if back, prot := r.Transfer(false, NHS); !back || prot {
			t.Errorf("%s: transfer into the NHS must join the scheme unprotected", tc.access)
		}
		if got := PensionBallotLoss(tc.access, tc.barrier, true, 2.5, 0.6); got != tc.ballotLossMembers {
			t.Errorf("%s: ballot loss %v, want %v", tc.access, got, tc.ballotLossMembers)
		}
		if PensionBallotLoss(tc.access, tc.barrier, false, 2.5, 0.6) != 0 {
			t.Errorf("%s: non-members should not weigh the pension", tc.access)
		}
	}
	split := PensionRules{Access: "open", PrivateAccess: "none", Barrier: true}
	if !split.RecruitJoinsNHS(Mutual) || split.RecruitJoinsNHS(Private) {
		t.Error("private access should apply to private firms only")
	}
	if nhs, _ := split.Transfer(true, Private); nhs {
		t.Error("a transfer to a private firm under private access none kept the scheme")
	}
	if got := base.EmployerRateFor(NHS, true); !near(got, 0.143) {
		t.Errorf("NHS body rate %v, want 0.143", got)
	}
	if got := base.EmployerRateFor(Mutual, true); !near(got, 0.206) {
		t.Errorf("independent rate without top-up %v, want 0.206", got)
	}
	top := base
	top.IndependentTopUp = true
	if got := top.EmployerRateFor(Mutual, true); !near(got, 0.143) {
		t.Errorf("independent rate with top-up %v, want 0.143", got)
	}
	if got := base.EmployerRateFor(Private, false); got != 0.05 {
		t.Errorf("alternative scheme rate %v", got)
	}
	if got := base.RelativeReward(30, 30, true, 0); !near(got, 1) {
		t.Errorf("NHS reference reward %v, want 1", got)
	}
	// Full compensation makes a recruit outside the scheme as well off.
	full := base.RecruitWageFactor(1)
	if got := base.RelativeReward(30*full, 30, false, 0); !near(got, 1) {
		t.Errorf("fully compensated reward %v, want 1", got)
	}
	if half := base.RecruitWageFactor(0.5); !(half > 1 && half < full) {
		t.Errorf("half compensation factor %v not between 1 and %v", half, full)
	}
}

func TestStaffRules(t *testing.T) {
	if a, b := Absence(0.07, 0.6, 1, 0.2), Absence(0.07, 0.6, 1, 0.8); !(a > b) {
		t.Errorf("absence should fall with engagement: %v, %v", a, b)
	}
	if got := Absence(0.07, 0.6, 1, 0.6); !near(got, 0.07*0.64) {
		t.Errorf("absence %v", got)
	}
	q := func(e, rel float64) float64 { return QuitProbability(0.3, 2, e, rel, 2) }
	if !(q(0.4, 1) > q(0.7, 1) && q(0.6, 0.9) > q(0.6, 1.1)) {
		t.Error("quits should fall with engagement and with relative reward")
	}
	if got := q(0.6, 1); !near(got, 0.3*math.Exp(-1.2)) {
		t.Errorf("quit probability %v", got)
	}
	for _, tc := range []struct {
		age  int
		want float64
	}{{59, 0}, {60, 0.2}, {67, 0.2}, {68, 1}} {
		if got := RetirementProbability(tc.age, 60, 68, 0.2); got != tc.want {
			t.Errorf("retirement at %d: %v, want %v", tc.age, got, tc.want)
		}
	}
	if got := FillProbability(0.6, 1, 1, 2.5); !near(got, 0.6) {
		t.Errorf("fill at reference reward %v", got)
	}
	if FillProbability(0.6, 1, 0.9, 2.5) >= 0.6 || FillProbability(0.9, 2, 1, 2.5) != 1 {
		t.Error("fill probability should fall with lower reward and cap at 1")
	}
	if got := TargetHeadcount(95, 1, 0.05); !near(got, 100) {
		t.Errorf("target headcount %v, want 100", got)
	}
	d := EngagementDrivers{Base: 0.5, Voice: 0.1, Ownership: 0.05, Pride: 0.05, Insecurity: 0.1, Disruption: 0.02, Benefit: 0.01, Pay: -0.01}
	if got := d.Target(); !near(got, 0.58) {
		t.Errorf("engagement target %v, want 0.58", got)
	}
	if got := NextEngagement(0.5, 0.7, 0.5, 0); !near(got, 0.6) {
		t.Errorf("next engagement %v, want 0.6", got)
	}
	if NextEngagement(0.95, 1, 1, 0.2) != 1 || NextEngagement(0.05, 0, 1, -0.2) != 0 {
		t.Error("engagement must stay in [0, 1]")
	}
}

func TestSpinoutGates(t *testing.T) {
	avg := BallotInputs{Autonomy: 0.8, Engagement: 0.6, Entrepreneur: 0.3}
	if got := YesProbability(avg); !near(got, 1/(1+math.Exp(-0.8))) {
		t.Errorf("average voter %v", got)
	}
	worried := avg
	worried.PensionLoss = 2.5
	union := avg
	union.UnionMember, union.UnionStance = true, 1
	keen := avg
	keen.Engagement, keen.Entrepreneur = 0.9, 0.8
	if !(YesProbability(worried) < YesProbability(union) && YesProbability(union) < YesProbability(avg) && YesProbability(avg) < YesProbability(keen)) {
		t.Error("ballot ordering: pension loss < union < average < keen")
	}
	if !(ManagementApproval(1) < ManagementApproval(0.5) && ManagementApproval(0.5) < ManagementApproval(0)) || !near(ManagementApproval(1), 0.3) {
		t.Error("approval should fall with managers' risk aversion, to 0.3 at 1")
	}
	if !(BusinessPlanPass(0.4, 0, false) < BusinessPlanPass(0.4, 1, false) && BusinessPlanPass(0.4, 1, false) < BusinessPlanPass(0.4, 1, true)) {
		t.Error("support and protected time should raise the business-plan pass rate")
	}
	if got := ChallengeStops(3000, 0.5, 3000, 0.4, 1, 0.4); !near(got, 0.25) {
		t.Errorf("legal risk at 3,000 staff with the reference union backing %v, want 0.25", got)
	}
	if ChallengeStops(300, 0.5, 3000, 0.4, 1, 0.4) >= ChallengeStops(3000, 0.5, 3000, 0.4, 1, 0.4) {
		t.Error("legal risk should rise with transfer size")
	}
	if !(ChallengeStops(3000, 0.5, 3000, 0.4, 0, 0.4) < ChallengeStops(3000, 0.5, 3000, 0.4, 1, 0.4) &&
		ChallengeStops(3000, 0.5, 3000, 0.4, 1, 0.4) < ChallengeStops(3000, 0.5, 3000, 0.8, 2, 0.4)) {
		t.Error("legal risk should rise with union backing")
	}
}

func TestFinanceGap(t *testing.T) {
	base := FinanceTerms{FixedCost: 0.25, CostShare: 0.01, HistoryYears: 3, Threshold: 5, LoanShare: 0.02, GuaranteeYears: 3}
	with := func(f func(*FinanceTerms)) FinanceTerms { t := base; f(&t); return t }
	for _, tc := range []struct {
		name    string
		terms   FinanceTerms
		history int
		value   float64 // £m a year
		gap     float64
	}{
		// Need 0.25 + 0.02 = 0.27; guaranteed 6 ≥ 5, loan 0.12: gap 0.15.
		{"small service, no help", base, 0, 2, 0.15},
		{"small service, partial grant narrows the gap", with(func(t *FinanceTerms) { t.Grant = 0.1 }), 0, 2, 0.05},
		{"small service, grant covers it", with(func(t *FinanceTerms) { t.Grant = 0.2 }), 0, 2, 0},
		// Guaranteed 4.5 < 5: no loan at all; gap = need 0.265.
		{"below the guaranteed threshold", base, 0, 1.5, 0.265},
		{"trading history opens lending", base, 3, 1.5, 0.265 - 0.09},
		// Need 0.25 + 0.6 = 0.85; loan 0.02 × 180 = 3.6.
		{"whole provider arm", base, 0, 60, 0},
		{"social investment adds to the loan", with(func(t *FinanceTerms) { t.SocialInvest = 0.15 }), 0, 2, 0},
		{"partner funds it", with(func(t *FinanceTerms) { t.PartnerFunds = true }), 0, 2, 0},
	} {
		if got := tc.terms.FinanceGap(tc.history, tc.value); !near(got, tc.gap) {
			t.Errorf("%s: gap %v, want %v", tc.name, got, tc.gap)
		}
	}
}

func TestGalvanising(t *testing.T) {
	for _, tc := range []struct {
		n    int
		half float64
		want float64
	}{
		{1, 3, 0}, {2, 3, 0.25}, {4, 3, 0.5}, {16, 3, 15.0 / 18},
	} {
		if got := Galvanising(tc.n, tc.half); !near(got, tc.want) {
			t.Errorf("Galvanising(%d, %v) = %v, want %v", tc.n, tc.half, got, tc.want)
		}
	}
}

func TestVisibility(t *testing.T) {
	own := Sighting{SameRegion: true}
	for _, tc := range []struct {
		name string
		in   []Sighting
		fade float64
		want float64
	}{
		{"none", nil, 3, 0},
		{"own region, new", []Sighting{own}, 3, 1 - math.Exp(-1)},
		{"own region, faded by half", []Sighting{{SameRegion: true, YearsSinceShow: 3}}, 3, 1 - math.Exp(-0.5)},
		{"neighbour", []Sighting{{Neighbour: true}}, 3, 1 - math.Exp(-0.5)},
		{"same service elsewhere", []Sighting{{SameService: true}}, 3, 1 - math.Exp(-0.25)},
		{"unseen", []Sighting{{}}, 3, 0},
		{"two add up", []Sighting{own, {Neighbour: true}}, 3, 1 - math.Exp(-1.5)},
	} {
		if got := Visibility(tc.in, tc.fade); !near(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	p, b := DemonstrationLift(2, 0.5)
	if !near(p, 2) || !near(b, 1) {
		t.Errorf("DemonstrationLift(2, 0.5) = %v, %v; want 2, 1", p, b)
	}
}

func TestWorkforceStorage(t *testing.T) {
	var w Workforce
	a := StaffMember{Service: Therapies, Role: Manager, Flags: FlagNHSScheme | FlagUnion, Age: 44, Tenure: 9, Engagement: 0.7, AbsenceProp: 1.1, Entrepreneur: 0.3, Wage: 45}
	b := StaffMember{Service: UrgentCare, Role: Clinical, Age: 30, Engagement: 0.5, Wage: 31}
	w.Grow(2)
	w.Append(a)
	w.Append(b)
	if w.Len() != 2 || w.At(0) != a || w.At(1) != b {
		t.Fatalf("round trip failed: %+v %+v", w.At(0), w.At(1))
	}
	c := w.Clone()
	w.Move(0, 1)
	w.Truncate(1)
	if w.Len() != 1 || w.At(0) != b {
		t.Fatalf("move and truncate: %+v", w.At(0))
	}
	if c.Len() != 2 || c.At(0) != a {
		t.Fatal("clone shares memory with the original")
	}
	var m StaffMember
	columns := unsafe.Sizeof(m.Service) + unsafe.Sizeof(m.Role) + unsafe.Sizeof(m.Flags) + unsafe.Sizeof(m.Age) + unsafe.Sizeof(m.Tenure) +
		unsafe.Sizeof(m.Engagement) + unsafe.Sizeof(m.AbsenceProp) + unsafe.Sizeof(m.Entrepreneur) + unsafe.Sizeof(m.Wage)
	if columns != BytesPerStaff {
		t.Errorf("BytesPerStaff = %d, columns take %d", BytesPerStaff, columns)
	}
}

func TestServiceSet(t *testing.T) {
	var s ServiceSet
	s = s.With(CommunityNursing).With(MentalHealth)
	if s.Len() != 2 || !s.Has(MentalHealth) || s.Has(Therapies) {
		t.Errorf("set %v", s)
	}
	if got := s.String(); got != "community_nursing+mental_health" {
		t.Errorf("String() = %q", got)
	}
	total := 0.0
	for sv := range NumServices {
		total += sv.BudgetShare()
	}
	roles := 0.0
	for r := range NumRoles {
		roles += r.Share()
	}
	if !near(total, 1) || !near(roles, 1) {
		t.Errorf("service shares sum to %v, role shares to %v", total, roles)
	}
}

func TestReservedCooldown(t *testing.T) {
	c := Commissioner{ReservedAwards: []ReservedAward{{Provider: 7, Year: 2016}}}
	for _, tc := range []struct {
		year int
		want bool
	}{{2016, true}, {2017, true}, {2018, true}, {2019, true}, {2020, false}} {
		// 2019 is when the 3-year contract awarded in 2016 is re-tendered:
		// no renewal as reserved.
		if got := c.ReservedBarred(7, tc.year, 3); got != tc.want {
			t.Errorf("barred in %d = %v, want %v", tc.year, got, tc.want)
		}
	}
	if c.ReservedBarred(7, 2016, 0) {
		t.Error("a cooldown of 0 barred a provider")
	}
	if c.ReservedBarred(8, 2017, 3) {
		t.Error("another provider is barred")
	}
}

// A bidder prices the scheme membership the transfer and its staff pass
// will give it: under no access none of the inherited members stay in the
// NHS scheme, so a challenger never prices the NHS rate for them.
func TestBidderNHSShare(t *testing.T) {
	for _, tc := range []struct {
		access    string
		barrier   bool
		k         Kind
		incumbent bool
		want      float64
	}{
		{"none", true, Private, false, 0},
		{"none", true, Private, true, 0.8},
		{"closed", true, Private, false, 0.8 * 0.7},
		{"open", true, Private, false, 1},
		{"none", false, Private, false, 1}, // no barrier: everyone may join
		{"none", true, NHS, false, 1},      // an NHS body's staff join
		{"closed", true, NHS, true, 0.8},
	} {
		r := PensionRules{Access: tc.access, PrivateAccess: tc.access, Barrier: tc.barrier}
		if got := r.BidderNHSShare(0.8, tc.k, tc.incumbent, 0.7); !near(got, tc.want) {
			t.Errorf("%s barrier=%v %v incumbent=%v: %v, want %v", tc.access, tc.barrier, tc.k, tc.incumbent, got, tc.want)
		}
	}
}
