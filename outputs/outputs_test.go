package outputs

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mutualsim/inputs"
	"mutualsim/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenRun is a small, fixed run whose files are kept under testdata/golden.
func goldenRun(t *testing.T) *sim.Result {
	t.Helper()
	s := inputs.Default()
	s.Scale, s.Replications, s.Years, s.Seed = "small", 2, 4, 2024
	s.Params.Support.RightToProvide = true
	s.Params.Support.SpinoutRate = 0.2
	res, err := sim.Run(context.Background(), s, sim.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestGoldenRunFolder writes a run folder and compares every CSV with the
// golden copy byte for byte. Run with -update after an intended change.
func TestGoldenRunFolder(t *testing.T) {
	res := goldenRun(t)
	dir := t.TempDir()
	m := NewManifest(res.Scenario, 2)
	m.Started = "2026-01-01T00:00:00Z"
	if err := WriteRun(dir, CSV, res, m); err != nil {
		t.Fatal(err)
	}
	for _, name := range RunFiles(CSV) {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "manifest.json" {
			checkManifest(t, got, res.Scenario)
			continue
		}
		golden := filepath.Join("testdata", "golden", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./outputs -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; if the change is intended, run go test ./outputs -update", name, golden)
		}
	}
	// No temporary files are left behind.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left over %s", e.Name())
		}
	}
}

func checkManifest(t *testing.T, b []byte, scen *inputs.Scenario) {
	t.Helper()
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	if m.Seed != scen.Seed || m.Replications != scen.Replications || m.ParamsHash != scen.Hash() || m.Scale.Name != "small" ||
		m.Started == "" || m.Finished == "" || m.Version == "" || len(m.Scenario.Levers) != len(inputs.Levers()) ||
		!slices.Equal(m.Files, RunFiles(CSV)) {
		t.Errorf("manifest incomplete: %+v", m)
	}
}

// TestCSVShapes reads every CSV of a run folder back with encoding/csv and
// checks its header against the data dictionary and its row counts.
func TestCSVShapes(t *testing.T) {
	res := goldenRun(t)
	dir := t.TempDir()
	if err := WriteRun(dir, CSV, res, NewManifest(res.Scenario, 2)); err != nil {
		t.Fatal(err)
	}
	dict := map[string][]string{}
	for _, c := range Columns(CSV) {
		dict[c.File] = append(dict[c.File], c.Name)
		if c.Unit == "" || c.Meaning == "" {
			t.Errorf("%s %s lacks a unit or meaning", c.File, c.Name)
		}
	}
	count := func(f func(r *sim.Replication) int) int {
		n := 0
		for _, r := range res.Reps {
			n += f(r)
		}
		return n
	}
	for _, tc := range []struct {
		file string
		rows int
	}{
		{"timeseries.csv", 2 * 4},
		{"summary.csv", 4 * len(sim.Measures())},
		{"tenders.csv", count(func(r *sim.Replication) int { return len(r.Tenders) })},
		{"bids.csv", count(func(r *sim.Replication) int { return len(r.Bids) })},
		{"spinouts.csv", count(func(r *sim.Replication) int { return len(r.Spinouts) })},
		{"providers.csv", count(func(r *sim.Replication) int { return len(r.Providers) })},
		{"columns.csv", len(Columns(CSV))},
	} {
		f, err := os.Open(filepath.Join(dir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		records, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if want, ok := dict[tc.file]; ok && !slices.Equal(records[0], want) {
			t.Errorf("%s header %v, dictionary %v", tc.file, records[0], want)
		}
		if len(records)-1 != tc.rows || tc.rows == 0 {
			t.Errorf("%s has %d rows, want %d (> 0)", tc.file, len(records)-1, tc.rows)
		}
	}
	for _, name := range RunFiles(CSV) {
		if name != "manifest.json" && name != "columns.csv" && len(dict[name]) == 0 {
			t.Errorf("%s has no entry in the data dictionary", name)
		}
	}
	// The measures other issues, scenarios and reports refer to by name.
	for _, name := range []string{"mutuals_alive", "staff_in_mutuals", "share_nhs", "share_mutual", "share_private", "share_jv", "hhi_regional",
		"hhi_national", "regions_hhi_over_2000", "spend_hhi_over_2000", "cr1_regional", "cr4_regional", "hhi_service", "cr4_service", "cr4_national",
		"mean_bidders", "incumbent_win_rate", "transaction_costs", "producer_capture_index", "teckal_companies", "jv_value_privatised",
		"investor_extraction", "engagement_mean", "absence_rate", "turnover_rate", "vacancy_rate", "nhs_pension_share",
		"quality_mean", "total_spend", "spinout_attempts", "spinouts_formed"} {
		if !slices.Contains(dict["timeseries.csv"], name) {
			t.Errorf("timeseries.csv lacks %s", name)
		}
	}
}

// TestRunWriterOrder checks that replications must arrive in index order.
func TestRunWriterOrder(t *testing.T) {
	res := goldenRun(t)
	rw, err := NewRunWriter(t.TempDir(), CSV)
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Abort()
	if err := rw.Add(res.Reps[1]); err == nil {
		t.Fatal("replication 1 accepted before 0")
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "old\n"); return err }); err != nil {
		t.Fatal(err)
	}
	// A write that fails half way leaves the old file and no temporary file.
	boom := errors.New("disk on fire")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("partial", 100000))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v does not wrap the cause", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("file changed by a failed write: %q", b[:min(len(b), 20)])
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "x.csv"), func(io.Writer) error { return nil }); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("write into a missing folder: %v", err)
	}
}

func TestWriteRunReplacesManifestLast(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "manifest.json")
	os.WriteFile(old, []byte("{}"), 0o644)
	// A folder that cannot take the new files keeps no stale manifest.
	os.Mkdir(filepath.Join(dir, "timeseries.csv"), 0o755)
	os.WriteFile(filepath.Join(dir, "timeseries.csv", "x"), nil, 0o644)
	err := WriteRun(dir, CSV, goldenRun(t), NewManifest(inputs.Default(), 1))
	if err == nil {
		t.Fatal("WriteRun over a folder named timeseries.csv succeeded")
	}
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Error("a stale manifest survived an interrupted write")
	}
}

func TestFormatFloat(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {42, "42"}, {-3, "-3"}, {0.5, "0.5"}, {1.0 / 3, "0.33333333"}, {1234.56789, "1234.5679"},
		{1e-7, "1e-07"}, {math.NaN(), ""}, {math.Inf(1), ""}, {2e15, "2e+15"},
	} {
		if got := FormatFloat(tc.v); got != tc.want {
			t.Errorf("FormatFloat(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestHuman(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		unit string
		want string
	}{
		{0.1234, "share 0-1", "12.3%"}, {1859.4, "£m", "£1.86bn"}, {28.17, "£m", "£28.2m"}, {31000, "staff", "31,000"},
		{1234567, "staff", "1,234,567"}, {642.4, "HHI 0-10,000", "642"}, {2.654, "bidders", "2.65"}, {2.9, "bidders", "2.90"}, {0.004567, "ratio", "0.00457"}, {123.4, "ratio", "123"}, {math.NaN(), "staff", "–"},
		{-1500, "staff", "-1,500"}, {0.9, "mutuals", "0.9"}, {0.6, "0-1", "0.600"}, {2, "mutuals", "2.0"}, {1234.4, "tenders", "1,234"},
	} {
		if got := Human(tc.v, tc.unit); got != tc.want {
			t.Errorf("Human(%v, %q) = %q, want %q", tc.v, tc.unit, got, tc.want)
		}
	}
}

func TestMeanCI(t *testing.T) {
	// For n = 10 the 97.5% point of Student's t with 9 degrees of freedom is 2.2622.
	xs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	st := MeanCI(xs)
	sd := math.Sqrt(55.0 / 6)
	half := 2.2621571627 * sd / math.Sqrt(10)
	if st.N != 10 || math.Abs(st.Mean-5.5) > 1e-12 || math.Abs(st.SD-sd) > 1e-9 || math.Abs(st.Low-(5.5-half)) > 1e-6 || math.Abs(st.High-(5.5+half)) > 1e-6 {
		t.Errorf("MeanCI = %+v, want mean 5.5 sd %v ± %v", st, sd, half)
	}
	if one := MeanCI([]float64{3}); one.Mean != 3 || !math.IsNaN(one.Low) {
		t.Errorf("one value: %+v", one)
	}
	if none := MeanCI(nil); !math.IsNaN(none.Mean) || none.N != 0 {
		t.Errorf("no values: %+v", none)
	}
}

// TestSummaryClipsToRange checks that interval ends stay in each measure's
// range: a share's interval never goes below 0 or above 1.
func TestSummaryClipsToRange(t *testing.T) {
	ms := sim.Measures()
	share := sim.MeasureIndex("share_jv")
	res := &sim.Result{}
	for i, v := range []float64{0, 0, 0.02} {
		vals := make([]float64, len(ms))
		vals[share] = v
		res.Reps = append(res.Reps, &sim.Replication{Rep: i, Years: []int{2010}, Values: [][]float64{vals}})
	}
	for _, st := range Summarise(res) {
		m := ms[sim.MeasureIndex(st.Measure)]
		lo, hi := m.Bounds()
		if st.Low < lo || st.High > hi {
			t.Errorf("%s interval [%v, %v] outside [%v, %v]", st.Measure, st.Low, st.High, lo, hi)
		}
		if st.Measure == "share_jv" && st.Low != 0 {
			t.Errorf("share_jv low %v, want clipped to 0", st.Low)
		}
	}
}

func TestHeadline(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHeadline(&buf, Summarise(goldenRun(t))); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1+len(HeadlineMeasures()) || !strings.HasPrefix(lines[0], "measure") || !strings.Contains(lines[0], "2010 mean") || !strings.Contains(lines[0], "2013 mean") {
		t.Fatalf("headline table:\n%s", out)
	}
	for i, m := range HeadlineMeasures() {
		if !strings.HasPrefix(lines[i+1], m+" ") {
			t.Errorf("line %d is %q, want %s", i+1, lines[i+1], m)
		}
	}
}

func ExampleHuman() {
	for _, v := range []struct {
		v    float64
		unit string
	}{{0.284, "share 0-1"}, {1763.2, "£m"}, {35000, "staff"}} {
		os.Stdout.WriteString(Human(v.v, v.unit) + "\n")
	}
	// Output:
	// 28.4%
	// £1.76bn
	// 35,000
}
