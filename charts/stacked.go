package charts

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Layer is one layer of a StackedShares chart: its shares (0–1), one for
// each x. Name is a provider kind ("nhs", "mutual", "private", "jv"),
// which gives the layer its kind's colour, or any other text.
type Layer struct {
	Name   string
	Values []float64
}

// shareSlack is how far shares may stray outside 0–1, and their sum above
// 1, through rounding.
const shareSlack = 1e-6

// StackedShares draws shares as stacked areas, the first layer at the
// bottom, on a y axis from 0% to 100%. Shares are 0–1 and may sum to less
// than 1 but not more. A layer named after a provider kind takes the
// kind's colour and a readable name in the legend ("NHS", "joint
// venture"), any other layer i SeriesColor(i). An x whose value or any of
// whose shares is NaN is a gap.
//
// YFormat, if given, receives percentages (0–100); the default writes
// "25%". As in TimeSeries, x ticks fall on whole numbers and are written
// plainly by default. XDomain and YDomain are ignored.
func StackedShares(o Options, x []float64, layers []Layer) (*Chart, error) {
	const fn = "charts.StackedShares"
	if len(x) == 0 {
		return nil, fmt.Errorf("%s: no x values: %w", fn, ErrNoData)
	}
	if len(layers) == 0 {
		return nil, fmt.Errorf("%s: no layers: %w", fn, ErrNoData)
	}
	prev := math.Inf(-1)
	for i, v := range x {
		if err := checkInf("x", i, v); err != nil {
			return nil, fmt.Errorf("%s: %w", fn, err)
		}
		if math.IsNaN(v) {
			continue
		}
		if v <= prev {
			return nil, fmt.Errorf("%s: x[%d] = %v does not follow %v: x must increase: %w", fn, i, v, prev, ErrValue)
		}
		prev = v
	}
	ls := make([]Layer, len(layers))
	for k, l := range layers {
		if len(l.Values) != len(x) {
			return nil, fmt.Errorf("%s: layer %d %q has %d values for %d x values: %w", fn, k, l.Name, len(l.Values), len(x), ErrLength)
		}
		vals := slices.Clone(l.Values)
		for i, v := range vals {
			if err := checkInf("Values", i, v); err != nil {
				return nil, fmt.Errorf("%s: layer %d %q: %w", fn, k, l.Name, err)
			}
			if v < -shareSlack || v > 1+shareSlack {
				return nil, fmt.Errorf("%s: layer %d %q: Values[%d] = %v is not a share in 0–1: %w", fn, k, l.Name, i, v, ErrValue)
			}
			vals[i] = math.Min(math.Max(v, 0), 1)
		}
		ls[k] = Layer{Name: clean(l.Name), Values: vals}
	}
	xs := slices.Clone(x)
	valid := func(i int) bool {
		if math.IsNaN(xs[i]) {
			return false
		}
		for _, l := range ls {
			if math.IsNaN(l.Values[i]) {
				return false
			}
		}
		return true
	}
	xlo, xhi := math.Inf(1), math.Inf(-1)
	for i := range xs {
		if !valid(i) {
			continue
		}
		sum := 0.0
		for _, l := range ls {
			sum += l.Values[i]
		}
		if sum > 1+shareSlack {
			return nil, fmt.Errorf("%s: the shares at x = %v sum to %v, more than 1: %w", fn, xs[i], sum, ErrValue)
		}
		xlo, xhi = math.Min(xlo, xs[i]), math.Max(xhi, xs[i])
	}
	if math.IsInf(xlo, 1) {
		return nil, fmt.Errorf("%s: no x has a value and all its shares: %w", fn, ErrNoData)
	}
	w, _ := sizeOr(o)
	xsc := niceScale(xlo, xhi, targetTicks(w, 2.6), true, false)
	xfmt := orDefault(o.XFormat, formatPlain)
	yfmt := orDefault(o.YFormat, formatPercent)

	return newChart(o, 0, func(st *styles) (*plot.Plot, []legendEntry) {
		p := newPlot(st, o)
		setAxis(&p.X, xsc, xfmt, Unbounded)
		setAxis(&p.Y, scale{min: 0, max: 100, step: step{25, 0}}, yfmt, Unbounded)
		p.X.Padding, p.Y.Padding = 0, 0
		sp := &stackPlot{x: xs, layers: ls, valid: valid}
		p.Add(grid{y: true}, sp)
		var legend []legendEntry
		for k, l := range ls {
			legend = append(legend, boxEntry(kindLabel(l.Name), sp.color(k)))
		}
		return p, legend
	})
}

// stackPlot draws the layers of a StackedShares chart as areas on a 0–100
// scale, each with a thin white edge on top.
type stackPlot struct {
	x      []float64
	layers []Layer
	valid  func(int) bool
}

func (s *stackPlot) color(k int) color.Color { return areaColor(s.layers[k].Name, k) }

// Plot implements plot.Plotter.
func (s *stackPlot) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	edge := draw.LineStyle{Color: color.White, Width: vg.Points(0.7)}
	for _, run := range runs(len(s.x), s.valid) {
		base := make([]float64, len(run))
		var edges [][]vg.Point
		for k, l := range s.layers {
			top := make([]float64, len(run))
			for j, i := range run {
				top[j] = base[j] + 100*l.Values[i]
			}
			if len(run) == 1 {
				x := trX(s.x[run[0]])
				c.StrokeLine2(draw.LineStyle{Color: s.color(k), Width: vg.Points(4)}, x, trY(base[0]), x, trY(top[0]))
				base = top
				continue
			}
			poly := make([]vg.Point, 0, 2*len(run))
			line := make([]vg.Point, 0, len(run))
			for j, i := range run {
				pt := vg.Point{X: trX(s.x[i]), Y: trY(top[j])}
				poly = append(poly, pt)
				line = append(line, pt)
			}
			for j := len(run) - 1; j >= 0; j-- {
				poly = append(poly, vg.Point{X: trX(s.x[run[j]]), Y: trY(base[j])})
			}
			c.FillPolygon(s.color(k), c.ClipPolygonXY(poly))
			if k < len(s.layers)-1 {
				edges = append(edges, line)
			}
			base = top
		}
		for _, e := range edges {
			c.StrokeLines(edge, c.ClipLinesXY(e)...)
		}
	}
}
