package charts

import (
	"bytes"
	"errors"
	"image/color"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/recorder"
)

// axisView is what a chart's axis shows: its range and tick labels.
type axisView struct {
	min, max float64
	ticks    []string
}

func viewAxis(a *plot.Axis) axisView {
	v := axisView{min: a.Min, max: a.Max}
	for _, t := range a.Tick.Marker.Ticks(a.Min, a.Max) {
		if !t.IsMinor() {
			v.ticks = append(v.ticks, t.Label)
		}
	}
	return v
}

// axes lays a chart out and returns its x and y axes.
func axes(t *testing.T, c *Chart, err error) (x, y axisView) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := c.body(newStyles())
	return viewAxis(&p.X), viewAxis(&p.Y)
}

func TestAxisScale(t *testing.T) {
	tests := []struct {
		name     string
		lo, hi   float64
		target   int
		d        Domain
		min, max float64
		ticks    []string
	}{
		{"constant share of 1 stops at 100%", 1, 1, 5, Share, 0.9, 1, []string{"90%", "95%", "100%"}},
		{"all-zero share", 0, 0, 5, Share, 0, 1, []string{"0%", "20%", "40%", "60%", "80%", "100%"}},
		{"share above 1 is cut off", 0.5, 1.2, 5, Share, 0.5, 1, []string{"50%", "60%", "70%", "80%", "90%", "100%"}},
		{"share in quarter points", 0.0225, 0.03, 3, Share, 0.0225, 0.03, []string{"2.25%", "2.50%", "2.75%", "3.00%"}},
		{"share in half points", 0, 0.07, 3, Share, 0, 0.075, []string{"0.0%", "2.5%", "5.0%", "7.5%"}},
		{"share from 0", 0, 0.35, 5, Share, 0, 0.4, []string{"0%", "10%", "20%", "30%", "40%"}},
		{"all-zero count", 0, 0, 5, Count, 0, 1, []string{"0", "1"}},
		{"count to 1", 0, 1, 5, Count, 0, 1, []string{"0", "1"}},
		{"small count", 0, 3, 5, Count, 0, 3, []string{"0", "1", "2", "3"}},
		{"count in twos", 0, 13, 5, Count, 0, 14, []string{"0", "2", "4", "6", "8", "10", "12", "14"}},
		{"constant count", 2.3, 2.3, 5, Count, 1, 4, []string{"1", "2", "3", "4"}},
		{"count below 0 is cut off", -0.6, 2.6, 5, Count, 0, 3, []string{"0", "1", "2", "3"}},
		{"padded mu* does not start below 0", -200, 5200, 6, NonNegative, 0, 6000, []string{"0", "1,000", "2,000", "3,000", "4,000", "5,000", "6,000"}},
		{"all negative on a non-negative axis", -5, -1, 5, NonNegative, 0, 1, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{"unbounded goes below 0", -200, 5200, 6, Unbounded, -1000, 6000, []string{"-1,000", "0", "1,000", "2,000", "3,000", "4,000", "5,000", "6,000"}},
		{"unbounded all zero", 0, 0, 5, Unbounded, 0, 1, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{"unbounded quarters", 1.5, 2.5, 4, Unbounded, 1.5, 2.5, []string{"1.50", "1.75", "2.00", "2.25", "2.50"}},
		{"unbounded halves", 1.1, 2.9, 4, Unbounded, 1, 3, []string{"1.0", "1.5", "2.0", "2.5", "3.0"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc := axisScale(tc.lo, tc.hi, tc.target, tc.d)
			var got []string
			for _, tk := range (ticker{step: sc.step, format: tickFormat(sc.step, tc.d)}).Ticks(sc.min, sc.max) {
				got = append(got, tk.Label)
			}
			if !slices.Equal(got, tc.ticks) {
				t.Errorf("ticks %q, want %q", got, tc.ticks)
			}
			if math.Abs(sc.min-tc.min) > 1e-12 || math.Abs(sc.max-tc.max) > 1e-12 {
				t.Errorf("range %v–%v, want %v–%v", sc.min, sc.max, tc.min, tc.max)
			}
		})
	}
}

func TestTickFormat(t *testing.T) {
	tests := []struct {
		name   string
		step   step
		d      Domain
		values []float64
		want   []string
	}{
		{"quarters", step{25, -2}, Unbounded, []float64{1.5, 1.75, 2}, []string{"1.50", "1.75", "2.00"}},
		{"halves", step{5, -1}, Unbounded, []float64{1.5, 2}, []string{"1.5", "2.0"}},
		{"fives", step{5, 0}, Unbounded, []float64{5, 10}, []string{"5", "10"}},
		{"thousands", step{2, 3}, Unbounded, []float64{10000, 12000}, []string{"10,000", "12,000"}},
		{"two and a half thousands", step{25, 2}, NonNegative, []float64{0, 2500, 5000}, []string{"0", "2,500", "5,000"}},
		{"negative", step{5, 2}, Unbounded, []float64{-1500, -1000}, []string{"-1,500", "-1,000"}},
		{"no negative zero", step{1, -2}, Unbounded, []float64{math.Copysign(0, -1), -1e-17}, []string{"0.00", "0.00"}},
		{"binary noise", step{1, -1}, Unbounded, []float64{0.1 + 0.2}, []string{"0.3"}},
		{"count", step{1, 0}, Count, []float64{0, 1, 2}, []string{"0", "1", "2"}},
		{"share in quarter points", step{25, -4}, Share, []float64{0.0225, 0.025, 0.0275, 0.03}, []string{"2.25%", "2.50%", "2.75%", "3.00%"}},
		{"share in fives", step{5, -2}, Share, []float64{0.05, 0.1}, []string{"5%", "10%"}},
		{"share in two and a halves", step{25, -3}, Share, []float64{0.025, 0.05}, []string{"2.5%", "5.0%"}},
		{"share in quarters", step{25, -2}, Share, []float64{0, 0.25, 1}, []string{"0%", "25%", "100%"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := tickFormat(tc.step, tc.d)
			var got []string
			for _, v := range tc.values {
				got = append(got, f(v))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("labels %q, want %q", got, tc.want)
			}
		})
	}
}

// TestChartDomains checks that every chart applies its options' domains
// to its numeric axes, and only to those.
func TestChartDomains(t *testing.T) {
	yrs := []float64{2025, 2026, 2027}
	pct := func(v float64) string { return "v" + formatNumber(v) }
	tests := []struct {
		name  string
		build func() (*Chart, error)
		axis  string // "x" or "y"
		want  axisView
	}{
		{"time series: constant share of 1", func() (*Chart, error) {
			return TimeSeries(Options{YDomain: Share}, []Band{{Name: "s", X: yrs, Mean: []float64{1, 1, 1}}})
		}, "y", axisView{0.9, 1, []string{"90%", "95%", "100%"}}},
		{"time series: share in quarter points", func() (*Chart, error) {
			return TimeSeries(Options{YDomain: Share, Height: 5}, []Band{{Name: "s", X: yrs, Mean: []float64{0.0225, 0.026, 0.03}}})
		}, "y", axisView{0.0225, 0.03, []string{"2.25%", "2.50%", "2.75%", "3.00%"}}},
		{"time series: all-zero count", func() (*Chart, error) {
			return TimeSeries(Options{YDomain: Count}, []Band{{Name: "s", X: yrs, Mean: []float64{0, 0, 0}}})
		}, "y", axisView{0, 1, []string{"0", "1"}}},
		{"time series: count band below 0", func() (*Chart, error) {
			return TimeSeries(Options{YDomain: Count}, []Band{{Name: "s", X: yrs, Mean: []float64{1, 2, 1}, Low: []float64{-1, 0, -1}, High: []float64{3, 4, 3}}})
		}, "y", axisView{0, 4, []string{"0", "1", "2", "3", "4"}}},
		{"time series: own format wins", func() (*Chart, error) {
			return TimeSeries(Options{YDomain: Share, YFormat: pct}, []Band{{Name: "s", X: yrs, Mean: []float64{0, 0.5, 1}}})
		}, "y", axisView{0, 1, []string{"v0", "v0.2", "v0.4", "v0.6", "v0.8", "v1"}}},
		{"time series: years ignore the x domain", func() (*Chart, error) {
			return TimeSeries(Options{XDomain: Share}, []Band{{Name: "s", X: yrs, Mean: []float64{0, 1, 2}}})
		}, "x", axisView{2025, 2027, []string{"2025", "2026", "2027"}}},
		{"scatter: mu* and sigma from 0", func() (*Chart, error) {
			return Scatter(Options{XDomain: NonNegative, YDomain: NonNegative}, []Point{{"a", 0, 0}, {"b", 0, 0}, {"c", 5000, 3000}})
		}, "x", axisView{0, 6000, []string{"0", "1,000", "2,000", "3,000", "4,000", "5,000", "6,000"}}},
		{"scatter: sigma from 0", func() (*Chart, error) {
			return Scatter(Options{XDomain: NonNegative, YDomain: NonNegative}, []Point{{"a", 0, 0}, {"c", 5000, 3000}})
		}, "y", axisView{0, 4000, []string{"0", "1,000", "2,000", "3,000", "4,000"}}},
		{"scatter: share x", func() (*Chart, error) {
			return Scatter(Options{XDomain: Share}, []Point{{"a", 0, 0}, {"c", 1 + 1e-12, 3}})
		}, "x", axisView{0, 1, []string{"0%", "20%", "40%", "60%", "80%", "100%"}}},
		{"scatter: unbounded", func() (*Chart, error) {
			return Scatter(Options{}, []Point{{"a", 0, 0}, {"c", 5000, 3000}})
		}, "x", axisView{-1000, 6000, []string{"-1,000", "0", "1,000", "2,000", "3,000", "4,000", "5,000", "6,000"}}},
		{"bars: all-zero count", func() (*Chart, error) {
			return Bars(Options{YDomain: Count}, []string{"a", "b"}, []Group{{Name: "g", Values: []float64{0, 0}}})
		}, "y", axisView{0, 1, []string{"0", "1"}}},
		{"bars: shares with error bars above 1", func() (*Chart, error) {
			return Bars(Options{YDomain: Share}, []string{"a", "b"}, []Group{{Name: "g", Values: []float64{0.5, 0.95}, Low: []float64{0.4, 0.9}, High: []float64{0.6, 1.05}}})
		}, "y", axisView{0, 1, []string{"0%", "20%", "40%", "60%", "80%", "100%"}}},
		{"bars: non-negative cuts off an error bar", func() (*Chart, error) {
			return Bars(Options{YDomain: NonNegative}, []string{"a"}, []Group{{Name: "g", Values: []float64{2.5}, Low: []float64{-0.5}, High: []float64{3.5}}})
		}, "y", axisView{0, 4, []string{"0", "1", "2", "3", "4"}}},
		{"intervals: share", func() (*Chart, error) {
			return Intervals(Options{XDomain: Share}, []Interval{{"a", 0.9, 0.8, 1.02}}, false)
		}, "x", axisView{0.8, 1, []string{"80%", "85%", "90%", "95%", "100%"}}},
		{"intervals: non-negative with zero", func() (*Chart, error) {
			return Intervals(Options{XDomain: NonNegative}, []Interval{{"a", 3, -1, 7}}, true)
		}, "x", axisView{0, 7, []string{"0", "1", "2", "3", "4", "5", "6", "7"}}},
		{"funnel: count", func() (*Chart, error) {
			return Funnel(Options{XDomain: Count}, []string{"a", "b"}, []float64{1, 0})
		}, "x", axisView{0, 1, []string{"0", "1"}}},
		{"funnel: share", func() (*Chart, error) {
			return Funnel(Options{XDomain: Share}, []string{"a", "b"}, []float64{1, 0.4})
		}, "x", axisView{0, 1, []string{"0%", "20%", "40%", "60%", "80%", "100%"}}},
		{"stacked: keeps 0–100%", func() (*Chart, error) {
			return StackedShares(Options{YDomain: Count}, yrs, []Layer{{Name: "nhs", Values: []float64{0.5, 0.5, 0.5}}})
		}, "y", axisView{0, 100, []string{"0%", "25%", "50%", "75%", "100%"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tc.build()
			x, y := axes(t, c, err)
			got := y
			if tc.axis == "x" {
				got = x
			}
			if !slices.Equal(got.ticks, tc.want.ticks) {
				t.Errorf("ticks %q, want %q", got.ticks, tc.want.ticks)
			}
			if math.Abs(got.min-tc.want.min) > 1e-12 || math.Abs(got.max-tc.want.max) > 1e-12 {
				t.Errorf("range %v–%v, want %v–%v", got.min, got.max, tc.want.min, tc.want.max)
			}
		})
	}
}

func TestDomainErrors(t *testing.T) {
	ok := []Band{{Name: "s", X: []float64{1, 2}, Mean: []float64{1, 2}}}
	tests := []struct {
		name    string
		build   func() (*Chart, error)
		message string
	}{
		{"unknown y domain", func() (*Chart, error) { return TimeSeries(Options{YDomain: Share + 1}, ok) }, "y domain Domain(4)"},
		{"unknown x domain", func() (*Chart, error) { return Scatter(Options{XDomain: -1}, []Point{{"a", 1, 1}}) }, "x domain Domain(-1)"},
		{"scatter below 0", func() (*Chart, error) {
			return Scatter(Options{XDomain: NonNegative}, []Point{{"a", 1, 1}, {"b", -0.5, 1}})
		}, `point 1 "b" at (-0.5, 1) is outside the axes' domains, x NonNegative`},
		{"scatter share above 1", func() (*Chart, error) {
			return Scatter(Options{YDomain: Share}, []Point{{"a", 1, 1.1}})
		}, "y Share"},
		{"funnel share above 1", func() (*Chart, error) {
			return Funnel(Options{XDomain: Share}, []string{"a"}, []float64{2})
		}, "not a share"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tc.build()
			if err == nil {
				t.Fatalf("no error; chart %v", c)
			}
			if !errors.Is(err, ErrValue) {
				t.Errorf("error %q does not wrap %q", err, ErrValue)
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %q does not say %q", err, tc.message)
			}
		})
	}
}

func TestDomainString(t *testing.T) {
	for d, want := range map[Domain]string{Unbounded: "Unbounded", NonNegative: "NonNegative", Count: "Count", Share: "Share", 9: "Domain(9)"} {
		if got := d.String(); got != want {
			t.Errorf("Domain(%d).String() = %q, want %q", int(d), got, want)
		}
	}
}

// svgTexts returns the text of every <text> element of an SVG.
func svgTexts(t *testing.T, c *Chart) []string {
	t.Helper()
	svg, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<text[^>]*>([^<]*)</text>`).FindAllSubmatch(svg, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

func TestSeriesPaletteAvoidsKinds(t *testing.T) {
	want := []color.NRGBA{
		{0x00, 0x72, 0xB2, 0xFF}, // blue
		{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
		{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
		{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
		{0x00, 0x00, 0x00, 0xFF}, // black
	}
	for i, w := range want {
		if got := SeriesColor(i); got != w {
			t.Errorf("SeriesColor(%d) = %v, want %v", i, got, w)
		}
	}
	// No series, however many, takes a provider kind's colour or one
	// close to it.
	for i := range 64 {
		for _, k := range []string{"nhs", "mutual", "private", "jv"} {
			if d := colorDistance(SeriesColor(i), KindColor(k)); d < 60 {
				t.Errorf("SeriesColor(%d) is %v from the colour of %q", i, d, k)
			}
		}
	}
}

// colorDistance is the Euclidean distance of two colours in 8-bit RGB.
func colorDistance(a, b color.Color) float64 {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) float64 { return float64(int(x>>8) - int(y>>8)) }
	return math.Sqrt(d(ar, br)*d(ar, br) + d(ag, bg)*d(ag, bg) + d(ab, bb)*d(ab, bb))
}

func TestKindLegendNames(t *testing.T) {
	yrs := []float64{2025, 2026}
	kinds := []string{"nhs", "mutual", "private", "jv", "other"}
	want := []string{"NHS", "mutual", "private", "joint venture", "other"}
	tests := []struct {
		name  string
		build func() (*Chart, error)
		want  []string
	}{
		{"time series", func() (*Chart, error) {
			var bs []Band
			for _, k := range kinds {
				bs = append(bs, Band{Name: k, X: yrs, Mean: []float64{1, 2}})
			}
			bs[0].Mean = []float64{math.NaN(), math.NaN()}
			return TimeSeries(Options{}, bs)
		}, append([]string{"NHS (no data)"}, want[1:]...)},
		{"stacked shares", func() (*Chart, error) {
			var ls []Layer
			for _, k := range kinds {
				ls = append(ls, Layer{Name: k, Values: []float64{0.2, 0.2}})
			}
			return StackedShares(Options{}, yrs, ls)
		}, want},
		{"bars", func() (*Chart, error) {
			var gs []Group
			for _, k := range kinds {
				gs = append(gs, Group{Name: k, Values: []float64{1}})
			}
			return Bars(Options{}, []string{"a"}, gs)
		}, want},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tc.build()
			if err != nil {
				t.Fatal(err)
			}
			texts := svgTexts(t, c)
			for _, w := range tc.want {
				if !slices.Contains(texts, w) {
					t.Errorf("no legend entry %q among %q", w, texts)
				}
			}
			for _, raw := range []string{"nhs", "jv"} {
				if slices.Contains(texts, raw) {
					t.Errorf("legend shows the raw kind %q", raw)
				}
			}
		})
	}
	// The colours still follow the raw names.
	c, err := Bars(Options{}, []string{"a"}, []Group{{Name: "jv", Values: []float64{1}}, {Name: "nhs", Values: []float64{1}}})
	if err != nil {
		t.Fatal(err)
	}
	svg, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	for _, hex := range []string{"fill:#F0E442", "fill:#004F7C"} {
		if !bytes.Contains(svg, []byte(hex)) {
			t.Errorf("no %s in the SVG", hex)
		}
	}
}

func TestMergeLabels(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a, b"},
		{[]string{"a", "b", "c"}, "a, b, c"},
		{[]string{"a", "b", "c", "d"}, "a, b and 2 more"},
		{[]string{"a", "b", "c", "d", "e"}, "a, b and 3 more"},
	}
	for _, tc := range tests {
		if got := mergeLabels(tc.in); got != tc.want {
			t.Errorf("mergeLabels(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestScatterMergedLabels(t *testing.T) {
	tests := []struct {
		name   string
		points []Point
		want   []string // the labels drawn
	}{
		{"apart", []Point{{"a", 0, 0}, {"b", 10, 10}}, []string{"a", "b"}},
		{"three at the origin", []Point{{"a", 0, 0}, {"b", 0, 0}, {"c", 0, 0}, {"d", 10, 10}}, []string{"a, b, c", "d"}},
		{"five at the origin", []Point{{"a", 0, 0}, {"x", 10, 10}, {"b", 0, 0}, {"c", 0, 0}, {"d", 0, 0}, {"e", 0, 0}}, []string{"a, b and 3 more", "x"}},
		{"same label twice", []Point{{"a", 0, 0}, {"b", 0, 0}, {"a", 0, 0}, {"c", 10, 10}}, []string{"a, b", "c"}},
		{"unlabelled points", []Point{{"", 0, 0}, {"a", 0, 0}, {"", 10, 10}}, []string{"a"}},
		{"within rounding", []Point{{"a", 0, 0}, {"b", 1e-9, 0}, {"c", 10, 10}}, []string{"a, b", "c"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Scatter(Options{XDomain: NonNegative, YDomain: NonNegative}, tc.points)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range svgTexts(t, c) {
				if !regexp.MustCompile(`^[0-9,.]+$`).MatchString(s) { // not a tick
					got = append(got, s)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("labels %q, want %q", got, tc.want)
			}
		})
	}
}

// TestScatterLabelsApart draws clusters of close points and checks that
// no two labels overlap.
func TestScatterLabelsApart(t *testing.T) {
	tests := []struct {
		name   string
		points []Point
	}{
		{"morris", func() []Point { _, ps := fixtureMorris(); return ps }()},
		{"corner cluster", []Point{{"first lever", 0, 0}, {"second lever", 0.2, 0.1}, {"third lever", 0.1, 0.3}, {"fourth lever", 0.4, 0.2}, {"far", 50, 40}}},
		{"column", []Point{{"one", 5, 5}, {"two", 5, 5.2}, {"three", 5, 5.4}, {"four", 5, 5.6}, {"five", 5.2, 5.3}, {"far", 20, 20}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Scatter(Options{XDomain: NonNegative, YDomain: NonNegative}, tc.points)
			if err != nil {
				t.Fatal(err)
			}
			if *dump != "" {
				dumpChart(t, "labels_"+strings.ReplaceAll(tc.name, " ", "_"), c)
			}
			var rec recorder.Canvas
			if err := c.draw(sizedRecorder{&rec, c.w, c.h}); err != nil {
				t.Fatal(err)
			}
			note := newStyles().note
			var boxes []vg.Rectangle
			var names []string
			labels := map[string]bool{}
			for _, p := range tc.points {
				labels[p.Label] = true
			}
			for _, a := range rec.Actions {
				fs, ok := a.(*recorder.FillString)
				if !ok || !labels[fs.String] && !strings.Contains(fs.String, ", ") {
					continue
				}
				// The ink: from the descenders up to the ascenders of
				// lower-case letters, about 0.75 em in Liberation Sans.
				boxes = append(boxes, vg.Rectangle{
					Min: vg.Point{X: fs.Point.X, Y: fs.Point.Y - note.FontExtents().Descent},
					Max: vg.Point{X: fs.Point.X + note.Width(fs.String), Y: fs.Point.Y + 0.75*fs.Size},
				})
				names = append(names, fs.String)
			}
			if len(names) == 0 {
				t.Fatal("no labels drawn")
			}
			for i := range boxes {
				for j := range i {
					if overlap(boxes[i], boxes[j]) > 0 {
						t.Errorf("labels %q and %q overlap", names[j], names[i])
					}
				}
			}
		})
	}
}

// sizedRecorder is a recorder with a size, for Chart.draw.
type sizedRecorder struct {
	*recorder.Canvas
	w, h vg.Length
}

func (s sizedRecorder) Size() (vg.Length, vg.Length) { return s.w, s.h }

// TestReferenceLabelOverData checks the drawing order of a reference
// line: the line under the data, its label's box and text over it.
func TestReferenceLabelOverData(t *testing.T) {
	c, err := timeSeries(fixtureHHI())
	if err != nil {
		t.Fatal(err)
	}
	svg, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	refLine := strings.Index(s, "stroke-dasharray:4,2")
	dataLine := strings.LastIndex(s, "stroke:#0072B2;stroke-width:1.6") // after the legend's
	box := strings.Index(s, "fill:#FFFFFF;fill-opacity:0.85")
	label := strings.Index(s, ">1,800: highly concentrated<")
	if refLine < 0 || dataLine < 0 || box < 0 || label < 0 {
		t.Fatalf("missing: reference line at %d, data line at %d, label box at %d, label at %d", refLine, dataLine, box, label)
	}
	if !(refLine < dataLine && dataLine < box && box < label) {
		t.Errorf("drawn in the order reference line %d, data line %d, label box %d, label %d; want that order", refLine, dataLine, box, label)
	}
}

func TestDomainContains(t *testing.T) {
	for _, c := range []struct {
		d    Domain
		v    float64
		want bool
	}{
		{Unbounded, -1e9, true},
		{NonNegative, 0, true},
		{NonNegative, -1e-12, true}, // rounding
		{NonNegative, -0.001, false},
		{Count, -1, false},
		{Share, 1, true},
		{Share, 1 + 1e-12, true},
		{Share, 1.01, false},
		{Share, math.NaN(), false},
	} {
		if got := c.d.Contains(c.v); got != c.want {
			t.Errorf("%v.Contains(%v) = %v, want %v", c.d, c.v, got, c.want)
		}
	}
}
