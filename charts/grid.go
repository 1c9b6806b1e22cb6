package charts

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// grid draws light lines at the labelled ticks of the chosen axes, under
// the data.
type grid struct {
	x, y bool
}

// Plot implements plot.Plotter.
func (g grid) Plot(c draw.Canvas, p *plot.Plot) {
	sty := draw.LineStyle{Color: gridColor, Width: vg.Points(0.6)}
	if g.y {
		for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
			y := c.Y(p.Y.Norm(t.Value))
			if t.IsMinor() || !c.ContainsY(y) {
				continue
			}
			c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
		}
	}
	if g.x {
		for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			x := c.X(p.X.Norm(t.Value))
			if t.IsMinor() || !c.ContainsX(x) {
				continue
			}
			c.StrokeLine2(sty, x, c.Min.Y, x, c.Max.Y)
		}
	}
}

// refLine is a straight reference line across the data area: horizontal
// at y = at, or vertical at x = at. Its label, if any, is a refLabel,
// added after the data so as to be drawn over it.
type refLine struct {
	at       float64
	vertical bool
	style    draw.LineStyle
}

// Plot implements plot.Plotter.
func (r refLine) Plot(c draw.Canvas, p *plot.Plot) {
	if r.vertical {
		x := c.X(p.X.Norm(r.at))
		if c.ContainsX(x) {
			c.StrokeLine2(r.style, x, c.Min.Y, x, c.Max.Y)
		}
		return
	}
	y := c.Y(p.Y.Norm(r.at))
	if c.ContainsY(y) {
		c.StrokeLine2(r.style, c.Min.X, y, c.Max.X, y)
	}
}

// refLabel is the label of a horizontal reference line at y = at: right
// aligned just above the line's right end, on a translucent white box
// that keeps it readable over lines and bands.
type refLabel struct {
	at    float64
	label string
	text  draw.TextStyle
}

// The box behind a reference line's label.
const (
	refLabelPad     = 1.5  // points around the text
	refLabelGap     = 1    // points between the line and the box
	refLabelInset   = 2    // points between the box and the data area's right edge
	refLabelOpacity = 0xD9 // about 85%
)

// offset returns the label's text style and where, relative to the
// line's right end, its text and its box go.
func (r refLabel) offset() (draw.TextStyle, vg.Point, vg.Rectangle) {
	sty := r.text
	sty.XAlign, sty.YAlign = draw.XRight, draw.YBottom
	box := sty.Rectangle(r.label)
	at := vg.Point{X: -refLabelInset - refLabelPad, Y: refLabelGap + refLabelPad - box.Min.Y}
	box = box.Add(at)
	box.Min = box.Min.Sub(vg.Point{X: refLabelPad, Y: refLabelPad})
	box.Max = box.Max.Add(vg.Point{X: refLabelPad, Y: refLabelPad})
	return sty, at, box
}

// Plot implements plot.Plotter.
func (r refLabel) Plot(c draw.Canvas, p *plot.Plot) {
	y := c.Y(p.Y.Norm(r.at))
	if !c.ContainsY(y) {
		return
	}
	end := vg.Point{X: c.Max.X, Y: y}
	sty, at, box := r.offset()
	box = box.Add(end)
	c.FillPolygon(color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: refLabelOpacity}, rectPoints(box.Min.X, box.Min.Y, box.Max.X, box.Max.Y))
	c.FillText(sty, end.Add(at), r.label)
}

// GlyphBoxes implements plot.GlyphBoxer, so that the plot leaves room
// for the label.
func (r refLabel) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	_, _, box := r.offset()
	return []plot.GlyphBox{{X: 1, Y: p.Y.Norm(r.at), Rectangle: box}}
}

// vLabel is the label of a vertical reference line at x = at: left
// aligned just right of the line's top, on the same translucent white box
// as a refLabel.
type vLabel struct {
	at    float64
	label string
	text  draw.TextStyle
}

// Plot implements plot.Plotter.
func (v vLabel) Plot(c draw.Canvas, p *plot.Plot) {
	x := c.X(p.X.Norm(v.at))
	if !c.ContainsX(x) {
		return
	}
	sty := v.text
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
	at := vg.Point{X: x + refLabelGap + refLabelPad, Y: c.Max.Y - refLabelPad}
	box := sty.Rectangle(v.label).Add(at)
	c.FillPolygon(color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: refLabelOpacity},
		rectPoints(box.Min.X-refLabelPad, box.Min.Y-refLabelPad, box.Max.X+refLabelPad, box.Max.Y+refLabelPad))
	c.FillText(sty, at, v.label)
}
