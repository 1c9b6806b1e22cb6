package sim

import (
	"math"

	"mutualsim/agents"
)

// deliver runs phase 1 (MODEL.md §4.1): each provider delivers its
// contracts, which sets their cost and quality. Regions run concurrently;
// provider figures are read, never written.
func (w *World) deliver() {
	mult := w.productivityMultipliers()
	w.forEachRegion(func(r *Region) { w.deliverRegion(r, mult) })
}

// productivityMultipliers returns each provider's productivity multiplier:
// 1/efficiency × (1 + ownership effect) (MODEL.md §4.1).
func (w *World) productivityMultipliers() []float64 {
	mult := make([]float64, len(w.providers))
	for i := range w.providers {
		mult[i] = w.multiplier(&w.providers[i])
	}
	return mult
}

func (w *World) multiplier(p *agents.Provider) float64 {
	own := 0.0
	if w.p.Mechanisms.OwnershipEffect {
		own = p.OwnershipBoost(w.p.Productivity.OwnershipEffect)
	}
	return (1 + own) / p.Efficiency
}

// overheadFactor returns the scale economy in a provider's contract
// overhead (agents.ScaleEconomy): private firms only, with the mechanism on.
func (w *World) overheadFactor(p *agents.Provider) float64 {
	if p.Kind != agents.Private || !w.p.Mechanisms.ScaleEconomies || p.Contracts <= 1 {
		return 1
	}
	return agents.ScaleEconomy(p.Contracts, w.p.Market.ScaleEconomies)
}

func (w *World) deliverRegion(r *Region, mult []float64) {
	wf := w.p.Workforce
	mech := w.p.Mechanisms
	var rateNHS [agents.NumServices]float64
	for s := range agents.NumServices {
		rateNHS[s] = w.rules.EmployerRateFor(w.providers[r.holder(s)].Kind, true)
		r.svc[s] = serviceStats{}
	}
	rateAlt := w.rules.AlternativeRate
	ke := w.p.Productivity.EngagementEffect
	if !mech.EngagementProductivity {
		ke = 0
	}
	absBase := wf.AbsenceBase
	if !mech.Absence {
		absBase = 0
	}
	st := &r.Staff
	for i := range st.Len() {
		s := st.Service[i]
		e := float64(st.Engagement[i])
		a := agents.Absence(absBase, wf.AbsenceEngagement, float64(st.AbsenceProp[i]), e)
		sv := &r.svc[s]
		sv.Headcount++
		sv.Labour += agents.EffectiveLabour(a, ke, e)
		sv.Absence += a
		sv.Engagement += e
		sv.Entrepreneur += float64(st.Entrepreneur[i])
		wage := float64(st.Wage[i])
		sv.PayBill += wage
		if st.Flags[i]&agents.FlagNHSScheme != 0 {
			sv.PensionEr += float64(wage * rateNHS[s])
			sv.NHSMembers++
		} else {
			sv.PensionEr += float64(wage * rateAlt)
		}
	}
	agencyPerYear := w.meanNHSWage() * (1 + wf.EmployerOnCost) * (1 + wf.AgencyPremium) / thousand
	for ci := range r.Contracts {
		c := &r.Contracts[ci]
		if !c.Active {
			continue
		}
		hp := &w.providers[c.Holder]
		m := mult[c.Holder]
		var h int
		var labour, absent, eng, pay, pen, wl float64
		for s := range agents.NumServices {
			if !c.Services.Has(s) {
				continue
			}
			sv := &r.svc[s]
			h += sv.Headcount
			labour += float64(sv.Labour * m)
			absent += sv.Absence
			eng += sv.Engagement
			pay += sv.PayBill
			pen += sv.PensionEr
			wl += r.Workload[s]
		}
		gap := math.Max(0, wl-labour)
		agency := 0.0
		if mech.AgencyCover {
			agency = wf.AgencyCover * gap
		}
		labourCost := (float64(pay*(1+wf.EmployerOnCost)) + pen) / thousand
		overhead := float64(w.p.Market.ContractOverhead * labourCost * w.overheadFactor(hp))
		slackCost := float64(hp.Slack * labourCost)
		meanEng := refEngagement
		if h > 0 {
			meanEng = eng / float64(h)
		}
		staffing := 1.0
		if wl > 0 {
			staffing = clamp((labour+agency)/wl, 0, 1)
		}
		pr := w.p.Productivity
		q := agents.DeliveredQuality(hp.Capability, staffing, meanEng, hp.QualityStock, hp.Slack,
			agents.QualityEffects{Staffing: pr.QualityStaffing, Engagement: pr.QualityEngagement, Investment: pr.QualityInvestment})
		c.Workload = wl
		c.Staff = h
		c.Labour = labour
		c.Absent = absent
		c.Agency = agency
		c.Vacancy = gap - agency
		c.Engaged = meanEng
		c.PayBill = pay / thousand
		c.PensionEr = pen / thousand
		c.LabourCost = labourCost
		c.SlackCost = slackCost
		c.Cost = labourCost + float64(agency*agencyPerYear) + overhead + slackCost
		c.Quality = q
	}
}
