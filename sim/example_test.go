package sim_test

import (
	"context"
	"fmt"

	"mutualsim/scenarios"
	"mutualsim/sim"
)

// Run the right-to-provide scenario on a small market for ten years, twice,
// and read two measures of each replication's last year. The same seed
// gives the same numbers on any number of workers and any processor.
func ExampleRun() {
	scen, err := scenarios.Load("right-to-provide", scenarios.LoadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	scen.Scale, scen.Years, scen.Replications = "small", 10, 2
	res, err := sim.Run(context.Background(), scen, sim.Options{Workers: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	alive, share := sim.MeasureIndex("mutuals_alive"), sim.MeasureIndex("share_mutual")
	for _, r := range res.Reps {
		last := len(r.Years) - 1
		fmt.Printf("replication %d, %d: %.0f mutuals, %.1f%% of spend\n", r.Rep, r.Years[last], r.Values[last][alive], 100*r.Values[last][share])
	}
	// Output:
	// replication 0, 2019: 3 mutuals, 62.2% of spend
	// replication 1, 2019: 3 mutuals, 51.2% of spend
}
