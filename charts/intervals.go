package charts

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Interval is one row of an Intervals chart: an estimate and its interval.
type Interval struct {
	Label            string
	Value, Low, High float64
}

// Intervals draws one horizontal row for each item, the first on top: a
// dot at Value and a line from Low to High. With zero it also draws a
// vertical line at 0 and keeps 0 in view. NaN values are skipped (a row
// with a NaN Value has no dot; one with a NaN Low or High has no line),
// but not all of them may be NaN. The x axis stays within XDomain, even
// with zero. A zero Height grows to fit many rows.
func Intervals(o Options, rows []Interval, zero bool) (*Chart, error) {
	const fn = "charts.Intervals"
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no rows: %w", fn, ErrNoData)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	rs := make([]Interval, len(rows))
	labels := make([]string, len(rows))
	for i, r := range rows {
		for _, v := range []float64{r.Value, r.Low, r.High} {
			if math.IsInf(v, 0) {
				return nil, fmt.Errorf("%s: row %d %q has an infinite value: %w", fn, i, r.Label, ErrValue)
			}
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		rs[i] = Interval{Label: clean(r.Label), Value: r.Value, Low: r.Low, High: r.High}
		labels[i] = rs[i].Label
	}
	if math.IsInf(lo, 1) {
		return nil, fmt.Errorf("%s: every value is NaN: %w", fn, ErrNoData)
	}
	if zero {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	w, _ := sizeOr(o)
	xsc := axisScale(lo, hi, targetTicks(w, 2.6), o.XDomain)

	return newChart(o, rowsHeight(len(rs)), func(st *styles) (*plot.Plot, []legendEntry) {
		p := newPlot(st, o)
		setAxis(&p.X, xsc, o.XFormat, o.XDomain)
		nominalY(p, labels)
		p.Add(grid{x: true})
		if zero {
			p.Add(refLine{at: 0, vertical: true, style: draw.LineStyle{Color: mutedColor, Width: vg.Points(0.9)}})
		}
		p.Add(&intervalPlot{rows: rs, color: seriesColor(0)})
		return p, nil
	})
}

// intervalPlot draws the rows of an Intervals chart.
type intervalPlot struct {
	rows  []Interval
	color color.Color
}

// Plot implements plot.Plotter.
func (ip *intervalPlot) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	line := draw.LineStyle{Color: ip.color, Width: vg.Points(1.8)}
	dot := draw.GlyphStyle{Color: ip.color, Radius: vg.Points(3.2), Shape: draw.CircleGlyph{}}
	n := len(ip.rows)
	for i, r := range ip.rows {
		y := trY(float64(n - 1 - i))
		if !math.IsNaN(r.Low) && !math.IsNaN(r.High) {
			c.StrokeLines(line, c.ClipLinesXY([]vg.Point{{X: trX(r.Low), Y: y}, {X: trX(r.High), Y: y}})...)
		}
		if !math.IsNaN(r.Value) {
			c.DrawGlyph(dot, vg.Point{X: trX(r.Value), Y: y})
		}
	}
}
