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

// Group is one group of bars in a Bars chart: one value for each
// category, with Low and High for error bars, both nil for none. NaN
// values are skipped.
type Group struct {
	Name              string
	Values, Low, High []float64
}

// groupWidth is the share of a category's width taken by its bars.
const groupWidth = 0.8

// Bars draws vertical bars, the categories along x and within each
// category one bar for each group, side by side, with an error bar from
// Low to High where both are given and not NaN. A group named after a
// provider kind takes the kind's colour and a readable name in the legend
// ("NHS", "joint venture"), any other group i SeriesColor(i). There is a
// legend when there is more than one group. The y axis always includes 0
// and stays within YDomain. Long category names are wrapped.
func Bars(o Options, categories []string, groups []Group) (*Chart, error) {
	const fn = "charts.Bars"
	if len(categories) == 0 {
		return nil, fmt.Errorf("%s: no categories: %w", fn, ErrNoData)
	}
	if len(groups) == 0 {
		return nil, fmt.Errorf("%s: no groups: %w", fn, ErrNoData)
	}
	n := len(categories)
	gs := make([]Group, len(groups))
	lo, hi := 0.0, 0.0
	hasValue := false
	for k, g := range groups {
		if len(g.Values) != n {
			return nil, fmt.Errorf("%s: group %d %q has %d values for %d categories: %w", fn, k, g.Name, len(g.Values), n, ErrLength)
		}
		if (g.Low == nil) != (g.High == nil) {
			return nil, fmt.Errorf("%s: group %d %q has %d Low and %d High values; give both or neither: %w", fn, k, g.Name, len(g.Low), len(g.High), ErrLength)
		}
		if g.Low != nil && (len(g.Low) != n || len(g.High) != n) {
			return nil, fmt.Errorf("%s: group %d %q has %d Low and %d High values for %d categories: %w", fn, k, g.Name, len(g.Low), len(g.High), n, ErrLength)
		}
		for _, f := range []struct {
			name string
			v    []float64
		}{{"Values", g.Values}, {"Low", g.Low}, {"High", g.High}} {
			for i, v := range f.v {
				if err := checkInf(f.name, i, v); err != nil {
					return nil, fmt.Errorf("%s: group %d %q: %w", fn, k, g.Name, err)
				}
				if !math.IsNaN(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
					hasValue = hasValue || f.name == "Values"
				}
			}
		}
		gs[k] = Group{Name: clean(g.Name), Values: slices.Clone(g.Values), Low: slices.Clone(g.Low), High: slices.Clone(g.High)}
	}
	if !hasValue {
		return nil, fmt.Errorf("%s: every value is NaN: %w", fn, ErrNoData)
	}
	cats := make([]string, n)
	for i, c := range categories {
		cats[i] = clean(c)
	}
	w, h := sizeOr(o)
	ysc := axisScale(lo, hi, targetTicks(h, 1.8), o.YDomain)

	return newChart(o, 0, func(st *styles) (*plot.Plot, []legendEntry) {
		p := newPlot(st, o)
		setAxis(&p.Y, ysc, o.YFormat, o.YDomain)
		// Wrap names to the width of a category, less the y axis.
		avail := (vg.Length(w)*vg.Centimeter - vg.Points(60)) / vg.Length(n) * 0.95
		ticks := make([]plot.Tick, n)
		for i, c := range cats {
			ticks[i] = plot.Tick{Value: float64(i), Label: wrapText(st.tick, c, avail)}
		}
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
		p.X.Tick.Length = 0
		p.X.Min, p.X.Max = -0.5, float64(n)-0.5
		p.X.Padding = 0 // bars stand on the x axis
		p.Add(grid{y: true})
		if ysc.min < 0 {
			p.Add(refLine{at: 0, style: draw.LineStyle{Color: axisColor, Width: vg.Points(0.8)}})
		}
		bp := &barPlot{groups: gs}
		p.Add(bp)
		var legend []legendEntry
		if len(gs) > 1 {
			for k, g := range gs {
				legend = append(legend, boxEntry(kindLabel(g.Name), bp.color(k)))
			}
		}
		return p, legend
	})
}

// barPlot draws the bars and error bars of a Bars chart.
type barPlot struct {
	groups []Group
}

func (b *barPlot) color(k int) color.Color { return areaColor(b.groups[k].Name, k) }

// Plot implements plot.Plotter.
func (b *barPlot) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	width := groupWidth / float64(len(b.groups))
	errStyle := draw.LineStyle{Color: textColor, Width: vg.Points(0.9)}
	for k, g := range b.groups {
		for i, v := range g.Values {
			left := float64(i) - groupWidth/2 + float64(k)*width
			x0, x1 := trX(left), trX(left+width)
			if !math.IsNaN(v) && v != 0 {
				c.FillPolygon(b.color(k), c.ClipPolygonXY(rectPoints(x0, trY(0), x1, trY(v))))
			}
			if g.Low == nil || math.IsNaN(g.Low[i]) || math.IsNaN(g.High[i]) {
				continue
			}
			xm := (x0 + x1) / 2
			whisker := min((x1-x0)/4, vg.Points(4))
			y0, y1 := trY(g.Low[i]), trY(g.High[i])
			c.StrokeLines(errStyle, c.ClipLinesXY(
				[]vg.Point{{X: xm, Y: y0}, {X: xm, Y: y1}},
				[]vg.Point{{X: xm - whisker, Y: y0}, {X: xm + whisker, Y: y0}},
				[]vg.Point{{X: xm - whisker, Y: y1}, {X: xm + whisker, Y: y1}},
			)...)
		}
	}
}
