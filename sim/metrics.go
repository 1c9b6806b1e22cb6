package sim

import (
	"math"
	"strings"

	"mutualsim/agents"
)

// survivalShort and survivalLong are the ages, in years of trading
// (agents.YearsTrading) at the end of a year, at which the survival of
// spun-out mutuals is measured.
const survivalShort, survivalLong = 3, 5

// Measure describes one yearly indicator (MODEL.md §6): a column of
// timeseries.csv and a row of columns.csv.
type Measure struct {
	Name    string
	Unit    string
	Meaning string
}

// Bounds returns the range the measure can take, from its unit: [0, 1] for
// shares and 0-1 indices, [0, 10,000] for an HHI, any value for a margin,
// and [0, +Inf) for everything else.
func (m Measure) Bounds() (lo, hi float64) {
	switch {
	case strings.HasPrefix(m.Unit, "share 0-1"), m.Unit == "0-1":
		return 0, 1
	case strings.HasPrefix(m.Unit, "HHI"):
		return 0, 10000
	case strings.HasPrefix(m.Unit, "margin"):
		return math.Inf(-1), math.Inf(1)
	}
	return 0, math.Inf(1)
}

type measureDef struct {
	Measure
	get func(s *snapshot) float64
}

// snapshot is everything measured at the end of a year.
type snapshot struct {
	providers, staff           [agents.NumKinds]float64
	value                      [agents.NumKinds]float64
	totalValue, totalStaff     float64
	mutualsAlive               float64
	conc                       Concentration
	t                          tally
	cum                        cumulative
	capture, extraction, slack float64
	benefit                    float64
	engagement, absence        float64
	turnover, vacancy, agency  float64
	vacancyKind                [agents.NumKinds]float64
	nhsPension, pensionCost    float64
	quality, experience        float64
	costPerQuality, spend      float64
	survival3, survival5       float64
	productivity               [agents.NumKinds]float64
	privateMargin              float64
	teckal                     float64
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

func measureDefs() []measureDef {
	k := func(kind agents.Kind, f func(s *snapshot, k agents.Kind) float64) func(s *snapshot) float64 {
		return func(s *snapshot) float64 { return f(s, kind) }
	}
	share := func(s *snapshot, kind agents.Kind) float64 { return s.conc.Share[kind] }
	provs := func(s *snapshot, kind agents.Kind) float64 { return s.providers[kind] }
	staff := func(s *snapshot, kind agents.Kind) float64 { return s.staff[kind] }
	fl := func(n int) float64 { return float64(n) }
	return []measureDef{
		// structure
		{Measure{"providers_nhs", "providers", "NHS providers holding at least one contract at the end of the year"}, k(agents.NHS, provs)},
		{Measure{"providers_mutual", "providers", "mutuals holding at least one contract"}, k(agents.Mutual, provs)},
		{Measure{"providers_private", "providers", "private firms holding at least one contract"}, k(agents.Private, provs)},
		{Measure{"providers_jv", "providers", "joint ventures holding at least one contract"}, k(agents.JV, provs)},
		{Measure{"mutuals_alive", "mutuals", "mutuals trading (holding a contract) at the end of the year; 2014 outcome about 100 [J]"}, func(s *snapshot) float64 { return s.mutualsAlive }},
		{Measure{"mutuals_formed", "mutuals", "mutuals formed by spin-out since the start of the run (cumulative; joint ventures and NHS bodies' own companies are not mutuals)"}, func(s *snapshot) float64 { return fl(s.cum.mutualsFormed) }},
		{Measure{"mutuals_failed", "mutuals", "mutuals that failed since the start of the run (cumulative)"}, func(s *snapshot) float64 { return fl(s.cum.mutualsFailed) }},
		{Measure{"mutuals_sold", "mutuals", "mutuals sold to private firms since the start of the run (cumulative)"}, func(s *snapshot) float64 { return fl(s.cum.mutualsSold) }},
		{Measure{"mutuals_handed_back", "mutuals", "mutuals that handed back their contracts or lost them all, since the start (cumulative)"}, func(s *snapshot) float64 { return fl(s.cum.mutualsHandback) }},
		{Measure{"staff_total", "staff", "staff employed on community-service contracts at the end of the year"}, func(s *snapshot) float64 { return s.totalStaff }},
		{Measure{"staff_nhs", "staff", "staff employed by NHS providers"}, k(agents.NHS, staff)},
		{Measure{"staff_in_mutuals", "staff", "staff employed by mutuals (2011 ambition: 1 million public servants by 2015; 2014 outcome ~35,000 [J])"}, k(agents.Mutual, staff)},
		{Measure{"staff_private", "staff", "staff employed by private firms"}, k(agents.Private, staff)},
		{Measure{"staff_jv", "staff", "staff employed by joint ventures"}, k(agents.JV, staff)},
		// concentration
		{Measure{"share_nhs", "share 0-1", "NHS providers' share of contract value at the end of the year"}, k(agents.NHS, share)},
		{Measure{"share_mutual", "share 0-1", "mutuals' share of contract value"}, k(agents.Mutual, share)},
		{Measure{"share_private", "share 0-1", "private firms' share of contract value"}, k(agents.Private, share)},
		{Measure{"share_jv", "share 0-1", "joint ventures' share of contract value"}, k(agents.JV, share)},
		{Measure{"value_mutual", "£m", "annual value of the contracts mutuals hold at the end of the year (2014 outcome ~£1.5bn [MODEL.md §8])"}, func(s *snapshot) float64 { return s.value[agents.Mutual] }},
		{Measure{"hhi_regional", "HHI 0-10,000", "Herfindahl-Hirschman index of providers' shares of each region's contract value, averaged over regions weighted by their spend: concentration where commissioners buy (the headline)"}, func(s *snapshot) float64 { return s.conc.RegionalHHI }},
		{Measure{"cr1_regional", "share 0-1", "the largest provider's share of its region's contract value, averaged over regions weighted by spend"}, func(s *snapshot) float64 { return s.conc.RegionalCR1 }},
		{Measure{"cr4_regional", "share 0-1", "the four largest providers' share of their region's contract value, averaged over regions weighted by spend"}, func(s *snapshot) float64 { return s.conc.RegionalCR4 }},
		{Measure{"regions_hhi_over_1000", "share 0-1", "share of regions whose HHI exceeds 1,000 (concentrated in the UK's 2010 merger guidelines)"}, func(s *snapshot) float64 { return s.conc.RegionsOver1000 }},
		{Measure{"regions_hhi_over_2000", "share 0-1", "share of regions whose HHI exceeds 2,000 (highly concentrated in the UK's 2010 merger guidelines)"}, func(s *snapshot) float64 { return s.conc.RegionsOver2000 }},
		{Measure{"spend_hhi_over_1000", "share 0-1", "share of commissioners' spend in regions whose HHI exceeds 1,000 (concentrated, 2010 merger guidelines)"}, func(s *snapshot) float64 { return s.conc.SpendOver1000 }},
		{Measure{"spend_hhi_over_2000", "share 0-1", "share of commissioners' spend in regions whose HHI exceeds 2,000 (highly concentrated, 2010 merger guidelines)"}, func(s *snapshot) float64 { return s.conc.SpendOver2000 }},
		{Measure{"spend_near_monopoly", "share 0-1", "share of commissioners' spend in regions where one provider holds more than 90% of the contract value: the thresholds above are passed by nearly every local market, this tells them apart"}, func(s *snapshot) float64 { return s.conc.SpendMonopoly }},
		{Measure{"hhi_service", "HHI 0-10,000", "national HHI of each service's providers, averaged over services weighted by their value: how concentrated the supply of each service is across England"}, func(s *snapshot) float64 { return s.conc.ServiceHHI }},
		{Measure{"cr1_service", "share 0-1", "the largest provider's national share of each service, averaged over services weighted by value"}, func(s *snapshot) float64 { return s.conc.ServiceCR1 }},
		{Measure{"cr4_service", "share 0-1", "the four largest providers' national share of each service, averaged over services weighted by value"}, func(s *snapshot) float64 { return s.conc.ServiceCR4 }},
		{Measure{"hhi_national", "HHI 0-10,000", "HHI of providers' shares of all contract value, every region pooled: not a market any commissioner buys in, kept for comparison with national figures"}, func(s *snapshot) float64 { return s.conc.HHI }},
		{Measure{"cr4_national", "share 0-1", "national share of contract value held by the four largest providers, every region pooled"}, func(s *snapshot) float64 { return s.conc.CR4 }},
		{Measure{"largest_private_share", "share 0-1", "national share of contract value held by the largest private firm"}, func(s *snapshot) float64 { return s.conc.LargestPrivate }},
		// competition
		{Measure{"tenders", "tenders", "competitive tenders run in the year (open and reserved)"}, func(s *snapshot) float64 { return fl(s.t.tenders) }},
		{Measure{"tenders_open", "tenders", "open competitive tenders"}, func(s *snapshot) float64 { return fl(s.t.open) }},
		{Measure{"tenders_reserved", "tenders", "competitions reserved for mutuals (Article 77)"}, func(s *snapshot) float64 { return fl(s.t.reserved) }},
		{Measure{"direct_awards", "awards", "direct awards (Teckal, Provider Selection Regime)"}, func(s *snapshot) float64 { return fl(s.t.direct) }},
		{Measure{"rollovers", "awards", "contracts rolled over to the incumbent without competition"}, func(s *snapshot) float64 { return fl(s.t.rollover) }},
		{Measure{"extensions", "awards", "contracts extended a year (no valid bid or no commissioner capacity)"}, func(s *snapshot) float64 { return fl(s.t.extension) }},
		{Measure{"emergency_awards", "awards", "emergency awards after failures and hand-backs"}, func(s *snapshot) float64 { return fl(s.t.emergency) }},
		{Measure{"mean_bidders", "bidders", "mean bidders per competitive tender (empty if none)"}, func(s *snapshot) float64 { return ratio(fl(s.t.bidders), fl(s.t.tenders)) }},
		{Measure{"incumbent_win_rate", "share 0-1", "share of competitive tenders won by the incumbent (empty if none)"}, func(s *snapshot) float64 { return ratio(fl(s.t.incumbentWon), fl(s.t.tenders)) }},
		{Measure{"price_to_budget", "ratio", "mean winning price over budget in awarded competitive tenders (empty if none)"}, func(s *snapshot) float64 {
			return ratio(s.t.priceToBudget, fl(s.t.awarded))
		}},
		{Measure{"bid_markup_private", "margin (share of cost)", "mean (price − cost) ÷ cost of private firms' valid bids, cost as the bidder priced from it (a challenger's after its winner's-curse correction): bid shading and investor margin (empty if none)"}, func(s *snapshot) float64 {
			return ratio(s.t.markup[agents.Private], fl(s.t.markupBids[agents.Private]))
		}},
		{Measure{"bid_markup_mutual", "margin (share of cost)", "the same for mutuals' valid bids: the prudence margin (empty if none)"}, func(s *snapshot) float64 {
			return ratio(s.t.markup[agents.Mutual], fl(s.t.markupBids[agents.Mutual]))
		}},
		{Measure{"transaction_costs", "£m", "commissioners' tender costs plus bidders' bid costs in the year"}, func(s *snapshot) float64 { return s.t.tenderCost + s.t.bidCost }},
		{Measure{"private_margin", "margin (share of revenue)", "private firms' surplus ÷ revenue on their contracts, negative for a loss (empty if none)"}, func(s *snapshot) float64 { return s.privateMargin }},
		// capture
		{Measure{"producer_capture_index", "share of revenue", "revenue-weighted (staff benefit + slack cost) ÷ revenue"}, func(s *snapshot) float64 { return s.capture }},
		{Measure{"investor_extraction", "share of revenue", "dividends to investors ÷ revenue"}, func(s *snapshot) float64 { return s.extraction }},
		{Measure{"slack_mean", "share of labour cost", "slack cost ÷ labour cost, over all providers"}, func(s *snapshot) float64 { return s.slack }},
		{Measure{"staff_benefit", "£m", "staff benefit paid out of surplus (bonus, pay drift)"}, func(s *snapshot) float64 { return s.benefit }},
		// workforce
		{Measure{"engagement_mean", "0-1", "mean staff engagement"}, func(s *snapshot) float64 { return s.engagement }},
		{Measure{"absence_rate", "share of time", "sickness absence (NHS 4-5%)"}, func(s *snapshot) float64 { return s.absence }},
		{Measure{"turnover_rate", "per year", "leavers (quits and retirements) ÷ headcount at the start of the year (NHS 10-12%)"}, func(s *snapshot) float64 { return s.turnover }},
		{Measure{"vacancy_rate", "share of posts", "unfilled posts after recruitment ÷ target headcount"}, func(s *snapshot) float64 { return s.vacancy }},
		{Measure{"vacancy_rate_nhs", "share of posts", "vacancy rate at NHS providers"}, func(s *snapshot) float64 { return s.vacancyKind[agents.NHS] }},
		{Measure{"vacancy_rate_mutual", "share of posts", "vacancy rate at mutuals (empty if none)"}, func(s *snapshot) float64 { return s.vacancyKind[agents.Mutual] }},
		{Measure{"vacancy_rate_private", "share of posts", "vacancy rate at private firms (empty if none)"}, func(s *snapshot) float64 { return s.vacancyKind[agents.Private] }},
		{Measure{"productivity_nhs", "staff-years per head-year", "effective labour per head-year worked at NHS providers (efficiency, ownership and engagement)"}, func(s *snapshot) float64 { return s.productivity[agents.NHS] }},
		{Measure{"productivity_mutual", "staff-years per head-year", "the same at mutuals (empty if none)"}, func(s *snapshot) float64 { return s.productivity[agents.Mutual] }},
		{Measure{"productivity_private", "staff-years per head-year", "the same at private firms (empty if none)"}, func(s *snapshot) float64 { return s.productivity[agents.Private] }},
		{Measure{"agency_rate", "share of workload", "agency staff-years ÷ workload"}, func(s *snapshot) float64 { return s.agency }},
		{Measure{"nhs_pension_share", "share 0-1", "share of staff in the NHS Pension Scheme"}, func(s *snapshot) float64 { return s.nhsPension }},
		{Measure{"pension_cost", "£m", "employer pension contributions"}, func(s *snapshot) float64 { return s.pensionCost }},
		// outcomes
		{Measure{"quality_mean", "0-1", "workload-weighted delivered quality"}, func(s *snapshot) float64 { return s.quality }},
		{Measure{"patient_experience", "0-1", "workload-weighted mean of quality and staff engagement (patient experience follows staff experience [M: Ham])"}, func(s *snapshot) float64 { return s.experience }},
		{Measure{"cost_per_quality", "£k per quality-adjusted staff-year", "spend on contracts ÷ (workload × quality): value for money, lower is better"}, func(s *snapshot) float64 { return s.costPerQuality }},
		{Measure{"total_spend", "£m", "commissioners' spend: contract prices plus tender costs"}, func(s *snapshot) float64 { return s.spend }},
		// market dynamics
		{Measure{"failures", "providers", "providers that failed in the year"}, func(s *snapshot) float64 { return fl(s.t.failures) }},
		{Measure{"handbacks", "providers", "providers that handed back contracts and left in the year"}, func(s *snapshot) float64 { return fl(s.t.handbacks) }},
		{Measure{"acquisitions", "providers", "providers bought by private firms in the year"}, func(s *snapshot) float64 { return fl(s.t.acquisitions) }},
		{Measure{"entrants", "providers", "new private firms entering the market in the year"}, func(s *snapshot) float64 { return fl(s.t.entrants) }},
		{Measure{"entrant_wins", "tenders", "tenders won by a new firm bidding for its first contract"}, func(s *snapshot) float64 { return fl(s.t.entrantWins) }},
		// spin-outs
		{Measure{"spinout_attempts", "proposals", "spin-out proposals in the year"}, func(s *snapshot) float64 { return fl(s.t.spinAttempts) }},
		{Measure{"spinout_fail_ballot", "proposals", "proposals that failed the staff ballot"}, func(s *snapshot) float64 { return fl(s.t.spinFail[GateBallot]) }},
		{Measure{"spinout_fail_management", "proposals", "proposals refused by management"}, func(s *snapshot) float64 { return fl(s.t.spinFail[GateManagement]) }},
		{Measure{"spinout_fail_business_plan", "proposals", "proposals without a fundable business plan"}, func(s *snapshot) float64 { return fl(s.t.spinFail[GateBusinessPlan]) }},
		{Measure{"spinout_fail_finance", "proposals", "proposals that could not raise start-up finance"}, func(s *snapshot) float64 { return fl(s.t.spinFail[GateFinance]) }},
		{Measure{"spinout_fail_legal", "proposals", "proposals stopped by legal challenge"}, func(s *snapshot) float64 { return fl(s.t.spinFail[GateLegal]) }},
		{Measure{"spinouts_formed", "organisations", "spin-outs formed in the year: mutuals, joint ventures and NHS bodies' own companies"}, func(s *snapshot) float64 { return fl(s.t.spinFormed) }},
		{Measure{"arm_spinouts_formed", "organisations", "spin-outs of a whole NHS provider arm formed in the year"}, func(s *snapshot) float64 { return fl(s.t.armFormed) }},
		{Measure{"teckal_companies", "providers", "companies wholly owned by NHS bodies holding at least one contract (counted among NHS providers)"}, func(s *snapshot) float64 { return s.teckal }},
		{Measure{"teckal_challenges", "awards", "direct awards to NHS bodies' own companies challenged and competed instead, in the year"}, func(s *snapshot) float64 { return fl(s.t.teckalChallenged) }},
		{Measure{"jv_buyouts", "providers", "joint ventures bought out by their private partner in the year"}, func(s *snapshot) float64 { return fl(s.t.jvBuyouts) }},
		{Measure{"jv_value_privatised", "share 0-1", "annual value of the contracts joint ventures took that has passed to private firms (partner buy-outs, sales, re-tenders won by private firms) ÷ the value they took, since the start (empty if none formed)"}, func(s *snapshot) float64 {
			return ratio(s.cum.jvPrivatisedValue, s.cum.jvFormedValue)
		}},
		{Measure{"mutual_survival_3y", "share 0-1", "share of spun-out mutuals that have reached 3 years of trading (a mutual formed in 2011 trades from 2012, so by the end of 2014) still trading as mutuals (empty if none)"}, func(s *snapshot) float64 { return s.survival3 }},
		{Measure{"mutual_survival_5y", "share 0-1", "the same at 5 years"}, func(s *snapshot) float64 { return s.survival5 }},
	}
}

// measureTable is every measure with how to read it, built once and never
// changed; measureIndex finds a measure's column by name.
var (
	measureTable = measureDefs()
	measureIndex = func() map[string]int {
		m := make(map[string]int, len(measureTable))
		for i, d := range measureTable {
			m[d.Name] = i
		}
		return m
	}()
)

// Measures returns the yearly measures in column order. The slice is new
// on each call.
func Measures() []Measure {
	defs := measureTable
	out := make([]Measure, len(defs))
	for i, d := range defs {
		out[i] = d.Measure
	}
	return out
}

// MeasureByName returns the named measure, and whether there is one.
func MeasureByName(name string) (Measure, bool) {
	i, ok := measureIndex[name]
	if !ok {
		return Measure{}, false
	}
	return measureTable[i].Measure, true
}

// MeasureIndex returns the column of the named measure, or -1.
func MeasureIndex(name string) int {
	if i, ok := measureIndex[name]; ok {
		return i
	}
	return -1
}

// measure runs phase 7: it records every measure of the year and the
// providers panel.
func (w *World) measure() {
	s := w.snapshot()
	defs := measureTable
	row := make([]float64, len(defs))
	for i, d := range defs {
		row[i] = d.get(s)
	}
	w.rec.Years = append(w.rec.Years, w.year)
	w.rec.Values = append(w.rec.Values, row)
	w.recordProviders()
	w.recordMarkets(&s.conc)
}

func (w *World) snapshot() *snapshot {
	s := &snapshot{t: w.tally, cum: w.cum}
	holdings := make([][]Holding, len(w.regions))
	contracts := make([]int, len(w.providers))
	for ri, r := range w.regions {
		for ci := range r.Contracts {
			c := &r.Contracts[ci]
			if !c.Active {
				continue
			}
			contracts[c.Holder]++
			// One holding per service, the contract's price split by workload.
			lw := r.lotWorkload(c.Services)
			for sv := range agents.NumServices {
				if c.Services.Has(sv) && lw > 0 {
					holdings[ri] = append(holdings[ri], Holding{Provider: c.Holder, Kind: w.providers[c.Holder].Kind,
						Value: c.Price * r.Workload[sv] / lw, Services: agents.ServiceSet(0).With(sv)})
				}
			}
			s.value[w.providers[c.Holder].Kind] += c.Price
			s.totalValue += c.Price
		}
		for sv := range agents.NumServices {
			kind := w.providers[r.holder(sv)].Kind
			s.staff[kind] += float64(r.svc[sv].HeadEnd)
			s.totalStaff += float64(r.svc[sv].HeadEnd)
		}
	}
	s.conc = MarketConcentration(holdings)
	for i := range w.providers {
		if contracts[i] == 0 {
			continue
		}
		p := &w.providers[i]
		s.providers[p.Kind]++
		if p.Kind == agents.Mutual {
			s.mutualsAlive++
		}
		if p.Teckal {
			s.teckal++
		}
	}
	// Accounts of the year's delivery.
	var rev, captured, divs, slackCost, labour float64
	for i := range w.providers {
		p := &w.providers[i]
		rev += p.Revenue
		captured += p.StaffBenefit + p.SlackCost
		divs += p.Dividends
		slackCost += p.SlackCost
		labour += p.LabourCost
		s.benefit += p.StaffBenefit
	}
	s.capture = ratio(captured, rev)
	s.extraction = ratio(divs, rev)
	s.slack = ratio(slackCost, labour)
	d := &w.tally.delivered
	s.quality = ratio(d.quality, d.workload)
	s.experience = ratio(d.experience, d.workload)
	s.agency = ratio(d.agency, d.workload)
	s.pensionCost = d.pension
	s.spend = d.spend + w.tally.tenderCost
	s.costPerQuality = thousand * ratio(d.spend, d.quality)
	for k := range agents.NumKinds {
		s.productivity[k] = ratio(d.labour[k], d.worked[k])
	}
	var prev, psur float64
	for i := range w.providers {
		if p := &w.providers[i]; p.Kind == agents.Private && p.Revenue > 0 {
			prev += p.Revenue
			psur += p.Surplus
		}
	}
	s.privateMargin = ratio(psur, prev)
	// Workforce.
	var head, start, leavers, eng, abs, members, target float64
	var vac, tgtKind [agents.NumKinds]float64
	for _, r := range w.regions {
		for sv := range agents.NumServices {
			st := &r.svc[sv]
			head += float64(st.Headcount)
			start += float64(st.HeadStart)
			leavers += float64(st.Leavers)
			eng += st.Engagement
			abs += st.Absence
			members += float64(st.NHSMembers)
			target += st.Target
			gap := math.Max(0, st.Target-float64(st.HeadEnd))
			vac[st.Kind] += gap
			tgtKind[st.Kind] += st.Target
		}
	}
	s.engagement = ratio(eng, head)
	s.absence = ratio(abs, head)
	s.turnover = ratio(leavers, start)
	s.nhsPension = ratio(members, head)
	total := 0.0
	for k := range agents.NumKinds {
		total += vac[k]
		s.vacancyKind[k] = ratio(vac[k], tgtKind[k])
	}
	s.vacancy = ratio(total, target)
	// Survival of spin-outs.
	var n3, a3, n5, a5 float64
	for i := range w.providers {
		p := &w.providers[i]
		if !p.SpunOut || p.Kind != agents.Mutual {
			continue // joint ventures are spin-outs too, but not mutuals
		}
		trading := p.Alive && p.Kind == agents.Mutual
		age := agents.YearsTrading(p.Born, w.year)
		if age >= survivalShort {
			n3++
			if trading {
				a3++
			}
		}
		if age >= survivalLong {
			n5++
			if trading {
				a5++
			}
		}
	}
	s.survival3 = ratio(a3, n3)
	s.survival5 = ratio(a5, n5)
	return s
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// recordProviders adds this year's row of every provider that traded this
// year or holds a contract, or stopped trading this year.
func (w *World) recordProviders() {
	contracts := make([]int, len(w.providers))
	for _, r := range w.regions {
		for ci := range r.Contracts {
			if c := &r.Contracts[ci]; c.Active {
				contracts[c.Holder]++
			}
		}
	}
	for i := range w.providers {
		p := &w.providers[i]
		if !(contracts[i] > 0 || p.Revenue > 0 || p.Ended == w.year) {
			continue
		}
		w.rec.Providers = append(w.rec.Providers, ProviderRecord{
			Rep: w.rep, Year: w.year, ID: p.ID, Kind: p.Kind, Home: p.Home, Contracts: contracts[i], Staff: p.Staff,
			Revenue: p.Revenue, Cost: p.Cost, Surplus: p.Surplus, Reserves: p.Reserves, Slack: p.Slack,
			CaptureIndex: agentsCaptureIndex(p), Dividends: p.Dividends, StaffBenefit: p.StaffBenefit, Quality: p.Quality,
			Alive: p.Alive, EndWhy: p.EndWhy,
		})
	}
}

// recordMarkets adds this year's row of every region's market and every
// service's national market.
func (w *World) recordMarkets(c *Concentration) {
	for i, m := range c.Regions {
		w.rec.Markets = append(w.rec.Markets, MarketRecord{Rep: w.rep, Year: w.year, Scope: "region", Region: int32(i), Market: m})
	}
	for s, m := range c.Services {
		w.rec.Markets = append(w.rec.Markets, MarketRecord{Rep: w.rep, Year: w.year, Scope: "service", Region: -1, Service: agents.Service(s), Market: m})
	}
}

func agentsCaptureIndex(p *agents.Provider) float64 {
	return agents.CaptureIndex(p.StaffBenefit, p.SlackCost, p.Revenue)
}
