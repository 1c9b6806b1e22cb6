package sweep_test

import (
	"fmt"

	"mutualsim/design"
	"mutualsim/sim"
	"mutualsim/sweep"
)

// Plan a Latin-hypercube sweep of two levers: the design's points, each run
// twice, and the lever values of the first points. The plan depends only
// on the design and its seed, so every shard of a cluster job draws the
// same one.
func ExampleNewPlan() {
	text := []byte(`name: example
base: right-to-provide
method: lhs
points: 4
replications: 2
scale: small
years: 10
levers:
  pension.db_premium: [0, 0.3]
  support.startup_grant: [0, 1]
outcomes: [staff_in_mutuals]
outcome_years: [2019]
`)
	var measures []string
	for _, m := range sim.Measures() {
		measures = append(measures, m.Name)
	}
	d, err := design.LoadDesignData("example.yaml", text, design.DesignOptions{NoFiles: true, Measures: measures})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := sweep.NewPlan(sweep.SpecOf(d))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Runs(), "runs")
	for _, v := range p.Values[:2] {
		fmt.Printf("db_premium %.3f, startup_grant %.3f\n", v[0], v[1])
	}
	// Output:
	// 8 runs
	// db_premium 0.254, startup_grant 0.369
	// db_premium 0.198, startup_grant 0.208
}
