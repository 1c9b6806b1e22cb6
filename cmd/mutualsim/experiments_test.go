package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"mutualsim/outputs"
	"mutualsim/sweep"
)

// TestMain lets a test run the program in a child process: with
// GO_TEST_AS_MUTUALSIM set, the test binary is the program.
func TestMain(m *testing.M) {
	if os.Getenv("GO_TEST_AS_MUTUALSIM") == "1" {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// dataFiles reads every table of a folder (not the manifest, which records
// times, nor the journal, whose lines come in completion order, nor the
// report, which shows the manifest).
func dataFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "charts" {
				return filepath.SkipDir
			}
			return nil
		}
		if name := d.Name(); name == "manifest.json" || name == sweep.JournalName || name == "report.html" {
			return nil
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameData(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	if len(want) == 0 {
		t.Fatalf("%s: nothing to compare", what)
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: %s is missing", what, name)
		} else if !bytes.Equal(w, g) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: extra file %s", what, name)
		}
	}
}

// TestCheckpointAndBranch stops the default scenario in 2015 and continues
// it: under the same scenario the files equal the uninterrupted run's byte
// for byte; under another, the years to 2015 are shared.
func TestCheckpointAndBranch(t *testing.T) {
	root := t.TempDir()
	common := []string{"--scale", "small", "--reps", "3", "--years", "12", "--seed", "5", "--quiet", "--no-report"}
	whole := filepath.Join(root, "whole")
	if code, _, errs := runCLI(t, append([]string{"run", "--out", whole}, common...)...); code != 0 {
		t.Fatal(errs)
	}
	ckpt := filepath.Join(root, "run.ckpt")
	half := filepath.Join(root, "half")
	if code, _, errs := runCLI(t, append([]string{"run", "--until", "2015", "--checkpoint", ckpt, "--out", half}, common...)...); code != 0 {
		t.Fatal(errs)
	}
	var m outputs.Manifest
	readJSON(t, filepath.Join(half, "manifest.json"), &m)
	if m.EndYear != 2015 || m.Checkpoint == nil || len(m.Checkpoint.SHA256) != 64 || m.Checkpoint.Year != 2015 {
		t.Errorf("manifest of the run to the checkpoint: end %d, checkpoint %+v", m.EndYear, m.Checkpoint)
	}
	branches := filepath.Join(root, "branches")
	code, out, errs := runCLI(t, "branch", ckpt, "--scenario", "baseline", "--scenario", "right-to-provide", "--years", "12", "--workers", "1", "--out", branches, "--no-report")
	if code != 0 {
		t.Fatalf("branch: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "right-to-provide") {
		t.Errorf("branch table: %q", out)
	}
	sameData(t, "branch under the same scenario", dataFiles(t, whole), dataFiles(t, filepath.Join(branches, "baseline")))
	readJSON(t, filepath.Join(branches, "baseline", "manifest.json"), &m)
	if m.BranchedFrom == nil || m.BranchedFrom.Year != 2015 || m.BranchedFrom.Scenario != "baseline" {
		t.Errorf("branched_from %+v", m.BranchedFrom)
	}
	// The other branch shares the history to 2015 and differs after it.
	a, b := readCSV(t, filepath.Join(whole, "timeseries.csv")), readCSV(t, filepath.Join(branches, "right-to-provide", "timeseries.csv"))
	for i := 1; i < len(a); i++ {
		year, _ := strconv.Atoi(a[i][1])
		same := strings.Join(a[i], ",") == strings.Join(b[i], ",")
		if year <= 2015 && !same {
			t.Errorf("row %d (%d): the shared history differs", i, year)
		}
		if year == 2021 && same {
			t.Errorf("row %d (%d): the branch did not diverge", i, year)
		}
	}
	// Bad uses: one line each, exit 2.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"branch", ckpt}, "--scenario: name at least one scenario"},
		{[]string{"branch", ckpt, "-s", "baseline", "--years", "5"}, "ends in 2014, not after the checkpoint's year 2015"},
		{[]string{"branch", filepath.Join(root, "whole", "runs.csv"), "-s", "baseline"}, "open checkpoint"},
		{[]string{"branch", filepath.Join(whole, "timeseries.csv"), "-s", "baseline"}, "not a mutualsim checkpoint"},
		{[]string{"run", "--until", "2015"}, "--until goes with --checkpoint"},
		{[]string{"run", "--until", "2040", "--checkpoint", ckpt, "--scale", "small"}, "--until: 2040 is outside the run"},
	} {
		code, _, errs := runCLI(t, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%v: exit %d, %q; want 2 and one line with %q", c.args, code, errs, c.want)
		}
	}
}

// TestCompare checks the paired comparison: the differences are B − A of
// the run folders' own replications, and common random numbers narrow the
// interval of a measure both scenarios share noise in.
func TestCompare(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cmp")
	code, out, errs := runCLI(t, "compare", "baseline", "pension-open-access", "--scale", "small", "--reps", "6", "--years", "8",
		"--at", "2013,2017", "--measures", "total_spend,quality_mean,mutuals_alive", "--out", dir, "--no-report")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "pension-open-access − baseline:") || !strings.Contains(out, "95% CI (paired)") {
		t.Errorf("table: %q", out)
	}
	rows := readCSV(t, filepath.Join(dir, "comparison.csv"))
	if len(rows) != 1+3*2 || strings.Join(rows[0][:8], ",") != "measure,unit,year,baseline,scenario,mean_baseline,mean_scenario,difference" {
		t.Fatalf("comparison.csv: %d rows, header %v", len(rows), rows[0])
	}
	// Recompute total_spend in 2017 from the run folders.
	col := func(header []string, name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	value := func(scen string) []float64 {
		ts := readCSV(t, filepath.Join(dir, scen, "timeseries.csv"))
		c := col(ts[0], "total_spend")
		var v []float64
		for _, r := range ts[1:] {
			if r[1] == "2017" {
				x, _ := strconv.ParseFloat(r[c], 64)
				v = append(v, x)
			}
		}
		return v
	}
	a, b := value("baseline"), value("pension-open-access")
	d := outputs.Paired(a, b)
	// timeseries.csv keeps 8 significant digits: each value is within 5e-8
	// of its size, so the recomputed difference is within 1e-7 of the
	// largest value.
	tol := 0.0
	for _, x := range append(a, b...) {
		tol = max(tol, 1e-7*math.Abs(x))
	}
	for _, r := range rows[1:] {
		if r[0] == "total_spend" && r[2] == "2017" {
			got, _ := strconv.ParseFloat(r[7], 64)
			if math.Abs(got-d.Diff) > tol {
				t.Errorf("difference %v, recomputed %v", got, d.Diff)
			}
			ratio, _ := strconv.ParseFloat(r[12], 64)
			if ratio >= 0.5 {
				t.Errorf("total spend: paired interval %.2f of the unpaired one; common random numbers should narrow it", ratio)
			}
		}
	}
	var m outputs.BatchManifest
	readJSON(t, filepath.Join(dir, "manifest.json"), &m)
	if len(m.Files) != 3 || m.Files[1] != "comparison.csv" {
		t.Errorf("manifest files %v", m.Files)
	}
	if code, _, errs := runCLI(t, "compare", "baseline", "--scale", "small"); code != 2 || !strings.Contains(errs, "names no scenario to compare it with") {
		t.Errorf("one scenario without a comparator: %d %q", code, errs)
	}
	// One scenario is compared with the one it names, at its own scale.
	one := filepath.Join(t.TempDir(), "one")
	code, _, errs = runCLI(t, "compare", "pension-open-access", "--scale", "small", "--reps", "2", "--years", "3", "--out", one, "--no-report")
	if code != 0 || !strings.Contains(errs, "comparing pension-open-access with right-to-provide") {
		t.Fatalf("one scenario with its comparator: %d %q", code, errs)
	}
	var om outputs.BatchManifest
	readJSON(t, filepath.Join(one, "manifest.json"), &om)
	if len(om.Scenarios) != 2 || om.Scenarios[0].Name != "right-to-provide" || om.Scenarios[1].Name != "pension-open-access" {
		t.Errorf("compared %+v, want right-to-provide then pension-open-access", om.Scenarios)
	}
	// Replications of different markets are not paired.
	if code, _, errs := runCLI(t, "compare", "right-to-provide", "gloucestershire-2012", "--reps", "2", "--years", "2"); code != 2 || !strings.Contains(errs, "cannot be paired") {
		t.Errorf("different scales: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "compare", "baseline", "no-competition", "--measures", "hhi_regionl"); code != 2 || !strings.Contains(errs, `did you mean "hhi_regional"?`) {
		t.Errorf("bad measure: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "compare", "baseline", "no-competition", "--at", "2040"); code != 2 || !strings.Contains(errs, "--at: 2040 is outside") {
		t.Errorf("bad year: %d %q", code, errs)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestReportCommand checks that a run writes its report, that --no-report
// does not, and that "mutualsim report" rebuilds it from the files alone.
func TestReportCommand(t *testing.T) {
	root := t.TempDir()
	with, without := filepath.Join(root, "with"), filepath.Join(root, "without")
	common := []string{"--scale", "small", "--reps", "2", "--years", "3"}
	code, _, errs := runCLI(t, append([]string{"run", "--out", with}, common...)...)
	if code != 0 || !strings.Contains(errs, "report.html in") {
		t.Fatalf("run: exit %d, %q", code, errs)
	}
	if code, _, errs := runCLI(t, append([]string{"run", "--out", without, "--no-report", "-q"}, common...)...); code != 0 {
		t.Fatal(errs)
	}
	if _, err := os.Stat(filepath.Join(without, "report.html")); err == nil {
		t.Error("--no-report wrote a report")
	}
	page, err := os.ReadFile(filepath.Join(with, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(with, "charts")); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "report", with, without, "-q"); code != 0 {
		t.Fatalf("report: %s", errs)
	}
	again, err := os.ReadFile(filepath.Join(with, "report.html"))
	if err != nil || !bytes.Equal(page, again) {
		t.Errorf("the rebuilt report differs (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(without, "charts", "shares.svg")); err != nil {
		t.Errorf("report of the folder run without one: %v", err)
	}
	if code, _, errs := runCLI(t, "report", root); code != 2 || !strings.Contains(errs, "has no manifest.json") {
		t.Errorf("a folder that is not a result: exit %d, %q", code, errs)
	}
}

// TestBranchReport checks what a branch's reports say: the levers in force
// when the branch starts, readings from the checkpoint's year, and the
// mark of that year on the time charts.
func TestBranchReport(t *testing.T) {
	root := t.TempDir()
	ckpt := filepath.Join(root, "c.ckpt")
	common := []string{"--scale", "small", "--reps", "2", "--years", "8", "-q"}
	if code, _, errs := runCLI(t, append([]string{"run", "--until", "2013", "--checkpoint", ckpt, "--out", filepath.Join(root, "r")}, common...)...); code != 0 {
		t.Fatal(errs)
	}
	out := filepath.Join(root, "b")
	if code, _, errs := runCLI(t, "branch", ckpt, "-s", "right-to-provide", "-s", "pension-open-access", "--out", out, "-q"); code != 0 {
		t.Fatal(errs)
	}
	sub, err := os.ReadFile(filepath.Join(out, "right-to-provide", "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	top, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<th>from 2014</th>", // the levers in force from the year after the checkpoint
		"support.right_to_provide</td><td>true</td>",
		"From 2013, the year of the checkpoint",
		"in 2013 to ", // readings from the checkpoint's year
		"2013: branches from the checkpoint",
	} {
		if !strings.Contains(string(sub), want) {
			t.Errorf("the branch's own report lacks %q", want)
		}
	}
	for _, want := range []string{"in 2014, when the branches start", "2013: branches from the checkpoint"} {
		if !strings.Contains(string(top), want) {
			t.Errorf("the branches' report lacks %q", want)
		}
	}
	if strings.Contains(string(top), "mutualsim compare") {
		t.Error("the branches' report suggests mutualsim compare, which cannot rerun a branch")
	}
}

// The console summary of a grid and a Latin-hypercube sweep gives, for
// each outcome, the lowest and highest point mean that points.csv holds
// (the review found it reading the lever and set columns instead).
func TestSweepSummaryMatchesPoints(t *testing.T) {
	for _, method := range []string{"grid", "lhs"} {
		t.Run(method, func(t *testing.T) {
			dir := t.TempDir()
			design := filepath.Join(dir, "d.yaml")
			src := fmt.Sprintf(`name: summary
base: baseline
method: %s
points: 3
replications: 1
scale: small
years: 3
levers:
  procurement.contract_years: [2, 7]
  governance.slack_growth: [0.0, 0.05]
outcomes: [producer_capture_index, mean_bidders]
`, method)
			if err := os.WriteFile(design, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			code, stdout, stderr := runCLI(t, "sweep", design, "--out", out, "--no-report")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			rows := readCSV(t, filepath.Join(out, "points.csv"))
			for _, measure := range []string{"producer_capture_index", "mean_bidders"} {
				col := slices.IndexFunc(rows[0], func(s string) bool { return strings.HasPrefix(s, measure) && strings.HasSuffix(s, "_mean") })
				if col < 0 {
					t.Fatalf("points.csv has no %s mean: %v", measure, rows[0])
				}
				lo, hi := math.Inf(1), math.Inf(-1)
				for _, r := range rows[1:] {
					v, err := strconv.ParseFloat(r[col], 64)
					if err != nil {
						t.Fatal(err)
					}
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
				unit := outputs.MeasureUnit(measure)
				want := fmt.Sprintf("%s  %s", outputs.Human(lo, unit), outputs.Human(hi, unit))
				line := ""
				for _, l := range strings.Split(stdout, "\n") {
					if strings.HasPrefix(strings.TrimSpace(l), measure) {
						line = strings.Join(strings.Fields(l), "  ")
					}
				}
				if !strings.HasSuffix(line, want) {
					t.Errorf("%s: console says %q, points.csv gives %s to %s", measure, line, outputs.Human(lo, unit), outputs.Human(hi, unit))
				}
			}
		})
	}
}
