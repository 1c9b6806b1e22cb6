package sim

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"mutualsim/inputs"
)

// Version is the version of the model and program, recorded in every run's
// manifest. It changes whenever results for a given scenario and seed change.
const Version = "0.3.3"

// Options control how a run uses the machine. They never change results.
type Options struct {
	// Workers is the number of goroutines; 0 means one per CPU.
	Workers int
	// Done, if set, is called after each replication finishes, from the
	// goroutine that ran it, in any order.
	Done func(rep int)
}

// Result is a whole run held in memory: every replication of one scenario,
// in index order.
type Result struct {
	Scenario *inputs.Scenario
	Reps     []*Replication
}

// Run simulates every replication of scen and returns them all. It holds the
// whole run in memory; Stream does not.
func Run(ctx context.Context, scen *inputs.Scenario, opt Options) (*Result, error) {
	res := &Result{Scenario: scen}
	err := Stream(ctx, scen, opt, func(r *Replication) error {
		res.Reps = append(res.Reps, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// Stream simulates every replication of scen and passes each to emit in
// replication order, holding at most a few replications per worker in
// memory. Replications run concurrently; when there are fewer replications
// than workers, the spare workers process regions within each replication.
// Results are identical for any number of workers (MODEL.md §7). If emit
// returns an error, Stream stops and returns it.
func Stream(ctx context.Context, scen *inputs.Scenario, opt Options, emit func(*Replication) error) error {
	return StreamUntil(ctx, scen, scen.EndYear(), opt, func(w *World) error { return emit(w.rec) })
}

// StreamUntil is Stream stopping after the year until (at most the
// scenario's last year) and passing each replication's whole world, left
// in that year, so that it can be saved as a checkpoint (World.Replication
// gives its records).
func StreamUntil(ctx context.Context, scen *inputs.Scenario, until int, opt Options, emit func(*World) error) error {
	if err := scen.Validate(); err != nil {
		return fmt.Errorf("scenario %q: %w", scen.Name, err)
	}
	if until < scen.StartYear || until > scen.EndYear() {
		return fmt.Errorf("until: %d is outside the run, expected a year in [%d, %d]", until, scen.StartYear, scen.EndYear())
	}
	start := func(rep, workers int) (*World, error) { return newWorld(scen, rep, workers) }
	return runWorlds(ctx, scen.Replications, until, opt, start, emit)
}

// runWorlds runs replications 0 to reps−1, each from the world start
// returns for it up to and including the year last, on up to opt.Workers
// goroutines, and passes the worlds to emit in replication order.
func runWorlds(ctx context.Context, reps, last int, opt Options, start func(rep, workers int) (*World, error), emit func(*World) error) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	repWorkers := min(workers, reps)
	regionWorkers := max(1, workers/repWorkers)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type done struct {
		rep int
		w   *World
		err error
	}
	// window bounds the replications started but not yet emitted.
	window := make(chan struct{}, 2*repWorkers)
	jobs := make(chan int)
	results := make(chan done)
	var wg sync.WaitGroup
	for range repWorkers {
		wg.Go(func() {
			for rep := range jobs {
				w, err := start(rep, regionWorkers)
				if err == nil {
					err = w.runTo(ctx, last)
				}
				if err == nil && opt.Done != nil {
					opt.Done(rep)
				}
				select {
				case results <- done{rep, w, err}:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		defer close(jobs)
		for rep := range reps {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- rep:
			case <-ctx.Done():
				return
			}
		}
	}()
	// Emit in index order, keeping early finishers until their turn.
	waiting := make(map[int]*World) // looked up by index, never iterated
	var firstErr error
	for next := 0; next < reps && firstErr == nil; {
		select {
		case d := <-results:
			if d.err != nil {
				firstErr = fmt.Errorf("replication %d: %w", d.rep, d.err)
				break
			}
			waiting[d.rep] = d.w
			for w, ok := waiting[next]; ok; w, ok = waiting[next] {
				delete(waiting, next)
				if err := emit(w); err != nil {
					firstErr = err
					break
				}
				<-window
				next++
			}
		case <-ctx.Done():
			firstErr = ctx.Err()
		}
	}
	cancel()
	wg.Wait()
	return firstErr
}

// RunReplication simulates replication rep of scen from its start year to
// its end, processing regions on up to workers goroutines.
func RunReplication(ctx context.Context, scen *inputs.Scenario, rep, workers int) (*Replication, error) {
	w, err := newWorld(scen, rep, workers)
	if err != nil {
		return nil, err
	}
	if err := w.runTo(ctx, scen.EndYear()); err != nil {
		return nil, err
	}
	return w.rec, nil
}

// runTo simulates the world's years from its current one up to and
// including last, and leaves the world in last.
func (w *World) runTo(ctx context.Context, last int) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		w.simulateYear()
		if w.year >= last {
			return nil
		}
		if err := w.setYear(w.year + 1); err != nil {
			return err
		}
	}
}
