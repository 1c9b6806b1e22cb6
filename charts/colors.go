package charts

import (
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The provider kinds' colours come from the Okabe–Ito palette, with its
// blue darkened for "nhs", so that the four also differ in greyscale
// luminance by at least 0.15 (relative luminance, as in WCAG 2: from
// darkest to lightest about 0.07, 0.26, 0.42 and 0.74).
var (
	nhsColor     = color.NRGBA{R: 0x00, G: 0x4F, B: 0x7C, A: 0xFF} // dark blue
	mutualColor  = color.NRGBA{R: 0x00, G: 0x9E, B: 0x73, A: 0xFF} // bluish green
	privateColor = color.NRGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 0xFF} // orange
	jvColor      = color.NRGBA{R: 0xF0, G: 0xE4, B: 0x42, A: 0xFF} // yellow
	otherColor   = color.NRGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xFF} // neutral grey
)

// seriesPalette is the colours series take, in order: the five colours of
// the Okabe–Ito palette that no provider kind uses, darker and more
// saturated first, so that no scenario line in a chart can be mistaken for
// a kind ("mutual" green, "private" orange, "jv" yellow). It is never
// modified.
var seriesPalette = [...]color.NRGBA{
	{R: 0x00, G: 0x72, B: 0xB2, A: 0xFF}, // blue
	{R: 0xD5, G: 0x5E, B: 0x00, A: 0xFF}, // vermillion
	{R: 0xCC, G: 0x79, B: 0xA7, A: 0xFF}, // reddish purple
	{R: 0x56, G: 0xB4, B: 0xE9, A: 0xFF}, // sky blue
	{R: 0x00, G: 0x00, B: 0x00, A: 0xFF}, // black
}

// dashPatterns tell series apart in greyscale, in points: solid, dashed,
// dotted, dash-dot and so on. It is never modified.
var dashPatterns = [...][]vg.Length{
	nil,
	{6, 2.5},
	{1.5, 2},
	{6, 2, 1.5, 2},
	{11, 3},
	{3, 2},
	{6, 2, 1.5, 2, 1.5, 2},
	{11, 2, 3, 2},
}

// KindColor returns the colour of a provider kind ("nhs", "mutual",
// "private" or "jv"), the same in every chart; any other text gets a
// neutral grey.
func KindColor(kind string) color.Color {
	c, _ := kindColor(kind)
	return c
}

// kindLabel returns the name that a legend shows for a series, layer or
// group named name: a provider kind's readable name ("NHS", "mutual",
// "private", "joint venture"), or name itself.
func kindLabel(name string) string {
	switch name {
	case "nhs":
		return "NHS"
	case "jv":
		return "joint venture"
	}
	return name
}

// kindColor returns a kind's colour and whether kind is a provider kind.
func kindColor(kind string) (color.NRGBA, bool) {
	switch kind {
	case "nhs":
		return nhsColor, true
	case "mutual":
		return mutualColor, true
	case "private":
		return privateColor, true
	case "jv":
		return jvColor, true
	}
	return otherColor, false
}

// SeriesColor returns the colour of the i-th series, such as the i-th
// scenario of a batch, from the colour-blind-safe Okabe–Ito palette: blue,
// vermillion, reddish purple, sky blue and black, none of which is close
// to a provider kind's colour. The five colours repeat from i = 5 on, with
// other dash patterns; negative i count from the end.
func SeriesColor(i int) color.Color {
	return seriesColor(i)
}

func seriesColor(i int) color.NRGBA {
	n := len(seriesPalette)
	return seriesPalette[((i%n)+n)%n]
}

// seriesDashes returns the i-th series' dash pattern, the i-th of the
// eight. With the five colours, the first 40 series differ in colour or
// dashes, and the first 8 in dashes alone, for greyscale.
func seriesDashes(i int) []vg.Length {
	n := len(dashPatterns)
	return dashPatterns[((i%n)+n)%n]
}

// lineColor returns the colour and dashes of the i-th named line: a
// provider kind's colour, solid; otherwise the i-th series colour and
// dashes.
func lineColor(name string, i int) (color.NRGBA, []vg.Length) {
	if c, ok := kindColor(name); ok {
		return c, nil
	}
	return seriesColor(i), seriesDashes(i)
}

// areaColor returns the fill colour of the i-th named area: a provider
// kind's colour, otherwise the i-th series colour.
func areaColor(name string, i int) color.NRGBA {
	if c, ok := kindColor(name); ok {
		return c
	}
	return seriesColor(i)
}

// translucent returns c with the given opacity.
func translucent(c color.NRGBA, alpha uint8) color.NRGBA {
	c.A = alpha
	return c
}

// luma is the Rec. 601 luma of a colour, 0–1: the weighted sum of its
// gamma-encoded channels that common greyscale conversions use.
func luma(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)) / 0xffff
}

// caseAbove is the luma above which a line is drawn with a darker edge,
// so that it shows on white: only yellow, of the package's colours.
const caseAbove = 0.75

// strokeCased strokes a line; a light line gets a thin darker edge of
// its own hue first.
func strokeCased(c *draw.Canvas, sty draw.LineStyle, pts []vg.Point) {
	if luma(sty.Color) > caseAbove {
		r, g, b, _ := sty.Color.RGBA()
		dark := func(v uint32) uint8 { return uint8((v >> 8) * 6 / 10) }
		edge := sty
		edge.Color = color.NRGBA{R: dark(r), G: dark(g), B: dark(b), A: 0xFF}
		edge.Width += vg.Points(1)
		c.StrokeLines(edge, pts)
	}
	c.StrokeLines(sty, pts)
}
