package agents

import "mutualsim/internal/fmath"

// EffectiveLabour returns a staff member's labour in staff-years of work a
// year: present for 1 − absence of the time, and at productivity
// 1 + k × (engagement − RefEngagement), never below 0 (MODEL.md §4.1:
// engaged staff are more productive, the engagement channel of the
// ownership effect; [M: Ham], [J]). k is productivity.engagement_effect.
func EffectiveLabour(absence, k, engagement float64) float64 {
	return float64((1 - absence) * max(0, 1+float64(k*(engagement-RefEngagement))))
}

// QualityEffects are the productivity levers that shape delivered quality.
type QualityEffects struct {
	Staffing   float64 // productivity.quality_staffing: the exponent of the staffing ratio
	Engagement float64 // productivity.quality_engagement
	Investment float64 // productivity.quality_investment
}

// DeliveredQuality returns the quality (0-1) a provider delivers on a
// contract (MODEL.md §4.1): its capability × staffing^s × (1 + e ×
// (engagement − RefEngagement)) × (1 + i × quality stock) × (1 − slack),
// with staffing the share of the workload covered (staff and agency).
// Patients are "more satisfied with their care when this is provided by
// organisations that have satisfied staff" [M: Ham]; quality falls with
// understaffing, less than in proportion; slack is effort not spent on
// patients (producer capture).
func DeliveredQuality(capability, staffing, engagement, stock, slack float64, q QualityEffects) float64 {
	v := capability * fmath.Pow(staffing, q.Staffing) * (1 + float64(q.Engagement*(engagement-RefEngagement))) *
		(1 + float64(q.Investment*stock)) * (1 - slack)
	return clamp01(v)
}

// QualityStock returns a provider's stock of quality investment after a
// year (MODEL.md §4.1): the stock depreciates by depreciation a year
// (productivity.quality_depreciation) and grows by yield × the year's
// investment as a share of revenue (productivity.investment_yield).
// revenue must be positive: the surplus phase calls it for providers that
// hold contracts.
func QualityStock(stock, depreciation, yield, investment, revenue float64) float64 {
	return float64(stock*(1-depreciation)) + yield*investment/revenue
}

// CostPerHead returns what a member of staff costs an employer a year, in
// the wage's units: the wage × (1 + employer on-costs + the pension
// contributions of the share in the NHS scheme at its employer rate and of
// the rest at the alternative scheme's), the cost a bidder estimates a
// service's labour with (MODEL.md §4.3, §4.5).
func CostPerHead(wage, oncost, nhsShare, nhsRate, altRate float64) float64 {
	return wage * (1 + oncost + float64(nhsShare*nhsRate) + float64((1-nhsShare)*altRate))
}

// ScaleEconomy returns the factor by which a private firm's contract
// overhead falls with the contracts it holds: contracts^(−economies)
// (market.scale_economies; MODEL.md §4.1): a national firm with 10
// contracts runs each at 70% of a single contract's overhead at the
// default 0.15.
func ScaleEconomy(contracts int, economies float64) float64 {
	return fmath.Pow(float64(contracts), -economies)
}
