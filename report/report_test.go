package report

import (
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"mutualsim/inputs"
	"mutualsim/outputs"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

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

// TestReports writes the report of every fixture folder, in both formats,
// and checks it: self-contained pages and an SVG for every figure in both;
// for the CSV folder a PNG for every figure, the same page and SVGs when
// rebuilt from the files alone, and the structure of the golden file; and
// the same reading in Parquet as in CSV. PNGs, four fifths of the time,
// are drawn once per CSV fixture and rebuilt for the run only (the same
// bytes again); the Parquet folders draw none.
func TestReports(t *testing.T) {
	pagesOf := map[string][]string{ // report files, relative to the folder, the last the folder's own
		"compare": {"baseline/" + FileName, "right-to-provide/" + FileName, FileName},
		"batch":   {"baseline/" + FileName, "right-to-provide/" + FileName, "pension-open-access/" + FileName, "reserved-contracts/" + FileName, FileName},
	}
	for _, c := range fixtureCases {
		t.Run(c.name, func(t *testing.T) {
			want := pagesOf[c.name]
			if want == nil {
				want = []string{FileName}
			}
			pages := map[outputs.Format]string{}
			for _, f := range outputs.Formats() {
				dir := fixture(t, c.name, f)
				png := f == outputs.CSV
				written, err := write(dir, png)
				if err != nil {
					t.Fatal(err)
				}
				if len(written) != len(want) {
					t.Fatalf("wrote %v, want %v", written, want)
				}
				html := readString(t, filepath.Join(dir, FileName))
				pages[f] = structure(html)
				for _, pg := range want {
					selfContained(t, c.name+"/"+string(f)+"/"+pg, readString(t, filepath.Join(dir, pg)))
				}
				// Every figure on the page has its SVG (and, drawn, its PNG)
				// in charts/.
				exts := []string{".svg"}
				if png {
					exts = append(exts, ".png")
				}
				for _, m := range regexp.MustCompile(`<figure id="fig-([^"]+)">`).FindAllStringSubmatch(html, -1) {
					for _, ext := range exts {
						if _, err := os.Stat(filepath.Join(dir, ChartsDir, m[1]+ext)); err != nil {
							t.Errorf("%s: figure %s: %v", f, m[1], err)
						}
					}
				}
				if !png {
					continue // the Parquet folder's page is compared with the CSV one's below
				}
				// Rebuilt from the files alone, the page and charts are the same.
				rebuildPNG := c.name == "run"
				before := snapshot(t, dir, rebuildPNG)
				if err := os.RemoveAll(filepath.Join(dir, ChartsDir)); err != nil {
					t.Fatal(err)
				}
				if err := os.Remove(filepath.Join(dir, FileName)); err != nil {
					t.Fatal(err)
				}
				if _, err := write(dir, rebuildPNG); err != nil {
					t.Fatal(err)
				}
				if after := snapshot(t, dir, rebuildPNG); after != before {
					t.Errorf("%s: rebuilding the report gave other bytes", f)
				}
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

// snapshot gives the report and the charts of a folder, the PNGs and the
// list of charts only if png.
func snapshot(t *testing.T, dir string, png bool) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(readString(t, filepath.Join(dir, FileName)))
	entries, err := os.ReadDir(filepath.Join(dir, ChartsDir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !png && (strings.HasSuffix(e.Name(), ".png") || e.Name() == outputs.ChartsList) {
			continue // a page without PNGs lists fewer charts
		}
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
	if _, err := Write(empty, Options{}); err == nil || !strings.Contains(err.Error(), "has no manifest.json") {
		t.Errorf("empty folder: %v", err)
	}
	if _, err := Write(filepath.Join(empty, "nope"), Options{}); err == nil || !strings.Contains(err.Error(), "nope does not exist") {
		t.Errorf("missing folder: %v", err)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "manifest.json"), []byte(`{"program": "x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(bad, Options{}); err == nil || !strings.Contains(err.Error(), "not that of a run, a batch or a sweep") {
		t.Errorf("other manifest: %v", err)
	}
	if _, err := Write(filepath.Join(bad, "manifest.json"), Options{}); err == nil || !strings.Contains(err.Error(), "is a file, not a result folder") {
		t.Errorf("a file: %v", err)
	}

	run := fixture(t, "run", outputs.CSV)
	// damage copies the run folder and changes one of its files.
	damage := func(t *testing.T, file string, change func(lines []string) []string) string {
		t.Helper()
		dir := filepath.Join(t.TempDir(), "run")
		if err := os.CopyFS(dir, os.DirFS(run)); err != nil {
			t.Fatal(err)
		}
		if change != nil {
			p := filepath.Join(dir, file)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			lines := change(strings.Split(strings.TrimSuffix(string(b), "\n"), "\n"))
			if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		} else if err := os.Remove(filepath.Join(dir, file)); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	// setColumn sets a column of the first data row for which keep holds.
	setColumn := func(column, value string, keep func(row map[string]string) bool) func([]string) []string {
		return func(lines []string) []string {
			head := strings.Split(lines[0], ",")
			for i := 1; i < len(lines); i++ {
				cells := strings.Split(lines[i], ",")
				row := map[string]string{}
				for j, h := range head {
					row[h] = cells[j]
				}
				if keep(row) {
					for j, h := range head {
						if h == column {
							cells[j] = value
						}
					}
					lines[i] = strings.Join(cells, ",")
					return lines
				}
			}
			t.Fatalf("no row to change %s in", column)
			return nil
		}
	}
	isOpen := func(row map[string]string) bool { return row["route"] == "open" }
	anyRow := func(map[string]string) bool { return true }
	for _, c := range []struct {
		name, file string
		change     func([]string) []string
		want       string
	}{
		{"no summary", "summary.csv", nil, "summary.csv"},
		{"negative bidders", "tenders.csv", setColumn("bidders", "-3", isOpen), "tenders.csv, line "},
		{"huge bidders", "tenders.csv", setColumn("bidders", "100000000", isOpen), "bidders = 1e+08 is out of range, expected a whole number in [0, 1000]"},
		{"text bidders", "tenders.csv", setColumn("bidders", "many", isOpen), "tenders.csv"},
		{"gates passed", "spinouts.csv", setColumn("gates_passed", "9", anyRow), "gates_passed = 9 is out of range, expected a whole number in [0, 5]"},
		{"gate reached", "spinouts.csv", setColumn("gate_reached", "moon", anyRow), `gate_reached "moon" is not one of ballot, management, business_plan, finance, legal, formed`},
		{"missing measure", "summary.csv", func(lines []string) []string {
			return slices.DeleteFunc(lines, func(l string) bool { return strings.Contains(l, ",staff_in_mutuals,") })
		}, `has 0 rows of measure "staff_in_mutuals", but 6 years`},
		{"header only", "summary.csv", func(lines []string) []string { return lines[:1] }, "summary.csv holds no rows"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := damage(t, c.file, c.change)
			_, err := Write(dir, Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error containing %q", err, c.want)
			}
			if _, serr := os.Stat(filepath.Join(dir, FileName)); serr == nil {
				t.Error("a report was written for a damaged folder")
			}
		})
	}
	t.Run("no tenders", func(t *testing.T) {
		dir := damage(t, "tenders.csv", func(lines []string) []string { return lines[:1] })
		if _, err := Write(dir, Options{}); err != nil {
			t.Fatal(err)
		}
		if page := readString(t, filepath.Join(dir, FileName)); !strings.Contains(page, "There was no procurement") {
			t.Error("the page does not say there were no tenders")
		}
	})
}

func TestTrend(t *testing.T) {
	st := func(year int, mean, lo, hi float64) outputs.Stat {
		return outputs.Stat{Year: year, Mean: mean, Low: lo, High: hi}
	}
	nan := math.NaN()
	ch := func(d, lo, hi float64) outputs.Difference { return outputs.Difference{Diff: d, Low: lo, High: hi} }
	for _, c := range []struct {
		first, last outputs.Stat
		change      outputs.Difference
		want        string
	}{
		{st(2010, 4100, 4000, 4200), st(2029, 31000, 28000, 34000), ch(26900, 24000, 29800), "Staff in mutuals rose from 4,100 in 2010 to 31,000 in 2029 (a change of +26,900, 95% CI +24,000 to +29,800, paired by replication)."},
		// The last year's interval excludes the first year's mean, but the
		// paired change does not exclude zero: no "rose".
		{st(2010, 173, 0, 365), st(2029, 400, 380, 420), ch(227, -10, 464), "Staff in mutuals changed too little to tell from the spread across replications: 173 in 2010 and 400 in 2029 (a change of +227, 95% CI -10 to +464, paired by replication)."},
		{st(2010, 4100, 4000, 4200), st(2029, 300, 200, 400), ch(-3800, -3900, -3700), "Staff in mutuals fell from 4,100 in 2010 to 300 in 2029 (a change of -3,800, 95% CI -3,900 to -3,700, paired by replication)."},
		{st(2010, 4100, nan, nan), st(2029, 300, nan, nan), ch(-3800, nan, nan), "Staff in mutuals went from 4,100 in 2010 to 300 in 2029 (one replication, or too few with both years, so no interval)."},
		{st(2010, 0, 0, 0), st(2029, 0, 0, 0), ch(0, 0, 0), "Staff in mutuals was 0 in 2010 and in 2029, in every replication."},
		// The size against the spread across replications in the last year.
		{st(2010, 4100, 4000, 4200), outputs.Stat{Year: 2029, Mean: 4300, SD: 400, Low: 4000, High: 4600}, ch(200, 100, 300), "Staff in mutuals rose from 4,100 in 2010 to 4,300 in 2029 (a change of +200, 95% CI +100 to +300, paired by replication; 0.5 times the spread across replications in 2029)."},
		{st(2010, nan, nan, nan), st(2029, 0, 0, 0), ch(nan, nan, nan), "Staff in mutuals is undefined in 2010 or 2029 (no replication had it)."},
	} {
		if got := trend("staff_in_mutuals", c.first, c.last, c.change); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}

func TestRanking(t *testing.T) {
	nan := math.NaN()
	// sum is a summary of staff in mutuals in 2028 and 2029; the 2028
	// value is ten times the 2029 one, so a reading of the wrong year shows.
	sum := func(mean, lo, hi float64) *summary {
		return &summary{years: []int{2028, 2029}, stats: map[string][]outputs.Stat{"staff_in_mutuals": {
			{Year: 2028, Mean: 10 * mean, Low: 10 * lo, High: 10 * hi}, {Year: 2029, Mean: mean, Low: lo, High: hi}}}}
	}
	short := func(mean, lo, hi float64) *summary { // ends in 2028
		return &summary{years: []int{2028}, stats: map[string][]outputs.Stat{"staff_in_mutuals": {{Year: 2028, Mean: mean, Low: lo, High: hi}}}}
	}
	for _, c := range []struct {
		name    string
		a, b, c *summary
		kind    pageKind
		want    string
	}{
		{"apart", sum(100, 90, 110), sum(300, 280, 320), sum(200, 190, 210), plainBatch,
			"In 2029 staff in mutuals was highest under b (300, 95% CI 280–320) and lowest under a (100, 95% CI 90–110)."},
		{"overlap", sum(100, 90, 110), sum(105, 95, 115), sum(102, 95, 110), plainBatch,
			`In 2029 staff in mutuals was highest under b (105, 95% CI 95–115) and lowest under a (100, 95% CI 90–110). The highest and lowest intervals overlap, so these runs do not tell them apart; "mutualsim compare a b" gives a paired interval of the difference, usually much narrower.`},
		{"overlap paired", sum(100, 90, 110), sum(105, 95, 115), sum(102, 95, 110), comparison,
			"In 2029 staff in mutuals was highest under b (105, 95% CI 95–115) and lowest under a (100, 95% CI 90–110). The highest and lowest intervals overlap; the paired differences above say whether the scenarios differ."},
		{"overlap branches", sum(100, 90, 110), sum(105, 95, 115), sum(102, 95, 110), branches,
			"In 2029 staff in mutuals was highest under b (105, 95% CI 95–115) and lowest under a (100, 95% CI 90–110). The highest and lowest intervals overlap, so these runs do not tell them apart."},
		{"tied", sum(100, 90, 110), sum(300, 280, 320), sum(300, 290, 310), plainBatch,
			"In 2029 staff in mutuals was highest under b (300, 95% CI 280–320) and c (300, 95% CI 290–310) and lowest under a (100, 95% CI 90–110)."},
		{"same", sum(100, 90, 110), sum(100, 95, 115), sum(100, 0, 200), plainBatch, "In 2029 staff in mutuals was 100 under every scenario."},
		{"undefined", sum(nan, nan, nan), sum(nan, nan, nan), sum(nan, nan, nan), plainBatch, "Staff in mutuals is undefined in 2029 in every scenario."},
		{"one replication", sum(100, nan, nan), sum(300, nan, nan), sum(200, nan, nan), plainBatch,
			"In 2029 staff in mutuals was highest under b (300) and lowest under a (100)."},
		{"constant", sum(0, 0, 0), sum(300, 280, 320), sum(200, 190, 210), plainBatch,
			"In 2029 staff in mutuals was highest under b (300, 95% CI 280–320) and lowest under a (0 in every replication)."},
		{"years differ", sum(100, 90, 110), sum(300, 280, 320), short(2, 1, 3), plainBatch,
			"In 2028 staff in mutuals was highest under b (3,000, 95% CI 2,800–3,200) and lowest under c (2, 95% CI 1–3)."},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := ranking("staff_in_mutuals", []string{"a", "b", "c"}, map[string]*summary{"a": c.a, "b": c.b, "c": c.c}, c.kind)
			if got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestEffectClause(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		measure                  string
		mb, ms, d, lo, hi, ratio float64
		want                     string
	}{
		{"hhi_national", 3000, 1983, -1017, -1324, -710, 0.25, "x lowered national HHI (all regions pooled) by 1,017 (95% CI -1,324 to -710; independent runs would give an interval 4.0 times as wide)"},
		{"share_mutual", 0.1, 0.223, 0.123, 0.1, 0.15, 0.5, "x raised mutuals' share of contract value by 12.3 pts (95% CI +10.0 pts to +15.0 pts; independent runs would give an interval 2.0 times as wide)"},
		{"share_mutual", 0.1, 0.1, -0.0001, -0.0002, 0.0001, 1, "x did not clearly change mutuals' share of contract value: -0.010 pts (95% CI -0.020 pts to +0.010 pts; pairing did not narrow this interval)"},
		// A small difference clear of zero is written with the digits that
		// show it (it was 0.0 pts before version 0.3.3).
		{"producer_capture_index", 0.005, 0.0048, -0.0002, -0.0003, -0.0001, 1, "x lowered the producer capture index by 0.020 pts (95% CI -0.030 pts to -0.010 pts; pairing did not narrow this interval)"},
		{"mutuals_alive", 1, 1.5, 0.5, -0.2, 1.2, 1.1, "x did not clearly change mutuals trading: +0.5 (95% CI -0.2 to +1.2; pairing did not narrow this interval)"},
		{"mutuals_alive", 1, 3, 2, nan, nan, nan, "x changed mutuals trading by +2.0 (no interval: fewer than two replications had a value in both)"},
		{"mutuals_alive", 0, 0, 0, 0, 0, nan, "x left mutuals trading unchanged in every replication"},
		// outputs.Paired's means are those of the pairs: with no pair there
		// is no difference, whichever side lacked values.
		{"total_spend", nan, nan, nan, nan, nan, nan, "base and x never had a value of commissioners' total spend in the same replication, so there is no difference to give"},
	} {
		if got := effectClause(c.measure, "base", "x", c.mb, c.ms, c.d, c.lo, c.hi, c.ratio); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}

func TestLeversOfABranch(t *testing.T) {
	sc := inputs.Default().Resolve()
	sc.Timeline = []inputs.ResolvedChange{
		{Year: 2020, Set: []inputs.ResolvedLever{{Name: "pension.access", Value: "none"}}},
		{Year: 2011, Set: []inputs.ResolvedLever{{Name: "pension.access", Value: "open"}}},
	}
	for _, c := range []struct {
		from     int
		col, val string
		timeline []string
	}{
		{0, "this scenario", "", []string{"2011 pension.access open", "2020 pension.access none"}},
		{2015, "from 2015", "open", []string{"2020 pension.access none"}},
		{2020, "from 2020", "none", nil},
	} {
		s := &section{}
		leversSection(s, sc, c.from)
		var tl []string
		val := ""
		for _, tb := range s.Tables {
			if tb.Caption != "" {
				for _, r := range tb.Rows {
					tl = append(tl, strings.Join(r, " "))
				}
				continue
			}
			if tb.Head[1] != c.col {
				t.Errorf("from %d: column %q, want %q", c.from, tb.Head[1], c.col)
			}
			val = tb.Rows[0][1]
		}
		if val != c.val || !slices.Equal(tl, c.timeline) {
			t.Errorf("from %d: value %q and timeline %q, want %q and %q", c.from, val, tl, c.val, c.timeline)
		}
	}
}

// FuzzDamagedFolder replaces one table of a run folder with fuzzed bytes
// and reads the folder as its report does, in memory (no disk, no drawing):
// a damaged table must give an error, never a panic or a hang. The seeds
// are the run fixture's tables, cut and altered.
func FuzzDamagedFolder(f *testing.F) {
	run := filepath.Join(fixturesDir, fixtureName("run", outputs.CSV))
	base := fstest.MapFS{}
	for _, name := range outputs.RunFiles(outputs.CSV) {
		b, err := os.ReadFile(filepath.Join(run, name))
		if err != nil {
			f.Fatal(err)
		}
		base[name] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	var manifest outputs.Manifest
	if err := json.Unmarshal(base["manifest.json"].Data, &manifest); err != nil {
		f.Fatal(err)
	}
	files := []string{"tenders.csv", "spinouts.csv", "summary.csv"}
	for i, name := range files {
		lines := strings.SplitAfter(string(base[name].Data), "\n")
		f.Add(uint8(i), []byte(strings.Join(lines[:min(len(lines), 6)], "")))
		f.Add(uint8(i), []byte(lines[0]))
		f.Add(uint8(i), []byte(strings.ReplaceAll(strings.Join(lines[:min(len(lines), 6)], ""), ",", ",-")))
	}
	f.Add(uint8(0), []byte("route,bidders\nopen,99999999999999999999\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := maps.Clone(base)
		fsys[files[int(which)%len(files)]] = &fstest.MapFile{Data: data, Mode: 0o644}
		p, err := runPageOf(folder{fsys: fsys, dir: "run"}, &manifest)
		if err == nil && p == nil {
			t.Fatal("no page and no error")
		}
	})
}

func TestSpearman(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for _, c := range []struct {
		name        string
		y           []float64
		rho         float64
		pLow, pHigh float64
	}{
		{"perfect", []float64{2, 4, 6, 8, 10, 12, 14, 16, 18, 20}, 1, 0, 0},
		{"reversed", []float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, -1, 0, 0},
		// ρ = 1 − 6Σd²/(n(n²−1)) with Σd² = 10: 0.939394; t = 7.75 on 8
		// degrees of freedom: p ≈ 5.5e-5.
		{"swapped pairs", []float64{2, 1, 4, 3, 6, 5, 8, 7, 10, 9}, 0.939394, 5.0e-5, 6.0e-5},
		// Σd² = 116: ρ = 0.296970; t = 0.880 on 8 degrees of freedom:
		// p ≈ 0.40, not significant.
		{"weak", []float64{7, 2, 5, 9, 1, 3, 8, 4, 6, 10}, 0.296970, 0.35, 0.45},
		{"with ties", []float64{1, 1, 1, 1, 1, 2, 2, 2, 2, 2}, 0.870388, 0, 0.002},
		{"constant", []float64{5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, math.NaN(), math.NaN(), math.NaN()},
	} {
		rho, p := spearman(x, c.y)
		if math.IsNaN(c.rho) {
			if !math.IsNaN(rho) || !math.IsNaN(p) {
				t.Errorf("%s: rho %v p %v, want NaN", c.name, rho, p)
			}
			continue
		}
		if math.Abs(rho-c.rho) > 1e-6 || p < c.pLow || p > c.pHigh {
			t.Errorf("%s: rho %v p %v, want rho %v and p in [%v, %v]", c.name, rho, p, c.rho, c.pLow, c.pHigh)
		}
	}
	if rho, p := spearman(x[:2], x[:2]); !math.IsNaN(rho) || !math.IsNaN(p) {
		t.Errorf("two points: rho %v p %v, want NaN", rho, p)
	}
}

func TestTooSmallSobol(t *testing.T) {
	for _, c := range []struct {
		s1, st float64
		want   bool
	}{{0.01, 3.2, true}, {0.3, 3.2, false}, {0.01, 1.1, false}, {0.049, 1.51, true}} {
		if got := tooSmallSobol(c.s1, c.st); got != c.want {
			t.Errorf("max |S1| %v, sum ST %v: %v, want %v", c.s1, c.st, got, c.want)
		}
	}
}
