package charts

import (
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
// at y = at, or vertical at x = at, with an optional label at its end.
type refLine struct {
	at       float64
	vertical bool
	label    string
	style    draw.LineStyle
	text     draw.TextStyle
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
	if !c.ContainsY(y) {
		return
	}
	c.StrokeLine2(r.style, c.Min.X, y, c.Max.X, y)
	if r.label != "" {
		c.FillText(r.text, vg.Point{X: c.Max.X - 2, Y: y + 1.5}, r.label)
	}
}

// GlyphBoxes implements plot.GlyphBoxer, so that the plot leaves room
// for the label.
func (r refLine) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	if r.vertical || r.label == "" {
		return nil
	}
	return []plot.GlyphBox{{
		X:         1,
		Y:         p.Y.Norm(r.at),
		Rectangle: r.text.Rectangle(r.label).Add(vg.Point{X: -2, Y: 1.5}),
	}}
}
