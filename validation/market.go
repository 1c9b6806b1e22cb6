package validation

import (
	"context"
	"fmt"
	"math"
	"slices"

	"mutualsim/agents"
	"mutualsim/scenarios"
	"mutualsim/sim"
)

// auctionLab are the levers under which the simulated market meets the
// assumptions of first-price auction theory: bidders are private firms
// alone (NHS providers may not bid, no spin-outs form), scored on price
// alone with no risk penalty, pricing with no margin floor from costs they
// know exactly (no estimation error) and that owe nothing to scale or slack,
// on one pension basis; they learn the spread of rivals' costs within a
// year. Tenders with an incumbent among the bidders are left out: an
// incumbent's cost is not drawn like a challenger's.
func auctionLab() []string {
	return []string{
		"procurement.nhs_bidders=false", "mechanisms.spinouts=false",
		"procurement.price_weight=1", "procurement.quality_weight=0", "procurement.social_value_weight=0",
		"commissioners.public_participation=0", "mechanisms.risk_scoring=false",
		"market.private_margin=0", "market.estimate_error=0", "market.belief_learning=1",
		"mechanisms.scale_economies=false", "mechanisms.producer_capture=false",
		"pension.private_access=open", "pension.access=open",
	}
}

// auctionGaps returns, for every competitive tender won with at least two
// bids (all of them private challengers' if privateOnly), the winning price
// less the revenue-equivalence benchmark min(second-lowest cost, budget),
// as shares of the lot's reference cost; and the same grouped by the number
// of bidders. Tenders before the year from are left out.
func auctionGaps(res *sim.Result, from int, privateOnly bool) (all []float64, byN map[int][]float64) {
	byN = map[int][]float64{} // looked up by count; read in sorted order
	for _, r := range res.Reps {
		bids := map[int][]sim.BidRecord{} // by tender id; looked up, never iterated
		for _, b := range r.Bids {
			bids[b.Tender] = append(bids[b.Tender], b)
		}
		for _, t := range r.Tenders {
			if !t.Route.Competitive() || t.Winner < 0 || t.Year < from || t.Reference <= 0 {
				continue
			}
			bs := bids[t.ID]
			if len(bs) < 2 || (privateOnly && slices.ContainsFunc(bs, func(b sim.BidRecord) bool { return b.Kind != agents.Private || b.Incumbent })) {
				continue
			}
			costs := make([]float64, len(bs))
			for i, b := range bs {
				costs[i] = b.Cost
			}
			slices.Sort(costs)
			gap := (t.Price - math.Min(costs[1], t.Budget)) / t.Reference
			all = append(all, gap)
			byN[len(bs)] = append(byN[len(bs)], gap)
		}
	}
	return all, byN
}

// MarketAuction checks, inside the simulated market, that prices follow
// first-price auction theory where its assumptions are met (auctionLab):
// by revenue equivalence the winning price of a first-price auction equals,
// on average, the second-lowest cost, capped by the reserve (Krishna,
// Auction Theory, ch. 3). It runs the tenders of the model itself, with
// bidders' beliefs learned from the bids they see, and reports the same
// comparison, as information, for the default market, where the
// assumptions do not hold (quality scoring, NHS bidders at cost, margins,
// estimation errors).
func MarketAuction(ctx context.Context, opt Options) ([]Check, error) {
	years, reps := 6, 10
	var out []Check
	for _, lab := range []bool{true, false} {
		set := []string{}
		name := "default market"
		if lab {
			set, name = auctionLab(), "auction lab"
		}
		s, err := scenarios.Load("baseline", scenarios.LoadOptions{Set: set, Years: &years, Replications: &reps})
		if err != nil {
			return nil, err
		}
		res, err := sim.Run(ctx, s, sim.Options{Workers: opt.Workers})
		if err != nil {
			return nil, err
		}
		from := s.StartYear + 1 // bidders have seen a year's bids
		gaps, byN := auctionGaps(res, from, lab)
		c := within("market auction", fmt.Sprintf("%s: winning price − min(2nd cost, budget), share of reference cost", name),
			"0 by revenue equivalence", gaps, 0, 0, pct)
		c.Percent = true
		if lab {
			se := (c.High - c.Observed) / 1.96
			tol := math.Max(4*se, 0.002)
			c.Tolerance = fmt.Sprintf("|mean| ≤ max(4 s.e., 0.2%%) = %s; %d tenders", pct(tol), len(gaps))
			c.Pass = len(gaps) >= 100 && math.Abs(c.Observed) <= tol
		} else {
			c.Info, c.Tolerance = true, fmt.Sprintf("reported: theory's assumptions do not hold; %d tenders of two bids or more", len(gaps))
		}
		out = append(out, c)
		if lab {
			ns := make([]int, 0, len(byN))
			for n := range byN {
				ns = append(ns, n)
			}
			slices.Sort(ns)
			for _, n := range ns {
				if len(byN[n]) < 30 {
					continue
				}
				ci := within("market auction", fmt.Sprintf("%s, %d bidders: price − min(2nd cost, budget)", name, n), "0", byN[n], 0, 0, pct)
				ci.Percent, ci.Info, ci.Tolerance = true, true, fmt.Sprintf("reported; %d tenders", len(byN[n]))
				out = append(out, ci)
			}
		}
	}
	return out, nil
}
