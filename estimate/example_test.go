package estimate_test

import (
	"fmt"

	"mutualsim/estimate"
	"mutualsim/inputs"
)

// What a run of England's community services takes: 10 replications of 20
// years on 2 cores.
func ExampleEstimate() {
	england, _ := inputs.ScaleByName("england")
	var e estimate.Estimate
	e.Add(estimate.Job{Scale: england, Years: 20, Replications: 10, Tables: true})
	fmt.Printf("%s staff-years, about %s on 2 workers, %s of files\n",
		fmt.Sprint(e.StaffYears), estimate.Duration(e.Wall(2)), estimate.Bytes(e.Bytes))
	fmt.Println(e.Check(2, estimate.DefaultLimits()) == nil)
	// Output:
	// 4.864e+07 staff-years, about 5.8 s on 2 workers, 46 MB of files
	// true
}
