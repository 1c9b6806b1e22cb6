package main

import (
	"cmp"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"mutualsim/experiment"
	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/scenarios"
)

func newBatchCmd(stdout, stderr io.Writer) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use: "batch [NAME|FILE...]",
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
	scens, err := experiment.Load(refs, opt)
	if err != nil {
		return err
	}
	out, err := prepareBatch(cmd, f, "batch", fmt.Sprint(f.seed), scens, stderr)
	if err != nil {
		return err
	}
	started := time.Now()
	res, err := experiment.Batch(cmd.Context(), scens, out, f.experimentOptions(stderr))
	if err != nil {
		return outError(err)
	}
	if err := printBatch(stdout, stderr, f, res, started); err != nil {
		return err
	}
	return writeReport(out, f.report, f.quiet, stderr)
}

// printBatch prints a batch's side-by-side table and where it went.
func printBatch(stdout, stderr io.Writer, f *runFlags, res *experiment.BatchResult, started time.Time) error {
	if f.quiet {
		return nil
	}
	if err := outputs.WriteComparison(stdout, res.Stats()); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s (%d scenarios) in %s\n", res.Dir, len(res.Runs), time.Since(started).Round(time.Millisecond))
	return nil
}

// prepareBatch checks the size of a batch, comparison or branch, announces
// the overrides in force for every scenario, and returns its folder:
// --out, or results/<kind>[-variant-<hash>]-<suffix>.
func prepareBatch(cmd *cobra.Command, f *runFlags, kind, suffix string, scens []*inputs.Scenario, stderr io.Writer) (string, error) {
	var overrides []string
	if len(scens) > 0 {
		overrides = scens[0].Overrides // the same for every scenario
	}
	if err := checkSize(experiment.Jobs(scens...), f.workerCount(), f.confirmLarge, f.quiet, stderr); err != nil {
		return "", err
	}
	what, tag := variant(cmd, overrides)
	out := cmp.Or(f.out, experiment.BatchDir(kind, tag, suffix))
	announceOverrides(stderr, f.quiet, what)
	return out, nil
}
