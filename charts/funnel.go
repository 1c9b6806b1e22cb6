package charts

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// rowsHeight is the height in centimetres that a chart of n rows needs:
// about 0.6 cm a row plus the title and the x axis.
func rowsHeight(n int) float64 { return 3 + 0.6*float64(n) }

// Funnel draws counts as horizontal bars, one for each stage, the first
// stage on top, each bar labelled with its count. Counts must be finite
// and not negative, and on a Share XDomain not above 1. The count labels
// use XFormat if given, otherwise whole numbers from 100 up and three
// significant digits below (as percentages on a Share axis). A zero
// Height grows to fit many stages.
func Funnel(o Options, stages []string, counts []float64) (*Chart, error) {
	const fn = "charts.Funnel"
	if len(stages) == 0 {
		return nil, fmt.Errorf("%s: no stages: %w", fn, ErrNoData)
	}
	if len(counts) != len(stages) {
		return nil, fmt.Errorf("%s: %d stages but %d counts: %w", fn, len(stages), len(counts), ErrLength)
	}
	hi := 0.0
	for i, v := range counts {
		if !finite(v) || v < 0 {
			return nil, fmt.Errorf("%s: count %d (%q) is %v, not a count: %w", fn, i, stages[i], v, ErrValue)
		}
		if o.XDomain == Share && v > 1+shareSlack {
			return nil, fmt.Errorf("%s: count %d (%q) is %v, not a share in 0–1: %w", fn, i, stages[i], v, ErrValue)
		}
		hi = math.Max(hi, v)
	}
	names := make([]string, len(stages))
	for i, s := range stages {
		names[i] = clean(s)
	}
	vals := slices.Clone(counts)
	w, _ := sizeOr(o)
	xsc := axisScale(0, hi, targetTicks(w, 2.6), o.XDomain)
	lfmt := orDefault(o.XFormat, formatValue)
	if o.XDomain == Share {
		lfmt = orDefault(o.XFormat, func(v float64) string { return formatValue(100*v) + "%" })
	}

	return newChart(o, rowsHeight(len(names)), func(st *styles) (*plot.Plot, []legendEntry) {
		p := newPlot(st, o)
		setAxis(&p.X, xsc, o.XFormat, o.XDomain)
		nominalY(p, names)
		p.Y.Padding = 0 // bars start at the y axis
		label := st.note
		label.Color = textColor
		label.XAlign, label.YAlign = draw.XLeft, draw.YCenter
		p.Add(grid{x: true}, &hbars{values: vals, format: lfmt, fill: seriesColor(0), text: label})
		return p, nil
	})
}

// hbars draws horizontal bars from 0, the first on top, each labelled
// with its value to the right of its end.
type hbars struct {
	values []float64
	format func(float64) string
	fill   color.Color
	text   text.Style
}

const (
	barHeight = 0.65 // of a row
	labelGap  = 3    // points between a bar's end and its label
)

func (b *hbars) row(i int) float64 { return float64(len(b.values) - 1 - i) }

// Plot implements plot.Plotter.
func (b *hbars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, v := range b.values {
		y0, y1 := trY(b.row(i)-barHeight/2), trY(b.row(i)+barHeight/2)
		x0, x1 := trX(0), trX(v)
		if x1 > x0 {
			c.FillPolygon(b.fill, c.ClipPolygonXY(rectPoints(x0, y0, x1, y1)))
		}
		c.FillText(b.text, vg.Point{X: x1 + labelGap, Y: trY(b.row(i)) + centreNudge(b.text)}, b.format(v))
	}
}

// GlyphBoxes implements plot.GlyphBoxer, so that the plot leaves room
// for the labels.
func (b *hbars) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	boxes := make([]plot.GlyphBox, len(b.values))
	for i, v := range b.values {
		boxes[i] = plot.GlyphBox{
			X:         p.X.Norm(v),
			Y:         p.Y.Norm(b.row(i)),
			Rectangle: b.text.Rectangle(b.format(v)).Add(vg.Point{X: labelGap}),
		}
	}
	return boxes
}
