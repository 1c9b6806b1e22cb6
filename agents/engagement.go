package agents

// EngagementDrivers are the forces that set the engagement a staff member
// moves toward (MODEL.md §4.3). Each is already in engagement units.
type EngagementDrivers struct {
	Base       float64 // target before any driver
	Voice      float64 // participation practices of the employer's kind
	Ownership  float64 // ownership × voice
	Pride      float64 // after a won contested tender [M: Wylie]
	Insecurity float64 // after a TUPE transfer or a lost contract
	Disruption float64 // from frequent re-tendering [M: Love]
	Benefit    float64 // from staff benefit paid out of surplus [M: Ham]
	Pay        float64 // from total reward relative to the NHS reference
}

// Target returns the engagement level the drivers pull toward, in [0, 1].
func (d EngagementDrivers) Target() float64 {
	return clamp01(d.Base + d.Voice + d.Ownership + d.Pride - d.Insecurity - d.Disruption + d.Benefit + d.Pay)
}

// Galvanising returns the share of the full pride lift that staff who kept
// their service in a tender against n bidders in all receive: (n − 1) ÷
// (n − 1 + halfRivals), nothing without a rival, half at halfRivals rivals,
// approaching all of it as rivals multiply. "16 people came for us ... and
// that galvanises your staff to say, 'We are going to win this because there
// is a pride issue'" [M: Wylie]: the staff response grows with the intensity
// of the contest rather than switching on at two bidders.
func Galvanising(n int, halfRivals float64) float64 {
	if n <= 1 {
		return 0
	}
	r := float64(n - 1)
	return r / (r + halfRivals)
}

// NextEngagement moves engagement e a share rate of the way toward target,
// adds the individual shock, and keeps the result in [0, 1].
func NextEngagement(e, target, rate, shock float64) float64 {
	return clamp01(e + float64(rate*(target-e)) + shock)
}

func clamp01(x float64) float64 {
	if x < 0 {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}
