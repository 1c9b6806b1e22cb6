package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"mutualsim/outputs"
	"mutualsim/scenarios"
)

func newBatchCmd(stdout, stderr io.Writer) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use: "batch [NAME|FILE...]",
		Example: `  mutualsim batch baseline right-to-provide pension-open-access
  mutualsim batch --reps 20 --seed 7 baseline examples/my-scenario.yaml
  mutualsim batch --format parquet --out results/seminar baseline no-competition`,
		Short: "Run several scenarios with the same seed and replications into one folder",
		Long: `Batch runs every built-in scenario, or the scenarios named, with the same seed
and number of replications (--seed and --reps, default 1 and 10) into one
folder (default results/batch-<seed>/): a run folder per scenario, one
combined summary.csv with a scenario column, and a manifest.json written
last. It prints the headline measures at each scenario's last year side by
side. All scenarios are checked before any runs.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = scenarios.Names()
			}
			return runBatch(cmd, args, &f, stdout, stderr)
		},
	}
	f.register(cmd.Flags())
	cmd.Flags().Lookup("out").Usage = "output folder (default results/batch-<seed>; results/batch-variant-<hash>-<seed> with --set, MUTUALSIM_* or run-setting flags)"
	return cmd
}

// runBatch loads every scenario first, so that a bad one stops the batch
// before anything runs, then runs them in order.
func runBatch(cmd *cobra.Command, refs []string, f *runFlags, stdout, stderr io.Writer) error {
	opt, err := f.options(cmd, true)
	if err != nil {
		return err
	}
	scens, err := loadAll(refs, opt)
	if err != nil {
		return err
	}
	out, lock, err := claimBatch(cmd, f, "batch", fmt.Sprint(f.seed), scens, stderr)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	started := time.Now()
	results, err := runAll(cmd, scens, out, f, stderr, func(s *scenarios.Scenario, dir string) runJob {
		return runJob{scen: s, out: dir}
	})
	if err != nil {
		lock.Abandon()
		return err
	}
	if err := printBatch(stdout, stderr, f, out, results, started); err != nil {
		return err
	}
	return writeReport(out, f.noReport, f.quiet, stderr)
}

// printBatch prints a batch's side-by-side table and where it went.
func printBatch(stdout, stderr io.Writer, f *runFlags, out string, results []outputs.ScenarioStats, started time.Time) error {
	if f.quiet {
		return nil
	}
	if err := outputs.WriteComparison(stdout, results); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s (%d scenarios) in %s\n", out, len(results), time.Since(started).Round(time.Millisecond))
	return nil
}

// loadAll loads every scenario, reporting every problem of every one, and
// checks that their names, which name their folders, differ.
func loadAll(refs []string, opt scenarios.LoadOptions) ([]*scenarios.Scenario, error) {
	var scens []*scenarios.Scenario
	var problems scenarios.Problems
	seen := map[string]bool{}
	for _, ref := range refs {
		s, err := scenarios.Load(ref, opt)
		if err != nil {
			var ps scenarios.Problems
			if !errors.As(err, &ps) {
				return nil, err
			}
			for _, p := range ps {
				// --set and environment problems repeat for every scenario.
				if !seen[p.String()] {
					seen[p.String()] = true
					problems = append(problems, p)
				}
			}
			continue
		}
		if i := slices.IndexFunc(scens, func(o *scenarios.Scenario) bool { return o.Name == s.Name }); i >= 0 {
			problems = append(problems, scenarios.Problem{File: s.Source, Key: "name",
				Msg: fmt.Sprintf("name: %q is also the name of %s; names must differ in a batch, as each names a folder", s.Name, scens[i].Source)})
			continue
		}
		scens = append(scens, s)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return scens, nil
}

// claimBatch announces the overrides in force for every scenario of a
// batch, comparison or branch, and claims its folder: --out, or
// results/<kind>[-variant-<hash>]-<suffix>.
func claimBatch(cmd *cobra.Command, f *runFlags, kind, suffix string, scens []*scenarios.Scenario, stderr io.Writer) (string, *outputs.Lock, error) {
	var overrides []string
	if len(scens) > 0 {
		overrides = scens[0].Overrides // the same for every scenario
	}
	if err := checkSize(scenarioJobs(scens...), f.workerCount(), f.confirmLarge, f.quiet, stderr); err != nil {
		return "", nil, err
	}
	what, tag := variant(cmd, overrides)
	out := f.out
	if out == "" {
		name := kind
		if tag != "" {
			name += "-" + tag
		}
		out = filepath.Join("results", name+"-"+suffix)
	}
	lock, err := claim(out, f)
	if err != nil {
		return "", nil, err
	}
	announceOverrides(stderr, f.quiet, what)
	return out, lock, nil
}

// runAll runs the scenarios in order, each into its own run folder in out,
// then writes the batch's combined summary and manifest. extra, if given,
// writes more files into out before the manifest and returns their names.
func runAll(cmd *cobra.Command, scens []*scenarios.Scenario, out string, f *runFlags, stderr io.Writer,
	job func(s *scenarios.Scenario, dir string) runJob, extra ...func() ([]string, error)) ([]outputs.ScenarioStats, error) {
	// The caller holds the batch folder (claim); each scenario's folder in
	// it is claimed too, so that no earlier results are mixed into it.
	started := time.Now()
	var results []outputs.ScenarioStats
	for _, s := range scens {
		dir := filepath.Join(out, s.Name)
		lock, err := claim(dir, f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.Name, err)
		}
		stats, err := runOne(cmd, job(s, dir), f, stderr)
		if err != nil {
			lock.Abandon()
			return nil, fmt.Errorf("%s: %w", s.Name, err)
		}
		lock.Unlock()
		results = append(results, outputs.ScenarioStats{Scenario: s, Stats: stats})
	}
	var files []string
	for _, write := range extra {
		names, err := write()
		if err != nil {
			return nil, err
		}
		files = append(files, names...)
	}
	if err := outputs.WriteBatch(out, results, f.workerCount(), started, f.format, files...); err != nil {
		return nil, err
	}
	return results, nil
}
