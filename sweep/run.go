package sweep

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"mutualsim/design"
	"mutualsim/outputs"
	"mutualsim/sim"
)

// RunOptions control how a sweep uses the machine. None changes results.
type RunOptions struct {
	Dir     string // the sweep folder, holding the journal
	Shard   Shard  // the slice of runs to do; the zero value means All
	Workers int    // goroutines; 0 means one per CPU
	// Started, if set, is called once the journal is read, with the runs
	// of the shard it already holds and the shard's total.
	Started func(done, total int)
	// Progress, if set, is called after each committed run with the runs
	// of the shard done so far and its total, from one goroutine at a time.
	Progress func(done, total int)
}

// shard returns the slice of runs to do: opt.Shard, or All.
func (opt RunOptions) shard() Shard {
	if opt.Shard.Count == 0 {
		return All
	}
	return opt.Shard
}

// workers returns the number of goroutines to use.
func (opt RunOptions) workers() int {
	if opt.Workers <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return opt.Workers
}

// Status is what a sweep folder's journal holds after Execute.
type Status struct {
	Records []Record // the shard's completed runs, in run order
	Resumed int      // runs found in the journal before this call
	Ran     int      // runs done by this call
	Total   int      // runs in the shard
}

// Execute runs every run of the shard that the sweep folder's journal does
// not already hold, committing each as it completes, and returns the
// shard's records in run order. Runs go to workers in run order; each runs
// its scenario's replication on one goroutine (on several when there are
// fewer runs than workers). An interruption (ctx cancelled, or the process
// killed) loses only the runs in progress: calling Execute again with the
// same plan finishes the rest.
func Execute(ctx context.Context, p *Plan, d *design.Design, opt RunOptions) (Status, error) {
	shard := opt.shard()
	if err := shard.Validate(); err != nil {
		return Status{}, err
	}
	if err := checkFolder(opt.Dir); err != nil {
		return Status{}, err
	}
	lock, err := LockFolder(opt.Dir)
	if err != nil {
		return Status{}, err
	}
	defer lock.Unlock()
	j, recs, err := OpenJournal(opt.Dir, p.Hash, shard, len(p.Outcomes))
	if err != nil {
		return Status{}, err
	}
	defer j.Close()
	have := make([]bool, p.Runs())
	for _, r := range recs {
		if r.Run >= p.Runs() || !shard.Owns(r.Run) {
			return Status{}, fmt.Errorf("the journal holds run %d, which is not in shard %s of %d runs", r.Run, shard, p.Runs())
		}
		if have[r.Run] {
			return Status{}, fmt.Errorf("the journal holds run %d twice", r.Run)
		}
		have[r.Run] = true
	}
	var todo []int
	total := 0
	for run := range p.Runs() {
		if shard.Owns(run) {
			total++
			if !have[run] {
				todo = append(todo, run)
			}
		}
	}
	st := Status{Resumed: len(recs), Total: total}
	if opt.Started != nil {
		opt.Started(len(recs), total)
	}
	workers := opt.workers()
	runWorkers := max(1, min(workers, len(todo)))
	regionWorkers := max(1, workers/runWorkers)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	var (
		mu       sync.Mutex
		firstErr error
		done     = len(recs)
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
		cancel()
	}
	var wg sync.WaitGroup
	for range runWorkers {
		wg.Go(func() {
			for run := range jobs {
				rec, err := runOne(ctx, p, d, run, regionWorkers)
				if err != nil {
					if !errors.Is(err, context.Canceled) {
						fail(err)
					}
					return
				}
				mu.Lock()
				err = j.Append(rec)
				if err == nil {
					recs = append(recs, rec)
					done++
					st.Ran++
					if opt.Progress != nil {
						opt.Progress(done, total)
					}
				}
				mu.Unlock()
				if err != nil {
					fail(err)
					return
				}
			}
		})
	}
feed:
	for _, run := range todo {
		select {
		case jobs <- run:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return st, firstErr
	}
	if err := ctx.Err(); err != nil && st.Ran+st.Resumed < total {
		return st, err
	}
	if err := j.Close(); err != nil {
		return st, err
	}
	st.Records = sortRecords(recs, p.Runs())
	return st, nil
}

// runOne runs one replication of one point and reads its outcomes.
func runOne(ctx context.Context, p *Plan, d *design.Design, run, workers int) (Record, error) {
	point, rep := p.Run(run)
	scen, set, err := d.PointScenario(p.Values[point])
	if err != nil {
		return Record{}, err
	}
	r, err := sim.RunReplication(ctx, scen, rep, workers)
	if err != nil {
		return Record{}, fmt.Errorf("point %d (%v), replication %d: %w", point, set, rep, err)
	}
	vals, err := p.outcomes(r)
	if err != nil {
		return Record{}, err
	}
	return Record{Run: run, Values: vals}, nil
}

// sortRecords orders records by run.
func sortRecords(recs []Record, runs int) []Record {
	byRun := make([]*Record, runs)
	for i := range recs {
		byRun[recs[i].Run] = &recs[i]
	}
	out := make([]Record, 0, len(recs))
	for _, r := range byRun {
		if r != nil {
			out = append(out, *r)
		}
	}
	return out
}

// CheckPoints loads the scenario of every point, so that a point whose
// levers break a rule of the scenario (weights that do not sum to 1, say)
// stops the sweep before anything runs, naming the point.
func CheckPoints(p *Plan, d *design.Design) error {
	seen := map[string]bool{}
	for i, vals := range p.Values {
		key := fmt.Sprint(vals...)
		if seen[key] {
			continue
		}
		seen[key] = true
		if _, _, err := d.PointScenario(vals); err != nil {
			return fmt.Errorf("design point %d, %w", i, err)
		}
	}
	return nil
}

// checkFolder refuses a folder that holds something other than a sweep:
// files but no journal (a run folder, say), or another kind of manifest.
// Folders inside it (shard folders) are allowed.
func checkFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	var files []string
	journal := false
	for _, e := range entries {
		switch {
		case e.Name() == JournalName:
			journal = true
		case e.IsDir(), e.Name() == outputs.LockName:
		default:
			files = append(files, e.Name())
		}
	}
	if slices.Contains(files, ManifestName) {
		if _, err := ReadManifest(dir); err != nil {
			return fmt.Errorf("%s is not a sweep folder (%v); use another --out", dir, err)
		}
	}
	if !journal && len(files) > 0 {
		return fmt.Errorf("%s is not a sweep folder: it holds %s but no %s; use another --out", dir, strings.Join(files[:min(3, len(files))], ", "), JournalName)
	}
	return nil
}
