package sim

import (
	"mutualsim/agents"
)

// allocateSurplus runs phase 2 (MODEL.md §4.2): it sums each provider's
// contracts, in region and contract order, splits its surplus by its
// governance, and updates reserves, quality investment, contestability and
// slack, which is where producer capture accrues.
func (w *World) allocateSurplus() {
	type acc struct{ worked, labour float64 }
	accs := make([]acc, len(w.providers))
	for i := range w.providers {
		p := &w.providers[i]
		p.Revenue, p.Cost, p.Surplus, p.StaffBenefit, p.SlackCost, p.Dividends, p.Investment = 0, 0, 0, 0, 0, 0, 0
		p.Staff, p.Contracts = 0, 0
		p.LabourCost, p.PayBill, p.Workload, p.Quality, p.CompetedValue = 0, 0, 0, 0, 0
	}
	for _, r := range w.regions {
		for ci := range r.Contracts {
			c := &r.Contracts[ci]
			if !c.Active {
				continue
			}
			p := &w.providers[c.Holder]
			p.Revenue += c.Price
			p.Cost += c.Cost
			p.LabourCost += c.LabourCost
			p.PayBill += c.PayBill
			p.SlackCost += c.SlackCost
			p.Staff += c.Staff
			p.Contracts++
			p.Workload += c.Workload
			p.Quality += float64(c.Quality * c.Workload)
			p.CompetedValue += float64(c.Price * w.competedProb(r, c))
			accs[c.Holder].worked += float64(c.Staff) - c.Absent
			accs[c.Holder].labour += c.Labour
			d := &w.tally.delivered
			d.workload += c.Workload
			d.quality += float64(c.Quality * c.Workload)
			d.experience += float64((c.Quality + c.Engaged) / 2 * c.Workload)
			d.agency += c.Agency
			d.spend += c.Price
			d.pension += c.PensionEr
			d.labour[p.Kind] += c.Labour
			d.worked[p.Kind] += float64(c.Staff) - c.Absent
		}
	}
	g := w.p.Governance
	mech := w.p.Mechanisms
	rules := agents.SurplusRules{
		CaptureMax: g.CaptureMax, ReserveTarget: g.ReserveTarget,
		DividendShare: w.p.Market.DividendShare, JVInvestorShare: w.p.Market.JVInvestorShare,
		Capture: mech.ProducerCapture, Extraction: mech.InvestorExtraction,
	}
	for i := range w.providers {
		p := &w.providers[i]
		if !p.Alive {
			continue
		}
		if p.Contracts == 0 {
			p.Productivity = w.multiplier(p)
			continue
		}
		p.Cost += w.p.Market.OrgOverhead
		p.Quality /= p.Workload
		if a := accs[i]; a.worked > 0 {
			p.Productivity = a.labour / a.worked
		}
		p.History++
		p.Surplus = p.Revenue - p.Cost
		split := agents.SplitSurplus(p, p.Surplus, p.Revenue, rules)
		p.Reserves += split.Reserves
		p.Dividends = split.Dividend
		p.StaffBenefit = split.StaffBenefit
		p.Investment = split.Investment
		pr := w.p.Productivity
		if mech.QualityInvestment {
			p.QualityStock = agents.QualityStock(p.QualityStock, pr.QualityDepreciate, pr.InvestmentYield, p.Investment, p.Revenue)
		} else {
			p.QualityStock = 0
		}
		p.BenefitShare = 0
		if p.PayBill > 0 {
			p.BenefitShare = p.StaffBenefit / p.PayBill
		}
		p.Contestability = 0
		if mech.Contestability {
			p.Contestability = agents.Contestability(p.CompetedValue/p.Revenue, p.RivalsSeen)
		}
		if mech.ProducerCapture {
			p.Slack = agents.NextSlack(p.Slack, p.CapturePropensity(g.NHSCapture, g.PrivateCapture), p.Contestability, g.SlackGrowth, g.SlackDecay, g.SlackMax)
		} else {
			p.Slack = 0
		}
		// The start-up loan is repaid out of reserves over the guaranteed award.
		pay := min(p.Debt, p.DebtPayment)
		p.Reserves -= pay
		p.Debt -= pay
		if p.Kind.Independent() && p.Reserves < w.p.Market.FailureFloor*p.Revenue {
			p.DistressYears++
		} else {
			p.DistressYears = 0
		}
	}
}

// competedProb returns the probability, under the levers in force, that
// contract c's next procurement is a competition.
func (w *World) competedProb(r *Region, c *agents.Contract) float64 {
	pr := w.p.Procurement
	switch {
	case !w.p.Mechanisms.Tendering:
		return 0
	case pr.Teckal && c.Holder == r.InHouse:
		return 0
	case pr.TeckalCompanies && w.ownCompany(r, c.Holder):
		if w.p.Mechanisms.TeckalChallenge {
			return pr.TeckalChallenge
		}
		return 0
	case pr.PSR && w.satisfactory(c):
		return 0
	case w.rolloverAllowed(c):
		return 0
	}
	return 1
}

// satisfactory reports whether the holder of c performs satisfactorily in
// the sense of the Provider Selection Regime: quality at the floor and not
// far below its promise.
func (w *World) satisfactory(c *agents.Contract) bool {
	return c.Quality >= w.p.Procurement.PSRQualityFloor && c.Quality >= c.Promised-w.p.Productivity.SatisfactoryMargin
}
