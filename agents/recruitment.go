package agents

import "mutualsim/internal/fmath"

// FillProbability returns the probability that a vacancy is filled within
// the year (MODEL.md §4.3): fillRate × pool × relReward^elasticity, capped
// at 1, where relReward is the total reward offered relative to the NHS
// reference. This is where the pension barrier bites: a recruit who cannot
// join the NHS scheme is offered less unless the employer pays more.
func FillProbability(fillRate, pool, relReward, elasticity float64) float64 {
	if relReward <= 0 {
		return 0
	}
	return min(1, fillRate*pool*fmath.Pow(relReward, elasticity))
}

// TargetHeadcount returns the staff an employer aims to employ for work of
// workload staff-years, given the productivity per head it saw last year and
// its absence rate: workload ÷ (productivity × (1 − absence)).
func TargetHeadcount(workload, productivity, absence float64) float64 {
	eff := productivity * (1 - absence)
	if eff <= 0 {
		return workload
	}
	return workload / eff
}
