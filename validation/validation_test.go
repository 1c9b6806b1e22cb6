package validation

import (
	"context"
	"os"
	"testing"
)

// TestValidation runs every check of MODEL.md §8 and fails on any that does
// not pass: this is what "mutualsim validate" runs.
func TestValidation(t *testing.T) {
	cs, err := Run(context.Background(), Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("VALIDATION_TABLE") != "" {
		WriteTable(os.Stdout, cs)
	}
	for _, c := range Failed(cs) {
		t.Errorf("%s: %s: expected %s, observed %s, tolerance %s", c.Group, c.Name, c.Expected, observed(c), c.Tolerance)
	}
}
