package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"mutualsim/outputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
)

type runFlags struct {
	seed      uint64
	reps      int
	years     int
	startYear int
	workers   int
	out       string
	scale     string
	quiet     bool
}

func newRunCmd(stdout, stderr io.Writer) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run a scenario and write its run folder",
		Long: `Run simulates the built-in baseline scenario (the 2010 status quo at the default
scale, 20 years from 2010, 10 replications, seed 1), prints the headline
measures at the first and last year with 95% confidence intervals, and writes
a run folder (default results/<scenario>-<seed>/) with manifest.json,
timeseries.csv, columns.csv, summary.csv, tenders.csv, spinouts.csv and
providers.csv.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			scen, err := f.scenario(cmd)
			if err != nil {
				return err
			}
			return runScenario(cmd, scen, f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	def := scenarios.Default()
	fl.Uint64Var(&f.seed, "seed", def.Seed, "master random seed")
	fl.IntVar(&f.reps, "reps", def.Replications, "number of replications")
	fl.IntVar(&f.years, "years", def.Years, "number of simulated years")
	fl.IntVar(&f.startYear, "start-year", def.StartYear, "first simulated year")
	fl.IntVar(&f.workers, "workers", 0, "goroutines to use (0: one per CPU); results do not depend on it")
	fl.StringVar(&f.out, "out", "", "run folder (default results/<scenario>-<seed>)")
	fl.StringVar(&f.scale, "scale", def.Scale, "market size: "+strings.Join(scenarios.ScaleNames(), "|"))
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print nothing but errors")
	return cmd
}

// scenario returns the baseline with the flags applied, checked.
func (f runFlags) scenario(cmd *cobra.Command) (*scenarios.Scenario, error) {
	s := scenarios.Default()
	s.Seed, s.Replications, s.Years, s.StartYear, s.Scale = f.seed, f.reps, f.years, f.startYear, f.scale
	if f.workers < 0 {
		return nil, fmt.Errorf("--workers: %d is out of range, expected 0 (one per CPU) or more", f.workers)
	}
	if _, err := scenarios.ScaleByName(f.scale); err != nil {
		return nil, fmt.Errorf("--scale: %w", err)
	}
	if err := s.Validate(); err != nil {
		return nil, flagError{err}
	}
	return s, nil
}

// flagError is a scenario error reported in terms of the flags that set the
// fields, on one line.
type flagError struct{ err error }

func (e flagError) Error() string {
	r := strings.NewReplacer("replications:", "--reps:", "years:", "--years:", "start_year:", "--start-year:", "scale:", "--scale:", "\n", "; ")
	return r.Replace(e.err.Error())
}

func (e flagError) Unwrap() error { return e.err }

func runScenario(cmd *cobra.Command, scen *scenarios.Scenario, f runFlags, stdout, stderr io.Writer) error {
	out := f.out
	if out == "" {
		out = filepath.Join("results", fmt.Sprintf("%s-%d", scen.Name, scen.Seed))
	}
	_, statErr := os.Stat(out)
	created := errors.Is(statErr, fs.ErrNotExist)
	// Opening the writer creates the folder and its temporary files, so an
	// unwritable folder fails here, before the run.
	rw, err := outputs.NewRunWriter(out)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	fail := func(err error) error {
		rw.Abort()
		if created {
			os.Remove(out) // only if empty
		}
		return err
	}
	workers := f.workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	scale, _ := scenarios.ScaleByName(scen.Scale)
	if !f.quiet {
		fmt.Fprintf(stderr, "running %s: %d replications × %d years (%d-%d) at %s scale (%s regions, ~%s staff) on %d workers\n",
			scen.Name, scen.Replications, scen.Years, scen.StartYear, scen.EndYear(), scale.Name,
			outputs.Thousands(float64(scale.Regions)), outputs.Thousands(float64(scale.Regions)*scale.StaffPerRegion), workers)
	}
	var done atomic.Int64
	started := time.Now()
	progress := !f.quiet && isTerminal(stderr)
	err = sim.Stream(cmd.Context(), scen, sim.Options{Workers: workers, Done: func(int) {
		if n := done.Add(1); progress {
			fmt.Fprintf(stderr, "\r  %d/%d replications", n, scen.Replications)
		}
	}}, rw.Add)
	if progress {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if err != nil {
		return fail(err)
	}
	m := outputs.NewManifest(scen, workers)
	m.Started, m.Finished = outputs.Stamp(started), outputs.Stamp(time.Now())
	if err := rw.Close(m); err != nil {
		return fail(err)
	}
	if f.quiet {
		return nil
	}
	if err := outputs.WriteHeadline(stdout, rw.Stats()); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s in %s\n", out, time.Since(started).Round(time.Millisecond))
	return nil
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
