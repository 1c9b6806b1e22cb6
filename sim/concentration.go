package sim

import (
	"math"
	"slices"

	"mutualsim/agents"
)

// Holding is one provider's annual contract value in one region.
type Holding struct {
	Provider int32
	Kind     agents.Kind
	Value    float64 // £m a year
}

// Concentration is the structure of a market by contract value (MODEL.md §6).
type Concentration struct {
	Share          [agents.NumKinds]float64 // share of value by provider kind, 0-1
	HHI            float64                  // national, by provider, 0-10,000
	RegionalHHI    float64                  // mean over regions of the regional HHI
	Over1800       float64                  // share of regions with HHI above 1,800
	Over2500       float64                  // share of regions with HHI above 2,500
	CR4            float64                  // share of the four largest providers nationally
	LargestPrivate float64                  // share of the largest private firm nationally
}

// MarketConcentration computes the concentration measures from each
// region's holdings. A provider holding contracts in several regions counts
// as one nationally. The measures of every run use it.
func MarketConcentration(regions [][]Holding) Concentration {
	var c Concentration
	national := map[int32]float64{} // looked up by provider, summed in sorted order below
	kinds := map[int32]agents.Kind{}
	var ids []int32
	total := 0.0
	for _, hs := range regions {
		// A provider's contracts in a region are one holding there.
		regional := map[int32]float64{}
		var local []int32
		for _, h := range hs {
			if h.Value <= 0 {
				continue
			}
			if _, seen := national[h.Provider]; !seen {
				ids = append(ids, h.Provider)
			}
			if _, seen := regional[h.Provider]; !seen {
				local = append(local, h.Provider)
			}
			national[h.Provider] += h.Value
			regional[h.Provider] += h.Value
			kinds[h.Provider] = h.Kind
			c.Share[h.Kind] += h.Value
			total += h.Value
		}
		if len(local) == 0 {
			continue
		}
		slices.Sort(local)
		values := make([]float64, len(local))
		for i, id := range local {
			values[i] = regional[id]
		}
		h := HHI(values)
		c.RegionalHHI += h
		if h > 1800 {
			c.Over1800++
		}
		if h > 2500 {
			c.Over2500++
		}
	}
	n := float64(len(regions))
	c.RegionalHHI, c.Over1800, c.Over2500 = c.RegionalHHI/n, c.Over1800/n, c.Over2500/n
	if total <= 0 {
		nan := math.NaN()
		for k := range c.Share {
			c.Share[k] = nan
		}
		c.HHI, c.CR4, c.LargestPrivate = nan, nan, nan
		return c
	}
	for k := range c.Share {
		c.Share[k] /= total
	}
	slices.Sort(ids)
	values := make([]float64, 0, len(ids))
	for _, id := range ids {
		v := national[id]
		values = append(values, v)
		if kinds[id] == agents.Private {
			c.LargestPrivate = math.Max(c.LargestPrivate, v/total)
		}
	}
	c.HHI = HHI(values)
	c.CR4 = TopShare(values, 4)
	return c
}
