package agents

import "mutualsim/internal/fmath"

// Sighting is one successful mutual as the staff of a unit see it: how
// close it is to them and how many years ago it proved itself.
type Sighting struct {
	SameRegion     bool // in the unit's own region
	SameService    bool // delivers the unit's service
	Neighbour      bool // in a neighbouring region
	YearsSinceShow int  // years since it proved itself (0 in the year it did)
}

// Weights of a sighting by closeness (an assumption, docs/ODD.md): staff
// see their own region's mutuals fully, a neighbouring region's at half, and
// a mutual elsewhere that delivers their own service at a quarter.
const (
	SightSameRegion = 1.0
	SightNeighbour  = 0.5
	SightService    = 0.25
)

// Visibility returns how much of a demonstration the sightings give a unit,
// in [0, 1): each sighting weighs by closeness (same region 1, neighbouring
// region 0.5, same service elsewhere 0.25, the largest that applies) and
// fades by half every fade years; the sum saturates as 1 − exp(−Σ). "There
// is still a lack of well publicised shining examples. NHS staff will want to
// know that others have already trodden this path and been successful" [J].
func Visibility(sightings []Sighting, fade float64) float64 {
	sum := 0.0
	for _, s := range sightings {
		w := 0.0
		switch {
		case s.SameRegion:
			w = SightSameRegion
		case s.Neighbour:
			w = SightNeighbour
		case s.SameService:
			w = SightService
		default:
			continue
		}
		if fade > 0 {
			w *= fmath.Exp2(-float64(s.YearsSinceShow) / fade)
		}
		sum += w
	}
	return 1 - fmath.Exp(-sum)
}

// DemonstrationLift returns the factor by which a unit's yearly chance of
// proposing a spin-out rises, 1 + strength × visibility, and the log-odds
// its staff add for a yes vote, strength × visibility: seeing others succeed
// makes staff readier to propose and to vote for it [J].
func DemonstrationLift(strength, visibility float64) (proposal, ballot float64) {
	return 1 + float64(strength*visibility), strength * visibility
}
