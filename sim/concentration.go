package sim

import (
	"math"
	"slices"

	"mutualsim/agents"
)

// The UK merger guidelines' thresholds of concentration: an HHI above
// 1,000 is concentrated and above 2,000 highly concentrated (Competition
// Commission and Office of Fair Trading, Merger Assessment Guidelines,
// CC2 (Revised), OFT1254, 2010, §5.3). The Competition and Markets
// Authority's guidelines of 2021 (CMA129) set no thresholds.
const (
	HHIConcentrated       = 1000
	HHIHighlyConcentrated = 2000
)

// NearMonopoly is the largest provider's share of a market above which the
// market counts as a near monopoly. Local community-service markets are
// nearly all above the 2010 guidelines' thresholds, so this tells regions apart where
// the thresholds cannot (an assumption, docs/ODD.md).
const NearMonopoly = 0.9

// Holding is one provider's annual contract value in one region, for one
// set of services.
type Holding struct {
	Provider int32
	Kind     agents.Kind
	Value    float64           // £m a year
	Services agents.ServiceSet // the services the value is for; 0 if unknown
}

// Market is the structure of one market by contract value: a region, where
// its commissioner buys, or a service nationally.
type Market struct {
	Value     float64 // £m a year
	Providers int
	HHI       float64 // 0-10,000
	CR1, CR4  float64 // shares of the largest and the four largest providers
	Largest   agents.Kind
}

// Concentration is the structure of a market by contract value (MODEL.md
// §6). Community services are bought region by region, so the headline is
// the regional HHI weighted by each region's spend; national figures pool
// regions no commissioner buys across and are kept for comparison.
type Concentration struct {
	Share [agents.NumKinds]float64 // share of value by provider kind, 0-1

	RegionalHHI     float64 // spend-weighted mean over regions of the regional HHI (headline)
	RegionalCR1     float64 // spend-weighted mean over regions of the largest provider's share
	RegionalCR4     float64 // the same for the four largest
	RegionsOver1000 float64 // share of regions with HHI above 1,000 (concentrated: 2010 guidelines)
	RegionsOver2000 float64 // share of regions with HHI above 2,000 (highly concentrated: 2010 guidelines)
	SpendOver1000   float64 // share of spend in regions with HHI above 1,000
	SpendOver2000   float64 // share of spend in regions with HHI above 2,000
	SpendMonopoly   float64 // share of spend in regions whose largest provider holds more than NearMonopoly
	ServiceHHI      float64 // spend-weighted mean over services of each service's national HHI
	ServiceCR1      float64 // the same for each service's national CR1
	ServiceCR4      float64 // the same for each service's national CR4

	HHI            float64 // national, by provider, 0-10,000
	CR4            float64 // share of the four largest providers nationally
	LargestPrivate float64 // share of the largest private firm nationally

	Regions  []Market // each region, in region order
	Services []Market // each service nationally, in service order
}

// market returns the structure of one market from its providers' values,
// listed in provider id order.
func market(ids []int32, values map[int32]float64, kinds map[int32]agents.Kind) Market {
	m := Market{Providers: len(ids)}
	vs := make([]float64, len(ids))
	best := -1.0
	for i, id := range ids {
		vs[i] = values[id]
		m.Value += vs[i]
		if vs[i] > best {
			best, m.Largest = vs[i], kinds[id]
		}
	}
	if m.Value <= 0 {
		nan := math.NaN()
		m.HHI, m.CR1, m.CR4 = nan, nan, nan
		return m
	}
	m.HHI = HHI(vs)
	m.CR1 = TopShare(vs, 1)
	m.CR4 = TopShare(vs, 4)
	return m
}

// MarketConcentration computes the concentration measures from each
// region's holdings. A provider holding contracts in several regions counts
// as one nationally and in each service. The value of a holding that covers
// several services is split evenly among them (the measures of every run
// give one holding per service, so that none needs splitting). The measures
// of every run use it.
func MarketConcentration(regions [][]Holding) Concentration {
	var c Concentration
	national := map[int32]float64{} // looked up by provider, summed in sorted order below
	kinds := map[int32]agents.Kind{}
	var services [agents.NumServices]map[int32]float64
	for s := range services {
		services[s] = map[int32]float64{}
	}
	total := 0.0
	for _, hs := range regions {
		regional := map[int32]float64{}
		var local []int32
		for _, h := range hs {
			if h.Value <= 0 {
				continue
			}
			if _, seen := regional[h.Provider]; !seen {
				local = append(local, h.Provider)
			}
			national[h.Provider] += h.Value
			regional[h.Provider] += h.Value
			kinds[h.Provider] = h.Kind
			c.Share[h.Kind] += h.Value
			total += h.Value
			split := splitServices(h.Services)
			for s := range agents.NumServices {
				if split[s] > 0 {
					services[s][h.Provider] += float64(h.Value * split[s])
				}
			}
		}
		slices.Sort(local)
		c.Regions = append(c.Regions, market(local, regional, kinds))
	}
	for s := range agents.NumServices {
		ids := make([]int32, 0, len(services[s]))
		for id := range services[s] {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		c.Services = append(c.Services, market(ids, services[s], kinds))
	}
	if total <= 0 {
		nan := math.NaN()
		for k := range c.Share {
			c.Share[k] = nan
		}
		c.HHI, c.CR4, c.LargestPrivate = nan, nan, nan
		c.RegionalHHI, c.RegionalCR1, c.RegionalCR4, c.SpendOver1000, c.SpendOver2000, c.SpendMonopoly = nan, nan, nan, nan, nan, nan
		c.ServiceHHI, c.ServiceCR1, c.ServiceCR4 = nan, nan, nan
		c.RegionsOver1000, c.RegionsOver2000 = nan, nan
		return c
	}
	for k := range c.Share {
		c.Share[k] /= total
	}
	// Weighted means are Σ value × x ÷ Σ value, both sums in region (or
	// service) order, so that a measure equal to 1 in every market is
	// exactly 1 whatever the floating-point unit does with the products.
	var spend, hhi, cr1, cr4, over1000, over2000, monopoly float64
	for _, m := range c.Regions {
		if m.Value <= 0 {
			continue
		}
		spend += m.Value
		hhi += float64(m.Value * m.HHI)
		cr1 += float64(m.Value * m.CR1)
		cr4 += float64(m.Value * m.CR4)
		if m.HHI > HHIConcentrated {
			c.RegionsOver1000++
			over1000 += m.Value
		}
		if m.HHI > HHIHighlyConcentrated {
			c.RegionsOver2000++
			over2000 += m.Value
		}
		if m.CR1 > NearMonopoly {
			monopoly += m.Value
		}
	}
	c.SpendMonopoly = monopoly / spend
	c.RegionalHHI, c.RegionalCR1, c.RegionalCR4 = hhi/spend, cr1/spend, cr4/spend
	c.SpendOver1000, c.SpendOver2000 = over1000/spend, over2000/spend
	n := float64(len(c.Regions))
	c.RegionsOver1000 /= n
	c.RegionsOver2000 /= n
	var serviceTotal, shhi, scr1, scr4 float64
	for _, m := range c.Services {
		if m.Value > 0 {
			serviceTotal += m.Value
			shhi += float64(m.Value * m.HHI)
			scr1 += float64(m.Value * m.CR1)
			scr4 += float64(m.Value * m.CR4)
		}
	}
	c.ServiceHHI, c.ServiceCR1, c.ServiceCR4 = shhi/serviceTotal, scr1/serviceTotal, scr4/serviceTotal
	ids := make([]int32, 0, len(national))
	for id := range national {
		ids = append(ids, id)
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

// splitServices returns the share of a holding's value that goes to each
// of its services: an even split, none for an empty set.
func splitServices(ss agents.ServiceSet) [agents.NumServices]float64 {
	var out [agents.NumServices]float64
	n := ss.Len()
	for s := range agents.NumServices {
		if ss.Has(s) {
			out[s] = 1 / float64(n)
		}
	}
	return out
}

// HHI returns the Herfindahl-Hirschman index of the values' shares of their
// sum, on the 0-10,000 scale: Σ (100 × share)². Zero values are ignored.
func HHI(values []float64) float64 {
	total := 0.0
	for _, v := range values {
		total += v
	}
	if total <= 0 {
		return math.NaN()
	}
	h := 0.0
	for _, v := range values {
		if v > 0 {
			sh := 100 * v / total
			h += float64(sh * sh)
		}
	}
	return h
}

// TopShare returns the share of the sum of values held by the k largest
// (the concentration ratio CR-k), 0-1.
func TopShare(values []float64, k int) float64 {
	total := 0.0
	for _, v := range values {
		total += v
	}
	if total <= 0 {
		return math.NaN()
	}
	positive := 0
	for _, v := range values {
		if v > 0 {
			positive++
		}
	}
	if positive <= k {
		return 1 // the k largest hold everything, exactly, whatever the rounding of the sums
	}
	sorted := slices.Clone(values)
	slices.SortFunc(sorted, func(a, b float64) int { return -compareFloat(a, b) })
	top := 0.0
	for i := 0; i < k && i < len(sorted); i++ {
		top += sorted[i]
	}
	return top / total
}
