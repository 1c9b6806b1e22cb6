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
	// Three regions (£m a year). Region 0: NHS provider 1 holds two
	// contracts (30 + 10), national private firm 9 holds 20. Region 1: NHS
	// provider 2 holds 40, mutual 5 holds 10 + 10. Region 2: the national
	// firm 9 holds 30, mutual 6 holds 30. National value 180: NHS 80, mutual
	// 50, private 50. National holdings 40, 50 (firm 9), 40, 20, 30.
	h := func(id int32, k agents.Kind, v float64) sim.Holding {
		return sim.Holding{Provider: id, Kind: k, Value: v}
	}
	m := sim.MarketConcentration([][]sim.Holding{
		{h(1, agents.NHS, 30), h(9, agents.Private, 20), h(1, agents.NHS, 10)},
		{h(2, agents.NHS, 40), h(5, agents.Mutual, 10), h(5, agents.Mutual, 10)},
		{h(9, agents.Private, 30), h(6, agents.Mutual, 30)},
	})
	sq := func(xs ...float64) float64 {
		t, h := 0.0, 0.0
		for _, x := range xs {
			t += x
		}
		for _, x := range xs {
			h += (100 * x / t) * (100 * x / t)
		}
		return h
	}
	r0, r1, r2 := sq(40, 20), sq(40, 20), sq(30, 30) // 5555.6, 5555.6, 5000
	exact("three regions: NHS share", "80/180", m.Share[agents.NHS], 80.0/180)
	exact("three regions: mutual share", "50/180", m.Share[agents.Mutual], 50.0/180)
	exact("three regions: private share", "50/180", m.Share[agents.Private], 50.0/180)
	exact("three regions: national HHI", "holdings 40, 50, 40, 20, 30", m.HHI, sq(40, 50, 40, 20, 30))
	exact("three regions: regional HHI mean", "(5555.6 + 5555.6 + 5000) / 3", m.RegionalHHI, (r0+r1+r2)/3)
	exact("three regions: share above 1,800", "all three", m.Over1800, 1)
	exact("three regions: CR4", "(50 + 40 + 40 + 30) / 180", m.CR4, 160.0/180)
	exact("three regions: largest private share", "firm 9: 50/180", m.LargestPrivate, 50.0/180)
	return out
}
