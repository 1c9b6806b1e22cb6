package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mutualsim/experiment"
	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/scenarios"
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
	report    reportFlags
	force     bool
	// confirmLarge runs a request beyond the size limits.
	confirmLarge bool
	// run only
	until      int
	checkpoint string
}

func (f *runFlags) register(fl *pflag.FlagSet) {
	fl.StringArrayVar(&f.set, "set", nil, "set a lever, as section.lever=value (repeatable; overrides the file and MUTUALSIM_* variables)")
	fl.Uint64Var(&f.seed, "seed", 1, "master random seed (default: the scenario's)")
	fl.IntVar(&f.reps, "reps", 10, "number of replications (default: the scenario's)")
	fl.IntVar(&f.years, "years", 20, "number of simulated years (default: the scenario's)")
	fl.IntVar(&f.startYear, "start-year", 2010, "first simulated year (default: the scenario's)")
	registerWorkers(fl, &f.workers, workersUsage)
	fl.StringVar(&f.out, "out", "", "output folder (default results/<scenario>-<seed>; results/<scenario>-variant-<hash>-<seed> with --set, MUTUALSIM_* or run-setting flags; -until-<year> with --checkpoint; results/batch-<seed> for --all)")
	fl.StringVar(&f.scale, "scale", "default", "market size: "+strings.Join(inputs.ScaleNames(), "|")+" (default: the scenario's)")
	f.format = outputs.CSV
	fl.Var(&f.format, "format", "file format of the tables: `csv|parquet` (columns.csv and manifest.json stay CSV and JSON)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print nothing but errors")
	f.report.register(fl)
	fl.BoolVar(&f.force, "force", false, "replace the results already in the output folder (only the files mutualsim wrote there)")
	fl.BoolVar(&f.confirmLarge, "confirm-large", false, confirmLargeUsage)
}

// settingFlags are the run settings that make a run a variant of its
// scenario when given on the command line.
var settingFlags = []string{"reps", "years", "start-year", "scale"}

// variant returns, for scenarios run with overrides (--set, MUTUALSIM_*
// variables) or run settings given as flags, what they are and a short
// hash of them for the default folder name ("" and "" for none): a
// variant never takes the folder of the scenario as written.
func variant(cmd *cobra.Command, overrides []string) (what []string, tag string) {
	what = append(what, overrides...)
	for _, name := range settingFlags {
		if fl := cmd.Flags().Lookup(name); fl != nil && fl.Changed {
			what = append(what, "--"+name+"="+fl.Value.String())
		}
	}
	return what, experiment.VariantTag(what)
}

// experimentOptions returns the experiment options of the flags: progress
// on stderr unless quiet.
func (f *runFlags) experimentOptions(stderr io.Writer) experiment.Options {
	return experiment.Options{Workers: f.workers, Format: f.format, Force: f.force, Progress: experiment.Log(quietWriter(stderr, f.quiet))}
}

// outError names the --out flag in an error of the output folder.
func outError(err error) error {
	if errors.As(err, new(*experiment.FolderError)) {
		return fmt.Errorf("--out: %w", err)
	}
	return err
}

// announceOverrides prints the overrides in force, which apply to every
// scenario a command runs: a variable left set in the shell must never
// change a comparison unseen.
func announceOverrides(stderr io.Writer, quiet bool, what []string) {
	if quiet || len(what) == 0 {
		return
	}
	fmt.Fprintf(stderr, "overrides in force for every scenario: %s\n", strings.Join(what, ", "))
}

// options returns the load options: --set, and the run settings given
// explicitly on the command line. In a batch every scenario gets the same
// seed and replications.
func (f *runFlags) options(cmd *cobra.Command, batch bool) (scenarios.LoadOptions, error) {
	opt := scenarios.LoadOptions{Env: scenarios.Environment(os.Environ()), Set: f.set}
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
		if _, err := inputs.ScaleByName(f.scale); err != nil {
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
		Use:  "run",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.all {
				if f.scenario != "" {
					return errors.New("--all runs every built-in scenario; drop --scenario or use \"mutualsim batch FILE...\"")
				}
				if f.checkpoint != "" || cmd.Flags().Changed("until") {
					return errors.New("--checkpoint and --until save one scenario's run; run the scenario on its own (mutualsim run -s NAME --checkpoint FILE)")
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
			until := cmp.Or(f.until, scen.EndYear())
			if f.checkpoint == "" && cmd.Flags().Changed("until") {
				return errors.New("--until goes with --checkpoint FILE, which saves the run's state in that year for \"mutualsim branch\"; to shorten a run, use --years")
			}
			if until < scen.StartYear || until > scen.EndYear() {
				return fmt.Errorf("--until: %d is outside the run, expected a year in [%d, %d]", until, scen.StartYear, scen.EndYear())
			}
			what, tag := variant(cmd, scen.Overrides)
			year := 0
			if f.checkpoint != "" {
				year = until
			}
			out := cmp.Or(f.out, experiment.RunDir(scen, tag, year))
			if err := checkSize(experiment.Jobs(scen), f.workerCount(), f.confirmLarge, f.quiet, stderr); err != nil {
				return err
			}
			announceOverrides(stderr, f.quiet, what)
			var res *experiment.Result
			if f.checkpoint != "" {
				res, err = experiment.RunToCheckpoint(cmd.Context(), scen, out, f.checkpoint, until, f.experimentOptions(stderr))
			} else {
				res, err = experiment.Run(cmd.Context(), scen, out, f.experimentOptions(stderr))
			}
			if err != nil {
				return outError(err)
			}
			if !f.quiet {
				if err := outputs.WriteHeadline(stdout, res.Stats); err != nil {
					return err
				}
			}
			return writeReport(out, f.report, f.quiet, stderr)
		},
	}
	cmd.Flags().StringVarP(&f.scenario, "scenario", "s", "", "built-in scenario name or scenario file (.yaml, .toml or .json); default baseline")
	cmd.Flags().BoolVar(&f.all, "all", false, "run every built-in scenario into one folder (see mutualsim batch)")
	cmd.Flags().StringVar(&f.checkpoint, "checkpoint", "", "save every replication's state at the end of the run (or of --until) in `FILE`, to continue with \"mutualsim branch\"")
	cmd.Flags().IntVar(&f.until, "until", 0, "with --checkpoint: stop after this `YEAR` and save the state there")
	f.register(cmd.Flags())
	return cmd
}
