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

// Band is one series of a time chart: a mean line and its 95% band.
// NaN values make gaps. Low and High may both be nil (no band).
type Band struct {
	Name               string
	X, Mean, Low, High []float64
}

// HLine is a labelled horizontal reference line (e.g. HHI 1,000 and
// 1,800).
type HLine struct {
	Y     float64
	Label string
}

// VLine is a labelled vertical reference line of a TimeSeries, such as
// the year from which a branch continues its checkpoint.
type VLine struct {
	X     float64
	Label string
}

// TimeSeries draws each series as a mean line over its 95% band, with x
// ticks at whole years. A series named after a provider kind takes the
// kind's colour and, in the legend, a readable name ("NHS", "joint
// venture"); otherwise series i takes SeriesColor(i) and its own dash
// pattern. There is a legend when there is more than one series; a
// series with no finite mean is marked "(no data)" there.
//
// X values must increase (NaN X values are gaps); Low and High are both
// nil or both as long as X. The y axis starts at 0 when all values are
// positive and the smallest is at most half the largest, and stays within
// YDomain. The reference lines are dashed, drawn under the data and
// labelled at their right end over it; they are always in view unless
// outside YDomain.
//
// By default x ticks are written plainly ("2030"), since x is a year.
func TimeSeries(o Options, series []Band, refs ...HLine) (*Chart, error) {
	const fn = "charts.TimeSeries"
	if len(series) == 0 {
		return nil, fmt.Errorf("%s: no series: %w", fn, ErrNoData)
	}
	bands := make([]Band, len(series))
	hasMean := false
	xlo, xhi := math.Inf(1), math.Inf(-1)
	ylo, yhi := math.Inf(1), math.Inf(-1)
	for k, s := range series {
		if err := checkBand(s); err != nil {
			return nil, fmt.Errorf("%s: series %d %q: %w", fn, k, s.Name, err)
		}
		bands[k] = Band{Name: clean(s.Name), X: slices.Clone(s.X), Mean: slices.Clone(s.Mean), Low: slices.Clone(s.Low), High: slices.Clone(s.High)}
		for i, x := range s.X {
			if math.IsNaN(x) {
				continue
			}
			vals := []float64{s.Mean[i]}
			if s.Low != nil {
				vals = append(vals, s.Low[i], s.High[i])
			}
			for j, v := range vals {
				if math.IsNaN(v) {
					continue
				}
				if j == 0 {
					hasMean = true
				}
				xlo, xhi = math.Min(xlo, x), math.Max(xhi, x)
				ylo, yhi = math.Min(ylo, v), math.Max(yhi, v)
			}
		}
	}
	if !hasMean {
		return nil, fmt.Errorf("%s: every mean is NaN: %w", fn, ErrNoData)
	}
	lines := make([]HLine, len(refs))
	for i, r := range refs {
		if !finite(r.Y) {
			return nil, fmt.Errorf("%s: reference line %d %q at y = %v: %w", fn, i, r.Label, r.Y, ErrValue)
		}
		lines[i] = HLine{Y: r.Y, Label: clean(r.Label)}
		ylo, yhi = math.Min(ylo, r.Y), math.Max(yhi, r.Y)
	}
	vlines := make([]VLine, len(o.VLines))
	for i, v := range o.VLines {
		if !finite(v.X) {
			return nil, fmt.Errorf("%s: vertical line %d %q at x = %v: %w", fn, i, v.Label, v.X, ErrValue)
		}
		vlines[i] = VLine{X: v.X, Label: clean(v.Label)}
	}
	if ylo >= 0 && ylo <= yhi/2 {
		ylo = 0
	}
	xfmt := orDefault(o.XFormat, formatPlain)
	w, h := sizeOr(o)
	xsc := niceScale(xlo, xhi, targetTicks(w, 2.6), true, false)
	ysc := axisScale(ylo, yhi, targetTicks(h, 1.8), o.YDomain)

	return newChart(o, 0, func(st *styles) (*plot.Plot, []legendEntry) {
		p := newPlot(st, o)
		setAxis(&p.X, xsc, xfmt, Unbounded)
		setAxis(&p.Y, ysc, o.YFormat, o.YDomain)
		p.Add(grid{y: true})
		for _, r := range lines {
			p.Add(refLine{at: r.Y, style: draw.LineStyle{Color: mutedColor, Width: vg.Points(0.8), Dashes: []vg.Length{4, 2}}})
		}
		for _, v := range vlines {
			p.Add(refLine{at: v.X, vertical: true, style: draw.LineStyle{Color: mutedColor, Width: vg.Points(0.8), Dashes: []vg.Length{1.5, 2}}})
		}
		var legend []legendEntry
		plots := make([]*bandPlot, len(bands))
		for k, b := range bands {
			clr, dashes := lineColor(b.Name, k)
			bp := &bandPlot{Band: b,
				line: draw.LineStyle{Color: clr, Width: vg.Points(1.6), Dashes: dashes},
				fill: translucent(clr, 0x38)}
			plots[k] = bp
			label := kindLabel(b.Name)
			if !slices.ContainsFunc(b.Mean, func(v float64) bool { return !math.IsNaN(v) }) {
				label += " (no data)"
			}
			var fill color.Color
			if b.Low != nil {
				fill = bp.fill
			}
			legend = append(legend, lineEntry(label, bp.line, fill))
		}
		// All bands first, then all lines, so that no band hides a line.
		for _, bp := range plots {
			p.Add(bandFill{bp})
		}
		for _, bp := range plots {
			p.Add(bp)
		}
		// The reference lines' labels go over the data, to stay readable.
		for _, r := range lines {
			if r.Label != "" {
				p.Add(refLabel{at: r.Y, label: r.Label, text: st.note})
			}
		}
		for _, v := range vlines {
			if v.Label != "" {
				p.Add(vLabel{at: v.X, label: v.Label, text: st.note})
			}
		}
		if len(bands) < 2 {
			legend = nil
		}
		return p, legend
	})
}

// sizeOr returns the chart size in centimetres that o asks for.
func sizeOr(o Options) (w, h float64) {
	w, h = o.Width, o.Height
	if w == 0 {
		w = defaultWidthCM
	}
	if h == 0 {
		h = defaultHeightCM
	}
	return w, h
}

// checkBand checks one series' lengths and values.
func checkBand(s Band) error {
	n := len(s.X)
	if n == 0 {
		return fmt.Errorf("no X values: %w", ErrNoData)
	}
	if len(s.Mean) != n {
		return fmt.Errorf("%d X values but %d Mean values: %w", n, len(s.Mean), ErrLength)
	}
	if (s.Low == nil) != (s.High == nil) {
		return fmt.Errorf("got %d Low and %d High values; give both or neither: %w", len(s.Low), len(s.High), ErrLength)
	}
	if s.Low != nil && (len(s.Low) != n || len(s.High) != n) {
		return fmt.Errorf("%d X values but %d Low and %d High values: %w", n, len(s.Low), len(s.High), ErrLength)
	}
	prev := math.Inf(-1)
	for i := range n {
		for _, f := range []struct {
			name string
			v    []float64
		}{{"X", s.X}, {"Mean", s.Mean}, {"Low", s.Low}, {"High", s.High}} {
			if f.v == nil {
				continue
			}
			if err := checkInf(f.name, i, f.v[i]); err != nil {
				return err
			}
		}
		if x := s.X[i]; !math.IsNaN(x) {
			if x <= prev {
				return fmt.Errorf("value %d of X, %v, does not follow %v: X must increase: %w", i, x, prev, ErrValue)
			}
			prev = x
		}
	}
	return nil
}

// bandPlot draws a series' mean line: runs of finite points as lines, a
// lone point as a dot.
type bandPlot struct {
	Band
	line draw.LineStyle
	fill color.Color
}

// Plot implements plot.Plotter.
func (b *bandPlot) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, run := range runs(len(b.X), func(i int) bool { return !math.IsNaN(b.X[i]) && !math.IsNaN(b.Mean[i]) }) {
		pts := make([]vg.Point, 0, len(run))
		for _, i := range run {
			pts = append(pts, vg.Point{X: trX(b.X[i]), Y: trY(b.Mean[i])})
		}
		if len(pts) == 1 {
			c.DrawGlyph(draw.GlyphStyle{Color: b.line.Color, Radius: b.line.Width * 1.2, Shape: draw.CircleGlyph{}}, pts[0])
			continue
		}
		for _, l := range c.ClipLinesXY(pts) {
			strokeCased(&c, b.line, l)
		}
	}
}

// bandFill draws a series' band: runs of points whose X, Low and High
// are all finite as filled areas, a lone point as a short bar.
type bandFill struct{ b *bandPlot }

// Plot implements plot.Plotter.
func (f bandFill) Plot(c draw.Canvas, p *plot.Plot) {
	b := f.b
	if b.Low == nil {
		return
	}
	trX, trY := p.Transforms(&c)
	ok := func(i int) bool { return !math.IsNaN(b.X[i]) && !math.IsNaN(b.Low[i]) && !math.IsNaN(b.High[i]) }
	for _, run := range runs(len(b.X), ok) {
		if len(run) == 1 {
			i := run[0]
			x := trX(b.X[i])
			c.StrokeLine2(draw.LineStyle{Color: b.fill, Width: vg.Points(3)}, x, trY(b.Low[i]), x, trY(b.High[i]))
			continue
		}
		poly := make([]vg.Point, 0, 2*len(run))
		for _, i := range run {
			poly = append(poly, vg.Point{X: trX(b.X[i]), Y: trY(b.High[i])})
		}
		for j := len(run) - 1; j >= 0; j-- {
			i := run[j]
			poly = append(poly, vg.Point{X: trX(b.X[i]), Y: trY(b.Low[i])})
		}
		c.FillPolygon(b.fill, c.ClipPolygonXY(poly))
	}
}

// runs splits 0…n-1 into maximal runs of consecutive indices for which
// ok holds.
func runs(n int, ok func(int) bool) [][]int {
	var out [][]int
	var cur []int
	for i := range n {
		if ok(i) {
			cur = append(cur, i)
			continue
		}
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
