package outputs

import (
	"fmt"
	"io"
	"math"
	"slices"

	"mutualsim/internal/fmath"
	"mutualsim/sim"
)

// Stat summarises one measure in one year across replications.
type Stat struct {
	Year    int
	Measure string
	Mean    float64
	SD      float64 // sample standard deviation; NaN when n < 2
	Low     float64 // 95% confidence interval of the mean (Student's t); NaN when n < 2
	High    float64
	N       int // replications with a value (a measure may be undefined, e.g. no tenders)
}

// Accumulator gathers summary statistics replication by replication, in
// replication order, with Welford's online mean and variance, so a run's
// summary needs no more memory than one replication.
type Accumulator struct {
	years    []int
	measures []sim.Measure
	n        [][]int
	mean     [][]float64
	m2       [][]float64
}

// Add folds in one replication's measures.
func (a *Accumulator) Add(r *sim.Replication) error {
	if a.measures == nil {
		a.measures = sim.Measures()
		a.years = slices.Clone(r.Years)
		for range a.years {
			a.n = append(a.n, make([]int, len(a.measures)))
			a.mean = append(a.mean, make([]float64, len(a.measures)))
			a.m2 = append(a.m2, make([]float64, len(a.measures)))
		}
	}
	if !slices.Equal(a.years, r.Years) {
		return fmt.Errorf("replication %d covers years %v, not %v", r.Rep, r.Years, a.years)
	}
	for yi := range a.years {
		for mi, x := range r.Values[yi] {
			if math.IsNaN(x) {
				continue
			}
			a.n[yi][mi]++
			d := x - a.mean[yi][mi]
			a.mean[yi][mi] += d / float64(a.n[yi][mi])
			a.m2[yi][mi] += float64(d * (x - a.mean[yi][mi]))
		}
	}
	return nil
}

// Stats returns, for every year and measure, the mean across replications
// with a 95% confidence interval, in year then measure order. Interval ends
// are clipped to the measure's range (a share cannot be negative), which the
// data dictionary records.
func (a *Accumulator) Stats() []Stat {
	out := make([]Stat, 0, len(a.years)*len(a.measures))
	for yi, year := range a.years {
		for mi, m := range a.measures {
			n := a.n[yi][mi]
			st := Stat{Year: year, Measure: m.Name, N: n, Mean: math.NaN(), SD: math.NaN(), Low: math.NaN(), High: math.NaN()}
			if n > 0 {
				st.Mean = a.mean[yi][mi]
			}
			if n > 1 {
				st.SD = math.Sqrt(a.m2[yi][mi] / float64(n-1))
				half := tQuantile975(n-1) * st.SD / math.Sqrt(float64(n))
				lo, hi := m.Bounds()
				st.Low = math.Min(hi, math.Max(lo, st.Mean-half))
				st.High = math.Min(hi, math.Max(lo, st.Mean+half))
			}
			out = append(out, st)
		}
	}
	return out
}

// Summarise returns the summary of a run held in memory.
func Summarise(res *sim.Result) []Stat {
	var a Accumulator
	for _, r := range res.Reps {
		if err := a.Add(r); err != nil {
			return nil
		}
	}
	return a.Stats()
}

// tQuantile975 returns the 97.5% point of Student's t with df degrees of
// freedom.
func tQuantile975(df int) float64 { return tQuantile975f(float64(df)) }

// tQuantile975f is tQuantile975 for fractional degrees of freedom (Welch).
func tQuantile975f(df float64) float64 {
	return fmath.StudentsTQuantile(0.975, df)
}

// MeanCI returns the mean of xs with its sample standard deviation and 95%
// confidence interval from Student's t distribution with n−1 degrees of
// freedom. With no values the mean is NaN; with one, the spread is NaN.
func MeanCI(xs []float64) Stat {
	n := len(xs)
	st := Stat{N: n, Mean: math.NaN(), SD: math.NaN(), Low: math.NaN(), High: math.NaN()}
	if n == 0 {
		return st
	}
	if n == 1 {
		st.Mean = xs[0]
		return st
	}
	mean, variance := fmath.MeanVariance(xs)
	sd := math.Sqrt(variance)
	st.Mean, st.SD = mean, sd
	half := tQuantile975(n-1) * sd / math.Sqrt(float64(n))
	st.Low, st.High = mean-half, mean+half
	return st
}

// WriteSummary writes a run's summary as CSV: year, measure, mean, sd,
// ci_low, ci_high, n.
func WriteSummary(w io.Writer, stats []Stat) error {
	cw := newCSV(w)
	fields := summaryFields()
	cells := make([]string, len(fields))
	for i, fd := range fields {
		cells[i] = fd.Name
	}
	cw.row(cells...)
	row := make([]Value, len(fields))
	for _, s := range stats {
		for i, v := range summaryRow(row, s) {
			cells[i] = v.Text()
		}
		cw.row(cells...)
	}
	return cw.flush()
}

// writeSummaryTable writes a run's summary as the table dir/summary.csv or
// dir/summary.parquet.
func writeSummaryTable(dir string, f Format, stats []Stat) error {
	tw, err := CreateTable(dir, "summary", f, summaryFields())
	if err != nil {
		return err
	}
	row := make([]Value, len(summaryFields()))
	for _, s := range stats {
		if err := tw.Write(summaryRow(row, s)); err != nil {
			tw.Abort()
			return err
		}
	}
	return tw.Commit()
}
