package agents

// Absence returns the share of working time a staff member is absent:
// base × propensity × (1 − k × engagement) (MODEL.md §4.3), capped at 1.
// NHS sickness absence is about 4-5% a year.
func Absence(base, k, propensity, engagement float64) float64 {
	a := base * propensity * (1 - float64(k*engagement))
	if a < 0 {
		return 0
	}
	if a > 1 {
		return 1
	}
	return a
}
