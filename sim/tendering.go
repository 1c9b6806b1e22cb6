package sim

import (
	"math"

	"mutualsim/agents"
	"mutualsim/internal/fmath"
)

// bid is one bidder's offer for a lot.
type bid struct {
	provider  int32 // -1 for a new entrant not yet in the market
	entrant   agents.Provider
	cost      float64
	price     float64
	quality   float64
	score     float64
	tie       float64
	risk      float64
	valid     bool
	incumbent bool
}

// A provider can take on a lot of at most capacityBase + capacityGrowth ×
// its current workload, in staff-years: no organisation can mobilise a
// service several times its size (national firms excepted). An assumption,
// docs/ODD.md.
const (
	capacityBase   = 100
	capacityGrowth = 0.5
)

// Bids (assumptions, docs/ODD.md §11):
const (
	// stayersShare is the part of a service's staff still in the NHS
	// scheme at the end of a contract won by an employer whose recruits
	// cannot join it: over a contract about a third turn over.
	stayersShare = 0.7
	// jvMarginShare is the part of a private firm's margin a joint
	// venture adds to a mutual's prudence.
	jvMarginShare = 0.5
	// tupeMidpoint places the heads a new holder pays for over a contract
	// halfway between those the work needs and those it inherits under
	// TUPE: it sheds the excess only as people leave.
	tupeMidpoint = 0.5
	// qualityBidSD is the spread of what a bidder promises around the
	// quality it expects to deliver.
	qualityBidSD = 0.02
)

// incumbentLoss is the loss, as a share of the budget, that an independent
// incumbent accepts to keep a contract (an assumption, docs/ODD.md).
const incumbentLoss = 0.05

// tendering runs phase 5 (MODEL.md §4.5): every contract that ends this year
// is re-procured by the route the levers allow. Regions run in order, each
// with its own stream, because national firms bid across regions.
func (w *World) tendering() {
	for i := range w.providers {
		p := &w.providers[i]
		p.Lost, p.LostCore = false, false
	}
	core := w.coreValues()
	for _, r := range w.regions {
		r.Commissioner.Tenders = 0
		if w.p.Mechanisms.Awareness {
			r.Commissioner.Awareness = math.Min(1, r.Commissioner.Awareness+w.p.Commissioners.AwarenessProgramme)
		}
		rs := newStream(w.seed, w.rep, purposeTender, int(r.ID), w.year)
		w.procureRegion(rs, r, core)
	}
	w.learnBeliefs()
}

// learnFrom records one bidder's estimated cost, as a share of the
// reference cost, for the year's learning.
func (w *World) learnFrom(rel float64) {
	w.tally.costSum += rel
	w.tally.costSq += float64(rel * rel)
	w.tally.costBids++
}

// learnBeliefs moves bidders' belief about rivals' costs toward the mean
// and spread of the costs of this year's bidders (agents.Belief.Learn):
// beliefs that match the costs of those who actually bid.
func (w *World) learnBeliefs() {
	t := &w.tally
	if t.costBids < 2 {
		return
	}
	n := float64(t.costBids)
	mean := t.costSum / n
	sd := math.Sqrt(math.Max(0, (t.costSq-float64(n*mean*mean))/(n-1)))
	w.beliefs = w.beliefs.Learn(agents.Belief{Mean: mean, SD: sd}, t.costBids, w.p.Market.BeliefLearning)
}

// coreValues returns the value of each provider's largest contract.
func (w *World) coreValues() []float64 {
	core := make([]float64, len(w.providers))
	for _, r := range w.regions {
		for ci := range r.Contracts {
			if c := &r.Contracts[ci]; c.Active {
				core[c.Holder] = math.Max(core[c.Holder], c.Price)
			}
		}
	}
	return core
}

func (w *World) procureRegion(rs *stream, r *Region, core []float64) {
	pr := w.p.Procurement
	var compete []agents.Service
	for ci := range r.Contracts {
		c := &r.Contracts[ci]
		if !c.Active || c.End != w.year {
			continue
		}
		uChallenge := rs.Float64()
		if route, ok := w.directRoute(r, c, uChallenge); ok {
			w.directAward(r, c, route, pr.ContractYears)
			continue
		}
		for s := range agents.NumServices {
			if c.Services.Has(s) {
				compete = append(compete, s)
			}
		}
	}
	if len(compete) == 0 {
		return
	}
	for _, lot := range w.lots(sortServices(compete)) {
		uReserved := rs.Float64()
		if r.Commissioner.Tenders >= w.p.Commissioners.Capacity {
			w.extendLot(r, lot, agents.RouteExtension)
			continue
		}
		reserved := uReserved < pr.ReservedShare
		w.runTender(rs, r, lot, reserved, core)
	}
}

func sortServices(ss []agents.Service) []agents.Service {
	var set agents.ServiceSet
	for _, s := range ss {
		set = set.With(s)
	}
	out := ss[:0]
	for s := range agents.NumServices {
		if set.Has(s) {
			out = append(out, s)
		}
	}
	return out
}

// directRoute returns the non-competitive route the levers give contract c,
// if any. A direct award to an NHS body's wholly owned company is
// challenged, and the contract competed, when uChallenge falls below
// procurement.teckal_challenge: such a company is "legally difficult" [J].
func (w *World) directRoute(r *Region, c *agents.Contract, uChallenge float64) (agents.Route, bool) {
	pr := w.p.Procurement
	switch {
	case !w.p.Mechanisms.Tendering:
		return agents.RouteRollover, true
	case pr.Teckal && c.Holder == r.InHouse:
		return agents.RouteTeckal, true
	case pr.TeckalCompanies && w.ownCompany(r, c.Holder):
		if w.p.Mechanisms.TeckalChallenge && uChallenge < pr.TeckalChallenge {
			w.tally.teckalChallenged++
			return 0, false
		}
		return agents.RouteTeckal, true
	case pr.PSR && w.satisfactory(c):
		return agents.RoutePSR, true
	case w.rolloverAllowed(c):
		return agents.RouteRollover, true
	}
	return 0, false
}

// ownCompany reports whether provider id is a company wholly owned by an
// NHS body of region r, which the Teckal exemption lets r's commissioner
// award to directly.
func (w *World) ownCompany(r *Region, id int32) bool {
	p := &w.providers[id]
	return p.Teckal && p.Home == r.ID
}

// directAward renews c with its holder for years more years at a
// negotiated price: without a rival's bid the commissioner pays what the
// service costs the holder.
func (w *World) directAward(r *Region, c *agents.Contract, route agents.Route, years int) {
	b := w.budget(c.Workload)
	c.Budget = b
	c.Price = w.negotiatedPrice(c)
	c.Start, c.End, c.Route = w.year+1, w.year+years, route
	hp := &w.providers[c.Holder]
	w.record(TenderRecord{Region: r.ID, Contract: c.ID, Services: c.Services, Route: route, Winner: c.Holder, WinnerKind: hp.Kind,
		Incumbent: c.Holder, IncumbentKind: hp.Kind, Price: c.Price, Budget: b, Quality: c.Quality, IncumbentWon: true})
}

// negotiatedMargin is the margin over cost in a negotiated price, the same
// as in the 2010 block contracts (an assumption, docs/ODD.md).
const negotiatedMargin = initialPremium

// negotiatedPrice returns the price of a direct, rolled-over or emergency
// award: last year's cost of delivering c plus a 1% margin, within its
// budget, up or down from the old price.
func (w *World) negotiatedPrice(c *agents.Contract) float64 {
	if c.Cost <= 0 {
		return math.Min(c.Budget, c.Price)
	}
	return math.Min(c.Budget, c.Cost*(1+negotiatedMargin))
}

// extendLot extends, by one year, every contract that covers a service of lot.
func (w *World) extendLot(r *Region, lot agents.ServiceSet, route agents.Route) {
	seen := map[int32]bool{}
	for s := range agents.NumServices {
		if !lot.Has(s) {
			continue
		}
		ci := r.Cover[s]
		if seen[ci] {
			continue
		}
		seen[ci] = true
		c := &r.Contracts[ci]
		c.End = w.year + 1
		c.Route = route
		hp := &w.providers[c.Holder]
		w.record(TenderRecord{Region: r.ID, Contract: c.ID, Services: c.Services, Route: route, Winner: c.Holder, WinnerKind: hp.Kind,
			Incumbent: c.Holder, IncumbentKind: hp.Kind, Price: c.Price, Budget: c.Budget, Quality: c.Quality, IncumbentWon: true})
	}
}

// serviceTerms are the TUPE terms of a service's current staff: what a new
// holder inherits.
type serviceTerms struct {
	wage     float64 // mean wage, £k
	nhsShare float64 // share in the NHS scheme
}

func (w *World) terms(r *Region, s agents.Service) serviceTerms {
	sv := &r.svc[s]
	if sv.Headcount == 0 {
		return serviceTerms{wage: w.meanNHSWage(), nhsShare: 1}
	}
	return serviceTerms{wage: sv.PayBill / float64(sv.Headcount), nhsShare: float64(sv.NHSMembers) / float64(sv.Headcount)}
}

// estimateCost returns the cost (£m a year) at which provider p expects to
// deliver the lot: the headcount its productivity needs on the inherited
// terms, with its pension rate, contract overhead and slack, and an
// estimation error for a non-incumbent.
func (w *World) estimateCost(r *Region, p *agents.Provider, lot agents.ServiceSet, incumbent bool, err float64) float64 {
	wf := w.p.Workforce
	prod := p.Productivity
	if prod <= 0 {
		prod = w.multiplier(p)
	}
	rateNHS := w.rules.EmployerRateFor(p.Kind, true)
	labour := 0.0
	for s := range agents.NumServices {
		if !lot.Has(s) {
			continue
		}
		t := w.terms(r, s)
		t.nhsShare = w.rules.BidderNHSShare(t.nhsShare, p.Kind, incumbent, stayersShare)
		perHead := agents.CostPerHead(t.wage, wf.EmployerOnCost, t.nhsShare, rateNHS, w.rules.AlternativeRate)
		heads := r.Workload[s] / (prod * (1 - refAbsence))
		if inherited := float64(r.svc[s].HeadEnd); !incumbent && inherited > heads {
			// A new holder inherits the staff under TUPE and sheds the excess
			// only as people leave: over a contract it pays for about half of it.
			heads = (heads + inherited) * tupeMidpoint
		}
		labour += heads * perHead / thousand
	}
	cost := labour * (1 + float64(w.p.Market.ContractOverhead*w.overheadFactor(p)) + p.Slack)
	return cost * err
}

// rolloverAllowed reports whether contract c may be rolled over to its
// holder: rollover is allowed (procurement.rollover) and the contract's
// value over a renewal of procurement.contract_years is at most the
// threshold above which competition is mandatory. The EU threshold is on
// the whole contract's estimated value, not a year's [J].
func (w *World) rolloverAllowed(c *agents.Contract) bool {
	pr := w.p.Procurement
	return pr.Rollover && float64(c.Price*float64(pr.ContractYears)) <= pr.OpenThreshold
}

// expectedQuality returns the quality a provider expects to deliver on a new
// lot: its delivered quality where it has contracts, else its capability
// adjusted for its kind's engagement.
func (w *World) expectedQuality(p *agents.Provider) float64 {
	if p.Contracts > 0 && p.Quality > 0 {
		return p.Quality
	}
	wf := w.p.Workforce
	voice := wf.VoiceNHS
	switch p.Kind {
	case agents.Mutual:
		voice = wf.VoiceMutual + wf.OwnershipVoice
	case agents.Private:
		voice = wf.VoicePrivate
	case agents.JV:
		voice = wf.VoiceJV
	}
	return clamp(p.Capability*(1+float64(w.p.Productivity.QualityEngagement*(voice-wf.VoiceNHS)))*(1-p.Slack), 0, 1)
}

func (r *Region) isNeighbour(home int32) bool {
	for _, n := range r.Neighbours {
		if n == home {
			return true
		}
	}
	return false
}

// candidate is a provider that may bid for a lot: an incumbent, which
// always bids, or a challenger, which bids with the entry probability.
// Feasible says whether it has the capacity and the surety to take the lot
// on; only feasible challengers count as potential bidders.
type candidate struct {
	id        int32
	incumbent bool
	feasible  bool
}

// candidates returns the providers that may bid for lot in region r, in id
// order, and how many of them are incumbents: the lot's holders; national
// firms; providers based in the region or a neighbouring one; for a reserved
// lot only eligible mutuals (MODEL.md §4.5). A candidate is feasible if it
// can take on the part of the lot it does not hold (national firms always
// can) and show the surety demanded.
func (w *World) candidates(r *Region, lot agents.ServiceSet, reserved bool, budget float64) (out []candidate, incumbents, potential int) {
	pr := w.p.Procurement
	wl := r.lotWorkload(lot)
	for id := range w.providers {
		p := &w.providers[id]
		if !p.Alive {
			continue
		}
		eligible := p.Kind == agents.Mutual || (p.Kind == agents.JV && pr.JVReservedEligible)
		if reserved && (!eligible || r.Commissioner.ReservedBarred(int32(id), w.year, pr.ReservedCooldown)) {
			continue
		}
		if p.Kind == agents.NHS && !pr.NHSBidders {
			continue
		}
		inc := heldWorkload(r, lot, int32(id)) > 0
		switch {
		case inc:
			incumbents++
		case p.Lines&lot == 0:
			continue // it delivers none of the lot's services
		case p.National:
		case p.Kind == agents.NHS && p.Contracts == 0:
			continue // an NHS body with no services left has no one to deliver a new one
		case p.Home == r.ID, w.withinReach(r, p.Home, budget):
		default:
			continue
		}
		feasible := p.National || wl-heldWorkload(r, lot, int32(id)) <= capacityBase+float64(capacityGrowth*p.Workload)
		if w.p.Mechanisms.Sureties && pr.Surety > 0 && p.Kind != agents.NHS && p.Reserves < pr.Surety*budget {
			feasible = false
		}
		if feasible && !inc {
			potential++
		}
		out = append(out, candidate{id: int32(id), incumbent: inc, feasible: feasible})
	}
	return out, incumbents, potential
}

// withinReach reports whether a provider based in region home would
// consider bidding for a lot of region r with the given budget: home is
// within the scale's neighbour radius, widened by one ring of regions for
// every market.reach_value of the lot's annual value (a large contract
// draws bidders from further away).
func (w *World) withinReach(r *Region, home int32, budget float64) bool {
	if home < 0 {
		return false
	}
	n := int32(len(w.regions))
	d := (home - r.ID + n) % n
	d = min(d, n-d)
	radius := w.scale.NeighbourRadius
	if rv := w.p.Market.ReachValue; rv > 0 {
		radius += int(budget / rv)
	}
	return int(d) <= radius
}

// entryProbability returns the probability with which each potential
// challenger bids for a lot worth budget a year over years, given the
// incumbents that bid anyway: the Levin–Smith entry equilibrium
// (agents.EntryProbability) under the bidders' belief about rivals' costs,
// or 1 with the mechanism off.
func (w *World) entryProbability(potential, incumbents int, budget, ref float64, years int) float64 {
	if !w.p.Mechanisms.EntryEquilibrium {
		return 1
	}
	b := w.belief()
	sigma := b.SD * ref
	headroom := budget - float64(b.Mean*ref)
	rent := func(n int) float64 { return float64(years) * agents.ExpectedRent(n, sigma, headroom) }
	return agents.EntryProbability(potential, incumbents, w.bidCost(budget), rent)
}

// bidCost returns a bidder's cost of preparing a bid for a lot with the
// given budget: a fixed part and a share of the annual value.
func (w *World) bidCost(budget float64) float64 {
	pr := w.p.Procurement
	return pr.BidCostFixed + float64(pr.BidCost*budget)
}

// belief returns what bidders believe about rivals' costs, as shares of the
// reference cost: learned from past bids, or the prior with the mechanism
// off.
func (w *World) belief() agents.Belief {
	if !w.p.Mechanisms.LearnedBeliefs {
		return agents.UniformBelief(w.p.Market.CostSpread)
	}
	return w.beliefs
}

// runTender runs one competitive tender for lot (MODEL.md §4.5): who bids,
// what each expects its cost to be, its price, the commissioner's score,
// the award and the transfer of staff.
func (w *World) runTender(rs *stream, r *Region, lot agents.ServiceSet, reserved bool, core []float64) {
	pr := w.p.Procurement
	wl := r.lotWorkload(lot)
	budget := w.budget(wl)
	ref := budget / (1 + pr.BudgetHeadroom)
	years := pr.ContractYears
	if reserved {
		years = pr.ReservedMaxYears // commissioners give reserved awards the longest term allowed
	}
	// The incumbent is the holder of the largest part of the lot.
	incumbent := int32(-1)
	big := -1.0
	for s := range agents.NumServices {
		if lot.Has(s) && r.Workload[s] > big {
			big, incumbent = r.Workload[s], r.holder(s)
		}
	}
	bids := w.collectBids(rs, r, lot, reserved, budget, ref, years)
	if reserved && len(bids) == 0 {
		// No eligible mutual came forward: the commissioner runs an open tender.
		w.runTender(rs, r, lot, false, core)
		return
	}
	r.Commissioner.Tenders++
	w.tally.tenderCost += float64(pr.TenderCost * budget)
	best := w.priceAndScore(rs, r, lot, bids, budget, ref)
	n := len(bids)
	for i := range bids {
		if id := bids[i].provider; id >= 0 {
			p := &w.providers[id]
			p.RivalsSeen = agents.RivalsBelief(p.RivalsSeen, n-1)
		}
	}
	route := agents.RouteOpen
	if reserved {
		route = agents.RouteReserved
	}
	w.tally.tenders++
	if reserved {
		w.tally.reserved++
	} else {
		w.tally.open++
	}
	w.tally.bidders += n
	incKind := w.providers[incumbent].Kind
	rec := TenderRecord{Region: r.ID, Contract: -1, Services: lot, Route: route, Bidders: n, Winner: -1,
		Incumbent: incumbent, IncumbentKind: incKind, Budget: budget, Reference: ref}
	for i := range bids {
		if bids[i].valid {
			rec.ValidBids++
			if rec.LowestPrice == 0 || bids[i].price < rec.LowestPrice {
				rec.LowestPrice = bids[i].price
			}
		}
	}
	if best < 0 {
		// No valid bid: the incumbents carry on for a year.
		rec.NoAward = true
		w.recordBids(rec, bids, -1, w.record(rec))
		w.extendLot(r, lot, agents.RouteExtension)
		return
	}
	w.award(r, lot, bids, best, incumbent, years, reserved, core, &rec)
	w.recordBids(rec, bids, best, w.record(rec))
}

// collectBids returns the bids for a lot: every incumbent that can keep it,
// and each potential challenger (and an occasional new firm) that enters
// with the entry probability, has the capacity, shows the surety and
// expects to cover its cost of bidding. Every candidate draws the same
// numbers whatever the mechanisms.
func (w *World) collectBids(rs *stream, r *Region, lot agents.ServiceSet, reserved bool, budget, ref float64, years int) []bid {
	pr := w.p.Procurement
	mk := w.p.Market
	mech := w.p.Mechanisms
	cands, incumbents, potential := w.candidates(r, lot, reserved, budget)
	// The occasional new firm. Its draws are made whether or not it bids,
	// so that the rest of the stream does not depend on it.
	uEntrant, uEnter, entrantErr := rs.Float64(), rs.Float64(), rs.Norm()
	ent := w.newLocalFirm(rs, r.ID, w.year+1, 0)
	// The new firm would be set up to deliver this lot.
	ent.Lines |= lot
	entrant := mech.BidderEntry && !reserved && uEntrant < mk.EntrantBidRate &&
		!(mech.Sureties && pr.Surety > 0 && ent.Reserves < pr.Surety*budget)
	if entrant {
		potential++
	}
	q := w.entryProbability(potential, incumbents, budget, ref, years)
	bc := w.bidCost(budget)
	var bids []bid
	for _, c := range cands {
		p := &w.providers[c.id]
		u, errDraw := rs.Float64(), rs.Norm()
		if !c.feasible || (!c.incumbent && u >= q) {
			continue
		}
		e := 1.0
		if !c.incumbent {
			e = fmath.Exp(mk.EstimateError * errDraw)
		}
		cost := w.estimateCost(r, p, lot, c.incumbent, e)
		// A challenger comes forward when the margin it expects at the
		// budget over the contract covers its cost of bidding. An incumbent
		// bids to keep its service even at a small loss, capped at the
		// budget; an NHS incumbent at any loss.
		viable := (budget-cost)*float64(years) >= bc
		if c.incumbent {
			viable = p.Kind == agents.NHS || cost <= budget*(1+incumbentLoss)
		}
		if viable {
			bids = append(bids, bid{provider: c.id, cost: cost, incumbent: c.incumbent})
		}
	}
	if entrant && uEnter < q {
		ent.Productivity = w.multiplier(&ent)
		cost := w.estimateCost(r, &ent, lot, false, fmath.Exp(mk.EstimateError*entrantErr))
		if (budget-cost)*float64(years) >= bc {
			bids = append(bids, bid{provider: -1, entrant: ent, cost: cost})
		}
	}
	return bids
}

// priceAndScore prices every bid and scores the valid ones, and returns the
// index of the best, -1 if none is valid. Each bidder pays its cost of
// bidding.
func (w *World) priceAndScore(rs *stream, r *Region, lot agents.ServiceSet, bids []bid, budget, ref float64) int {
	pr := w.p.Procurement
	mk := w.p.Market
	mech := w.p.Mechanisms
	weights := agents.Weights{Price: pr.PriceWeight, Quality: pr.QualityWeight, SocialValue: pr.SocialValueWeight}.WithParticipation(w.p.Commissioners.PublicParticipation)
	awareness := w.awarenessOf(r)
	ra := w.p.Commissioners.RiskAversion
	n := len(bids)
	b := w.belief()
	mu, sigma := b.Mean*ref, b.SD*ref
	curse := 1.0
	if mech.WinnersCurse {
		curse = agents.WinnersCurseFactor(n, mk.EstimateError, b.SD/b.Mean)
	}
	bc := w.bidCost(budget)
	best := -1
	for i := range bids {
		bd := &bids[i]
		p := &bd.entrant
		if bd.provider >= 0 {
			p = &w.providers[bd.provider]
			p.Reserves -= bc
		}
		w.tally.bidCost += bc
		w.learnFrom(bd.cost / ref)
		// A challenger prices from its estimate raised for the winner's
		// curse; an incumbent knows its cost. The bid record keeps the
		// estimate before the correction.
		cost := bd.cost
		if !bd.incumbent {
			cost *= curse
		}
		switch p.Kind {
		case agents.Private:
			bd.price = agents.PrivateBidBelief(cost, n, mu, sigma, budget, mk.PrivateMargin, mech.BidShading)
		case agents.Mutual:
			bd.price = agents.MutualBid(cost, mk.MutualPrudence, mech.MutualPrudence)
		case agents.JV:
			bd.price = agents.JVBid(cost, mk.MutualPrudence, mech.MutualPrudence, jvMarginShare, mk.PrivateMargin)
		default:
			bd.price = agents.NHSBid(cost)
		}
		if bd.incumbent {
			bd.price = math.Min(bd.price, budget)
		}
		qDraw, tie := rs.Norm(), rs.Float64()
		bd.quality = clamp(w.expectedQuality(p)+float64(qualityBidSD*qDraw), 0, 1)
		if bd.incumbent {
			bd.quality = clamp(w.lotQuality(r, lot)+float64(qualityBidSD*qDraw), 0, 1)
		}
		bd.tie = tie
		bd.valid = bd.price <= budget
		if !bd.valid {
			continue
		}
		if cost > 0 {
			// Markup over the cost the bidder priced from: shading and
			// margin, not the winner's-curse correction.
			w.tally.markup[p.Kind] += bd.price/cost - 1
			w.tally.markupBids[p.Kind]++
		}
		// Without risk scoring commissioners still weigh the risk of moving
		// a service, which is not the bidder's history or reserves.
		risk := 0.0
		if mech.RiskScoring {
			risk = agents.Risk(p.Kind, p.History, p.Reserves, budget, awareness)
		}
		bd.risk = agents.TransitionRisk(risk, w.p.Commissioners.TransitionRisk, bd.incumbent)
		sv := p.SocialValue(pr.CommunitySocialValue)
		bd.score = agents.Score(weights, bd.quality, bd.price, budget, sv, ra, bd.risk)
		if best < 0 || bd.score > bids[best].score || (bd.score == bids[best].score && bd.tie > bids[best].tie) {
			best = i
		}
	}
	return best
}

// award gives lot to bid best: a new firm joins the market, a reserved award
// is recorded for the cooldown, the services' staff transfer (TUPE) to a new
// holder, and staff who kept their service against rivals are galvanised,
// the more the more rivals there were [M: Wylie].
func (w *World) award(r *Region, lot agents.ServiceSet, bids []bid, best int, incumbent int32, years int, reserved bool, core []float64, rec *TenderRecord) {
	win := bids[best]
	winner := win.provider
	// The share of the lot the winner did not hold before: a renewal of its
	// own contract brings it nothing new.
	newShare := 1.0
	if lw := r.lotWorkload(lot); winner >= 0 && lw > 0 {
		newShare = 1 - heldWorkload(r, lot, winner)/lw
	}
	if winner < 0 {
		winner = w.addProvider(win.entrant)
		w.tally.entrantWins++
		bids[best].provider = winner
	}
	route := agents.RouteOpen
	if reserved {
		route = agents.RouteReserved
		r.Commissioner.ReservedAwards = append(r.Commissioner.ReservedAwards, agents.ReservedAward{Provider: winner, Year: w.year})
	}
	transferred := 0
	wp := &w.providers[winner]
	wp.Lines |= lot
	for s := range agents.NumServices {
		if !lot.Has(s) {
			continue
		}
		old := r.holder(s)
		if old == winner {
			continue
		}
		transferred += r.svc[s].HeadEnd
		r.pending[s], r.shock[s] = true, true
		op := &w.providers[old]
		op.Lost = true
		if r.Contracts[r.Cover[s]].Price >= core[old] {
			op.LostCore = true
		}
		if op.Kind == agents.JV && wp.Kind == agents.Private {
			w.cum.jvPrivatisedValue += r.Contracts[r.Cover[s]].Price * r.Workload[s] / r.lotWorkload(r.Contracts[r.Cover[s]].Services)
		}
	}
	w.detach(r, lot)
	wl := r.lotWorkload(lot)
	cid := r.addContract(agents.Contract{Services: lot, Holder: winner, Start: w.year + 1, End: w.year + years, Route: route,
		Price: win.price, Budget: rec.Budget, Promised: win.quality, Active: true, Workload: wl, Quality: win.quality})
	if g := agents.Galvanising(len(bids), w.p.Workforce.PrideRivals); g > 0 {
		for s := range agents.NumServices {
			if lot.Has(s) && !r.pending[s] {
				r.pride[s] = float32(g)
			}
		}
	}
	if wp.Kind == agents.JV {
		w.cum.jvFormedValue += float64(win.price * newShare)
	}
	rec.Contract = cid
	rec.Winner, rec.WinnerKind = winner, wp.Kind
	rec.Price, rec.Quality, rec.Score = win.price, win.quality, win.score
	rec.IncumbentWon = winner == incumbent
	rec.StaffTransferred = transferred
	if rec.IncumbentWon {
		w.tally.incumbentWon++
	}
	w.tally.awarded++
	w.tally.priceToBudget += win.price / rec.Budget
}

// recordBids logs every bid of tender id; best is the winning bid, -1 if none.
func (w *World) recordBids(rec TenderRecord, bids []bid, best, id int) {
	for i := range bids {
		b := &bids[i]
		kind := b.entrant.Kind
		if b.provider >= 0 {
			kind = w.providers[b.provider].Kind
		}
		w.rec.Bids = append(w.rec.Bids, BidRecord{Rep: w.rep, Year: w.year, Region: rec.Region, Tender: id, Bidder: b.provider, Kind: kind,
			Incumbent: b.incumbent, Cost: b.cost, Price: b.price, Quality: b.quality, Risk: b.risk, Score: b.score, Valid: b.valid, Won: i == best})
	}
}

// heldWorkload returns the staff-years of lot that provider id holds now.
func heldWorkload(r *Region, lot agents.ServiceSet, id int32) float64 {
	wl := 0.0
	for s := range agents.NumServices {
		if lot.Has(s) && r.holder(s) == id {
			wl += r.Workload[s]
		}
	}
	return wl
}

// lotQuality returns the workload-weighted quality delivered last year on
// the services of lot.
func (w *World) lotQuality(r *Region, lot agents.ServiceSet) float64 {
	q, wl := 0.0, 0.0
	for s := range agents.NumServices {
		if lot.Has(s) {
			q += float64(r.Contracts[r.Cover[s]].Quality * r.Workload[s])
			wl += r.Workload[s]
		}
	}
	if wl == 0 {
		return 0
	}
	return q / wl
}

// detach removes the services of lot from the contracts that cover them,
// scaling their prices by the workload that remains and closing those left
// with no service.
func (w *World) detach(r *Region, lot agents.ServiceSet) {
	for s := range agents.NumServices {
		if !lot.Has(s) {
			continue
		}
		c := &r.Contracts[r.Cover[s]]
		if !c.Services.Has(s) {
			continue
		}
		before := r.lotWorkload(c.Services)
		c.Services &^= 1 << s
		after := r.lotWorkload(c.Services)
		if before > 0 {
			c.Price *= after / before
			c.Budget *= after / before
		}
		c.Workload = after
		if c.Services == 0 {
			c.Active = false
		}
	}
}
