package sim_test

import (
	"context"
	"fmt"
	"testing"

	"mutualsim/inputs"
	"mutualsim/sim"
	"mutualsim/validation"
)

// The switch-off tests of every mechanism are the ablations of package
// validation, which "mutualsim validate" also runs.

// TestAwarenessTimeline checks that a timeline change of commissioners'
// awareness takes effect in the year it is made.
func TestAwarenessTimeline(t *testing.T) {
	s := inputs.Default()
	s.Replications, s.Years = 2, 6
	s.Params.Support.RightToProvide = true
	base, err := sim.Run(context.Background(), s, sim.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	s.Timeline = []inputs.Change{{Year: 2012, Set: []inputs.Assignment{{Lever: "commissioners.awareness", Value: 1.0}}}}
	changed, err := sim.Run(context.Background(), s, sim.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for i := range base.Reps {
		if fmt.Sprint(base.Reps[i].Values[:2]) != fmt.Sprint(changed.Reps[i].Values[:2]) {
			t.Error("results differ before the change")
		}
	}
	if validation.Same(base, changed) {
		t.Error("a timeline change of awareness had no effect")
	}
}
