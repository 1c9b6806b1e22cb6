package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"mutualsim/outputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
)

func newCompareCmd(stdout, stderr io.Writer) *cobra.Command {
	var f runFlags
	var at []int
	var measures []string
	cmd := &cobra.Command{
		Use: "compare [A] B [C...]",
		Example: `  mutualsim compare pension-open-access          # against the scenario it names: right-to-provide
  mutualsim compare baseline no-competition --at 2015,2029
  mutualsim compare pension-open-access --measures mutuals_formed,vacancy_rate_mutual,pension_cost`,
		Short: "Run scenarios with common random numbers and report paired differences from the first",
		Long: `Compare runs the scenarios named (built-in names or files) with the same seed
and replications, so that replication r of every scenario uses the same
random streams (common random numbers), and reports, for each measure at
each year asked for, the mean of each scenario and the paired difference
from the first, B − A, with its 95% confidence interval. Because the pairs
share their chance, the paired interval is narrower than one from
independent runs; the table shows by how much.

Given one scenario, compare runs it against the scenario it names as its
comparator (compare_to in its file, printed by "scenarios show"; without
one, the scenario it extends), at its scale and years: "compare
pension-open-access" measures open pension access against the right to
provide it extends, not against a baseline that differs in six levers.

Every scenario must run at the same scale: pairing replications of
different markets means nothing. --scale runs them all at one.

It writes one folder (default results/compare-<seed>/) with a run folder per
scenario, comparison.csv (every measure and year asked for, with the
unpaired interval too), the combined summary and a manifest. --seed and
--reps set the shared seed and replications (default 1 and 10).`,
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

// loadWithComparator loads the scenario ref and the scenario it names as
// its comparator, the comparator first, both at ref's scale and years
// unless the options set them.
func loadWithComparator(ref string, opt scenarios.LoadOptions) ([]*scenarios.Scenario, error) {
	s, err := scenarios.Load(ref, opt)
	if err != nil {
		return nil, err
	}
	if s.CompareTo == "" {
		return nil, fmt.Errorf("%s names no scenario to compare it with (compare_to) and extends none: name two scenarios, \"mutualsim compare A %s\"", s.Name, ref)
	}
	copt := opt
	if copt.Scale == nil {
		copt.Scale = &s.Scale
	}
	if copt.Years == nil {
		copt.Years = &s.Years
	}
	if copt.StartYear == nil {
		copt.StartYear = &s.StartYear
	}
	base, err := scenarios.Load(s.CompareTo, copt)
	if err != nil {
		return nil, fmt.Errorf("%s's comparator: %w", s.Name, err)
	}
	if base.Name == s.Name {
		return nil, fmt.Errorf("%s names itself as its comparator", s.Name)
	}
	return []*scenarios.Scenario{base, s}, nil
}

func runCompare(cmd *cobra.Command, refs []string, at []int, measures []string, f *runFlags, stdout, stderr io.Writer) error {
	index, err := measureColumns(measures)
	if err != nil {
		return err
	}
	opt, err := f.options(cmd, true)
	if err != nil {
		return err
	}
	scens, err := loadCompared(refs, opt)
	if err != nil {
		return err
	}
	if at, err = comparedYears(scens, at); err != nil {
		return err
	}
	// values[s][year][measure] holds each replication's value.
	values := make([][][][]float64, len(scens))
	tap := func(si int) func(*sim.Replication) {
		values[si] = make([][][]float64, len(at))
		for yi := range at {
			values[si][yi] = make([][]float64, len(measures))
		}
		return func(r *sim.Replication) {
			for yi, y := range at {
				row := slices.Index(r.Years, y)
				for mi, m := range measures {
					v := math.NaN()
					if row >= 0 {
						v = r.Values[row][index[m]]
					}
					values[si][yi][mi] = append(values[si][yi][mi], v)
				}
			}
		}
	}
	out, lock, err := claimBatch(cmd, f, "compare", fmt.Sprint(f.seed), scens, stderr)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	if !f.quiet {
		announceCompare(stderr, scens, len(refs) == 1, f)
	}
	started := time.Now()
	var diffs []outputs.Difference
	_, err = runAll(cmd, scens, out, f, stderr, func(s *scenarios.Scenario, dir string) runJob {
		return runJob{scen: s, out: dir, tap: tap(slices.Index(scens, s))}
	}, func() ([]string, error) {
		diffs = pairedDifferences(scens, at, measures, values)
		if err := outputs.WriteComparisonTable(out, f.format, diffs); err != nil {
			return nil, err
		}
		return []string{f.format.File("comparison")}, nil
	})
	if err != nil {
		lock.Abandon()
		return err
	}
	if !f.quiet {
		if err := outputs.WriteDifferences(stdout, diffs); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "wrote %s (%s) in %s\n", out, strings.Join([]string{f.format.File("comparison"), "a run folder per scenario"}, ", "), time.Since(started).Round(time.Millisecond))
	}
	return writeReport(out, f.noReport, f.quiet, stderr)
}

// measureColumns checks the measures compared and returns every measure's
// column.
func measureColumns(measures []string) (map[string]int, error) {
	index := map[string]int{}
	var names []string
	for i, m := range sim.Measures() {
		index[m.Name] = i
		names = append(names, m.Name)
	}
	for _, m := range measures {
		if _, ok := index[m]; !ok {
			hint := ""
			if c := scenarios.Closest(m, names); c != "" {
				hint = fmt.Sprintf(", did you mean %q?", c)
			}
			return nil, fmt.Errorf("--measures: unknown measure %q%s (columns.csv lists them)", m, hint)
		}
	}
	return index, nil
}

// loadCompared loads the scenarios compared, the first the baseline: one
// scenario with the comparator it names, or those given. All must run at
// one scale, so that their replications pair.
func loadCompared(refs []string, opt scenarios.LoadOptions) ([]*scenarios.Scenario, error) {
	var scens []*scenarios.Scenario
	var err error
	if len(refs) == 1 {
		scens, err = loadWithComparator(refs[0], opt)
	} else {
		scens, err = loadAll(refs, opt)
	}
	if err != nil {
		return nil, err
	}
	for _, s := range scens[1:] {
		if s.Scale != scens[0].Scale {
			return nil, fmt.Errorf("%s runs at %s scale and %s at %s: replications of different markets cannot be paired; pass --scale to run both at one", scens[0].Name, scens[0].Scale, s.Name, s.Scale)
		}
	}
	return scens, nil
}

// comparedYears checks the years asked for (the last common year if none)
// against the years every scenario runs, and returns them sorted, once each.
func comparedYears(scens []*scenarios.Scenario, at []int) ([]int, error) {
	first, last := math.MinInt, math.MaxInt
	for _, s := range scens {
		first, last = max(first, s.StartYear), min(last, s.EndYear())
	}
	if len(at) == 0 {
		at = []int{last}
	}
	for _, y := range at {
		if y < first || y > last {
			return nil, fmt.Errorf("--at: %d is outside the years every scenario runs, expected a year in [%d, %d]", y, first, last)
		}
	}
	slices.Sort(at)
	return slices.Compact(at), nil
}

// announceCompare says on stderr what is compared, and the caveat of a
// scenario compared with its own comparator.
func announceCompare(stderr io.Writer, scens []*scenarios.Scenario, withComparator bool, f *runFlags) {
	if withComparator {
		fmt.Fprintf(stderr, "comparing %s with %s, the scenario it names as its comparator\n", scens[1].Name, scens[0].Name)
	}
	fmt.Fprintf(stderr, "comparing %d scenarios with common random numbers: seed %d, %d replications each, %s scale\n", len(scens), f.seed, f.reps, scens[0].Scale)
	if c := scens[len(scens)-1].Caveat; withComparator && c != "" {
		fmt.Fprintf(stderr, "caveat: %s\n", c)
	}
}

// pairedDifferences pairs every scenario's replications with the
// baseline's (values[s][year][measure]), for each measure and year.
func pairedDifferences(scens []*scenarios.Scenario, at []int, measures []string, values [][][][]float64) []outputs.Difference {
	var diffs []outputs.Difference
	for si := 1; si < len(scens); si++ {
		for mi, m := range measures {
			for yi, y := range at {
				d := outputs.Paired(values[0][yi][mi], values[si][yi][mi])
				d.Measure, d.Unit, d.Year, d.Baseline, d.Scenario = m, outputs.MeasureUnit(m), y, scens[0].Name, scens[si].Name
				diffs = append(diffs, d)
			}
		}
	}
	return diffs
}
