package sim

import "mutualsim/agents"

// failureYears is how long a provider can be in distress (reserves below
// market.failure_floor) before it fails (MODEL.md §4.6: "two years").
const failureYears = 2

// marketDynamics runs phase 6 (MODEL.md §4.6): failures, hand-backs,
// acquisitions and the entry of new private firms, in provider order from
// one stream.
func (w *World) marketDynamics() {
	w.failures()
	w.handbacks()
	w.acquisitions(newStream(w.seed, w.rep, purposeMarket, 0, w.year))
	w.buyouts(newStream(w.seed, w.rep, purposeBuyout, 0, w.year))
	w.entry(newStream(w.seed, w.rep, purposeEntrant, 0, w.year))
}

// failures closes independent providers in distress for two years: their
// contracts go to emergency award to the region's NHS provider and their
// staff transfer with them.
func (w *World) failures() {
	if !w.p.Mechanisms.Failure {
		return
	}
	for i := range w.providers {
		p := &w.providers[i]
		if !p.Alive || !p.Kind.Independent() || p.DistressYears < failureYears {
			continue
		}
		w.close(int32(i), "failed")
		w.tally.failures++
		if p.Kind == agents.Mutual {
			w.cum.mutualsFailed++
		}
	}
}

// handbacks lets an independent provider that lost its core contract hand
// back the rest when its organisation overhead is too large a share of what
// remains (Bristol Community Health, 2019); a mutual or joint venture left
// with no contract stops trading.
func (w *World) handbacks() {
	if !w.p.Mechanisms.Handbacks {
		return
	}
	remaining := make([]float64, len(w.providers))
	count := make([]int, len(w.providers))
	for _, r := range w.regions {
		for ci := range r.Contracts {
			if c := &r.Contracts[ci]; c.Active {
				remaining[c.Holder] += c.Price
				count[c.Holder]++
			}
		}
	}
	for i := range w.providers {
		p := &w.providers[i]
		if !p.Alive || !p.Kind.Independent() || p.National {
			continue
		}
		lostAll := count[i] == 0 && (p.Kind == agents.Mutual || p.Kind == agents.JV)
		unviable := p.LostCore && count[i] > 0 && w.p.Market.OrgOverhead > w.p.Market.HandbackOverhead*remaining[i]
		if !lostAll && !unviable {
			continue
		}
		w.close(int32(i), "handback")
		w.tally.handbacks++
		if p.Kind == agents.Mutual {
			w.cum.mutualsHandback++
		}
	}
}

// close ends provider id: its contracts go by emergency award to each
// region's NHS provider.
func (w *World) close(id int32, why string) {
	p := &w.providers[id]
	p.Alive, p.Ended, p.EndWhy = false, w.year, why
	for _, r := range w.regions {
		for ci := range r.Contracts {
			c := &r.Contracts[ci]
			if !c.Active || c.Holder != id {
				continue
			}
			c.Holder = r.InHouse
			c.Route = agents.RouteEmergency
			c.Start, c.End = w.year+1, w.year+w.p.Procurement.EmergencyYears
			c.Budget = w.budget(c.Workload)
			c.Price = w.negotiatedPrice(c)
			w.tally.emergency++
			for s := range agents.NumServices {
				if c.Services.Has(s) {
					r.pending[s], r.shock[s] = true, true
				}
			}
			ip := &w.providers[r.InHouse]
			w.record(TenderRecord{Region: r.ID, Contract: c.ID, Services: c.Services, Route: agents.RouteEmergency, Winner: r.InHouse, WinnerKind: ip.Kind,
				Incumbent: id, IncumbentKind: p.Kind, Price: c.Price, Budget: c.Budget, Quality: c.Quality, StaffTransferred: c.Staff})
		}
	}
}

// acquisitions lets national private firms buy distressed independent
// providers and mutuals without an asset lock ("Trojan horse" [J]). An
// asset lock blocks the sale of a mutual. It has its own stream, so that
// switching it off does not move the draws of entry.
func (w *World) acquisitions(ms *stream) {
	m := w.p.Market
	if !w.p.Mechanisms.Acquisitions || !m.Acquisitions || len(w.nationals) == 0 {
		return
	}
	n := len(w.providers)
	for i := range n {
		uDistress, uSale, uBuyer := ms.Float64(), ms.Float64(), ms.Float64()
		p := &w.providers[i]
		if !p.Alive || !p.Kind.Independent() || p.National || p.Contracts == 0 {
			continue
		}
		locked := p.Kind == agents.Mutual && p.AssetLock && w.p.Mechanisms.AssetLock
		if locked {
			continue
		}
		distressed := p.DistressYears >= 1 && uDistress < m.DistressAcquireP
		demutualise := p.Kind == agents.Mutual && uSale < m.DemutualisationP
		if !distressed && !demutualise {
			continue
		}
		buyer := w.nationals[int(uBuyer*float64(len(w.nationals)))]
		if !w.providers[buyer].Alive {
			continue
		}
		if p.Kind == agents.JV {
			w.cum.jvPrivatisedValue += w.heldValue(int32(i))
		}
		w.acquire(buyer, int32(i))
		w.tally.acquisitions++
		if p.Kind == agents.Mutual {
			w.cum.mutualsSold++
		}
	}
}

// buyouts lets the private partner of each joint venture buy out the
// staff's stake with probability market.jv_buyout_rate a year: the joint
// venture becomes part of its partner, the route by which critics fear
// joint ventures are "a Trojan horse for privatisation" [J]. It has its own
// stream.
func (w *World) buyouts(ms *stream) {
	if !w.p.Mechanisms.JVBuyouts {
		return
	}
	n := len(w.providers)
	for i := range n {
		u := ms.Float64()
		p := &w.providers[i]
		if !p.Alive || p.Kind != agents.JV || p.Contracts == 0 || p.Parent < 0 || u >= w.p.Market.JVBuyoutRate {
			continue
		}
		if !w.providers[p.Parent].Alive {
			continue
		}
		w.cum.jvPrivatisedValue += w.heldValue(int32(i))
		w.acquire(p.Parent, int32(i))
		w.providers[i].EndWhy = "bought_out"
		w.tally.jvBuyouts++
	}
}

// heldValue returns the annual value of the contracts provider id holds.
func (w *World) heldValue(id int32) float64 {
	v := 0.0
	for _, r := range w.regions {
		for ci := range r.Contracts {
			if c := &r.Contracts[ci]; c.Active && c.Holder == id {
				v += c.Price
			}
		}
	}
	return v
}

// acquire transfers target's contracts, staff and reserves to buyer. A share
// sale: staff keep their employment and pension terms.
func (w *World) acquire(buyer, target int32) {
	t := &w.providers[target]
	b := &w.providers[buyer]
	b.Reserves += t.Reserves
	b.Lines |= t.Lines
	t.Alive, t.Ended, t.EndWhy, t.Parent = false, w.year, "sold", buyer
	for _, r := range w.regions {
		for ci := range r.Contracts {
			if c := &r.Contracts[ci]; c.Active && c.Holder == target {
				c.Holder = buyer
			}
		}
	}
}

// entry brings new private firms in when recent private wins were
// profitable: Poisson with mean private_entry_rate per 10 regions, scaled by
// how far the private margin exceeds the hurdle.
func (w *World) entry(ms *stream) {
	rev, sur := 0.0, 0.0
	for i := range w.providers {
		if p := &w.providers[i]; p.Alive && p.Kind == agents.Private && p.Revenue > 0 {
			rev += p.Revenue
			sur += p.Surplus
		}
	}
	k := ms.Poisson(w.entryRate(rev, sur))
	if !w.p.Mechanisms.PrivateEntry {
		return
	}
	for range k {
		home := int32(ms.IntN(len(w.regions)))
		w.addProvider(w.newLocalFirm(ms, home, w.year+1, 0))
		w.tally.entrants++
	}
}

// entryRate returns the expected number of private entrants this year
// (agents.EntryRate) from private firms' revenue and surplus on the year's
// tenders.
func (w *World) entryRate(revenue, surplus float64) float64 {
	m := w.p.Market
	if revenue <= 0 {
		return 0
	}
	return agents.EntryRate(m.PrivateEntryRate, len(w.regions), surplus/revenue, m.EntryHurdle)
}
