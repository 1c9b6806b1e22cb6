package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"mutualsim/experiment"
	"mutualsim/outputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
)

func newBranchCmd(stdout, stderr io.Writer) *cobra.Command {
	var f runFlags
	var refs []string
	cmd := &cobra.Command{
		Use: "branch CHECKPOINT --scenario NAME|FILE [--scenario ...]",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("expected one checkpoint file, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(refs) == 0 {
				return errors.New("--scenario: name at least one scenario to continue under (the checkpoint's own, to continue it as it was)")
			}
			return runBranch(cmd, args[0], refs, &f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVarP(&refs, "scenario", "s", nil, "built-in scenario name or scenario file to continue under (repeatable)")
	fl.StringArrayVar(&f.set, "set", nil, "set a lever for every branch, as section.lever=value (repeatable)")
	fl.IntVar(&f.years, "years", 20, "number of simulated years from the start year (default: each scenario's)")
	registerWorkers(fl, &f.workers, workersUsage)
	fl.StringVar(&f.out, "out", "", "output folder (default results/branch-<year>-<seed>)")
	f.format = outputs.CSV
	fl.Var(&f.format, "format", "file format of the tables: `csv|parquet`")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print nothing but errors")
	f.report.register(fl)
	fl.BoolVar(&f.force, "force", false, "replace the results already in the output folder (only the files mutualsim wrote there)")
	return cmd
}

func runBranch(cmd *cobra.Command, path string, refs []string, f *runFlags, stdout, stderr io.Writer) error {
	c, err := sim.OpenCheckpoint(path)
	if err != nil {
		return err
	}
	defer c.Close()
	info := c.Info
	opt := scenarios.LoadOptions{Env: scenarios.Environment(os.Environ()), Set: f.set, Seed: &info.Seed, Replications: &info.Replications, Scale: &info.Scale, StartYear: &info.StartYear}
	if cmd.Flags().Changed("years") {
		opt.Years = &f.years
	}
	scens, err := experiment.Load(refs, opt)
	if err != nil {
		return err
	}
	if err := experiment.CheckBranches(c, scens); err != nil {
		return err
	}
	out, err := prepareBatch(cmd, f, "branch", fmt.Sprintf("%d-%d", info.Year, info.Seed), scens, stderr)
	if err != nil {
		return err
	}
	if !f.quiet {
		fmt.Fprintf(stderr, "checkpoint %s: %s, %d replications at %s scale, %d-%d (seed %d)\n",
			path, info.Scenario, info.Replications, info.Scale, info.StartYear, info.Year, info.Seed)
	}
	started := time.Now()
	res, err := experiment.Branch(cmd.Context(), c, path, scens, out, f.experimentOptions(stderr))
	if err != nil {
		return outError(err)
	}
	if err := printBatch(stdout, stderr, f, res, started); err != nil {
		return err
	}
	return writeReport(out, f.report, f.quiet, stderr)
}
