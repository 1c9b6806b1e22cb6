package charts

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

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
// the diagonals) where it overlaps no other label or dot, or else, moved
// up or down a line or more (with a thin line back to its dot), where it
// overlaps least. Points drawn at the same place share one label ("a, b,
// c"; "a, b and 3 more" for five), each text written once. Points with a
// NaN coordinate are skipped, but not all of them may be. A point outside
// XDomain or YDomain is an error, unless only by rounding (a share of
// 1 + 1e-12), when it is drawn at the domain's end.
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
		x, xok := inDomain(pt.X, o.XDomain)
		y, yok := inDomain(pt.Y, o.YDomain)
		if !xok || !yok {
			return nil, fmt.Errorf("%s: point %d %q at (%v, %v) is outside the axes' domains, x %v and y %v: %w", fn, i, pt.Label, pt.X, pt.Y, o.XDomain, o.YDomain, ErrValue)
		}
		ps = append(ps, Point{Label: clean(pt.Label), X: x, Y: y})
		xlo, xhi = math.Min(xlo, x), math.Max(xhi, x)
		ylo, yhi = math.Min(ylo, y), math.Max(yhi, y)
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("%s: every point has a NaN coordinate: %w", fn, ErrNoData)
	}
	// Keep dots off the axes' ends, where the domains allow.
	xpad, ypad := 0.04*(xhi-xlo), 0.04*(yhi-ylo)
	xlo, xhi, ylo, yhi = xlo-xpad, xhi+xpad, ylo-ypad, yhi+ypad
	w, h := sizeOr(o)
	xsc := axisScale(xlo, xhi, targetTicks(w, 2.6), o.XDomain)
	ysc := axisScale(ylo, yhi, targetTicks(h, 1.8), o.YDomain)

	return newChart(o, 0, func(st *styles) (*plot.Plot, []legendEntry) {
		p := newPlot(st, o)
		setAxis(&p.X, xsc, o.XFormat, o.XDomain)
		setAxis(&p.Y, ysc, o.YFormat, o.YDomain)
		label := st.note
		label.Color = textColor
		p.Add(grid{x: true, y: true}, &scatterPlot{points: ps, color: seriesColor(0), text: label, radius: vg.Points(3)})
		return p, nil
	})
}

// domainSlack is how far, relative to the size of a value (and at least
// absolutely), a Scatter point may lie outside its domain through
// rounding; it is then drawn at the domain's end.
const domainSlack = 1e-9

// inDomain returns v moved into the domain d, and whether it was in it
// but for rounding.
func inDomain(v float64, d Domain) (float64, bool) {
	c := d.clamp(v)
	return c, math.Abs(c-v) <= domainSlack*max(1, math.Abs(v))
}

// Contains reports whether v is a value of the domain, allowing for
// rounding as Scatter does: a value outside by at most 1e-9 relative to its
// size counts as in. NaN is in no domain.
func (d Domain) Contains(v float64) bool {
	if math.IsNaN(v) {
		return false
	}
	_, ok := inDomain(v, d)
	return ok
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

const (
	// samePlace is how close, in points, two dots are to be drawn as one
	// with one label.
	samePlace = 0.5
	// maxNudge is how many lines up or down a label may move from its
	// dot when every side of the dot is taken.
	maxNudge = 4
	// mergedLabels is how many labels of points at the same place are
	// written out before "and n more".
	mergedLabels = 3
)

// spot is a dot drawn for one or more points at the same place, and
// their labels.
type spot struct {
	at     vg.Point
	labels []string
}

// spots gathers the points into dots, in the order of their first
// points: a point within samePlace of an earlier dot joins it, and adds
// its label unless the dot has it already.
func spots(points []Point, trX, trY func(float64) vg.Length) []spot {
	var out []spot
	for _, pt := range points {
		at := vg.Point{X: trX(pt.X), Y: trY(pt.Y)}
		j := slices.IndexFunc(out, func(s spot) bool {
			return vg.Length(math.Abs(float64(s.at.X-at.X))) <= samePlace && vg.Length(math.Abs(float64(s.at.Y-at.Y))) <= samePlace
		})
		if j < 0 {
			out = append(out, spot{at: at})
			j = len(out) - 1
		}
		if pt.Label != "" && !slices.Contains(out[j].labels, pt.Label) {
			out[j].labels = append(out[j].labels, pt.Label)
		}
	}
	return out
}

// mergeLabels joins the labels of points drawn at the same place: "a",
// "a, b", "a, b, c", then "a, b and 2 more" for four and so on.
func mergeLabels(labels []string) string {
	if len(labels) <= mergedLabels {
		return strings.Join(labels, ", ")
	}
	shown := mergedLabels - 1
	return fmt.Sprintf("%s and %d more", strings.Join(labels[:shown], ", "), len(labels)-shown)
}

// Plot implements plot.Plotter.
func (s *scatterPlot) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	dots := spots(s.points, trX, trY)
	taken := make([]vg.Rectangle, 0, 2*len(dots))
	for _, d := range dots {
		taken = append(taken, vg.Rectangle{
			Min: vg.Point{X: d.at.X - s.radius, Y: d.at.Y - s.radius},
			Max: vg.Point{X: d.at.X + s.radius, Y: d.at.Y + s.radius},
		})
	}
	dot := draw.GlyphStyle{Color: s.color, Radius: s.radius, Shape: draw.CircleGlyph{}}
	for _, d := range dots {
		c.DrawGlyph(dot, d.at)
	}
	line := s.text.FontExtents().Height
	for i, d := range dots {
		if len(d.labels) == 0 {
			continue
		}
		label := mergeLabels(d.labels)
		bestCost := vg.Length(math.Inf(1))
		var bestSty text.Style
		var bestAt vg.Point
		var bestRect vg.Rectangle
		var bestNudge vg.Length
	search:
		for k := range 2*maxNudge + 1 {
			// Lines up or down: 0, +1, -1, +2, -2, …
			nudge := vg.Length((k+1)/2) * line
			if k%2 == 0 {
				nudge = -nudge
			}
			for _, spot := range labelSpots {
				sty := s.text
				sty.XAlign, sty.YAlign = spot.xa, spot.ya
				pos := d.at.Add(vg.Point{X: spot.dx * s.radius, Y: spot.dy*s.radius + nudge})
				r := sty.Rectangle(label).Add(pos)
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
					bestCost, bestSty, bestAt, bestRect, bestNudge = cost, sty, pos, r, nudge
				}
				if cost == 0 {
					break search
				}
			}
		}
		if bestNudge != 0 {
			s.leader(c, d.at, bestRect)
		}
		c.FillText(bestSty, bestAt, label)
		taken = append(taken, bestRect)
	}
}

// leader draws a thin line from the edge of the dot at "at" towards the
// nearest point of a label moved away from it, so that the reader can
// tell whose label it is.
func (s *scatterPlot) leader(c draw.Canvas, at vg.Point, label vg.Rectangle) {
	const gap = 1 // point between the line's end and the label
	to := vg.Point{X: min(max(at.X, label.Min.X), label.Max.X), Y: min(max(at.Y, label.Min.Y), label.Max.Y)}
	d := to.Sub(at)
	dist := vg.Length(math.Hypot(float64(d.X), float64(d.Y)))
	if dist <= s.radius+2*gap {
		return
	}
	unit := d.Scale(1 / dist)
	sty := draw.LineStyle{Color: axisColor, Width: vg.Points(0.5)}
	c.StrokeLine2(sty, at.X+unit.X*s.radius, at.Y+unit.Y*s.radius, to.X-unit.X*gap, to.Y-unit.Y*gap)
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
