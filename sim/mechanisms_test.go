package sim_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"mutualsim/scenarios"
	"mutualsim/sim"
)

// variant runs the baseline at the default scale, 4 replications of 12
// years, with the given levers set.
func variant(t *testing.T, set map[string]any) *sim.Result {
	t.Helper()
	s := scenarios.Default()
	s.Replications, s.Years = 4, 12
	for k, v := range set {
		l, ok := scenarios.LeverByName(k)
		if !ok {
			t.Fatalf("no lever %s", k)
		}
		if err := l.Set(s.Params, v); err != nil {
			t.Fatal(err)
		}
	}
	res, err := sim.Run(context.Background(), s, sim.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// average returns the mean of a measure over replications and the years
// after the first two.
func average(t *testing.T, res *sim.Result, measure string) float64 {
	t.Helper()
	i := sim.MeasureIndex(measure)
	if i < 0 {
		t.Fatalf("no measure %s", measure)
	}
	sum, n := 0.0, 0
	for _, r := range res.Reps {
		for y := 2; y < len(r.Years); y++ {
			if v := r.Values[y][i]; !math.IsNaN(v) {
				sum += v
				n++
			}
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

func merge(ms ...map[string]any) map[string]any {
	out := map[string]any{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// TestMechanismsOff switches each mechanism of MODEL.md §4 off, in a context
// where it matters, and checks that the measure it drives moves the way the
// mechanism says: sign is the direction of (off − on), and minRel the
// smallest relative change accepted (1 means the measure must drop to zero).
func TestMechanismsOff(t *testing.T) {
	rtp := map[string]any{"support.right_to_provide": true}
	tests := []struct {
		mechanism string
		context   map[string]any
		measure   string
		sign      int
		minRel    float64
	}{
		{"ownership_effect", rtp, "productivity_mutual", -1, 0.01},
		{"engagement_productivity", map[string]any{"workforce.engagement_base": 0.8}, "productivity_nhs", -1, 0.02},
		{"agency_cover", nil, "agency_rate", -1, 1},
		{"agency_cover", nil, "quality_mean", -1, 0.01},
		{"scale_economies", map[string]any{"procurement.lot_services": 0}, "private_margin", -1, 0.02},
		{"producer_capture", nil, "producer_capture_index", -1, 1},
		{"contestability", nil, "producer_capture_index", +1, 0.5},
		{"investor_extraction", nil, "investor_extraction", -1, 1},
		{"asset_lock", merge(rtp, map[string]any{"governance.asset_lock": true}), "mutuals_sold", +1, 0.1},
		{"engagement_dynamics", map[string]any{"workforce.voice_nhs": 0.2}, "engagement_mean", -1, 0.05},
		{"absence", nil, "absence_rate", -1, 1},
		{"quits", nil, "turnover_rate", -1, 0.5},
		{"retirement", nil, "turnover_rate", -1, 0.05},
		{"pension_barrier", rtp, "vacancy_rate_mutual", -1, 0.1},
		{"spinouts", rtp, "mutuals_formed", -1, 1},
		{"awareness", merge(rtp, map[string]any{"commissioners.awareness": 1.0}), "share_mutual", -1, 0.1},
		{"tendering", nil, "producer_capture_index", +1, 0.5},
		{"tendering", nil, "tenders", -1, 1},
		{"bidder_entry", nil, "mean_bidders", -1, 0.01},
		{"bid_shading", nil, "private_margin", -1, 0.3},
		{"risk_scoring", rtp, "share_mutual", +1, 0.1},
		{"sureties", map[string]any{"procurement.surety": 0.5}, "mean_bidders", +1, 0.05},
		{"tupe_shock", nil, "engagement_mean", +1, 0.005},
		{"pride", nil, "engagement_mean", -1, 0.005},
		{"failure", rtp, "failures", -1, 1},
		{"handbacks", rtp, "handbacks", -1, 1},
		{"acquisitions", rtp, "mutuals_sold", -1, 1},
		{"private_entry", nil, "entrants", -1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.mechanism+"/"+tc.measure, func(t *testing.T) {
			on := average(t, variant(t, tc.context), tc.measure)
			off := average(t, variant(t, merge(tc.context, map[string]any{"mechanisms." + tc.mechanism: false})), tc.measure)
			diff := off - on
			rel := math.Abs(diff) / math.Max(math.Abs(on), math.Abs(off))
			if math.IsNaN(rel) || int(math.Copysign(1, diff)) != tc.sign || rel < tc.minRel-1e-12 {
				t.Errorf("%s: on %.5g, off %.5g (relative change %+.3g); want sign %+d and at least %.3g", tc.measure, on, off, rel, tc.sign, tc.minRel)
			}
		})
	}
}

// TestMechanismsVanish shows each mechanism's effect vanish: with the
// mechanism on, changing the lever that sets its strength changes the
// results; with it off, the same change leaves every replication identical.
func TestMechanismsVanish(t *testing.T) {
	rtp := map[string]any{"support.right_to_provide": true}
	tests := []struct {
		mechanism string
		context   map[string]any
		lever     string
		value     any
	}{
		{"ownership_effect", rtp, "productivity.ownership_effect", 0.1},
		{"engagement_productivity", nil, "productivity.engagement_effect", 0.6},
		{"agency_cover", nil, "workforce.agency_premium", 1.5},
		{"scale_economies", nil, "market.scale_economies", 0.5},
		{"producer_capture", nil, "governance.slack_growth", 0.05},
		{"investor_extraction", nil, "market.dividend_share", 0.95},
		{"asset_lock", rtp, "governance.asset_lock", true},
		{"engagement_dynamics", nil, "workforce.engagement_rate", 0.9},
		{"absence", nil, "workforce.absence_base", 0.2},
		{"quits", nil, "workforce.quit_base", 0.5},
		{"retirement", nil, "workforce.retirement_rate", 0.6},
		{"pension_barrier", rtp, "pension.access", "open"},
		{"spinouts", nil, "support.right_to_provide", true},
		{"awareness", rtp, "commissioners.awareness", 1.0},
		{"tendering", nil, "procurement.bid_cost", 0.05},
		{"bidder_entry", nil, "market.entrant_bid_rate", 0.6},
		{"bid_shading", nil, "market.cost_spread", 0.5},
		{"mutual_prudence", rtp, "market.mutual_prudence", 0.15},
		{"sureties", nil, "procurement.surety", 0.5},
		{"tupe_shock", nil, "workforce.transfer_shock", 0.5},
		{"pride", nil, "workforce.pride", 0.3},
		{"handbacks", rtp, "market.handback_overhead", 0.001},
		{"acquisitions", rtp, "market.demutualisation_rate", 0.5},
		{"private_entry", nil, "market.private_entry_rate", 10.0},
	}
	for _, tc := range tests {
		t.Run(tc.mechanism, func(t *testing.T) {
			ctx := tc.context
			changed := merge(ctx, map[string]any{tc.lever: tc.value})
			if same(variant(t, ctx), variant(t, changed)) {
				t.Errorf("with %s on, setting %s = %v changed nothing", tc.mechanism, tc.lever, tc.value)
			}
			off := map[string]any{"mechanisms." + tc.mechanism: false}
			if !same(variant(t, merge(ctx, off)), variant(t, merge(changed, off))) {
				t.Errorf("with %s off, setting %s = %v still changed the results", tc.mechanism, tc.lever, tc.value)
			}
		})
	}
}

// same reports whether two runs recorded exactly the same thing, counting
// NaN (an undefined measure) as equal to itself.
func same(a, b *sim.Result) bool {
	if len(a.Reps) != len(b.Reps) {
		return false
	}
	for i := range a.Reps {
		if fmt.Sprintf("%+v", *a.Reps[i]) != fmt.Sprintf("%+v", *b.Reps[i]) {
			return false
		}
	}
	return true
}

// TestOpenAccessCutsMutualVacancies is MODEL.md's example of the pension
// barrier: with open access to the NHS scheme, mutuals' recruits may join
// it, and mutuals carry fewer vacancies than under closed access.
func TestOpenAccessCutsMutualVacancies(t *testing.T) {
	rtp := map[string]any{"support.right_to_provide": true}
	closed := average(t, variant(t, rtp), "vacancy_rate_mutual")
	open := average(t, variant(t, merge(rtp, map[string]any{"pension.access": "open"})), "vacancy_rate_mutual")
	if !(open < 0.9*closed) {
		t.Errorf("mutual vacancy rate: closed %.4f, open %.4f; want open at least 10%% lower", closed, open)
	}
}

// TestNoCompetitionRaisesCapture is MODEL.md's example of producer capture:
// rolling every contract over to its holder raises the capture index.
func TestNoCompetitionRaisesCapture(t *testing.T) {
	open := average(t, variant(t, nil), "producer_capture_index")
	rolled := average(t, variant(t, map[string]any{"procurement.rollover": true, "procurement.open_threshold": 1e6}), "producer_capture_index")
	if !(rolled > 2*open) {
		t.Errorf("capture index: tendering %.4f, rollover %.4f; want rollover at least double", open, rolled)
	}
}

// TestAwarenessTimeline checks that a timeline change of commissioners'
// awareness takes effect in the year it is made.
func TestAwarenessTimeline(t *testing.T) {
	s := scenarios.Default()
	s.Replications, s.Years = 2, 6
	s.Params.Support.RightToProvide = true
	base, err := sim.Run(context.Background(), s, sim.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	s.Timeline = []scenarios.Change{{Year: 2012, Set: []scenarios.Assignment{{Lever: "commissioners.awareness", Value: 1.0}}}}
	changed, err := sim.Run(context.Background(), s, sim.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Identical before the change, different after it.
	for i := range base.Reps {
		a, b := base.Reps[i], changed.Reps[i]
		if fmt.Sprint(a.Values[:2]) != fmt.Sprint(b.Values[:2]) {
			t.Error("results differ before the change")
		}
	}
	if same(base, changed) {
		t.Error("a timeline change of awareness had no effect")
	}
}
