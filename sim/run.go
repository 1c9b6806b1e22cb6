package sim

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"mutualsim/scenarios"
)

// Options control how a run uses the machine. They never change results.
type Options struct {
	// Workers is the number of goroutines; 0 means one per CPU.
	Workers int
	// Done, if set, is called after each replication finishes, from the
	// goroutine that ran it.
	Done func(rep int)
}

// Result is a whole run: every replication of one scenario, in index order.
type Result struct {
	Scenario *scenarios.Scenario
	Reps     []*Replication
}

// Run simulates every replication of scen. Replications run concurrently;
// when there are fewer replications than workers, the spare workers process
// regions within each replication. Results are identical for any number of
// workers (MODEL.md §7).
func Run(ctx context.Context, scen *scenarios.Scenario, opt Options) (*Result, error) {
	if err := scen.Validate(); err != nil {
		return nil, fmt.Errorf("scenario %q: %w", scen.Name, err)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	reps := scen.Replications
	repWorkers := min(workers, reps)
	regionWorkers := max(1, workers/repWorkers)
	res := &Result{Scenario: scen, Reps: make([]*Replication, reps)}
	errs := make([]error, reps)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range repWorkers {
		wg.Go(func() {
			for rep := range jobs {
				res.Reps[rep], errs[rep] = RunReplication(ctx, scen, rep, regionWorkers)
				if errs[rep] == nil && opt.Done != nil {
					opt.Done(rep)
				}
			}
		})
	}
feed:
	for rep := range reps {
		select {
		case jobs <- rep:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for rep, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("replication %d: %w", rep, err)
		}
	}
	return res, nil
}

// RunReplication simulates replication rep of scen from its start year to
// its end, processing regions on up to workers goroutines.
func RunReplication(ctx context.Context, scen *scenarios.Scenario, rep, workers int) (*Replication, error) {
	w, err := newWorld(scen, rep, workers)
	if err != nil {
		return nil, err
	}
	for range scen.Years {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := w.Step(); err != nil {
			return nil, err
		}
	}
	return w.rec, nil
}
