package charts

import (
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendEntry is one item of a legend: a label and a function that draws
// its swatch in the given rectangle.
type legendEntry struct {
	label  string
	swatch func(c *draw.Canvas)
	box    bool // a small box rather than a length of line
}

// swatch sizes, in points.
const (
	swatchWidth = 22 // for a line
	boxWidth    = 11 // for a box
	swatchGap   = 4  // between swatch and label
	entryGap    = 12 // between entries
	rowGap      = 3  // between rows
)

// drawLegend draws the entries in rows along the bottom of area, left to
// right, starting a new row when one is full, and returns the height it
// took.
func drawLegend(area draw.Canvas, st *styles, entries []legendEntry) vg.Length {
	sty := st.legend
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	width := area.Max.X - area.Min.X
	ext := sty.FontExtents()
	rowH := ext.Ascent + ext.Descent

	type placed struct {
		entry legendEntry
		x     vg.Length
		row   int
	}
	var items []placed
	x, row := vg.Length(0), 0
	swatchW := func(e legendEntry) vg.Length {
		if e.box {
			return boxWidth
		}
		return swatchWidth
	}
	for _, e := range entries {
		w := swatchW(e) + swatchGap + sty.Width(e.label)
		if x > 0 && x+w > width {
			x, row = 0, row+1
		}
		items = append(items, placed{entry: e, x: x, row: row})
		x += w + entryGap
	}
	rows := row + 1
	height := vg.Length(rows)*rowH + vg.Length(rows-1)*rowGap
	for _, it := range items {
		top := area.Min.Y + height - vg.Length(it.row)*(rowH+rowGap)
		x0 := area.Min.X + it.x
		sw := draw.Canvas{Canvas: area.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x0, Y: top - rowH + 1},
			Max: vg.Point{X: x0 + swatchW(it.entry), Y: top - 1},
		}}
		it.entry.swatch(&sw)
		sty.Handler.Draw(area.Canvas, it.entry.label, sty, vg.Point{X: x0 + swatchW(it.entry) + swatchGap, Y: top - rowH/2 + centreNudge(sty)})
	}
	return height
}

// lineEntry is a legend entry for a line with an optional band behind
// it.
func lineEntry(label string, line draw.LineStyle, band color.Color) legendEntry {
	return legendEntry{label: label, swatch: func(c *draw.Canvas) {
		if band != nil {
			h := (c.Max.Y - c.Min.Y) / 2
			mid := c.Center().Y
			c.FillPolygon(band, rectPoints(c.Min.X, mid-h*0.8, c.Max.X, mid+h*0.8))
		}
		y := c.Center().Y
		strokeCased(c, line, []vg.Point{{X: c.Min.X, Y: y}, {X: c.Max.X, Y: y}})
	}}
}

// boxEntry is a legend entry for a filled box.
func boxEntry(label string, fill color.Color) legendEntry {
	return legendEntry{label: label, box: true, swatch: func(c *draw.Canvas) {
		c.FillPolygon(fill, rectPoints(c.Min.X, c.Min.Y, c.Max.X, c.Max.Y))
	}}
}

// rectPoints returns the corners of a rectangle.
func rectPoints(x0, y0, x1, y1 vg.Length) []vg.Point {
	return []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}
