package agents

import (
	"math"
	"testing"
)

// TestFormulas checks the formulas of delivery, entry, proposals and
// bidders' beliefs against values worked out by hand, and entry against
// the figures docs/ODD.md §11 quotes for it.
func TestFormulas(t *testing.T) {
	q := QualityEffects{Staffing: 0.8, Engagement: 0.6, Investment: 0.3}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		// Present 95% of the time, 0.1 above the reference engagement with
		// k = 0.2: 0.95 × 1.02.
		{"effective labour", EffectiveLabour(0.05, 0.2, 0.7), 0.969},
		{"effective labour never negative", EffectiveLabour(0, 10, 0), 0},
		// The reference: full staffing and engagement, no stock, no slack.
		{"quality at the reference", DeliveredQuality(0.72, 1, RefEngagement, 0, 0, q), 0.72},
		// Half staffed: 0.5^0.8 = 0.574; 5% slack.
		{"quality half staffed", DeliveredQuality(0.8, 0.5, RefEngagement, 0, 0.05, q), 0.8 * math.Pow(0.5, 0.8) * 0.95},
		{"quality capped at 1", DeliveredQuality(1, 1, 1, 2, 0, q), 1},
		// ODD §11: about 1.5 new firms a year in a 30-region market 3 points
		// above the hurdle, at most 4.5.
		{"entry at full rate", EntryRate(0.5, 30, 0.06, 0.03), 1.5},
		{"entry at most", EntryRate(0.5, 30, 0.5, 0.03), 4.5},
		{"no entry below the hurdle", EntryRate(0.5, 30, 0.01, 0.03), 0},
		// The reference staff member where commissioners are half aware
		// proposes at the base rate.
		{"proposal at the reference", ProposalRate(0.01, RefEntrepreneur, RefEngagement, 0.5), 0.01},
		{"proposal with no awareness", ProposalRate(0.01, RefEntrepreneur, RefEngagement, 0), 0.0075},
		{"rivals belief", RivalsBelief(2, 4), 3},
		// ODD §11: 7,500 staff propose at a fifth of the reference rate, 75
		// at twice, 300 at it.
		{"unit of 7,500", UnitSizeFactor(7500), 0.2},
		{"unit of 75", UnitSizeFactor(75), 2},
		{"unit of 300", UnitSizeFactor(300), 1},
		{"unit of none", UnitSizeFactor(0), 2},
		// ODD §11: 10 contracts at 70% of one contract's overhead.
		{"scale economy", ScaleEconomy(10, 0.15), math.Pow(10, -0.15)},
		// A quarter of the stock lost; 1% of revenue invested at yield 1.
		{"quality stock", QualityStock(0.04, 0.25, 1, 0.2, 20), 0.04},
		// £31k, 10% on-costs, half in the NHS scheme at 14%, half at 5%.
		{"cost per head", CostPerHead(31, 0.1, 0.5, 0.14, 0.05), 31 * 1.195},
	} {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
}
