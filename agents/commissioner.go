package agents

// Commissioner buys community services for one region (MODEL.md §2).
type Commissioner struct {
	Region         int32
	Awareness      float64 // awareness of mutual models, 0-1
	ReservedAwards []ReservedAward
	Tenders        int // competitive tenders run this year
}

// ReservedAward records a reserved award, for the Article 77 cooldown.
type ReservedAward struct {
	Provider int32
	Year     int
}

// ReservedBarred reports whether provider won a reserved award from this
// commissioner in the cooldown years before year, or in year itself: none
// "within the past three years" (Article 77(2)(d) of Directive 2014/24/EU;
// Regulation 77 of the Public Contracts Regulations 2015). A reserved contract awarded in year Y for at most
// three years is re-tendered in Y+3, so with a cooldown of 3 its holder
// cannot renew it as reserved: it must win the next one in the open.
// A cooldown of 0 bars nothing.
func (c *Commissioner) ReservedBarred(provider int32, year, cooldown int) bool {
	if cooldown <= 0 {
		return false
	}
	for _, a := range c.ReservedAwards {
		if a.Provider == provider && year-a.Year <= cooldown {
			return true
		}
	}
	return false
}
