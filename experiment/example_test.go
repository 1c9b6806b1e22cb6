package experiment_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"mutualsim/experiment"
	"mutualsim/scenarios"
)

// Compare open pension access with the scenario it names as its
// comparator, with common random numbers, and read the paired difference
// in the mutuals formed.
func ExampleCompare() {
	dir, err := os.MkdirTemp("", "compare")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	scale, reps, years := "small", 4, 5
	scens, err := experiment.LoadCompared([]string{"pension-open-access"},
		scenarios.LoadOptions{Scale: &scale, Replications: &reps, Years: &years})
	if err != nil {
		log.Fatal(err)
	}
	res, err := experiment.Compare(context.Background(), scens, dir,
		experiment.Comparison{Measures: []string{"mutuals_formed"}}, experiment.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range res.Runs {
		fmt.Printf("%s: %d replications\n", r.Scenario.Name, r.Scenario.Replications)
	}
	for _, d := range res.Differences {
		fmt.Printf("%s in %d: %s − %s, %d pairs\n", d.Measure, d.Year, d.Scenario, d.Baseline, d.N)
	}
	// Output:
	// right-to-provide: 4 replications
	// pension-open-access: 4 replications
	// mutuals_formed in 2014: pension-open-access − right-to-provide, 4 pairs
}
