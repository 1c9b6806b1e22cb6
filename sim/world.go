package sim

import (
	"fmt"
	"math"

	"mutualsim/agents"
	"mutualsim/inputs"
	"mutualsim/internal/fmath"
)

// Reference values of the initial state (assumptions, docs/ODD.md).
const (
	refEngagement  = agents.RefEngagement // engagement around which productivity and quality effects are centred
	refAbsence     = 0.045                // absence the commissioner's reference cost assumes (NHS 4-5%)
	initialSlack   = 0.03                 // slack already accrued by unchallenged 2010 in-house providers
	initialPremium = 0.01                 // 2010 block contract price above the in-house provider's cost
)

// thousand converts £k to £m: wages are in £k a year, money in £m.
const thousand = 1000

// The 2010 market's providers and staff (MODEL.md §5; assumptions, docs/ODD.md
// §11, unless a source is named).
const (
	// minCapability is the least capability any provider starts with.
	minCapability = 0.3
	// initialRivalsSeen is the number of rivals a private firm expects at
	// a tender before it has seen one.
	initialRivalsSeen = 2

	// nhsHistory is the trading history, in years, of a region's NHS
	// provider in the start year.
	nhsHistory = 20
	// nhsCapabilitySD is the spread of NHS providers' capability around
	// productivity.capability_mean.
	nhsCapabilitySD = 0.04
	// nhsBusinessSkills is an NHS provider's business skill (0-1).
	nhsBusinessSkills = 0.5
	// nhsReserves is an NHS provider's reserves as a share of its contracts'
	// annual value.
	nhsReserves = 0.02

	// nationalHistory is a national firm's trading history in years.
	nationalHistory = 15
	// nationalCapabilityGap and nationalCapabilitySD place national firms'
	// capability below the NHS mean, with less spread.
	nationalCapabilityGap, nationalCapabilitySD = 0.02, 0.03
	// nationalBusinessSkills is a national firm's business skill.
	nationalBusinessSkills = 0.8
	// nationalReserves (£m) and nationalReservesSD (log scale) are a
	// national firm's reserves: a group balance sheet.
	nationalReserves, nationalReservesSD = 60, 0.3

	// localHistory is a local firm's trading history in years.
	localHistory = 5
	// localCapabilityGap and localCapabilitySD place local firms'
	// capability below the NHS mean.
	localCapabilityGap, localCapabilitySD = 0.03, 0.04
	// localBusinessSkills is a local firm's business skill.
	localBusinessSkills = 0.7
	// localReserves (£m) and localReservesSD (log scale) are a local firm's
	// reserves.
	localReserves, localReservesSD = 3, 0.5

	// earlyMutualAge is the age, in years, of the mutuals already trading
	// in the start year (the Right to Request's first, from 2008 [J]), and
	// of the ownership trial's mutuals.
	earlyMutualAge = 4
	// earlyMutualReserves is their reserves as a share of their contract's
	// annual value.
	earlyMutualReserves = 0.05

	// mutualEfficiencySpread is the part of productivity.efficiency_sd by
	// which a new mutual's efficiency differs from its parent's: the same
	// staff and services.
	mutualEfficiencySpread = 0.5

	// engagementSD is the spread of existing staff's engagement around
	// refEngagement.
	engagementSD = 0.12
	// staffAgeMean and staffAgeSD are existing staff's ages in years
	// (the NHS workforce's mean age is in the early forties); minAge is the
	// youngest age of anyone employed.
	staffAgeMean, staffAgeSD, minAge = 43, 11, 21
	// tenureMean is existing staff's mean tenure in years (exponential).
	tenureMean = 9
	// recruitAgeMean and recruitAgeSD are recruits' ages in years.
	recruitAgeMean, recruitAgeSD = 33, 8
	// absSD is the spread (log scale) of staff's propensity to be absent.
	absSD = 0.3
)

// World is the state of one replication: the regions with their staff and
// contracts, the providers, and the levers in force this year.
type World struct {
	scen      *inputs.Scenario
	scale     inputs.Scale
	p         *inputs.Params // levers in force this year
	rules     agents.PensionRules
	seed      uint64
	rep       int
	year      int
	workers   int
	regions   []*Region
	providers []agents.Provider
	nationals []int32
	rec       *Replication
	tally     tally
	cum       cumulative
	// awareness is the commissioners.awareness lever in force: a timeline
	// change of the lever sets every commissioner's awareness (setYear).
	awareness float64
	// beliefs is what bidders believe about rivals' costs, learned from
	// the bids of past years (MODEL.md §4.5).
	beliefs agents.Belief
	// simulated says that Simulate has run the current year, which
	// Continue then leaves.
	simulated bool
}

// Region is one local health economy with its commissioner, its contracts
// and the staff who deliver its services.
type Region struct {
	ID           int32
	Commissioner agents.Commissioner
	Contracts    []agents.Contract
	Cover        [agents.NumServices]int32   // contract covering each service
	Workload     [agents.NumServices]float64 // staff-years each service needs
	Staff        agents.Workforce
	InHouse      int32 // the region's NHS provider
	Neighbours   []int32

	svc     [agents.NumServices]serviceStats
	pending [agents.NumServices]bool    // a transfer (TUPE) waiting to be applied to the service's staff
	shock   [agents.NumServices]bool    // transferred staff of the service get an engagement shock
	pride   [agents.NumServices]float32 // share of the full pride lift the service's staff won by keeping it in a contested tender this year
}

// serviceStats accumulates one service's staff figures during a year.
type serviceStats struct {
	Headcount    int
	Labour       float64 // Σ (1 − absence) × engagement productivity factor
	Absence      float64 // Σ absence
	Engagement   float64 // Σ engagement
	Entrepreneur float64 // Σ entrepreneurial propensity
	PayBill      float64 // Σ wage, £k
	PensionEr    float64 // Σ wage × employer rate, £k
	NHSMembers   int
	Leavers      int
	HeadStart    int         // headcount before the year's leavers
	HeadEnd      int         // headcount after recruitment
	Kind         agents.Kind // kind of the employer during the staff pass
	Target       float64
	Vacancies    int
	Filled       int
	Transferred  int
}

// tally counts the year's events for the measures.
type tally struct {
	tenders, open, reserved, direct, rollover, extension, emergency int
	bidders, incumbentWon, awarded                                  int
	priceToBudget                                                   float64
	tenderCost, bidCost                                             float64
	spinAttempts, spinFormed, teckalFormed, armFormed               int
	spinFail                                                        [NumGates]int
	failures, handbacks, acquisitions, entrants, entrantWins        int
	teckalChallenged, jvBuyouts                                     int
	costSum, costSq                                                 float64 // Σ and Σ² of bidders' estimated cost ÷ reference cost
	costBids                                                        int
	delivered                                                       delivered
	markup                                                          [agents.NumKinds]float64 // Σ (price − cost) ÷ cost of valid bids, by bidder kind
	markupBids                                                      [agents.NumKinds]int
}

// delivered sums the year's delivery over all contracts.
type delivered struct {
	workload, quality, experience, agency, spend, pension float64
	labour, worked                                        [agents.NumKinds]float64 // effective staff-years and head-years worked, by employer kind
}

// cumulative counts events since the start of the run.
type cumulative struct {
	mutualsFormed, mutualsFailed, mutualsSold, mutualsHandback int
	jvFormedValue, jvPrivatisedValue                           float64 // annual value of contracts joint ventures formed with, and that passed to private firms
}

// newWorld builds replication rep of the scenario at its start year.
func newWorld(scen *inputs.Scenario, rep, workers int) (*World, error) {
	scale, err := inputs.ScaleByName(scen.Scale)
	if err != nil {
		return nil, err
	}
	w := &World{scen: scen, scale: scale, seed: scen.Seed, rep: rep, year: scen.StartYear, workers: max(1, workers)}
	if err := w.setYear(scen.StartYear); err != nil {
		return nil, err
	}
	w.rec = newReplication(rep)
	w.beliefs = agents.UniformBelief(w.p.Market.CostSpread)
	w.initRegions()
	w.initFirms()
	w.initMutuals()
	return w, nil
}

// setYear puts the levers of year in force.
func (w *World) setYear(year int) error {
	p, err := w.scen.ParamsAt(year)
	if err != nil {
		return fmt.Errorf("levers for %d: %w", year, err)
	}
	if w.p != nil && p.Commissioners.Awareness != w.awareness {
		// A timeline change of awareness (a national campaign, say) sets
		// every commissioner's awareness to the new level.
		for _, r := range w.regions {
			r.Commissioner.Awareness = p.Commissioners.Awareness
		}
	}
	w.year, w.p, w.awareness = year, p, p.Commissioners.Awareness
	w.rules = pensionRules(p, year)
	return nil
}

// initialSlack returns the slack of the 2010 in-house providers, none when
// producer capture is switched off.
func (w *World) initialSlack() float64 {
	if !w.p.Mechanisms.ProducerCapture {
		return 0
	}
	return initialSlack
}

// addProvider appends a provider and returns its id.
func (w *World) addProvider(p agents.Provider) int32 {
	p.ID = int32(len(w.providers))
	p.Alive = true
	if p.Born == 0 {
		p.Born = w.year
	}
	w.providers = append(w.providers, p)
	return p.ID
}

// meanNHSWage returns the workforce-weighted NHS wage in £k.
func (w *World) meanNHSWage() float64 {
	m := 0.0
	for r := range agents.NumRoles {
		m += float64(r.Share() * r.Wage())
	}
	return m * w.p.Workforce.WageLevel
}

// refCost returns the commissioner's reference cost (£m a year) of work of
// workload staff-years on NHS terms: staff at reference absence, paid the
// mean NHS wage with on-costs and the NHS bodies' pension rate, plus
// contract overhead.
func (w *World) refCost(workload float64) float64 {
	rate := w.rules.EmployerRateFor(agents.NHS, true)
	perHead := w.meanNHSWage() * (1 + w.p.Workforce.EmployerOnCost + rate)
	return workload / (1 - refAbsence) * perHead * (1 + w.p.Market.ContractOverhead) / thousand
}

// budget returns the commissioner's budget for a lot of the given workload.
func (w *World) budget(workload float64) float64 {
	return w.refCost(workload) * (1 + w.p.Procurement.BudgetHeadroom)
}

// initRegions builds the regions in two passes: their commissioners, sizes
// and NHS providers in region order (provider ids follow it), then, on up
// to w.workers goroutines, their staff and contracts. Each region draws
// from its own stream in the same order in both passes, so the world does
// not depend on the number of workers.
func (w *World) initRegions() {
	sc := w.scale
	n := sc.Regions
	w.regions = make([]*Region, n)
	streams := make([]*stream, n)
	for i := range n {
		rs := newStream(w.seed, w.rep, purposeRegionInit, i, 0)
		streams[i] = rs
		r := &Region{ID: int32(i)}
		r.Commissioner = agents.Commissioner{Region: int32(i), Awareness: w.p.Commissioners.Awareness}
		for d := 1; d <= sc.NeighbourRadius && d < n; d++ {
			left, right := int32((i-d+n)%n), int32((i+d)%n)
			r.Neighbours = append(r.Neighbours, left)
			if right != left {
				r.Neighbours = append(r.Neighbours, right)
			}
		}
		size := sc.StaffPerRegion * rs.LogNormal(-sc.RegionSizeSD*sc.RegionSizeSD/2, sc.RegionSizeSD)
		// The region's NHS provider.
		eff := rs.LogNormal(0, w.p.Productivity.EfficiencySD)
		r.InHouse = w.addProvider(agents.Provider{
			Kind: agents.NHS, Home: int32(i), Parent: -1, Born: w.year - nhsHistory, History: nhsHistory,
			Efficiency: eff, Capability: clamp(w.p.Productivity.CapabilityMean+float64(nhsCapabilitySD*rs.Norm()), minCapability, 1),
			BusinessSkills: nhsBusinessSkills, Participation: true, Slack: w.initialSlack(), RivalsSeen: 0, Productivity: 1 / eff,
			Lines: allLines(),
		})
		for s := range agents.NumServices {
			r.Workload[s] = size * s.BudgetShare() * (1 - refAbsence)
		}
		w.regions[i] = r
	}
	w.forEachRegion(func(r *Region) { w.initWorkforce(r, streams[r.ID]) })
}

// initWorkforce staffs a region's NHS provider for its workload and gives
// it the region's contracts, drawing from the region's stream rs. It
// changes only the region and its NHS provider.
func (w *World) initWorkforce(r *Region, rs *stream) {
	prov := &w.providers[r.InHouse]
	eff := prov.Efficiency
	headcount := 0
	for s := range agents.NumServices {
		// Staff such that the provider's effective labour meets the workload.
		h := int(math.Round(r.Workload[s] * eff / (1 - refAbsence)))
		headcount += h
		r.svc[s].Headcount = h
	}
	r.Staff.Grow(headcount)
	for s := range agents.NumServices {
		for range r.svc[s].Headcount {
			r.Staff.Append(w.newStaffMember(rs, s, true, w.p.Workforce.WageLevel, refEngagement+float64(engagementSD*rs.Norm()), true))
		}
	}
	// Initial contracts: lots of services held by the NHS provider,
	// ending in a staggered way over the contract length.
	for _, lot := range w.lots(allServices()) {
		wl := r.lotWorkload(lot)
		end := w.year + rs.IntN(w.p.Procurement.ContractYears)
		c := agents.Contract{Region: r.ID, Services: lot, Holder: r.InHouse, Start: end - w.p.Procurement.ContractYears + 1, End: end,
			Route: agents.RouteInitial, Price: w.refCost(wl) * eff * (1 + prov.Slack) * (1 + initialPremium), Budget: w.budget(wl), Promised: prov.Capability, Active: true, Workload: wl}
		r.addContract(c)
	}
	prov.Reserves = nhsReserves * r.totalValue()
}

// newStaffMember draws a staff member of service s. Existing staff (initial
// workforce) get an age and tenure from the whole career; recruits are younger.
func (w *World) newStaffMember(rs *stream, s agents.Service, existing bool, wageFactor, engagement float64, nhsScheme bool) agents.StaffMember {
	wf := w.p.Workforce
	u := rs.Float64()
	role := agents.Clinical
	if u > agents.Clinical.Share() {
		role = agents.SupportRole
		if u > agents.Clinical.Share()+agents.SupportRole.Share() {
			role = agents.Manager
		}
	}
	var age, tenure float64
	if existing {
		age = clamp(math.Round(staffAgeMean+float64(staffAgeSD*rs.Norm())), minAge, float64(wf.MaxAge-1))
		tenure = math.Min(age-minAge, tenureDraw(rs.Float64()))
	} else {
		age = clamp(math.Round(recruitAgeMean+float64(recruitAgeSD*rs.Norm())), minAge, float64(wf.RetirementAge-1))
	}
	var flags uint8
	if nhsScheme {
		flags |= agents.FlagNHSScheme
	}
	if rs.Bernoulli(wf.UnionDensity) {
		flags |= agents.FlagUnion
	}
	return agents.StaffMember{
		Service:      s,
		Role:         role,
		Flags:        flags,
		Age:          uint8(age),
		Tenure:       uint8(clamp(tenure, 0, math.MaxUint8)),
		Engagement:   float32(clamp(engagement, 0, 1)),
		AbsenceProp:  rs.LogNormal32(-absSD*absSD/2, absSD),
		Entrepreneur: rs.Entrepreneurial(),
		Wage:         float32(role.Wage() * wageFactor),
	}
}

// tenureDraw returns an existing staff member's years of tenure for the
// uniform draw u: an exponential with mean tenureMean, rounded,
// math.Round(−tenureMean·fmath.Log(1−u)), from fmath.FastLog where that
// rounds alike (fmath.NarrowRound).
func tenureDraw(u float64) float64 {
	if t, ok := fmath.NarrowRound(float64(-tenureMean * fmath.FastLog(1-u))); ok {
		return t
	}
	return math.Round(-tenureMean * fmath.Log(1-u))
}

func (w *World) initFirms() {
	sc := w.scale
	p := w.p
	fs := newStream(w.seed, w.rep, purposeFirmInit, 0, 0)
	for range sc.NationalFirms {
		id := w.addProvider(agents.Provider{
			Kind: agents.Private, Home: -1, National: true, Parent: -1, Born: w.year - nationalHistory, History: nationalHistory,
			Efficiency:     p.Productivity.PrivateEfficiency * fs.LogNormal(0, p.Productivity.EfficiencySD),
			Capability:     clamp(p.Productivity.CapabilityMean-nationalCapabilityGap+float64(nationalCapabilitySD*fs.Norm()), minCapability, 1),
			BusinessSkills: nationalBusinessSkills, Reserves: nationalReserves * fs.LogNormal(0, nationalReservesSD), Participation: false,
			RivalsSeen: initialRivalsSeen, Lines: w.drawLines(fs, p.Market.NationalLines),
		})
		w.nationals = append(w.nationals, id)
	}
	nLocal := fs.Poisson(sc.LocalFirms * float64(sc.Regions))
	for range nLocal {
		w.addProvider(w.newLocalFirm(fs, int32(fs.IntN(sc.Regions)), w.year-localHistory, localHistory))
	}
}

// newLocalFirm draws a local private firm based in region home.
func (w *World) newLocalFirm(fs *stream, home int32, born, history int) agents.Provider {
	p := w.p
	return agents.Provider{
		Kind: agents.Private, Home: home, Parent: -1, Born: born, History: history,
		Efficiency:     p.Productivity.PrivateEfficiency * fs.LogNormal(0, p.Productivity.EfficiencySD),
		Capability:     clamp(p.Productivity.CapabilityMean-localCapabilityGap+float64(localCapabilitySD*fs.Norm()), minCapability, 1),
		BusinessSkills: localBusinessSkills, Reserves: localReserves * fs.LogNormal(0, localReservesSD), RivalsSeen: initialRivalsSeen,
		Lines: w.drawLines(fs, p.Market.LocalLines),
	}
}

// drawLines draws the service lines of a private firm: each service with
// probability share, and at least one (a firm is founded to deliver
// something). National firms specialise less than local ones, but few
// deliver every community service.
func (w *World) drawLines(fs *stream, share float64) agents.ServiceSet {
	var lines agents.ServiceSet
	for s := range agents.NumServices {
		if fs.Float64() < share {
			lines = lines.With(s)
		}
	}
	if lines == 0 {
		lines = lines.With(agents.Service(fs.IntN(int(agents.NumServices))))
	} else {
		fs.IntN(int(agents.NumServices)) // the same draws whatever the outcome
	}
	return lines
}

// allLines returns every service: what an NHS provider delivers.
func allLines() agents.ServiceSet {
	var all agents.ServiceSet
	for s := range agents.NumServices {
		all = all.With(s)
	}
	return all
}

// initMutuals converts services of random regions into mutuals that were
// trading before the run began (e.g. Central Surrey Health, 2006 [M]).
func (w *World) initMutuals() {
	fs := newStream(w.seed, w.rep, purposeFirmInit, 1, 0)
	for k := 0; k < w.scale.InitialMutuals; k++ {
		r := w.regions[fs.IntN(len(w.regions))]
		var held []int
		for ci := range r.Contracts {
			if c := &r.Contracts[ci]; c.Active && c.Holder == r.InHouse {
				held = append(held, ci)
			}
		}
		if len(held) <= 1 {
			continue
		}
		ci := held[fs.IntN(len(held))]
		parent := &w.providers[r.InHouse]
		m := w.newMutual(fs, parent, w.year-earlyMutualAge, inheritedSlack*parent.Slack)
		m.History = earlyMutualAge
		m.SpunOut = false
		m.Reserves = earlyMutualReserves * r.Contracts[ci].Price
		m.Lines = r.Contracts[ci].Services
		id := w.addProvider(m)
		r.Contracts[ci].Holder = id
		w.applyTransferNow(r, r.Contracts[ci].Services, id)
	}
}

// newMutual draws a mutual spun out of parent with the governance levers in
// force.
func (w *World) newMutual(rs *stream, parent *agents.Provider, born int, slack float64) agents.Provider {
	p := w.p
	g := p.Governance
	return agents.Provider{
		Kind: agents.Mutual, Home: parent.Home, Parent: parent.ID, Born: born, SpunOut: true,
		Efficiency:     parent.Efficiency * p.Productivity.MutualEfficiency * rs.LogNormal(0, p.Productivity.EfficiencySD*mutualEfficiencySpread),
		Capability:     parent.Capability,
		BusinessSkills: clamp(p.Support.BusinessSkills+float64(skillSD*rs.Norm()), 0, 1),
		StaffControl:   g.StaffControl, CommunityShare: g.CommunityShare, AssetLock: g.AssetLock,
		Participation: g.Participation, BonusCap: g.BonusCap,
		Slack: slack, RivalsSeen: parent.RivalsSeen, Productivity: parent.Productivity,
	}
	// Its service lines are those of the unit it takes over (set by the
	// caller when it takes them).
}

// lots splits services into lots of procurement.lot_services services each,
// in service order (0 puts them all in one lot).
func (w *World) lots(services []agents.Service) []agents.ServiceSet {
	size := w.p.Procurement.LotServices
	if size <= 0 {
		size = len(services)
	}
	var out []agents.ServiceSet
	var cur agents.ServiceSet
	n := 0
	for _, s := range services {
		cur = cur.With(s)
		n++
		if n == size {
			out = append(out, cur)
			cur, n = 0, 0
		}
	}
	if n > 0 {
		out = append(out, cur)
	}
	return out
}

func allServices() []agents.Service {
	out := make([]agents.Service, 0, agents.NumServices)
	for s := range agents.NumServices {
		out = append(out, s)
	}
	return out
}

// addContract appends c, points its services at it and returns its index.
func (r *Region) addContract(c agents.Contract) int32 {
	c.ID = int32(len(r.Contracts))
	c.Region = r.ID
	r.Contracts = append(r.Contracts, c)
	for s := range agents.NumServices {
		if c.Services.Has(s) {
			r.Cover[s] = c.ID
		}
	}
	return c.ID
}

// lotWorkload returns the staff-years the services of a lot need.
func (r *Region) lotWorkload(lot agents.ServiceSet) float64 {
	wl := 0.0
	for s := range agents.NumServices {
		if lot.Has(s) {
			wl += r.Workload[s]
		}
	}
	return wl
}

// totalValue returns the annual value of the region's active contracts.
func (r *Region) totalValue() float64 {
	v := 0.0
	for i := range r.Contracts {
		if r.Contracts[i].Active {
			v += r.Contracts[i].Price
		}
	}
	return v
}

// holder returns the provider id holding service s.
func (r *Region) holder(s agents.Service) int32 { return r.Contracts[r.Cover[s]].Holder }

func setFlag(f, bit uint8, on bool) uint8 {
	if on {
		return f | bit
	}
	return f &^ bit
}

func clamp(x, lo, hi float64) float64 {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}
