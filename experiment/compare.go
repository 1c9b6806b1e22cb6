package experiment

import (
	"context"
	"fmt"
	"math"
	"slices"

	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/sim"
)

// Comparison says what Compare reports: measures at years.
type Comparison struct {
	// Years are the years compared; none means the last year every
	// scenario runs (CheckYears).
	Years []int
	// Measures are the measures compared (sim.Measures names them); none
	// means the headline measures.
	Measures []string
}

// CompareResult is a comparison's folder and its paired differences.
type CompareResult struct {
	BatchResult
	// Years are the years compared, sorted.
	Years []int
	// Differences are, for every scenario after the first, measure and
	// year, the paired difference from the first scenario.
	Differences []outputs.Difference
}

// Compare runs the scenarios with common random numbers — replication r of
// every scenario uses the same random streams — into dir, like Batch, and
// reports for each measure and year the paired difference of every
// scenario from the first, B − A, with its 95% confidence interval,
// written to comparison.csv (or .parquet). Because the pairs share their
// chance, the paired interval is narrower than one from independent runs;
// the table has both. The scenarios must share seed, replications and
// scale (LoadCompared loads them so), and their names must differ.
func Compare(ctx context.Context, scens []*inputs.Scenario, dir string, c Comparison, opt Options) (*CompareResult, error) {
	if len(scens) < 2 {
		return nil, fmt.Errorf("a comparison needs at least two scenarios, got %d", len(scens))
	}
	if err := samePairs(scens); err != nil {
		return nil, err
	}
	for _, s := range scens[1:] {
		if s.Seed != scens[0].Seed || s.Replications != scens[0].Replications {
			return nil, fmt.Errorf("%s runs seed %d × %d replications and %s seed %d × %d: common random numbers pair the same seed and replications",
				scens[0].Name, scens[0].Seed, scens[0].Replications, s.Name, s.Seed, s.Replications)
		}
	}
	measures := c.Measures
	if len(measures) == 0 {
		measures = outputs.HeadlineMeasures()
	}
	index, err := CheckMeasures(measures)
	if err != nil {
		return nil, err
	}
	at, err := CheckYears(scens, c.Years)
	if err != nil {
		return nil, err
	}
	// values[s][year][measure] holds each replication's value.
	values := make([][][][]float64, len(scens))
	for si := range scens {
		values[si] = make([][][]float64, len(at))
		for yi := range at {
			values[si][yi] = make([][]float64, len(measures))
		}
	}
	tap := func(si int) func(*sim.Replication) {
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
	res := &CompareResult{Years: at}
	f := opt.format()
	b, err := batch(ctx, scens, dir, opt, func(i int, s *inputs.Scenario, sub string) job {
		return job{Folder: Folder{Dir: sub, Scenario: s}, tap: tap(i)}
	}, func() ([]string, error) {
		res.Differences = pairedDifferences(scens, at, measures, values)
		if err := outputs.WriteComparisonTable(dir, f, res.Differences); err != nil {
			return nil, err
		}
		return []string{f.File("comparison")}, nil
	})
	if err != nil {
		return nil, err
	}
	res.BatchResult = *b
	return res, nil
}

// CheckMeasures checks the measures compared and returns every measure's
// column in a replication's values.
func CheckMeasures(measures []string) (map[string]int, error) {
	index := map[string]int{}
	var names []string
	for i, m := range sim.Measures() {
		index[m.Name] = i
		names = append(names, m.Name)
	}
	for _, m := range measures {
		if _, ok := index[m]; !ok {
			hint := ""
			if c := inputs.Closest(m, names); c != "" {
				hint = fmt.Sprintf(", did you mean %q?", c)
			}
			return nil, fmt.Errorf("unknown measure %q%s (columns.csv lists them)", m, hint)
		}
	}
	return index, nil
}

// CheckYears checks the years asked for (the last common year if none)
// against the years every scenario runs, and returns them sorted, once
// each.
func CheckYears(scens []*inputs.Scenario, at []int) ([]int, error) {
	first, last := math.MinInt, math.MaxInt
	for _, s := range scens {
		first, last = max(first, s.StartYear), min(last, s.EndYear())
	}
	if len(at) == 0 {
		return []int{last}, nil
	}
	for _, y := range at {
		if y < first || y > last {
			return nil, fmt.Errorf("%d is outside the years every scenario runs, expected a year in [%d, %d]", y, first, last)
		}
	}
	at = slices.Clone(at)
	slices.Sort(at)
	return slices.Compact(at), nil
}

// pairedDifferences pairs every scenario's replications with the
// baseline's (values[s][year][measure]), for each measure and year.
func pairedDifferences(scens []*inputs.Scenario, at []int, measures []string, values [][][][]float64) []outputs.Difference {
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
