package agents

// NextSlack returns next year's slack (MODEL.md §4.2): with no contest it
// grows by growth × propensity a year; contest both stops the growth and
// competes a share decay × contestability of the existing slack away. The
// result stays in [0, max].
func NextSlack(slack, propensity, contestability, growth, decay, maxSlack float64) float64 {
	s := slack + float64(growth*propensity*(1-contestability)) - float64(decay*contestability*slack)
	if s < 0 {
		return 0
	}
	if s > maxSlack {
		return maxSlack
	}
	return s
}

// Contestability returns the chance, as a provider sees it, of losing its
// contracts at the next tender (MODEL.md §4.2): the share of its contract
// value that will face competition, times rivals ÷ (rivals + 1), where
// rivals is the number of credible rivals it has seen in recent tenders.
func Contestability(competedShare, rivals float64) float64 {
	if rivals < 0 {
		rivals = 0
	}
	return clamp01(competedShare) * rivals / (rivals + 1)
}

// CaptureIndex returns the producer capture index of a provider (MODEL.md
// §4.2): (staff benefit + slack cost) ÷ revenue.
func CaptureIndex(staffBenefit, slackCost, revenue float64) float64 {
	if revenue <= 0 {
		return 0
	}
	return (staffBenefit + slackCost) / revenue
}
