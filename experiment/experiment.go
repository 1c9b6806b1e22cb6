// Package experiment runs the model's experiments into result folders:
// one scenario (Run, or RunToCheckpoint to save its state for later
// branches), several scenarios on one seed (Batch), scenarios paired by
// common random numbers (Compare), and the histories of a checkpoint
// continued under other scenarios (Branch).
//
// Every call takes a context, which interrupts it, and Options, which say
// how it uses the machine and whom it tells of its progress; none changes
// the results. Every call claims its folder (outputs.ClaimFolder) before it
// writes, writes each table atomically and the manifest last. A run that
// fails leaves no table and no manifest, and no folder it created; a batch
// keeps the run folders it finished. The calls write the tables and the
// manifest; the charts and report.html are package report's (report.Write),
// which the command line calls after them. Package sweep runs designs over
// the levers (sweep.Sweep, resumably).
package experiment

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"

	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/sim"
)

// Options control how an experiment uses the machine and reports on its
// progress. None changes the results.
type Options struct {
	// Workers is the number of goroutines; 0 means one per CPU.
	Workers int
	// Format is the file format of the tables; "" means CSV.
	Format outputs.Format
	// Force replaces the results of mutualsim already in a folder (only
	// the files it wrote there); without it such a folder is refused.
	Force bool
	// Progress, if set, is told as each run folder begins, as each
	// replication completes, and as the folder is complete.
	Progress Progress
}

// workers returns the number of goroutines to use.
func (o Options) workers() int { return cmp.Or(o.Workers, runtime.GOMAXPROCS(0)) }

// format returns the tables' file format.
func (o Options) format() outputs.Format { return cmp.Or(o.Format, outputs.CSV) }

// check reports options that are out of range.
func (o Options) check() error {
	if o.Workers < 0 {
		return fmt.Errorf("workers: %d is out of range, expected 0 (one per CPU) or more", o.Workers)
	}
	if o.Format != "" && o.Format != outputs.CSV && o.Format != outputs.Parquet {
		return fmt.Errorf("format: %q is not a table format, expected %s or %s", o.Format, outputs.CSV, outputs.Parquet)
	}
	return nil
}

// A Progress is told how an experiment advances, one run folder at a time.
type Progress interface {
	// Begin is called as a run folder starts, before any replication.
	Begin(f Folder)
	// Done is called as each replication completes; it may be called
	// from several goroutines at once.
	Done(f Folder, rep int)
	// End is called once the folder is complete (err nil) or has failed.
	End(f Folder, elapsed time.Duration, err error)
}

// A Folder describes a run folder being written: one scenario's
// replications over its years.
type Folder struct {
	// Dir is the folder.
	Dir string
	// Scenario is the scenario run.
	Scenario *inputs.Scenario
	// Branching is true when the replications continue a checkpoint.
	Branching bool
	// LastYear is the folder's last year (the scenario's, or the year of
	// a checkpoint it saves).
	LastYear int
	// Workers is the number of goroutines the run uses.
	Workers int
}

// Years is the number of years the folder holds.
func (f Folder) Years() int { return f.LastYear - f.Scenario.StartYear + 1 }

// A FolderError is a result folder that cannot be claimed or opened for
// writing; it names the folder, and the command line the flag that set it.
type FolderError struct {
	Dir string // the folder
	Err error  // why it cannot be used
}

func (e *FolderError) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e *FolderError) Unwrap() error { return e.Err }

// claim locks dir for the experiment's results (outputs.ClaimFolder).
func claim(dir string, force bool) (*outputs.Lock, error) {
	lock, err := outputs.ClaimFolder(dir, force)
	if err != nil {
		return nil, &FolderError{Dir: dir, Err: err}
	}
	return lock, nil
}

// Result is a run folder that has been written and its summary.
type Result struct {
	// Dir is the run folder.
	Dir string
	// Scenario is the scenario run.
	Scenario *inputs.Scenario
	// Stats are the headline measures at the first and last year, with
	// their confidence intervals (outputs.WriteHeadline prints them).
	Stats []outputs.Stat
}

// stream produces a run folder's replications in order.
type stream func(ctx context.Context, opt sim.Options, emit func(*sim.Replication) error) error

// job says what a run folder holds and where its replications come from:
// by default every replication of the scenario from its start year.
type job struct {
	Folder
	// stream produces the replications; nil means sim.Stream.
	stream stream
	// tap, if set, sees each replication after it is written.
	tap func(*sim.Replication)
	// manifest, if set, adds to the manifest before it is written.
	manifest func(*outputs.Manifest)
}

// errNoScenarios is returned by the experiments over several scenarios
// given none.
var errNoScenarios = errors.New("no scenarios to run")
