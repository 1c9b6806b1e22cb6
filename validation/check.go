// Package validation holds the checks that the model reproduces what is
// known (MODEL.md §8): auction theory, the ownership effect, an NHS-like
// workforce, the 2010-2015 policy path, concentration measures on fixed
// fixtures, and the effect of every mechanism vanishing when it is switched
// off. "mutualsim validate" runs them; so do the package's tests.
package validation

import (
	"fmt"
	"math"
	"strings"

	"mutualsim/outputs"
)

// Check is the outcome of one validation check.
type Check struct {
	Group     string  // auction, ownership, workforce, policy path, concentration, ablation
	Name      string  // what is checked
	Expected  string  // what theory or the sources say, for people
	Observed  float64 // mean of what the model gave
	Low, High float64 // 95% confidence interval of Observed; NaN when it has none
	With      float64 // ablations: the measure with the mechanism on (NaN otherwise)
	Without   float64 // ablations: the measure with it off
	Tolerance string  // the band Observed must fall in, for people
	Pass      bool
	Info      bool // reported for comparison, not checked
	Percent   bool // Observed is a share, shown as a percentage
}

// Status returns "pass", "FAIL" or "info".
func (c Check) Status() string {
	switch {
	case c.Info:
		return "info"
	case c.Pass:
		return "pass"
	}
	return "FAIL"
}

// Failed returns the checks that failed.
func Failed(cs []Check) []Check {
	var out []Check
	for _, c := range cs {
		if !c.Info && !c.Pass {
			out = append(out, c)
		}
	}
	return out
}

// within returns a check that passes when the mean of xs lies in [lo, hi].
func within(group, name, expected string, xs []float64, lo, hi float64, format func(float64) string) Check {
	st := outputs.MeanCI(xs)
	return Check{Group: group, Name: name, Expected: expected, Observed: st.Mean, Low: st.Low, High: st.High, With: math.NaN(), Without: math.NaN(),
		Tolerance: fmt.Sprintf("mean in [%s, %s]", format(lo), format(hi)),
		Pass:      st.Mean >= lo && st.Mean <= hi}
}

func pct(f float64) string { return fmt.Sprintf("%.2f%%", 100*f) }

func num(f float64) string {
	if math.Abs(f) >= 1000 {
		return outputs.Thousands(f)
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.4f", f), "0"), ".")
}
