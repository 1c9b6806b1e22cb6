package agents_test

import (
	"fmt"

	"mutualsim/agents"
)

// A private firm with cost 90 facing three rivals whose costs it believes
// are uniform on [80, 120] shades its bid toward the top of the range.
func ExampleEquilibriumBid() {
	bid := agents.EquilibriumBid(90, 4, 80, 120, 200)
	fmt.Printf("%.1f\n", bid)
	// Output: 97.5
}

// A staff-controlled mutual that faces little competition gives part of its
// surplus to staff; competition curbs the share.
func ExampleSplitSurplus() {
	rules := agents.SurplusRules{CaptureMax: 0.5, ReserveTarget: 0.08, Capture: true}
	for _, contest := range []float64{0, 0.8} {
		m := &agents.Provider{Kind: agents.Mutual, StaffControl: 1, BonusCap: 0.05, Reserves: 10, Contestability: contest}
		s := agents.SplitSurplus(m, 2, 100, rules)
		fmt.Printf("contestability %.1f: staff benefit £%.2fm of a £2m surplus\n", contest, s.StaffBenefit)
	}
	// Output:
	// contestability 0.0: staff benefit £0.75m of a £2m surplus
	// contestability 0.8: staff benefit £0.15m of a £2m surplus
}
