// Package charts draws the charts of the simulation's reports: time series
// with 95% bands, stacked market shares, funnels, grouped bars, interval
// rows and labelled scatter plots.
//
// Charts are drawn with gonum.org/v1/plot and written as standalone SVG
// documents or as 150 dpi PNG images. The same inputs always give the same
// bytes. SVG text names the Liberation Sans font, the font that gonum
// measures text with, followed by the metric-compatible Arial and generic
// fallbacks; an SVG references no external resource.
//
// A numeric axis keeps within the Domain of its quantity (Options.XDomain
// and YDomain): counts and money never go below 0, shares never beyond
// 0–100%. By default every tick label of an axis has the same number of
// decimals, as many as the tick step needs, and a share axis is labelled
// in percent.
//
// Every chart constructor checks its input and returns an error, never
// panics, on empty, mismatched or invalid data. Errors wrap one of
// ErrNoData, ErrLength or ErrValue.
package charts

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"image/color"
	"math"
	"regexp"
	"strings"
	"unicode"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// ErrNoData is wrapped by the errors for input with nothing to draw: no
// series, an empty series, or values that are all NaN.
var ErrNoData = errors.New("no data")

// ErrLength is wrapped by the errors for slices whose lengths do not match.
var ErrLength = errors.New("mismatched lengths")

// ErrValue is wrapped by the errors for invalid values: infinities,
// negative counts, shares outside 0–1, x values out of order, or an
// impossible chart size.
var ErrValue = errors.New("invalid value")

// PNGDPI is the resolution of the images written by Chart.PNG.
const PNGDPI = 150

const (
	defaultWidthCM  = 16
	defaultHeightCM = 9
	minSizeCM       = 4
	maxSizeCM       = 100
)

// Options are the settings common to every chart.
type Options struct {
	Title  string
	XLabel string // with its unit, e.g. "year"
	YLabel string // with its unit, e.g. "staff", "share of contract value (%)"
	// YFormat formats the y tick labels, given the values as drawn (a
	// share as 0–1). Nil gives a default with thousands separators and,
	// on every tick, the decimals that the tick step needs ("12,000";
	// "1.50", "1.75", "2.00"), as percentages on a Share axis ("2.25%",
	// "2.50%"; "5%", "10%").
	YFormat func(float64) string
	// XFormat formats the x tick labels (and the value labels of a
	// Funnel) where x is numeric; nil gives the same default as YFormat,
	// except in TimeSeries and StackedShares, whose x values are years
	// written plainly, and for the value labels of a Funnel.
	XFormat func(float64) string
	// XDomain and YDomain are the ranges of the values on the x and y
	// axes where those are numeric: the y axis of TimeSeries and Bars,
	// both axes of Scatter and the x axis of Intervals and Funnel. The
	// axis is never drawn beyond its domain: lines, bands and bars that
	// go outside it are cut off at the axis end, and a Scatter point
	// outside it is an error. A Count axis has ticks only at whole
	// numbers and a Share axis is labelled as percentages. Other axes,
	// such as the years of TimeSeries and the 0–100% axis of
	// StackedShares, ignore their domain.
	XDomain, YDomain Domain
	// VLines are vertical reference lines, dotted and labelled at their
	// top, such as the year a branch starts; TimeSeries only.
	VLines []VLine
	// Width and Height are in centimetres; 0 gives 16 × 9. Funnel and
	// Intervals grow a zero Height to fit many rows.
	Width, Height float64
}

// Chart is a finished chart that can be written as SVG or PNG.
//
// A Chart holds a copy of its input and draws itself afresh for every
// SVG or PNG call, so it may be used from several goroutines at once.
type Chart struct {
	title string
	w, h  vg.Length
	body  func(st *styles) (*plot.Plot, []legendEntry)
}

// Title returns the chart's title: its Options.Title, with any control
// characters other than line breaks replaced by spaces.
func (c *Chart) Title() string { return c.title }

// SVG returns the chart as a standalone SVG document.
func (c *Chart) SVG() ([]byte, error) {
	cv := vgsvg.New(c.w, c.h)
	if err := c.draw(cv); err != nil {
		return nil, fmt.Errorf("charts: drawing SVG of %q: %w", c.title, err)
	}
	var buf bytes.Buffer
	if _, err := cv.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("charts: writing SVG of %q: %w", c.title, err)
	}
	return tidySVG(buf.Bytes(), c.title), nil
}

// PNG returns the chart as a PNG image at 150 dpi (PNGDPI): a 16 × 9 cm
// chart is 945 × 531 pixels.
func (c *Chart) PNG() ([]byte, error) {
	cv := vgimg.NewWith(vgimg.UseWH(c.w, c.h), vgimg.UseDPI(PNGDPI))
	if err := c.draw(cv); err != nil {
		return nil, fmt.Errorf("charts: drawing PNG of %q: %w", c.title, err)
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: cv}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("charts: writing PNG of %q: %w", c.title, err)
	}
	return buf.Bytes(), nil
}

// newChart checks the options' size and domains and returns a chart that
// draws body.
// minHeight, in centimetres, is the height a zero o.Height grows to when
// the default is too small for the chart's rows.
func newChart(o Options, minHeight float64, body func(st *styles) (*plot.Plot, []legendEntry)) (*Chart, error) {
	w, h := o.Width, o.Height
	if w == 0 {
		w = defaultWidthCM
	}
	if h == 0 {
		h = max(defaultHeightCM, minHeight)
	}
	if err := o.XDomain.check("x"); err != nil {
		return nil, err
	}
	if err := o.YDomain.check("y"); err != nil {
		return nil, err
	}
	for _, d := range []struct {
		name string
		v    float64
	}{{"width", w}, {"height", h}} {
		if !(d.v >= minSizeCM && d.v <= maxSizeCM) { // also catches NaN
			return nil, fmt.Errorf("%s %g cm is outside %d–%d cm: %w", d.name, d.v, minSizeCM, maxSizeCM, ErrValue)
		}
	}
	return &Chart{
		title: clean(o.Title),
		w:     vg.Length(w) * vg.Centimeter,
		h:     vg.Length(h) * vg.Centimeter,
		body:  body,
	}, nil
}

// draw lays the chart out on a canvas: title at the top left, legend at
// the bottom and the plot in between. A panic inside gonum, which the
// constructors' checks should make impossible, or in a caller's
// formatter is returned as an error.
func (c *Chart) draw(cv vg.CanvasSizer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic while drawing: %v", r)
		}
	}()
	st := newStyles()
	dc := draw.New(cv)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())

	const pad = 3 * vg.Millimeter // around the chart
	area := draw.Crop(dc, pad, -pad, pad, -pad)

	if c.title != "" {
		lines := strings.Split(wrapText(st.title, c.title, area.Max.X-area.Min.X), "\n")
		lineHeight := st.title.Font.Size * 1.25
		for i, line := range lines {
			st.title.Handler.Draw(area.Canvas, line, st.title, vg.Point{X: area.Min.X, Y: area.Max.Y - vg.Length(i)*lineHeight})
		}
		area.Max.Y -= vg.Length(len(lines))*lineHeight + vg.Points(4)
	}

	p, legend := c.body(st)
	if len(legend) > 0 {
		lh := drawLegend(area, st, legend)
		area.Min.Y += lh + vg.Points(4)
	}
	p.Draw(area)
	return nil
}

// styles are the text styles of one drawing, sharing one font cache.
type styles struct {
	handler text.Handler
	title   text.Style
	label   text.Style
	tick    text.Style
	legend  text.Style
	note    text.Style // labels inside the plot: counts, reference lines, points
}

// fontFamily is gonum's name of the Liberation Sans faces.
var fontFamily = font.Font{Typeface: "Liberation", Variant: "Sans"}

var (
	textColor  = color.Gray{Y: 0x1a}
	mutedColor = color.Gray{Y: 0x55}
	axisColor  = color.Gray{Y: 0x80}
	gridColor  = color.Gray{Y: 0xe3}
)

func newStyles() *styles {
	h := text.Plain{Fonts: font.NewCache(liberation.Collection())}
	mk := func(size vg.Length, clr color.Color, bold bool) text.Style {
		f := font.From(fontFamily, size)
		if bold {
			f.Weight = xfont.WeightBold
		}
		return text.Style{Color: clr, Font: f, Handler: h, XAlign: draw.XLeft, YAlign: draw.YTop}
	}
	return &styles{
		handler: h,
		title:   mk(11, textColor, true),
		label:   mk(9, textColor, false),
		tick:    mk(8, mutedColor, false),
		legend:  mk(8, textColor, false),
		note:    mk(7.5, mutedColor, false),
	}
}

// newPlot returns a plot with the package's axis styles and o's labels.
func newPlot(st *styles, o Options) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil
	p.TextHandler = st.handler
	p.Legend.TextStyle = st.legend
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = st.label
		a.Label.TextStyle.XAlign = draw.XCenter
		a.Label.TextStyle.YAlign = draw.YBottom
		a.Label.Padding = vg.Points(4)
		a.LineStyle = draw.LineStyle{Color: axisColor, Width: vg.Points(0.6)}
		a.Tick.LineStyle = draw.LineStyle{Color: axisColor, Width: vg.Points(0.6)}
		a.Tick.Length = vg.Points(3)
		a.Tick.Label = st.tick
		a.Padding = vg.Points(2)
	}
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.X.Label.Text = clean(o.XLabel)
	p.Y.Label.Text = clean(o.YLabel)
	return p
}

// nominalY puts names on the y axis at 0…n-1, the first name on top, with
// no tick marks.
func nominalY(p *plot.Plot, names []string) {
	n := len(names)
	ticks := make([]plot.Tick, n)
	for i, name := range names {
		ticks[i] = plot.Tick{Value: float64(n - 1 - i), Label: name}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
}

// centreNudge is how far to raise a one-line text drawn with YCenter so
// that it looks centred: gonum centres the font's whole height, descender
// included, which puts digits and capitals a little low.
func centreNudge(sty text.Style) vg.Length { return 0.1 * sty.Font.Size }

// clean makes a label safe to draw: valid UTF-8 with no control
// characters other than line breaks.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// wrapText breaks s at spaces so that no line is wider than width, where
// it can.
func wrapText(sty text.Style, s string, width vg.Length) string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		line := ""
		for _, w := range words {
			switch {
			case line == "":
				line = w
			case sty.Width(line+" "+w) <= width:
				line += " " + w
			default:
				out = append(out, line)
				line = w
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// svgXlink is the namespace declaration that gonum writes for images.
const svgXlink = "\n\txmlns:xlink=\"http://www.w3.org/1999/xlink\""

var svgFamily = regexp.MustCompile(`font-family:([^;"']+);`)

// fallbacks are the CSS families tried after each Liberation family: the
// fonts they are metric-compatible with, then the generic family.
var fallbacks = map[string]string{
	"Liberation Sans":  "Arial,Helvetica,sans-serif",
	"Liberation Serif": "'Times New Roman',Times,serif",
	"Liberation Mono":  "'Courier New',Courier,monospace",
}

// tidySVG makes gonum's SVG self-contained and accessible: it drops the
// unused xlink namespace (the charts draw no images), gives each font
// family its fallbacks and adds a <title> for screen readers.
func tidySVG(svg []byte, title string) []byte {
	s := strings.Replace(string(svg), svgXlink, "", 1)
	s = svgFamily.ReplaceAllStringFunc(s, func(m string) string {
		fam := strings.TrimSpace(svgFamily.FindStringSubmatch(m)[1])
		fb, ok := fallbacks[fam]
		if !ok {
			fb = "sans-serif"
		}
		return "font-family:'" + fam + "'," + fb + ";"
	})
	if title != "" {
		if i := strings.Index(s, "<svg"); i >= 0 {
			if j := strings.IndexByte(s[i:], '>'); j >= 0 {
				k := i + j + 1
				s = s[:k] + "\n<title>" + html.EscapeString(title) + "</title>" + s[k:]
			}
		}
	}
	return []byte(s)
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// checkInf returns an ErrValue error naming what[i] if v is infinite.
func checkInf(what string, i int, v float64) error {
	if math.IsInf(v, 0) {
		return fmt.Errorf("%s[%d] is %v: %w", what, i, v, ErrValue)
	}
	return nil
}
