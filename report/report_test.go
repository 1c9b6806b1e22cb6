package report

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"mutualsim/outputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
	"mutualsim/sweep"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// writeRun runs a built-in scenario at the small scale into dir.
func writeRun(t testing.TB, dir, name string, f outputs.Format) (*scenarios.Scenario, []outputs.Stat) {
	t.Helper()
	scale, seed, reps, years := "small", uint64(3), 3, 6
	s, err := scenarios.Load(name, scenarios.LoadOptions{NoEnv: true, Scale: &scale, Seed: &seed, Replications: &reps, Years: &years})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(context.Background(), s, sim.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	m := outputs.NewManifest(s, 2)
	// Fixed, so that the report's foot does not change between runs.
	m.Started, m.Finished, m.Build, m.Revision, m.Modified, m.GoVersion = "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", "test", "", false, "go"
	if err := outputs.WriteRun(dir, f, res, m); err != nil {
		t.Fatal(err)
	}
	return s, outputs.Summarise(res)
}

// writeCompare writes a comparison folder of two scenarios.
func writeCompare(t testing.TB, dir string, f outputs.Format) {
	t.Helper()
	var results []outputs.ScenarioStats
	values := map[string][]float64{}
	for _, name := range []string{"baseline", "right-to-provide"} {
		s, stats := writeRun(t, filepath.Join(dir, name), name, f)
		results = append(results, outputs.ScenarioStats{Scenario: s, Stats: stats})
		ts, err := readTable(filepath.Join(dir, name), "timeseries", f)
		if err != nil {
			t.Fatal(err)
		}
		for i := range ts.rows {
			if ts.int(i, "year") == 2015 {
				values[name] = append(values[name], ts.float(i, "staff_in_mutuals"))
			}
		}
	}
	d := outputs.Paired(values["baseline"], values["right-to-provide"])
	d.Measure, d.Unit, d.Year, d.Baseline, d.Scenario = "staff_in_mutuals", "staff", 2015, "baseline", "right-to-provide"
	if err := outputs.WriteComparisonTable(dir, f, []outputs.Difference{d}); err != nil {
		t.Fatal(err)
	}
	if err := outputs.WriteBatch(dir, results, 2, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), f, f.File("comparison")); err != nil {
		t.Fatal(err)
	}
	// The batch manifest records when it finished; fix it.
	fixManifestTimes(t, dir)
}

func fixManifestTimes(t testing.TB, dir string) {
	t.Helper()
	p := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b = regexp.MustCompile(`"finished": "[^"]*"`).ReplaceAll(b, []byte(`"finished": "2026-01-01T00:00:01Z"`))
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

const morrisDesign = `name: screen
method: morris
points: 4
replications: 2
scale: small
years: 6
seed: 3
levers:
  procurement.contract_years: [2, 7]
  commissioners.risk_aversion: [0, 1]
  pension.access: [none, closed, open]
outcomes: [hhi, producer_capture_index]
`

// writeSweep runs a design into dir.
func writeSweep(t testing.TB, dir, design string, f outputs.Format) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "design.yaml")
	if err := os.WriteFile(path, []byte(design), 0o644); err != nil {
		t.Fatal(err)
	}
	var measures []string
	for _, m := range sim.Measures() {
		measures = append(measures, m.Name)
	}
	d, err := scenarios.LoadDesign(path, scenarios.DesignOptions{NoEnv: true, Measures: measures})
	if err != nil {
		t.Fatal(err)
	}
	p, err := sweep.NewPlan(sweep.SpecOf(d))
	if err != nil {
		t.Fatal(err)
	}
	st, err := sweep.Execute(context.Background(), p, d, sweep.RunOptions{Dir: dir, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	m := sweep.Manifest{DesignFile: "design.yaml", Finished: "2026-01-01T00:00:01Z"}
	m.Shard.Count = 1
	if err := sweep.WriteFolder(dir, p, st, f, m); err != nil {
		t.Fatal(err)
	}
}

// structure lists what a reader sees on a page, without the drawings:
// headings, readings under the charts, tables with their headers and row
// counts, and links.
func structure(page string) string {
	page = regexp.MustCompile(`(?s)<svg.*?</svg>`).ReplaceAllString(page, "")
	var b strings.Builder
	tag := regexp.MustCompile(`(?s)<(h1|h2|caption|th|a|span class="reading"|tr)[^>]*>(.*?)</(h1|h2|caption|th|a|span|tr)>|<table>`)
	strip := regexp.MustCompile(`<[^>]+>`)
	rows := 0
	for _, m := range tag.FindAllStringSubmatch(page, -1) {
		text := html.UnescapeString(strings.Join(strings.Fields(strip.ReplaceAllString(m[2], " ")), " "))
		switch {
		case m[0] == "<table>":
			if rows > 0 {
				fmt.Fprintf(&b, "  rows: %d\n", rows)
			}
			b.WriteString("table\n")
			rows = 0
		case m[1] == "h1":
			fmt.Fprintf(&b, "# %s\n", text)
		case m[1] == "h2":
			if rows > 0 {
				fmt.Fprintf(&b, "  rows: %d\n", rows)
				rows = 0
			}
			fmt.Fprintf(&b, "## %s\n", text)
		case m[1] == "caption":
			fmt.Fprintf(&b, "  caption: %s\n", text)
		case m[1] == "th":
			fmt.Fprintf(&b, "  | %s\n", text)
		case m[1] == "a":
			fmt.Fprintf(&b, "link: %s\n", text)
		case strings.HasPrefix(m[1], "span"):
			fmt.Fprintf(&b, "figure: %s\n", text)
		case m[1] == "tr":
			if !strings.Contains(m[0], "<th") {
				rows++
			}
		}
	}
	if rows > 0 {
		fmt.Fprintf(&b, "  rows: %d\n", rows)
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s: the report's structure changed (go test ./report -update rewrites it):\n--- got\n%s", name, got)
	}
}

// selfContained checks that a page fetches nothing: no URL, no script, no
// external font or image, no link outside the folder.
func selfContained(t *testing.T, name, html string) {
	t.Helper()
	for _, bad := range []string{"http://", "https://", "<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "data:"} {
		if strings.Contains(strings.ToLower(html), bad) {
			t.Errorf("%s: the page contains %q", name, bad)
		}
	}
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(html, -1) {
		if h := m[1]; !strings.HasPrefix(h, "#") && (strings.Contains(h, ":") || strings.HasPrefix(h, "/") || strings.Contains(h, "..")) {
			t.Errorf("%s: a link leaves the folder: %s", name, h)
		}
	}
}

func TestReports(t *testing.T) {
	root := t.TempDir()
	cases := []struct {
		name  string
		write func(dir string, f outputs.Format)
		pages []string // report files, relative to the folder, the last the folder's own
	}{
		{"run", func(dir string, f outputs.Format) { writeRun(t, dir, "right-to-provide", f) }, []string{FileName}},
		{"compare", func(dir string, f outputs.Format) { writeCompare(t, dir, f) },
			[]string{"baseline/" + FileName, "right-to-provide/" + FileName, FileName}},
		{"morris", func(dir string, f outputs.Format) { writeSweep(t, dir, morrisDesign, f) }, []string{FileName}},
		{"lhs", func(dir string, f outputs.Format) {
			writeSweep(t, dir, strings.NewReplacer("method: morris", "method: lhs", "points: 4", "points: 12").Replace(morrisDesign), f)
		}, []string{FileName}},
		{"sobol", func(dir string, f outputs.Format) {
			writeSweep(t, dir, strings.NewReplacer("method: morris", "method: sobol", "points: 4", "points: 8").Replace(morrisDesign), f)
		}, []string{FileName}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pages := map[outputs.Format]string{}
			for _, f := range outputs.Formats() {
				dir := filepath.Join(root, c.name+"-"+string(f))
				c.write(dir, f)
				written, err := Write(dir)
				if err != nil {
					t.Fatal(err)
				}
				if len(written) != len(c.pages) {
					t.Fatalf("wrote %v, want %v", written, c.pages)
				}
				html, err := os.ReadFile(filepath.Join(dir, FileName))
				if err != nil {
					t.Fatal(err)
				}
				for _, pg := range c.pages {
					b, err := os.ReadFile(filepath.Join(dir, pg))
					if err != nil {
						t.Fatal(err)
					}
					selfContained(t, c.name+"/"+pg, string(b))
				}
				// Every figure on the page has its SVG and PNG in charts/.
				for _, m := range regexp.MustCompile(`<figure id="fig-([^"]+)">`).FindAllStringSubmatch(string(html), -1) {
					for _, ext := range []string{".svg", ".png"} {
						if _, err := os.Stat(filepath.Join(dir, ChartsDir, m[1]+ext)); err != nil {
							t.Errorf("figure %s: %v", m[1], err)
						}
					}
				}
				// Rebuilt from the files alone, the page and charts are the same.
				before := snapshot(t, dir)
				if err := os.RemoveAll(filepath.Join(dir, ChartsDir)); err != nil {
					t.Fatal(err)
				}
				if err := os.Remove(filepath.Join(dir, FileName)); err != nil {
					t.Fatal(err)
				}
				if _, err := Write(dir); err != nil {
					t.Fatal(err)
				}
				if after := snapshot(t, dir); after != before {
					t.Errorf("%s: rebuilding the report gave other bytes", f)
				}
				pages[f] = structure(string(html))
			}
			golden(t, c.name, pages[outputs.CSV])
			// The same results in Parquet read the same, but for the file names.
			if strip(pages[outputs.Parquet]) != strip(pages[outputs.CSV]) {
				t.Errorf("the Parquet folder's report reads differently:\n%s\n---\n%s", pages[outputs.Parquet], pages[outputs.CSV])
			}
		})
	}
}

// strip removes file names, which differ between the formats.
func strip(s string) string { return strings.ReplaceAll(s, ".parquet", ".csv") }

// snapshot hashes the report and the charts of a folder.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(readString(t, filepath.Join(dir, FileName)))
	entries, err := os.ReadDir(filepath.Join(dir, ChartsDir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b.WriteString(e.Name())
		b.WriteString(readString(t, filepath.Join(dir, ChartsDir, e.Name())))
	}
	return b.String()
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReportErrors(t *testing.T) {
	empty := t.TempDir()
	if _, err := Write(empty); err == nil || !strings.Contains(err.Error(), "has no manifest.json") {
		t.Errorf("empty folder: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "run")
	writeRun(t, dir, "baseline", outputs.CSV)
	if err := os.Remove(filepath.Join(dir, "summary.csv")); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir); err == nil || !strings.Contains(err.Error(), "summary.csv") {
		t.Errorf("no summary: %v", err)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "manifest.json"), []byte(`{"program": "x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(bad); err == nil || !strings.Contains(err.Error(), "not that of a run, a batch or a sweep") {
		t.Errorf("other manifest: %v", err)
	}
}

func TestTrend(t *testing.T) {
	st := func(year int, mean, lo, hi float64) outputs.Stat {
		return outputs.Stat{Year: year, Mean: mean, Low: lo, High: hi}
	}
	for _, c := range []struct {
		first, last outputs.Stat
		want        string
	}{
		{st(2010, 4100, 4000, 4200), st(2029, 31000, 28000, 34000), "Staff in mutuals rose from 4,100 in 2010 to 31,000 in 2029 (95% CI 28,000–34,000)."},
		{st(2010, 4100, 4000, 4200), st(2029, 3900, 3600, 4300), "Staff in mutuals was about the same: 4,100 in 2010 and 3,900 in 2029 (95% CI 3,600–4,300)."},
		{st(2010, 4100, 4000, 4200), st(2029, 300, 200, 400), "Staff in mutuals fell from 4,100 in 2010 to 300 in 2029 (95% CI 200–400)."},
	} {
		if got := trend("staff_in_mutuals", c.first, c.last); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}

// TestChromiumRendersTheReport opens a default-scale run's report in a
// headless Chromium, screenshots it and checks that the page is drawn: not
// blank, with the charts' colours. CI installs Chromium and sets
// REPORT_REQUIRE_CHROMIUM=1, so there the test cannot be skipped.
func TestChromiumRendersTheReport(t *testing.T) {
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		if os.Getenv("REPORT_REQUIRE_CHROMIUM") != "" {
			t.Fatal("Chromium is not installed, and REPORT_REQUIRE_CHROMIUM is set")
		}
		t.Skip("no Chromium: CI installs it (.ci/run)")
	}
	dir := filepath.Join(t.TempDir(), "run")
	writeRun(t, dir, "right-to-provide", outputs.CSV)
	if _, err := Write(dir); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(t.TempDir(), "shot.png")
	abs, _ := filepath.Abs(filepath.Join(dir, FileName))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
		"--user-data-dir="+t.TempDir(), "--window-size=1200,2400", "--screenshot="+shot, "file://"+abs)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, out)
	}
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	colours, inked, blue := map[uint32]bool{}, 0, 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				inked++
			}
			if bl>>8 > 100 && r>>8 < 60 { // the NHS blue of the shares chart
				blue++
			}
		}
	}
	total := (bounds.Dx() / 2) * (bounds.Dy() / 2)
	t.Logf("screenshot %dx%d: %d colours, %.1f%% inked, %.1f%% NHS blue", bounds.Dx(), bounds.Dy(), len(colours), 100*float64(inked)/float64(total), 100*float64(blue)/float64(total))
	if len(colours) < 50 || inked < total/20 || blue < total/100 {
		t.Errorf("the page looks blank: %d colours, %d of %d pixels inked, %d blue", len(colours), inked, total, blue)
	}
}
