package scenarios_test

import (
	"context"
	"testing"

	"mutualsim/scenarios"
	"mutualsim/sim"
)

// TestEveryBuiltinRuns validates every built-in scenario and runs one
// replication of it at the small scale.
func TestEveryBuiltinRuns(t *testing.T) {
	small, reps := "small", 1
	for _, name := range scenarios.Names() {
		s, err := scenarios.Load(name, scenarios.LoadOptions{Scale: &small, Replications: &reps})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		res, err := sim.Run(context.Background(), s, sim.Options{Workers: 2})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if r := res.Reps[0]; len(r.Years) != s.Years || r.Years[0] != s.StartYear {
			t.Errorf("%s: ran years %v", name, r.Years)
		}
	}
}
