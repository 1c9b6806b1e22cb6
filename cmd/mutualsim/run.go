package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
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
	noReport  bool
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
	fl.IntVar(&f.workers, "workers", 0, "goroutines to use (0: one per CPU); results do not depend on it")
	fl.StringVar(&f.out, "out", "", "output folder (default results/<scenario>-<seed>; results/<scenario>-variant-<hash>-<seed> with --set, MUTUALSIM_* or run-setting flags; -until-<year> with --checkpoint; results/batch-<seed> for --all)")
	fl.StringVar(&f.scale, "scale", "default", "market size: "+strings.Join(scenarios.ScaleNames(), "|")+" (default: the scenario's)")
	f.format = outputs.CSV
	fl.Var(&f.format, "format", "file format of the tables: `csv|parquet` (columns.csv and manifest.json stay CSV and JSON)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print nothing but errors")
	fl.BoolVar(&f.noReport, "no-report", false, "write no charts/ and report.html")
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
	if len(what) == 0 {
		return nil, ""
	}
	sum := sha256.Sum256([]byte(strings.Join(what, "\n")))
	return what, "variant-" + hex.EncodeToString(sum[:])[:8]
}

// claim prepares a command's output folder: locked, stale temporary files
// gone, and earlier results refused unless --force (outputs.ClaimFolder).
func claim(out string, f *runFlags) (*outputs.Lock, error) {
	lock, err := outputs.ClaimFolder(out, f.force)
	if err != nil {
		return nil, fmt.Errorf("--out: %w", err)
	}
	return lock, nil
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
	if f.workers < 0 {
		return scenarios.LoadOptions{}, fmt.Errorf("--workers: %d is out of range, expected 0 (one per CPU) or more", f.workers)
	}
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
		Use: "run",
		Example: `  mutualsim run
  mutualsim run --scenario pension-open-access --reps 20 --seed 3
  mutualsim run --scenario examples/my-scenario.yaml --scale england
  mutualsim run --set pension.access=open --set procurement.contract_years=7
  mutualsim run --all --format parquet`,
		Short: "Run a scenario and write its run folder",
		Long: `Run simulates a scenario: the built-in baseline (the 2010 status quo at the
default scale, 20 years from 2010, 10 replications, seed 1) unless --scenario
names another built-in or a scenario file. It prints the headline measures at
the first and last year with 95% confidence intervals and writes a run folder
(default results/<scenario>-<seed>/): manifest.json, columns.csv and the
tables timeseries, summary, tenders, bids, spinouts and providers, as .csv
or, with --format parquet, .parquet.

Levers come, in increasing precedence, from the scenario's extends chain, the
scenario file, MUTUALSIM_<SECTION>_<LEVER> environment variables and --set;
--seed, --reps, --years, --start-year and --scale override the file's run
settings. With --all it runs every built-in scenario, like "mutualsim batch".

--checkpoint FILE saves the complete state of every replication at the end
of the run, or of the year --until, in a versioned, checksummed file;
"mutualsim branch FILE --scenario X" continues those histories under other
scenarios.`,
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
			what, tag := variant(cmd, scen.Overrides)
			out := f.out
			if out == "" {
				name := scen.Name
				if tag != "" {
					name += "-" + tag
				}
				name = fmt.Sprintf("%s-%d", name, scen.Seed)
				if f.checkpoint != "" {
					until := cmp.Or(f.until, scen.EndYear())
					name += fmt.Sprintf("-until-%d", until)
				}
				out = filepath.Join("results", name)
			}
			job := runJob{scen: scen, out: out}
			if f.checkpoint != "" {
				until := f.until
				if until == 0 {
					until = scen.EndYear()
				}
				if until < scen.StartYear || until > scen.EndYear() {
					return fmt.Errorf("--until: %d is outside the run, expected a year in [%d, %d]", until, scen.StartYear, scen.EndYear())
				}
				if job, err = checkpointJob(scen, out, f.checkpoint, until); err != nil {
					return err
				}
			} else if cmd.Flags().Changed("until") {
				return errors.New("--until goes with --checkpoint FILE, which saves the run's state in that year for \"mutualsim branch\"; to shorten a run, use --years")
			}
			if err := checkSize(scenarioJobs(scen), f.workerCount(), f.confirmLarge, f.quiet, stderr); err != nil {
				return err
			}
			lock, err := claim(out, &f)
			if err != nil {
				return err
			}
			announceOverrides(stderr, f.quiet, what)
			stats, err := runOne(cmd, job, &f, stderr)
			if err != nil {
				lock.Abandon()
				return err
			}
			defer lock.Unlock()
			if !f.quiet {
				if err := outputs.WriteHeadline(stdout, stats); err != nil {
					return err
				}
			}
			return writeReport(out, f.noReport, f.quiet, stderr)
		},
	}
	cmd.Flags().StringVarP(&f.scenario, "scenario", "s", "", "built-in scenario name or scenario file (.yaml, .toml or .json); default baseline")
	cmd.Flags().BoolVar(&f.all, "all", false, "run every built-in scenario into one folder (see mutualsim batch)")
	cmd.Flags().StringVar(&f.checkpoint, "checkpoint", "", "save every replication's state at the end of the run (or of --until) in `FILE`, to continue with \"mutualsim branch\"")
	cmd.Flags().IntVar(&f.until, "until", 0, "with --checkpoint: stop after this `YEAR` and save the state there")
	f.register(cmd.Flags())
	return cmd
}

// runJob says what a run folder holds and where its replications come
// from: by default every replication of the scenario from its start year.
type runJob struct {
	scen *scenarios.Scenario
	out  string
	verb string // "running" or "branching"
	// last is the last year of the folder; 0 means the scenario's.
	last int
	// stream produces the replications in order; nil means sim.Stream.
	stream func(ctx context.Context, opt sim.Options, emit func(*sim.Replication) error) error
	// tap, if set, sees each replication after it is written.
	tap func(*sim.Replication)
	// manifest, if set, adds to the manifest before it is written.
	manifest func(*outputs.Manifest)
}

// runOne runs a job into its run folder and returns its summary. An
// interrupted or failed run leaves no manifest and removes a folder it
// created.
func runOne(cmd *cobra.Command, job runJob, f *runFlags, stderr io.Writer) ([]outputs.Stat, error) {
	scen, out := job.scen, job.out
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
	last := cmp.Or(job.last, scen.EndYear())
	verb := cmp.Or(job.verb, "running")
	if !f.quiet {
		fmt.Fprintf(stderr, "%s %s: %d replications × %d years (%d-%d) at %s scale (%s regions, ~%s staff) on %d workers\n",
			verb, scen.Name, scen.Replications, last-scen.StartYear+1, scen.StartYear, last, scale.Name,
			outputs.Thousands(float64(scale.Regions)), outputs.Thousands(float64(scale.Regions)*scale.StaffPerRegion), workers)
	}
	started := time.Now()
	prog := newProgress(stderr, scen.Name, "replications", scen.Replications, 0, f.quiet)
	stream := job.stream
	if stream == nil {
		stream = func(ctx context.Context, opt sim.Options, emit func(*sim.Replication) error) error {
			return sim.Stream(ctx, scen, opt, emit)
		}
	}
	emit := func(r *sim.Replication) error {
		if err := rw.Add(r); err != nil {
			return err
		}
		if job.tap != nil {
			job.tap(r)
		}
		return nil
	}
	err = stream(cmd.Context(), sim.Options{Workers: workers, Done: func(int) { prog.Add(1) }}, emit)
	prog.Finish()
	if err != nil {
		return nil, fail(err)
	}
	m := outputs.NewManifest(scen, workers)
	m.EndYear = last
	m.Started, m.Finished = outputs.Stamp(started), outputs.Stamp(time.Now())
	if job.manifest != nil {
		job.manifest(&m)
	}
	if err := rw.Close(m); err != nil {
		return nil, fail(err)
	}
	if !f.quiet {
		fmt.Fprintf(stderr, "wrote %s in %s\n", out, time.Since(started).Round(time.Millisecond))
	}
	return rw.Stats(), nil
}

// checkpointJob makes a run job that also saves every replication's world
// at the end of the year until in the checkpoint file path, written
// atomically.
func checkpointJob(scen *scenarios.Scenario, out, path string, until int) (runJob, error) {
	var file bytes.Buffer
	if err := scenarios.WriteYAML(&file, scen); err != nil {
		return runJob{}, err
	}
	info := sim.CheckpointInfo{Scenario: scen.Name, ScenarioFile: file.String(), ParamsHash: scen.Hash(), Seed: scen.Seed,
		Replications: scen.Replications, Scale: scen.Scale, StartYear: scen.StartYear, Year: until}
	ref := &outputs.CheckpointRef{File: path, Year: until, Scenario: scen.Name}
	job := runJob{scen: scen, out: out, last: until}
	job.stream = func(ctx context.Context, opt sim.Options, emit func(*sim.Replication) error) error {
		return outputs.WriteFileAtomic(path, func(w io.Writer) error {
			cw, err := sim.NewCheckpointWriter(w, info)
			if err != nil {
				return err
			}
			err = sim.StreamUntil(ctx, scen, until, opt, func(wd *sim.World) error {
				if err := emit(wd.Replication()); err != nil {
					return err
				}
				return cw.Add(wd)
			})
			if err != nil {
				return err
			}
			if err := cw.Close(); err != nil {
				return err
			}
			ref.SHA256 = cw.SHA()
			return nil
		})
	}
	job.manifest = func(m *outputs.Manifest) { m.Checkpoint = ref }
	return job, nil
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
