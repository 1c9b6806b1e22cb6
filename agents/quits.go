package agents

import "mutualsim/internal/fmath"

// QuitProbability returns the yearly probability that a staff member quits:
// base × exp(−k × engagement) × relReward^(−elasticity) (MODEL.md §4.3),
// where relReward is their total reward relative to the NHS reference.
func QuitProbability(base, k, engagement, relReward, elasticity float64) float64 {
	if relReward <= 0 {
		return 1
	}
	q := base * fmath.Exp(-k*engagement) * fmath.Pow(relReward, -elasticity)
	return min(q, 1)
}

// RetirementProbability returns the yearly probability that a staff member
// of the given age retires: rate from retireAge, certainty at maxAge.
func RetirementProbability(age, retireAge, maxAge int, rate float64) float64 {
	switch {
	case age >= maxAge:
		return 1
	case age >= retireAge:
		return rate
	}
	return 0
}
