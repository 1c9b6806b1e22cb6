package validation

import (
	"fmt"
	"math"

	"mutualsim/sim"
)

// Concentration checks the concentration measures the model computes
// (sim.HHI, sim.TopShare, the code the measures use) against values worked
// out by hand on fixed markets.
func Concentration() []Check {
	cases := []struct {
		name   string
		values []float64
		hhi    float64
		cr4    float64
	}{
		{"monopoly", []float64{50}, 10000, 1},
		{"four equal firms", []float64{25, 25, 25, 25}, 2500, 1},
		{"ten equal firms", []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 1000, 0.4},
		{"shares 30/10/40/20 (£m)", []float64{30, 10, 40, 20}, 900 + 100 + 1600 + 400, 1},
		{"region 75/25", []float64{30, 10}, 5625 + 625, 1},
		{"region 2/3 and 1/3", []float64{40, 20}, 50000.0 / 9, 1},
		{"six firms 40/20/10/10/10/10", []float64{40, 20, 10, 10, 10, 10}, 1600 + 400 + 4*100, 0.8},
		{"zeros ignored", []float64{0, 60, 0, 40}, 3600 + 1600, 1},
	}
	var out []Check
	for _, c := range cases {
		h, cr := sim.HHI(c.values), sim.TopShare(c.values, 4)
		out = append(out,
			Check{Group: "concentration", Name: "HHI, " + c.name, Expected: fmt.Sprintf("%.2f by hand", c.hhi), Observed: h,
				Low: math.NaN(), High: math.NaN(), Tolerance: "within 1e-9", Pass: math.Abs(h-c.hhi) < 1e-9},
			Check{Group: "concentration", Name: "CR4, " + c.name, Expected: fmt.Sprintf("%.2f by hand", c.cr4), Observed: cr,
				Low: math.NaN(), High: math.NaN(), Tolerance: "within 1e-9", Pass: math.Abs(cr-c.cr4) < 1e-9})
	}
	return out
}
