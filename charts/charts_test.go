package charts

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

var (
	update = flag.Bool("update", false, "rewrite the golden SVG files in testdata/")
	dump   = flag.String("dump", "", "also write every test chart as SVG and PNG into this folder, to look at")
)

// goldenCharts are the charts whose SVG is kept in testdata/NAME.svg.
func goldenCharts(t *testing.T) []struct {
	name  string
	chart *Chart
} {
	t.Helper()
	must := func(c *Chart, err error) *Chart {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	return []struct {
		name  string
		chart *Chart
	}{
		{"timeseries", must(timeSeries(fixtureTimeSeries()))},
		{"timeseries_hhi", must(timeSeries(fixtureHHI()))},
		{"timeseries_kinds", must(timeSeries(fixtureKinds()))},
		{"stacked", must(StackedShares(fixtureStacked()))},
		{"funnel", must(Funnel(fixtureFunnel()))},
		{"bars", must(Bars(fixtureBars()))},
		{"intervals", must(Intervals(fixtureIntervals()))},
		{"scatter", must(Scatter(fixtureScatter()))},
		{"scatter_morris", must(Scatter(fixtureMorris()))},
		{"timeseries_share", must(timeSeries(fixtureShareSeries()))},
	}
}

// timeSeries calls TimeSeries with the reference lines as a slice.
func timeSeries(o Options, series []Band, refs []HLine) (*Chart, error) {
	return TimeSeries(o, series, refs...)
}

func TestGoldenSVG(t *testing.T) {
	for _, tc := range goldenCharts(t) {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.chart.SVG()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tc.name+".svg")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if *dump != "" {
				dumpChart(t, tc.name, tc.chart)
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./charts -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("SVG differs from %s (%d bytes, want %d); if the change is intended, run go test ./charts -update", path, len(got), len(want))
			}
		})
	}
}

func dumpChart(t *testing.T, name string, c *Chart) {
	t.Helper()
	svg, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	img, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(*dump, 0o755); err != nil {
		t.Fatal(err)
	}
	for ext, b := range map[string][]byte{".svg": svg, ".png": img} {
		if err := os.WriteFile(filepath.Join(*dump, name+ext), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSVGSelfContained(t *testing.T) {
	url := regexp.MustCompile(`(?i)(https?:|url\(|href|@import|<image|data:)`)
	family := regexp.MustCompile(`font-family:([^;"]+);`)
	for _, tc := range goldenCharts(t) {
		t.Run(tc.name, func(t *testing.T) {
			svg, err := tc.chart.SVG()
			if err != nil {
				t.Fatal(err)
			}
			s := string(svg)
			if !strings.Contains(s, `xmlns="http://www.w3.org/2000/svg"`) {
				t.Error("no SVG namespace declaration")
			}
			rest := strings.Replace(s, `xmlns="http://www.w3.org/2000/svg"`, "", 1)
			if m := url.FindString(rest); m != "" {
				t.Errorf("SVG references something outside itself: %q", m)
			}
			for _, m := range family.FindAllStringSubmatch(s, -1) {
				if m[1] != "'Liberation Sans',Arial,Helvetica,sans-serif" {
					t.Errorf("font-family %q", m[1])
				}
			}
			if !strings.Contains(s, "<title>"+html.EscapeString(tc.chart.Title())+"</title>") {
				t.Errorf("no <title>%s</title>", tc.chart.Title())
			}
			if !strings.HasSuffix(s, "</svg>\n") {
				t.Error("SVG does not end with </svg>")
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	mk := func() *Chart {
		c, err := timeSeries(fixtureTimeSeries())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	a, b := mk(), mk()
	for _, f := range []struct {
		name string
		out  func(*Chart) ([]byte, error)
	}{{"SVG", (*Chart).SVG}, {"PNG", (*Chart).PNG}} {
		x, err := f.out(a)
		if err != nil {
			t.Fatal(err)
		}
		y, err := f.out(b)
		if err != nil {
			t.Fatal(err)
		}
		z, err := f.out(a) // the same chart drawn twice
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) || !bytes.Equal(x, z) {
			t.Errorf("%s differs between drawings of the same input", f.name)
		}
	}
}

func TestConcurrent(t *testing.T) {
	c, err := Scatter(fixtureScatter())
	if err != nil {
		t.Fatal(err)
	}
	want, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	got := make([][]byte, 4)
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i], errs[i] = c.SVG() })
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !bytes.Equal(got[i], want) {
			t.Errorf("drawing %d differs", i)
		}
	}
}

func TestPNG(t *testing.T) {
	for _, tc := range goldenCharts(t) {
		t.Run(tc.name, func(t *testing.T) {
			b, err := tc.chart.PNG()
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			// 16 × 9 cm at 150 dpi, taller for charts of many rows.
			wantW, wantH := 945, 531
			if got := img.Bounds().Dx(); got != wantW {
				t.Errorf("width %d px, want %d", got, wantW)
			}
			if got := img.Bounds().Dy(); got != wantH {
				t.Errorf("height %d px, want %d", got, wantH)
			}
			if n := distinctColours(img); n < 20 {
				t.Errorf("only %d distinct colours: blank?", n)
			}
			if n := saturated(img); n < 200 {
				t.Errorf("only %d strongly coloured pixels: no data drawn?", n)
			}
		})
	}
}

func TestPNGSize(t *testing.T) {
	c, err := Scatter(Options{Width: 8, Height: 6}, []Point{{"a", 1, 2}, {"b", 3, 4}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// 8 cm = 472.4 px, 6 cm = 354.3 px at 150 dpi.
	if cfg.Width != 472 || cfg.Height != 354 {
		t.Errorf("PNG is %d × %d, want 472 × 354", cfg.Width, cfg.Height)
	}
}

func TestRowsGrowHeight(t *testing.T) {
	rows := make([]Interval, 30)
	for i := range rows {
		rows[i] = Interval{Label: "row", Value: float64(i), Low: float64(i) - 1, High: float64(i) + 1}
	}
	c, err := Intervals(Options{}, rows, false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// 3 + 0.6 × 30 = 21 cm at 150 dpi.
	if cfg.Height != 1240 {
		t.Errorf("height %d px, want 1240 for 30 rows", cfg.Height)
	}
}

func distinctColours(img image.Image) int {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}] = true
		}
	}
	return len(seen)
}

// saturated counts the pixels whose channels differ by more than 60 of
// 255: colour, not the black, white and greys of text and axes.
func saturated(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			hi, lo := max(r, g, bl)>>8, min(r, g, bl)>>8
			if hi-lo > 60 {
				n++
			}
		}
	}
	return n
}

func TestErrors(t *testing.T) {
	nan := math.NaN()
	inf := math.Inf(1)
	ok := Band{Name: "ok", X: []float64{1, 2}, Mean: []float64{1, 2}}
	tests := []struct {
		name    string
		build   func() (*Chart, error)
		want    error
		message string // a part of the message
	}{
		{"time series: no series", func() (*Chart, error) { return TimeSeries(Options{}, nil) }, ErrNoData, "no series"},
		{"time series: empty series", func() (*Chart, error) { return TimeSeries(Options{}, []Band{ok, {Name: "e"}}) }, ErrNoData, `series 1 "e"`},
		{"time series: short mean", func() (*Chart, error) {
			return TimeSeries(Options{}, []Band{{Name: "s", X: []float64{1, 2, 3}, Mean: []float64{1, 2}}})
		}, ErrLength, `"s": 3 X values but 2 Mean values`},
		{"time series: low without high", func() (*Chart, error) {
			return TimeSeries(Options{}, []Band{{Name: "s", X: []float64{1, 2}, Mean: []float64{1, 2}, Low: []float64{0, 1}}})
		}, ErrLength, "both or neither"},
		{"time series: short band", func() (*Chart, error) {
			return TimeSeries(Options{}, []Band{{Name: "s", X: []float64{1, 2}, Mean: []float64{1, 2}, Low: []float64{0}, High: []float64{2, 3}}})
		}, ErrLength, "1 Low and 2 High"},
		{"time series: all NaN", func() (*Chart, error) {
			return TimeSeries(Options{}, []Band{{Name: "s", X: []float64{1, 2}, Mean: []float64{nan, nan}}})
		}, ErrNoData, "NaN"},
		{"time series: infinite", func() (*Chart, error) {
			return TimeSeries(Options{}, []Band{{Name: "s", X: []float64{1, 2}, Mean: []float64{1, inf}}})
		}, ErrValue, "Mean[1]"},
		{"time series: vertical line at infinity", func() (*Chart, error) {
			return TimeSeries(Options{VLines: []VLine{{X: inf, Label: "v"}}}, []Band{ok})
		}, ErrValue, `vertical line 0 "v"`},
		{"time series: x not increasing", func() (*Chart, error) {
			return TimeSeries(Options{}, []Band{{Name: "s", X: []float64{2, 1}, Mean: []float64{1, 2}}})
		}, ErrValue, "X must increase"},
		{"time series: NaN reference", func() (*Chart, error) { return TimeSeries(Options{}, []Band{ok}, HLine{Y: nan, Label: "r"}) }, ErrValue, "reference line"},
		{"time series: negative width", func() (*Chart, error) { return TimeSeries(Options{Width: -1}, []Band{ok}) }, ErrValue, "width"},
		{"time series: NaN height", func() (*Chart, error) { return TimeSeries(Options{Height: nan}, []Band{ok}) }, ErrValue, "height"},
		{"time series: huge", func() (*Chart, error) { return TimeSeries(Options{Width: 1000}, []Band{ok}) }, ErrValue, "width"},

		{"stacked: no x", func() (*Chart, error) { return StackedShares(Options{}, nil, []Layer{{Name: "nhs"}}) }, ErrNoData, "no x"},
		{"stacked: no layers", func() (*Chart, error) { return StackedShares(Options{}, []float64{1}, nil) }, ErrNoData, "no layers"},
		{"stacked: short layer", func() (*Chart, error) {
			return StackedShares(Options{}, []float64{1, 2}, []Layer{{Name: "nhs", Values: []float64{0.5}}})
		}, ErrLength, `layer 0 "nhs" has 1 values for 2 x values`},
		{"stacked: share above 1", func() (*Chart, error) {
			return StackedShares(Options{}, []float64{1, 2}, []Layer{{Name: "nhs", Values: []float64{0.5, 1.5}}})
		}, ErrValue, "not a share"},
		{"stacked: negative share", func() (*Chart, error) {
			return StackedShares(Options{}, []float64{1, 2}, []Layer{{Name: "nhs", Values: []float64{-0.5, 0.5}}})
		}, ErrValue, "not a share"},
		{"stacked: sum above 1", func() (*Chart, error) {
			return StackedShares(Options{}, []float64{1, 2}, []Layer{{Name: "nhs", Values: []float64{0.5, 0.7}}, {Name: "jv", Values: []float64{0.5, 0.7}}})
		}, ErrValue, "x = 2 sum to 1.4"},
		{"stacked: all NaN", func() (*Chart, error) {
			return StackedShares(Options{}, []float64{1, 2}, []Layer{{Name: "nhs", Values: []float64{nan, nan}}})
		}, ErrNoData, "no x has"},
		{"stacked: x not increasing", func() (*Chart, error) {
			return StackedShares(Options{}, []float64{2, 2}, []Layer{{Name: "nhs", Values: []float64{0, 0}}})
		}, ErrValue, "x must increase"},

		{"funnel: empty", func() (*Chart, error) { return Funnel(Options{}, nil, nil) }, ErrNoData, "no stages"},
		{"funnel: mismatch", func() (*Chart, error) { return Funnel(Options{}, []string{"a", "b"}, []float64{1}) }, ErrLength, "2 stages but 1 counts"},
		{"funnel: negative", func() (*Chart, error) { return Funnel(Options{}, []string{"a", "b"}, []float64{1, -1}) }, ErrValue, `count 1 ("b") is -1`},
		{"funnel: NaN", func() (*Chart, error) { return Funnel(Options{}, []string{"a"}, []float64{nan}) }, ErrValue, "NaN"},
		{"funnel: too many stages", func() (*Chart, error) {
			return Funnel(Options{}, make([]string, 200), make([]float64, 200))
		}, ErrValue, "height"},

		{"bars: no categories", func() (*Chart, error) { return Bars(Options{}, nil, []Group{{Name: "g"}}) }, ErrNoData, "no categories"},
		{"bars: no groups", func() (*Chart, error) { return Bars(Options{}, []string{"a"}, nil) }, ErrNoData, "no groups"},
		{"bars: short group", func() (*Chart, error) {
			return Bars(Options{}, []string{"a", "b"}, []Group{{Name: "g", Values: []float64{1}}})
		}, ErrLength, `group 0 "g" has 1 values for 2 categories`},
		{"bars: high without low", func() (*Chart, error) {
			return Bars(Options{}, []string{"a"}, []Group{{Name: "g", Values: []float64{1}, High: []float64{2}}})
		}, ErrLength, "both or neither"},
		{"bars: all NaN", func() (*Chart, error) {
			return Bars(Options{}, []string{"a"}, []Group{{Name: "g", Values: []float64{nan}, Low: []float64{0}, High: []float64{1}}})
		}, ErrNoData, "NaN"},
		{"bars: infinite", func() (*Chart, error) {
			return Bars(Options{}, []string{"a"}, []Group{{Name: "g", Values: []float64{inf}}})
		}, ErrValue, "Values[0]"},

		{"intervals: empty", func() (*Chart, error) { return Intervals(Options{}, nil, true) }, ErrNoData, "no rows"},
		{"intervals: all NaN", func() (*Chart, error) {
			return Intervals(Options{}, []Interval{{Label: "a", Value: nan, Low: nan, High: nan}}, true)
		}, ErrNoData, "NaN"},
		{"intervals: infinite", func() (*Chart, error) {
			return Intervals(Options{}, []Interval{{Label: "a", Value: 1, Low: -inf, High: 2}}, true)
		}, ErrValue, `row 0 "a"`},

		{"scatter: empty", func() (*Chart, error) { return Scatter(Options{}, nil) }, ErrNoData, "no points"},
		{"scatter: all NaN", func() (*Chart, error) { return Scatter(Options{}, []Point{{"a", nan, 1}}) }, ErrNoData, "NaN"},
		{"scatter: infinite", func() (*Chart, error) { return Scatter(Options{}, []Point{{"a", 1, inf}}) }, ErrValue, `point 0 "a"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tc.build()
			if err == nil {
				t.Fatalf("no error; chart %v", c)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %q does not wrap %q", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %q does not say %q", err, tc.message)
			}
		})
	}
}

// TestAwkwardInput draws inputs that are odd but valid: each must give
// an SVG and a PNG without error.
func TestAwkwardInput(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name  string
		build func() (*Chart, error)
	}{
		{"one point", func() (*Chart, error) {
			return TimeSeries(Options{}, []Band{{Name: "s", X: []float64{2030}, Mean: []float64{5}, Low: []float64{4}, High: []float64{6}}})
		}},
		{"flat zero", func() (*Chart, error) {
			return TimeSeries(Options{}, []Band{{Name: "s", X: []float64{1, 2, 3}, Mean: []float64{0, 0, 0}}})
		}},
		{"lone points between gaps", func() (*Chart, error) {
			return TimeSeries(Options{}, []Band{{Name: "s", X: []float64{1, 2, 3, 4, 5}, Mean: []float64{1, nan, 2, nan, 3}, Low: []float64{0, nan, 1, nan, 2}, High: []float64{2, nan, 3, nan, 4}}})
		}},
		{"NaN x", func() (*Chart, error) {
			return TimeSeries(Options{}, []Band{{Name: "s", X: []float64{1, nan, 3}, Mean: []float64{1, 2, 3}}})
		}},
		{"a series with no data", func() (*Chart, error) {
			return TimeSeries(Options{}, []Band{{Name: "a", X: []float64{1, 2}, Mean: []float64{1, 2}}, {Name: "b", X: []float64{1, 2}, Mean: []float64{nan, nan}}})
		}},
		{"tiny and huge values", func() (*Chart, error) {
			return TimeSeries(Options{}, []Band{{Name: "a", X: []float64{1, 2}, Mean: []float64{1e-9, 3e-9}}, {Name: "b", X: []float64{1, 2}, Mean: []float64{1e-9, 2e-9}}})
		}},
		{"negative values", func() (*Chart, error) {
			return TimeSeries(Options{}, []Band{{Name: "a", X: []float64{1, 2, 3}, Mean: []float64{-1e6, 2e6, -3e5}}})
		}},
		{"twenty series", func() (*Chart, error) {
			var bs []Band
			for i := range 20 {
				bs = append(bs, Band{Name: strings.Repeat("s", i+1), X: []float64{1, 2}, Mean: []float64{float64(i), float64(i + 1)}})
			}
			return TimeSeries(Options{}, bs)
		}},
		{"control characters and markup", func() (*Chart, error) {
			return Funnel(Options{Title: "a <b> & \"c\"\x00\x1b"}, []string{"x\ty", "<script>"}, []float64{0, 0})
		}},
		{"stacked with a gap and a lone column", func() (*Chart, error) {
			return StackedShares(Options{}, []float64{1, 2, 3, 4}, []Layer{{Name: "nhs", Values: []float64{0.5, nan, 0.4, 0.3}}, {Name: "other", Values: []float64{0.5, 0.5, nan, 0.3}}})
		}},
		{"bars all zero and negative", func() (*Chart, error) {
			return Bars(Options{}, []string{"a", "b"}, []Group{{Name: "z", Values: []float64{0, 0}}, {Name: "n", Values: []float64{-2, nan}}})
		}},
		{"one interval", func() (*Chart, error) {
			return Intervals(Options{}, []Interval{{Label: "a", Value: 3, Low: 3, High: 3}}, false)
		}},
		{"one scatter point", func() (*Chart, error) { return Scatter(Options{}, []Point{{"only", 5, 5}}) }},
		{"crowded scatter", func() (*Chart, error) {
			var ps []Point
			for i := range 60 {
				ps = append(ps, Point{Label: "p", X: float64(i % 7), Y: float64(i % 5)})
			}
			return Scatter(Options{Width: 4, Height: 4}, ps)
		}},
		{"small chart with long labels", func() (*Chart, error) {
			return Funnel(Options{Width: 4, Height: 4, Title: strings.Repeat("long title ", 10)}, []string{strings.Repeat("stage ", 10)}, []float64{1e9})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tc.build()
			if err != nil {
				t.Fatal(err)
			}
			svg, err := c.SVG()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasSuffix(svg, []byte("</svg>\n")) {
				t.Error("SVG is not closed")
			}
			if bytes.ContainsAny(svg, "\x00\x1b") {
				t.Error("SVG contains control characters")
			}
			if bytes.Contains(svg, []byte("<script>")) {
				t.Error("SVG contains unescaped markup")
			}
			if *dump != "" {
				dumpChart(t, "awkward_"+strings.ReplaceAll(tc.name, " ", "_"), c)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		in        float64
		num, year string
	}{
		{0, "0", "0"},
		{math.Copysign(0, -1), "0", "0"},
		{12000, "12,000", "12000"},
		{1000, "1,000", "1000"},
		{999, "999", "999"},
		{1234567.5, "1,234,567.5", "1234567.5"},
		{-1500.25, "-1,500.25", "-1500.25"},
		{0.25, "0.25", "0.25"},
		{0.1 + 0.2, "0.3", "0.3"},
		{1e-7, "0.0000001", "0.0000001"},
		{1e12, "1,000,000,000,000", "1000000000000"},
		{2030, "2,030", "2030"},
	}
	for _, tc := range tests {
		if got := formatNumber(tc.in); got != tc.num {
			t.Errorf("formatNumber(%v) = %q, want %q", tc.in, got, tc.num)
		}
		if got := formatPlain(tc.in); got != tc.year {
			t.Errorf("formatPlain(%v) = %q, want %q", tc.in, got, tc.year)
		}
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{1240, "1,240"},
		{903.5, "904"},
		{12.345, "12.3"},
		{1.0 / 3, "0.333"},
		{97.4, "97.4"},
		{0, "0"},
		{-1234.5, "-1,235"},
	}
	for _, tc := range tests {
		if got := formatValue(tc.in); got != tc.want {
			t.Errorf("formatValue(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNiceScale(t *testing.T) {
	tests := []struct {
		name            string
		lo, hi          float64
		target          int
		integer, extend bool
		ticks           []string
		min, max        float64
	}{
		{"staff", 11200, 13950, 5, false, true, []string{"11,000", "11,500", "12,000", "12,500", "13,000", "13,500", "14,000"}, 11000, 14000},
		{"from zero", 0, 12000, 5, false, true, []string{"0", "2,500", "5,000", "7,500", "10,000", "12,500"}, 0, 12500},
		{"years", 2025, 2044, 6, true, false, []string{"2025", "2030", "2035", "2040"}, 2025, 2044},
		{"few years", 2025, 2028, 6, true, false, []string{"2025", "2026", "2027", "2028"}, 2025, 2028},
		{"one year", 2030, 2030, 6, true, false, []string{"2029", "2030", "2031"}, 2029, 2031},
		{"shares", 0.02, 0.35, 5, false, true, []string{"0", "0.1", "0.2", "0.3", "0.4"}, 0, 0.4},
		{"negative", -3.7, 1.2, 5, false, true, []string{"-4", "-3", "-2", "-1", "0", "1", "2"}, -4, 2},
		{"all zero", 0, 0, 5, false, true, []string{"0", "0.2", "0.4", "0.6", "0.8", "1"}, 0, 1},
		{"flat", 5, 5, 5, false, true, []string{"4.4", "4.6", "4.8", "5", "5.2", "5.4", "5.6"}, 4.4, 5.6},
		{"count to 1", 0, 1, 5, true, true, []string{"0", "1"}, 0, 1},
		{"count to 13", 0, 13, 5, true, true, []string{"0", "2", "4", "6", "8", "10", "12", "14"}, 0, 14},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc := niceScale(tc.lo, tc.hi, tc.target, tc.integer, tc.extend)
			format := formatNumber
			if tc.integer {
				format = formatPlain
			}
			var got []string
			for _, tk := range (ticker{step: sc.step, format: format}).Ticks(sc.min, sc.max) {
				got = append(got, tk.Label)
			}
			if !slices.Equal(got, tc.ticks) {
				t.Errorf("ticks %q, want %q", got, tc.ticks)
			}
			if sc.min != tc.min || sc.max != tc.max {
				t.Errorf("range %v–%v, want %v–%v", sc.min, sc.max, tc.min, tc.max)
			}
		})
	}
}

// relativeLuminance is the WCAG 2 relative luminance of an sRGB colour.
func relativeLuminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func TestKindColours(t *testing.T) {
	kinds := []string{"nhs", "mutual", "private", "jv"}
	for _, m := range []struct {
		name string
		f    func(color.Color) float64
	}{{"relative luminance", relativeLuminance}, {"luma", luma}} {
		for i, a := range kinds {
			t.Logf("%s %-7s %.3f", m.name, a, m.f(KindColor(a)))
			for _, b := range kinds[i+1:] {
				if d := math.Abs(m.f(KindColor(a)) - m.f(KindColor(b))); d < 0.15 {
					t.Errorf("%s of %s and %s differ by %.3f, less than 0.15", m.name, a, b, d)
				}
			}
		}
	}
	if KindColor("something else") != KindColor("") {
		t.Error("other kinds do not share one colour")
	}
	for _, k := range kinds {
		if KindColor(k) == KindColor("other") {
			t.Errorf("%s has the neutral colour", k)
		}
	}
}

func TestSeriesColours(t *testing.T) {
	seen := map[color.Color]bool{}
	for i := range 5 {
		seen[SeriesColor(i)] = true
	}
	if len(seen) != 5 {
		t.Errorf("%d distinct colours among the first 5 series", len(seen))
	}
	if SeriesColor(5) != SeriesColor(0) || SeriesColor(-1) != SeriesColor(4) {
		t.Error("series colours do not cycle")
	}
	styles := map[string]bool{}
	dashes := map[string]bool{}
	for i := range 40 {
		c, d := lineColor("series", i)
		styles[fmt.Sprint(c, d)] = true
		if i < 8 {
			dashes[fmt.Sprint(d)] = true
		}
	}
	if len(styles) != 40 {
		t.Errorf("%d distinct colour and dash pairs among 40 series", len(styles))
	}
	if len(dashes) != 8 {
		t.Errorf("%d distinct dash patterns among the first 8 series, want 8 for greyscale", len(dashes))
	}
}

func TestVerticalLine(t *testing.T) {
	yrs := []float64{2010, 2011, 2012, 2013, 2014, 2015}
	band := Band{Name: "s", X: yrs, Mean: []float64{1, 2, 3, 4, 5, 6}}
	for _, c := range []struct {
		name  string
		x     float64
		drawn bool
	}{
		{"inside", 2013, true},
		{"outside", 2030, false},
	} {
		ch, err := TimeSeries(Options{Title: "v", VLines: []VLine{{X: c.x, Label: "2013: branches"}}}, []Band{band})
		if err != nil {
			t.Fatal(err)
		}
		svg, err := ch.SVG()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(svg), "2013: branches"); got != c.drawn {
			t.Errorf("%s: label drawn %v, want %v", c.name, got, c.drawn)
		}
		plain, err := TimeSeries(Options{Title: "v"}, []Band{band})
		if err != nil {
			t.Fatal(err)
		}
		without, err := plain.SVG()
		if err != nil {
			t.Fatal(err)
		}
		// A line outside the years changes nothing; one inside adds a
		// line and a label.
		if same := string(svg) == string(without); same == c.drawn {
			t.Errorf("%s: chart with the line equal to the chart without: %v", c.name, same)
		}
	}
}
