package validation

import (
	"fmt"
	"math"

	"mutualsim/agents"
	"mutualsim/sim"
)

// Concentration checks the concentration measures against values worked out
// by hand: HHI and CR4 on fixed lists of values, and shares by kind, the
// national and regional HHI, the regions above the thresholds and the
// largest private share on a fixed market of three regions. It uses the
// functions every run's measures use (sim.HHI, sim.TopShare,
// sim.MarketConcentration).
func Concentration() []Check {
	var out []Check
	exact := func(name, expected string, got, want float64) {
		out = append(out, Check{Group: "concentration", Name: name, Expected: fmt.Sprintf("%s = %s", expected, num(want)),
			Observed: got, Low: math.NaN(), High: math.NaN(), With: math.NaN(), Without: math.NaN(),
			Tolerance: "within 1e-9", Pass: math.Abs(got-want) < 1e-9})
	}
	for _, c := range []struct {
		name     string
		values   []float64
		hhi, cr4 float64
	}{
		{"monopoly", []float64{50}, 10000, 1},
		{"four equal firms", []float64{25, 25, 25, 25}, 2500, 1},
		{"ten equal firms", []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 1000, 0.4},
		{"six firms 40/20/10/10/10/10", []float64{40, 20, 10, 10, 10, 10}, 1600 + 400 + 4*100, 0.8},
		{"zeros ignored", []float64{0, 60, 0, 40}, 3600 + 1600, 1},
	} {
		exact("HHI, "+c.name, "by hand", sim.HHI(c.values), c.hhi)
		exact("CR4, "+c.name, "by hand", sim.TopShare(c.values, 4), c.cr4)
	}
	// Three regions (£m a year), each holding for one service (N nursing,
	// T therapies). Region 0: NHS provider 1 holds 30 N and 10 T, national
	// private firm 9 holds 20 T. Region 1: NHS provider 2 holds 40 N, mutual
	// 5 holds 10 N and 10 T. Region 2: the national firm 9 holds 30 N,
	// mutual 6 holds 30 T, NHS provider 3 holds 60 N. Spend 60, 60 and 120;
	// national value 240: NHS 140, mutual 50, private 50. National holdings
	// 40, 40, 60, 50, 20, 30. Nursing 170: 30, 40, 10, 30, 60; therapies 70:
	// 10, 20, 10, 30.
	const n, t = agents.CommunityNursing, agents.Therapies
	h := func(id int32, k agents.Kind, v float64, s agents.Service) sim.Holding {
		return sim.Holding{Provider: id, Kind: k, Value: v, Services: agents.ServiceSet(0).With(s)}
	}
	m := sim.MarketConcentration([][]sim.Holding{
		{h(1, agents.NHS, 30, n), h(9, agents.Private, 20, t), h(1, agents.NHS, 10, t)},
		{h(2, agents.NHS, 40, n), h(5, agents.Mutual, 10, n), h(5, agents.Mutual, 10, t)},
		{h(9, agents.Private, 30, n), h(6, agents.Mutual, 30, t), h(3, agents.NHS, 60, n)},
	})
	sq := func(xs ...float64) float64 {
		t, h := 0.0, 0.0
		for _, x := range xs {
			t += x
		}
		for _, x := range xs {
			h += float64((100 * x / t) * (100 * x / t))
		}
		return h
	}
	r0, r1, r2 := sq(40, 20), sq(40, 20), sq(30, 30, 60) // 5555.6, 5555.6, 3750
	hn, ht := sq(30, 40, 10, 30, 60), sq(10, 20, 10, 30)
	exact("three regions: NHS share", "140/240", m.Share[agents.NHS], 140.0/240)
	exact("three regions: mutual share", "50/240", m.Share[agents.Mutual], 50.0/240)
	exact("three regions: private share", "50/240", m.Share[agents.Private], 50.0/240)
	exact("three regions: regional HHI weighted by spend", "(60 × 5555.6 + 60 × 5555.6 + 120 × 3750) / 240", m.RegionalHHI, (float64(60*r0)+float64(60*r1)+float64(120*r2))/240)
	exact("three regions: regional CR1 weighted by spend", "(40 + 40 + 60) / 240", m.RegionalCR1, 140.0/240)
	exact("three regions: share of regions above 2,000", "all three", m.RegionsOver2000, 1)
	exact("three regions: service HHI weighted by value", "(170 × nursing + 70 × therapies) / 240", m.ServiceHHI, (float64(170*hn)+float64(70*ht))/240)
	exact("three regions: service CR4 weighted by value", "(170 × 160/170 + 70 × 1) / 240", m.ServiceCR4, (160+70)/240.0)
	exact("three regions: service CR1 weighted by value", "(NHS 3's 60 of nursing + mutual 6's 30 of therapies) / 240", m.ServiceCR1, (60+30)/240.0)
	exact("three regions: national HHI", "holdings 40, 40, 60, 50, 20, 30", m.HHI, sq(40, 40, 60, 50, 20, 30))
	exact("three regions: national CR4", "(60 + 50 + 40 + 40) / 240", m.CR4, 190.0/240)
	exact("three regions: largest private share", "firm 9: 50/240", m.LargestPrivate, 50.0/240)
	// HHI thresholds: a region of twelve equal providers (HHI 833) and a
	// monopoly; spend 60 and 20.
	twelve := make([]sim.Holding, 12)
	for i := range twelve {
		twelve[i] = h(int32(10+i), agents.Private, 5, n)
	}
	c := sim.MarketConcentration([][]sim.Holding{twelve, {h(1, agents.NHS, 20, n)}})
	exact("HHI thresholds: share of regions above 1,000", "the monopoly: 1/2", c.RegionsOver1000, 0.5)
	exact("HHI thresholds: share of regions above 2,000", "the monopoly: 1/2", c.RegionsOver2000, 0.5)
	exact("HHI thresholds: share of spend above 2,000", "20/80", c.SpendOver2000, 0.25)
	exact("HHI thresholds: share of spend above 1,000", "20/80", c.SpendOver1000, 0.25)
	exact("HHI thresholds: regional HHI weighted by spend", "(60 × 833.3 + 20 × 10,000) / 80", c.RegionalHHI, (60*10000.0/12+20*10000)/80)
	exact("HHI thresholds: share of spend in near-monopolies (largest over 90%)", "the monopoly: 20/80", c.SpendMonopoly, 0.25)
	exact("three regions: share of spend in near-monopolies", "none: largest shares 2/3, 2/3, 1/2", m.SpendMonopoly, 0)
	return out
}
