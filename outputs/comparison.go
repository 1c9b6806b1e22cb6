package outputs

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"mutualsim/internal/fmath"
	"mutualsim/sim"
)

// Difference is a measure's difference between a scenario and a baseline
// at one year, over replications run with common random numbers:
// replication r of both uses the same random streams, so the pairs share
// their chance and the paired interval is narrower than one that treats
// the runs as independent.
type Difference struct {
	Measure  string
	Unit     string
	Year     int
	Baseline string
	Scenario string
	MeanA    float64 // baseline's mean over the pairs
	MeanB    float64 // scenario's mean over the pairs
	Diff     float64 // mean of the paired differences, B − A
	Low      float64 // 95% confidence interval of Diff, from the pairs (Student's t, n − 1 df)
	High     float64
	// UnpairedLow and UnpairedHigh are the 95% interval of MeanB − MeanA
	// had the runs been independent (Welch's t), for comparison.
	UnpairedLow  float64
	UnpairedHigh float64
	N            int // pairs with the measure defined in both
}

// WidthRatio returns the width of the paired interval over the unpaired
// one: below 1 when common random numbers sharpen the comparison.
func (d Difference) WidthRatio() float64 {
	return (d.High - d.Low) / (d.UnpairedHigh - d.UnpairedLow)
}

// Paired returns the paired difference b − a over replications, pairing
// a[r] with b[r], with its 95% interval, and the unpaired (Welch) interval
// of the difference of the means for comparison. Replications where either
// is undefined (NaN) are left out of everything, so that the difference is
// the difference of the means.
func Paired(a, b []float64) Difference {
	nan := math.NaN()
	d := Difference{MeanA: nan, MeanB: nan, Diff: nan, Low: nan, High: nan, UnpairedLow: nan, UnpairedHigh: nan}
	var diffs, as, bs []float64
	for r := range min(len(a), len(b)) {
		if !math.IsNaN(a[r]) && !math.IsNaN(b[r]) {
			diffs = append(diffs, b[r]-a[r])
			as, bs = append(as, a[r]), append(bs, b[r])
		}
	}
	if len(as) > 0 {
		d.MeanA = fmath.Mean(as)
	}
	if len(bs) > 0 {
		d.MeanB = fmath.Mean(bs)
	}
	st := MeanCI(diffs)
	d.N, d.Diff, d.Low, d.High = st.N, st.Mean, st.Low, st.High
	if len(as) > 1 && len(bs) > 1 {
		_, va := fmath.MeanVariance(as)
		_, vb := fmath.MeanVariance(bs)
		va, vb = va/float64(len(as)), vb/float64(len(bs))
		se := math.Sqrt(va + vb)
		diff := d.MeanB - d.MeanA
		if se == 0 {
			d.UnpairedLow, d.UnpairedHigh = diff, diff
		} else {
			// Welch–Satterthwaite degrees of freedom (Welch 1947).
			df := (va + vb) * (va + vb) / (va*va/float64(len(as)-1) + vb*vb/float64(len(bs)-1))
			half := float64(tQuantile975f(df) * se)
			d.UnpairedLow, d.UnpairedHigh = diff-half, diff+half
		}
	}
	return d
}

// ComparisonFields are the columns of comparison.csv.
func ComparisonFields() []Field {
	f := func(name, unit, meaning string) Field {
		return Field{Name: name, Unit: unit, Meaning: meaning, Type: TypeFloat, Nullable: true}
	}
	return []Field{
		{Name: "measure", Unit: "name", Meaning: "a column of timeseries", Type: TypeString},
		{Name: "unit", Unit: "text", Meaning: "the measure's unit", Type: TypeString},
		{Name: "year", Unit: "year", Meaning: "simulated year", Type: TypeInt},
		{Name: "baseline", Unit: "name", Meaning: "scenario A, the first named", Type: TypeString},
		{Name: "scenario", Unit: "name", Meaning: "scenario B, compared with A", Type: TypeString},
		f("mean_baseline", "measure's unit", "mean of A across the replications where the measure is defined in both"),
		f("mean_scenario", "measure's unit", "mean of B across the same replications"),
		f("difference", "measure's unit", "mean of the paired differences B − A, replication r of B against replication r of A (common random numbers)"),
		f("ci_low", "measure's unit", "lower end of the 95% confidence interval of the difference, from the pairs (Student's t)"),
		f("ci_high", "measure's unit", "upper end of the 95% confidence interval of the difference, from the pairs"),
		f("unpaired_ci_low", "measure's unit", "lower end of the 95% interval had the runs been independent (Welch's t), for comparison"),
		f("unpaired_ci_high", "measure's unit", "upper end of the unpaired 95% interval"),
		f("width_ratio", "ratio", "width of the paired interval ÷ width of the unpaired one: how much common random numbers narrow it"),
		{Name: "n", Unit: "replications", Meaning: "pairs with the measure defined in both", Type: TypeInt},
	}
}

// WriteComparisonTable writes comparison.csv or comparison.parquet into dir.
func WriteComparisonTable(dir string, f Format, diffs []Difference) error {
	tw, err := CreateTable(dir, "comparison", f, ComparisonFields())
	if err != nil {
		return err
	}
	for _, d := range diffs {
		row := []Value{String(d.Measure), String(d.Unit), Int(int64(d.Year)), String(d.Baseline), String(d.Scenario),
			Float(d.MeanA), Float(d.MeanB), Float(d.Diff), Float(d.Low), Float(d.High), Float(d.UnpairedLow), Float(d.UnpairedHigh),
			Float(d.WidthRatio()), Int(int64(d.N))}
		if err := tw.Write(row); err != nil {
			tw.Abort()
			return err
		}
	}
	return tw.Commit()
}

// WriteDifferences prints the differences for people: one line per
// scenario, measure and year, with the paired interval and how much
// narrower it is than an unpaired one.
func WriteDifferences(w io.Writer, diffs []Difference) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "measure\tyear\tA\tB\tB − A\t95% CI (paired)\tunpaired CI width")
	last := ""
	for _, d := range diffs {
		if head := d.Scenario + " − " + d.Baseline + ":"; head != last {
			fmt.Fprintf(tw, "%s\t\t\t\t\t\t\n", head)
			last = head
		}
		ratio := "–"
		if r := d.WidthRatio(); !math.IsNaN(r) && !math.IsInf(r, 0) && r > 0 {
			ratio = fmt.Sprintf("%.1f× the paired", 1/r)
		}
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\t%s\t%s – %s\t%s\n", d.Measure, d.Year, Human(d.MeanA, d.Unit), Human(d.MeanB, d.Unit),
			signed(d.Diff, d.Unit), signed(d.Low, d.Unit), signed(d.High, d.Unit), ratio)
	}
	return tw.Flush()
}

// signed formats a difference with its sign; a difference of shares is in
// percentage points.
func signed(v float64, unit string) string {
	s := Human(v, unit)
	if strings.HasPrefix(unit, "share") && !math.IsNaN(v) {
		s = Points(v)
	}
	if v > 0 && !strings.HasPrefix(s, "+") {
		return "+" + s
	}
	return s
}

// MeasureUnit returns a measure's unit, or "" for an unknown name.
func MeasureUnit(name string) string {
	for _, m := range sim.Measures() {
		if m.Name == name {
			return m.Unit
		}
	}
	return ""
}

// Points formats a difference of shares in percentage points: one decimal,
// and below one point as many as give two significant digits (up to
// four), so that a small difference whose interval excludes zero is not
// written as 0.0 pts.
func Points(v float64) string {
	pts := 100 * v
	dec := 1
	for lim := 1.0; dec < 4 && math.Abs(pts) > 0 && math.Abs(pts) < lim; lim /= 10 {
		dec++
	}
	return strconv.FormatFloat(pts, 'f', dec, 64) + " pts"
}
