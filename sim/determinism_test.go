package sim_test

import (
	"context"
	"testing"

	"mutualsim/inputs"
	"mutualsim/sim"
	"mutualsim/validation"
)

func runSmall(t *testing.T, seed uint64, reps, workers int, set map[string]any) *sim.Result {
	t.Helper()
	s := inputs.Default()
	s.Scale, s.Seed, s.Replications, s.Years = "default", seed, reps, 8
	for k, v := range set {
		l, _ := inputs.LeverByName(k)
		if err := l.Set(s.Params, v); err != nil {
			t.Fatal(err)
		}
	}
	res, err := sim.Run(context.Background(), s, sim.Options{Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestWorkersDoNotChangeResults runs one scenario on 1, 2, 3 and 4 workers:
// with fewer replications than workers, regions run concurrently within a
// replication, so this covers both levels of concurrency.
func TestWorkersDoNotChangeResults(t *testing.T) {
	set := map[string]any{"support.right_to_provide": true, "procurement.reserved_share": 0.3}
	for _, reps := range []int{1, 3} {
		want := runSmall(t, 42, reps, 1, set)
		for _, workers := range []int{2, 3, 4} {
			if got := runSmall(t, 42, reps, workers, set); !validation.Same(want, got) {
				t.Errorf("%d replications: results on %d workers differ from 1 worker", reps, workers)
			}
		}
	}
}

// TestReplicationsAreIndependent checks that replication r is the same
// whatever the number of replications, and that seeds and replications
// give different histories.
func TestReplicationsAreIndependent(t *testing.T) {
	three := runSmall(t, 7, 3, 2, nil)
	five := runSmall(t, 7, 5, 2, nil)
	for r := range 3 {
		if !validation.Same(&sim.Result{Reps: three.Reps[r : r+1]}, &sim.Result{Reps: five.Reps[r : r+1]}) {
			t.Errorf("replication %d depends on how many replications ran", r)
		}
	}
	if validation.Same(&sim.Result{Reps: five.Reps[0:1]}, &sim.Result{Reps: five.Reps[1:2]}) {
		t.Error("replications 0 and 1 are identical")
	}
	other := runSmall(t, 8, 3, 2, nil)
	if validation.Same(three, other) {
		t.Error("seeds 7 and 8 give the same results")
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sim.Run(ctx, inputs.Default(), sim.Options{Workers: 2}); err == nil {
		t.Fatal("a cancelled run returned no error")
	}
}

func TestRunRejectsInvalidScenario(t *testing.T) {
	s := inputs.Default()
	s.Years = 0
	if _, err := sim.Run(context.Background(), s, sim.Options{}); err == nil {
		t.Fatal("an invalid scenario ran")
	}
}
