package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mutualsim/outputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
)

// runFlags are the flags shared by run and batch.
type runFlags struct {
	scenario  string
	all       bool
	set       []string
	seed      uint64
	reps      int
	years     int
	startYear int
	workers   int
	out       string
	scale     string
	format    outputs.Format
	quiet     bool
}

func (f *runFlags) register(fl *pflag.FlagSet) {
	fl.StringArrayVar(&f.set, "set", nil, "set a lever, as section.lever=value (repeatable; overrides the file and MUTUALSIM_* variables)")
	fl.Uint64Var(&f.seed, "seed", 1, "master random seed (default: the scenario's)")
	fl.IntVar(&f.reps, "reps", 10, "number of replications (default: the scenario's)")
	fl.IntVar(&f.years, "years", 20, "number of simulated years (default: the scenario's)")
	fl.IntVar(&f.startYear, "start-year", 2010, "first simulated year (default: the scenario's)")
	fl.IntVar(&f.workers, "workers", 0, "goroutines to use (0: one per CPU); results do not depend on it")
	fl.StringVar(&f.out, "out", "", "output folder (default results/<scenario>-<seed>, or results/batch-<seed>)")
	fl.StringVar(&f.scale, "scale", "default", "market size: "+strings.Join(scenarios.ScaleNames(), "|")+" (default: the scenario's)")
	f.format = outputs.CSV
	fl.Var(&f.format, "format", "file format of the tables: `csv|parquet` (columns.csv and manifest.json stay CSV and JSON)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print nothing but errors")
}

// options returns the load options: --set, and the run settings given
// explicitly on the command line. In a batch every scenario gets the same
// seed and replications.
func (f *runFlags) options(cmd *cobra.Command, batch bool) (scenarios.LoadOptions, error) {
	if f.workers < 0 {
		return scenarios.LoadOptions{}, fmt.Errorf("--workers: %d is out of range, expected 0 (one per CPU) or more", f.workers)
	}
	opt := scenarios.LoadOptions{Set: f.set}
	changed := cmd.Flags().Changed
	if batch {
		// Every scenario of a batch runs on the same seed and replications:
		// the flag's, else the environment's, else 1 and 10.
		if !changed("seed") {
			f.seed = envUint("MUTUALSIM_SEED", f.seed)
		}
		if !changed("reps") {
			f.reps = int(envUint("MUTUALSIM_REPLICATIONS", uint64(f.reps)))
		}
	}
	if changed("seed") || batch {
		opt.Seed = &f.seed
	}
	if changed("reps") || batch {
		opt.Replications = &f.reps
	}
	if changed("years") {
		opt.Years = &f.years
	}
	if changed("start-year") {
		opt.StartYear = &f.startYear
	}
	if changed("scale") {
		if _, err := scenarios.ScaleByName(f.scale); err != nil {
			return opt, fmt.Errorf("--scale: %w", err)
		}
		opt.Scale = &f.scale
	}
	return opt, nil
}

// envUint returns the environment variable's value as a whole number, or
// def if it is unset or not one (the loader reports a bad value).
func envUint(name string, def uint64) uint64 {
	if v, ok := os.LookupEnv(name); ok {
		if n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64); err == nil {
			return n
		}
	}
	return def
}

func (f *runFlags) workerCount() int {
	if f.workers == 0 {
		return runtime.GOMAXPROCS(0)
	}
	return f.workers
}

func newRunCmd(stdout, stderr io.Writer) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run a scenario and write its run folder",
		Long: `Run simulates a scenario: the built-in baseline (the 2010 status quo at the
default scale, 20 years from 2010, 10 replications, seed 1) unless --scenario
names another built-in or a scenario file. It prints the headline measures at
the first and last year with 95% confidence intervals and writes a run folder
(default results/<scenario>-<seed>/): manifest.json, timeseries.csv,
columns.csv, summary.csv, tenders.csv, bids.csv, spinouts.csv and
providers.csv.

Levers come, in increasing precedence, from the scenario's extends chain, the
scenario file, MUTUALSIM_<SECTION>_<LEVER> environment variables and --set;
--seed, --reps, --years, --start-year and --scale override the file's run
settings. With --all it runs every built-in scenario, like "mutualsim batch".`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.all {
				if f.scenario != "" {
					return errors.New("--all runs every built-in scenario; drop --scenario or use \"mutualsim batch FILE...\"")
				}
				return runBatch(cmd, scenarios.Names(), &f, stdout, stderr)
			}
			opt, err := f.options(cmd, false)
			if err != nil {
				return err
			}
			ref := f.scenario
			if ref == "" {
				ref = "baseline"
			}
			scen, err := scenarios.Load(ref, opt)
			if err != nil {
				return err
			}
			out := f.out
			if out == "" {
				out = filepath.Join("results", fmt.Sprintf("%s-%d", scen.Name, scen.Seed))
			}
			stats, err := runOne(cmd, scen, out, &f, stderr)
			if err != nil || f.quiet {
				return err
			}
			if err := outputs.WriteHeadline(stdout, stats); err != nil {
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&f.scenario, "scenario", "s", "", "built-in scenario name or scenario file (.yaml, .toml or .json); default baseline")
	cmd.Flags().BoolVar(&f.all, "all", false, "run every built-in scenario into one folder (see mutualsim batch)")
	f.register(cmd.Flags())
	return cmd
}

// runOne runs scen into the run folder out and returns its summary. An
// interrupted or failed run leaves no manifest and removes a folder it
// created.
func runOne(cmd *cobra.Command, scen *scenarios.Scenario, out string, f *runFlags, stderr io.Writer) ([]outputs.Stat, error) {
	_, statErr := os.Stat(out)
	created := errors.Is(statErr, fs.ErrNotExist)
	// Opening the writer creates the folder and its temporary files, so an
	// unwritable folder fails here, before the run.
	rw, err := outputs.NewRunWriter(out, f.format)
	if err != nil {
		return nil, fmt.Errorf("--out: %w", err)
	}
	fail := func(err error) error {
		rw.Abort()
		if created {
			os.Remove(out) // only if empty
		}
		return err
	}
	workers := f.workerCount()
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
		return nil, fail(err)
	}
	m := outputs.NewManifest(scen, workers)
	m.Started, m.Finished = outputs.Stamp(started), outputs.Stamp(time.Now())
	if err := rw.Close(m); err != nil {
		return nil, fail(err)
	}
	if !f.quiet {
		fmt.Fprintf(stderr, "wrote %s in %s\n", out, time.Since(started).Round(time.Millisecond))
	}
	return rw.Stats(), nil
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
