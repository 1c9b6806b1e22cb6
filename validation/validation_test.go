package validation

import (
	"context"
	"os"
	"testing"
)

// TestValidationFast runs the checks of MODEL.md §8 that take seconds: the
// bidding rule against auction theory (on 4,000 auctions per case, where
// "mutualsim validate" draws 20,000: a rule that bids for n+1 bidders fails
// 10 of the 15 checks at either size), the auction inside the simulated
// market, and the concentration fixtures. The long checks (workforce,
// ownership trial, calibration targets, directions, ablations) run in
// "mutualsim validate", which CI runs in full (.ci/run).
func TestValidationFast(t *testing.T) {
	cs := Auction(4000, 1)
	cs = append(cs, Concentration()...)
	market, err := MarketAuction(context.Background(), Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	cs = append(cs, market...)
	if os.Getenv("VALIDATION_TABLE") != "" {
		WriteTable(os.Stdout, cs)
	}
	for _, c := range Failed(cs) {
		t.Errorf("%s: %s: expected %s, observed %s, tolerance %s", c.Group, c.Name, c.Expected, observed(c), c.Tolerance)
	}
}

// Every direction names a built-in scenario with a comparator and a
// measure the model records.
func TestDirectionsWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range Directions() {
		key := d.Scenario + " " + d.Measure
		if seen[key] {
			t.Errorf("%s twice", key)
		}
		seen[key] = true
		if d.Sign != 1 && d.Sign != -1 {
			t.Errorf("%s: sign %d", key, d.Sign)
		}
		if d.Source == "" {
			t.Errorf("%s: no source", key)
		}
	}
}
