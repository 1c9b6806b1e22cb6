package outputs

import (
	"io"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

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

// Summarise returns, for every year and measure, the mean across
// replications with a 95% confidence interval, in year then measure order.
// Interval ends are clipped to the measure's range (a share cannot be
// negative), which the data dictionary records.
func Summarise(res *sim.Result) []Stat {
	if len(res.Reps) == 0 {
		return nil
	}
	ms := sim.Measures()
	years := res.Reps[0].Years
	out := make([]Stat, 0, len(years)*len(ms))
	xs := make([]float64, 0, len(res.Reps))
	for yi, year := range years {
		for mi, m := range ms {
			xs = xs[:0]
			for _, rep := range res.Reps {
				if v := rep.Values[yi][mi]; !math.IsNaN(v) {
					xs = append(xs, v)
				}
			}
			st := MeanCI(xs)
			lo, hi := m.Bounds()
			st.Low, st.High = clampNaN(st.Low, lo, hi), clampNaN(st.High, lo, hi)
			st.Year, st.Measure = year, m.Name
			out = append(out, st)
		}
	}
	return out
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
	mean, sd := stat.MeanStdDev(xs, nil)
	st.Mean, st.SD = mean, sd
	// Quantile draws nothing; the source is set so that no gonum
	// distribution ever falls back to a shared global generator.
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1), Src: rand.NewPCG(1, 2)}.Quantile(0.975)
	half := t * sd / math.Sqrt(float64(n))
	st.Low, st.High = mean-half, mean+half
	return st
}

// WriteSummary writes summary.csv: year, measure, mean, sd, ci_low, ci_high, n.
func WriteSummary(w io.Writer, stats []Stat) error {
	cw := newCSV(w)
	cw.row("year", "measure", "mean", "sd", "ci_low", "ci_high", "n")
	for _, s := range stats {
		cw.row(itoa(s.Year), s.Measure, FormatFloat(s.Mean), FormatFloat(s.SD), FormatFloat(s.Low), FormatFloat(s.High), itoa(s.N))
	}
	return cw.flush()
}

func clampNaN(x, lo, hi float64) float64 {
	if math.IsNaN(x) {
		return x
	}
	return math.Min(hi, math.Max(lo, x))
}
