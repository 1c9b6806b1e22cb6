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
// commissioner within cooldown years before year (Article 77(3)).
func (c *Commissioner) ReservedBarred(provider int32, year, cooldown int) bool {
	for _, a := range c.ReservedAwards {
		if a.Provider == provider && year-a.Year < cooldown {
			return true
		}
	}
	return false
}
