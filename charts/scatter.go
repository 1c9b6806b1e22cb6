package charts

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Point is one labelled dot of a Scatter chart.
type Point struct {
	Label string
	X, Y  float64
}

// Scatter draws a dot at each point, labelled with its text. Each label
// goes beside its dot on the first side (right, left, above, below, then
// the diagonals) where it overlaps no other label or dot, or else where it
// overlaps least. Points with a NaN coordinate are skipped, but not all of
// them may be.
func Scatter(o Options, points []Point) (*Chart, error) {
	const fn = "charts.Scatter"
	if len(points) == 0 {
		return nil, fmt.Errorf("%s: no points: %w", fn, ErrNoData)
	}
	var ps []Point
	xlo, xhi := math.Inf(1), math.Inf(-1)
	ylo, yhi := math.Inf(1), math.Inf(-1)
	for i, pt := range points {
		if math.IsInf(pt.X, 0) || math.IsInf(pt.Y, 0) {
			return nil, fmt.Errorf("%s: point %d %q at (%v, %v): %w", fn, i, pt.Label, pt.X, pt.Y, ErrValue)
		}
		if math.IsNaN(pt.X) || math.IsNaN(pt.Y) {
			continue
		}
		ps = append(ps, Point{Label: clean(pt.Label), X: pt.X, Y: pt.Y})
		xlo, xhi = math.Min(xlo, pt.X), math.Max(xhi, pt.X)
		ylo, yhi = math.Min(ylo, pt.Y), math.Max(yhi, pt.Y)
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("%s: every point has a NaN coordinate: %w", fn, ErrNoData)
	}
	// Keep dots off the axes' ends.
	xpad, ypad := 0.04*(xhi-xlo), 0.04*(yhi-ylo)
	xlo, xhi, ylo, yhi = xlo-xpad, xhi+xpad, ylo-ypad, yhi+ypad
	w, h := sizeOr(o)
	xsc := niceScale(xlo, xhi, targetTicks(w, 2.6), false, true)
	ysc := niceScale(ylo, yhi, targetTicks(h, 1.8), false, true)
	xfmt := orDefault(o.XFormat, formatNumber)
	yfmt := orDefault(o.YFormat, formatNumber)

	return newChart(o, 0, func(st *styles) (*plot.Plot, []legendEntry) {
		p := newPlot(st, o)
		setAxis(&p.X, xsc, xfmt)
		setAxis(&p.Y, ysc, yfmt)
		label := st.note
		label.Color = textColor
		p.Add(grid{x: true, y: true}, &scatterPlot{points: ps, color: seriesColor(0), text: label, radius: vg.Points(3)})
		return p, nil
	})
}

// scatterPlot draws the dots and labels of a Scatter chart.
type scatterPlot struct {
	points []Point
	color  color.Color
	text   text.Style
	radius vg.Length
}

// labelSpot is a place for a label relative to its dot: an offset in
// radii and the label's alignment there.
type labelSpot struct {
	dx, dy vg.Length
	xa     draw.XAlignment
	ya     draw.YAlignment
}

// labelSpots are the places tried for a label, in order of preference.
var labelSpots = [...]labelSpot{
	{1.6, 0, draw.XLeft, draw.YCenter},
	{-1.6, 0, draw.XRight, draw.YCenter},
	{0, 1.3, draw.XCenter, draw.YBottom},
	{0, -1.3, draw.XCenter, draw.YTop},
	{1.1, 1.1, draw.XLeft, draw.YBottom},
	{-1.1, 1.1, draw.XRight, draw.YBottom},
	{1.1, -1.1, draw.XLeft, draw.YTop},
	{-1.1, -1.1, draw.XRight, draw.YTop},
}

// Plot implements plot.Plotter.
func (s *scatterPlot) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	at := make([]vg.Point, len(s.points))
	var taken []vg.Rectangle
	for i, pt := range s.points {
		at[i] = vg.Point{X: trX(pt.X), Y: trY(pt.Y)}
		taken = append(taken, vg.Rectangle{
			Min: vg.Point{X: at[i].X - s.radius, Y: at[i].Y - s.radius},
			Max: vg.Point{X: at[i].X + s.radius, Y: at[i].Y + s.radius},
		})
	}
	dot := draw.GlyphStyle{Color: s.color, Radius: s.radius, Shape: draw.CircleGlyph{}}
	for _, pt := range at {
		c.DrawGlyph(dot, pt)
	}
	for i, pt := range s.points {
		if pt.Label == "" {
			continue
		}
		bestCost := vg.Length(math.Inf(1))
		var bestSty text.Style
		var bestAt vg.Point
		var bestRect vg.Rectangle
		for _, spot := range labelSpots {
			sty := s.text
			sty.XAlign, sty.YAlign = spot.xa, spot.ya
			pos := at[i].Add(vg.Point{X: spot.dx * s.radius, Y: spot.dy * s.radius})
			r := sty.Rectangle(pt.Label).Add(pos)
			if spot.ya == draw.YCenter {
				pos.Y += centreNudge(sty)
			}
			cost := 4 * (area(r) - overlap(r, c.Rectangle)) // outside the plot
			for j, t := range taken {
				if j != i {
					cost += overlap(r, t)
				}
			}
			if cost < bestCost {
				bestCost, bestSty, bestAt, bestRect = cost, sty, pos, r
			}
			if cost == 0 {
				break
			}
		}
		c.FillText(bestSty, bestAt, pt.Label)
		taken = append(taken, bestRect)
	}
}

// GlyphBoxes implements plot.GlyphBoxer: room for each dot. Labels that
// would not fit go on another side of their dot.
func (s *scatterPlot) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	boxes := make([]plot.GlyphBox, len(s.points))
	for i, pt := range s.points {
		boxes[i] = plot.GlyphBox{X: p.X.Norm(pt.X), Y: p.Y.Norm(pt.Y), Rectangle: vg.Rectangle{
			Min: vg.Point{X: -s.radius, Y: -s.radius},
			Max: vg.Point{X: s.radius, Y: s.radius},
		}}
	}
	return boxes
}

func area(r vg.Rectangle) vg.Length {
	sz := r.Size()
	return sz.X * sz.Y
}

// overlap returns the area that two rectangles share.
func overlap(a, b vg.Rectangle) vg.Length {
	w := min(a.Max.X, b.Max.X) - max(a.Min.X, b.Min.X)
	h := min(a.Max.Y, b.Max.Y) - max(a.Min.Y, b.Min.Y)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}
