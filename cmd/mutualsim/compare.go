package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"mutualsim/experiment"
	"mutualsim/inputs"
	"mutualsim/outputs"
)

func newCompareCmd(stdout, stderr io.Writer) *cobra.Command {
	var f runFlags
	var at []int
	var measures []string
	cmd := &cobra.Command{
		Use: "compare [A] B [C...]",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 {
				return fmt.Errorf("expected a scenario to compare with the one it names, or at least two scenarios")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(cmd, args, at, measures, &f, stdout, stderr)
		},
	}
	f.register(cmd.Flags())
	cmd.Flags().Lookup("out").Usage = "output folder (default results/compare-<seed>; results/compare-variant-<hash>-<seed> with --set, MUTUALSIM_* or run-setting flags)"
	cmd.Flags().IntSliceVar(&at, "at", nil, "years to compare, e.g. 2015,2029 (default: the last year)")
	cmd.Flags().StringSliceVar(&measures, "measures", outputs.HeadlineMeasures(), "measures to compare (columns.csv lists them)")
	return cmd
}

func runCompare(cmd *cobra.Command, refs []string, at []int, measures []string, f *runFlags, stdout, stderr io.Writer) error {
	if len(measures) == 0 {
		return fmt.Errorf("--measures: name at least one measure (columns.csv lists them; the default is %s)", strings.Join(outputs.HeadlineMeasures(), ","))
	}
	if _, err := experiment.CheckMeasures(measures); err != nil {
		return fmt.Errorf("--measures: %w", err)
	}
	opt, err := f.options(cmd, true)
	if err != nil {
		return err
	}
	scens, err := experiment.LoadCompared(refs, opt)
	if err != nil {
		return err
	}
	if at, err = experiment.CheckYears(scens, at); err != nil {
		return fmt.Errorf("--at: %w", err)
	}
	out, err := prepareBatch(cmd, f, "compare", fmt.Sprint(f.seed), scens, stderr)
	if err != nil {
		return err
	}
	if !f.quiet {
		announceCompare(stderr, scens, len(refs) == 1, f)
	}
	started := time.Now()
	res, err := experiment.Compare(cmd.Context(), scens, out, experiment.Comparison{Years: at, Measures: measures}, f.experimentOptions(stderr))
	if err != nil {
		return outError(err)
	}
	if !f.quiet {
		if err := outputs.WriteDifferences(stdout, res.Differences); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "wrote %s (%s, a run folder per scenario) in %s\n", out, f.format.File("comparison"), time.Since(started).Round(time.Millisecond))
	}
	return writeReport(out, f.report, f.quiet, stderr)
}

// announceCompare says on stderr what is compared, and the caveat of a
// scenario compared with its own comparator.
func announceCompare(stderr io.Writer, scens []*inputs.Scenario, withComparator bool, f *runFlags) {
	if withComparator {
		fmt.Fprintf(stderr, "comparing %s with %s, the scenario it names as its comparator\n", scens[1].Name, scens[0].Name)
	}
	fmt.Fprintf(stderr, "comparing %d scenarios with common random numbers: seed %d, %d replications each, %s scale\n", len(scens), f.seed, f.reps, scens[0].Scale)
	if c := scens[len(scens)-1].Caveat; withComparator && c != "" {
		fmt.Fprintf(stderr, "caveat: %s\n", c)
	}
}
