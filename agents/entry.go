package agents

// Entry of private firms (assumptions, docs/ODD.md §11): EntryRegions is the
// number of regions market.private_entry_rate is given per; entry runs at
// its full rate EntryScale above the hurdle, and at most EntryMax times it.
const (
	EntryScale   = 0.03
	EntryRegions = 10
	EntryMax     = 3
)

// EntryRate returns the expected number of new private firms in a year
// (MODEL.md §4.6): rate per EntryRegions regions × clamp((margin − hurdle)
// / EntryScale, 0, EntryMax), with margin private firms' surplus over their
// revenue on the year's tenders. Firms enter where others profit, and not
// below the hurdle return.
func EntryRate(rate float64, regions int, margin, hurdle float64) float64 {
	f := (margin - hurdle) / EntryScale
	if f < 0 {
		f = 0
	}
	if f > EntryMax {
		f = EntryMax
	}
	return rate * float64(regions) / EntryRegions * f
}
