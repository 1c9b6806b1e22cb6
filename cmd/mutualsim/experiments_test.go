package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

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

// child returns a command that runs the program with args in its own
// process.
func child(args ...string) *exec.Cmd {
	c := exec.Command(os.Args[0], args...)
	c.Env = append(os.Environ(), "GO_TEST_AS_MUTUALSIM=1")
	return c
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
	common := []string{"--scale", "small", "--reps", "3", "--years", "12", "--seed", "5", "--quiet"}
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
	code, out, errs := runCLI(t, "branch", ckpt, "--scenario", "baseline", "--scenario", "right-to-provide", "--years", "12", "--workers", "1", "--out", branches)
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
		"--at", "2013,2017", "--measures", "total_spend,quality_mean,mutuals_alive", "--out", dir)
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
	d := outputs.Paired(value("baseline"), value("pension-open-access"))
	for _, r := range rows[1:] {
		if r[0] == "total_spend" && r[2] == "2017" {
			got, _ := strconv.ParseFloat(r[7], 64)
			if diff := got - d.Diff; diff > 1e-6*max(1, d.Diff) || diff < -1e-6*max(1, d.Diff) {
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

const killDesign = `name: killed
base: baseline
method: lhs
points: 80
replications: 2
scale: small
years: 12
levers:
  procurement.contract_years: [2, 7]
  commissioners.risk_aversion: [0.0, 1.0]
  support.right_to_provide: [false, true]
outcomes: [hhi_regional, mutuals_alive, producer_capture_index]
outcome_years: [2015, 2021]
`

// TestSweepSurvivesSIGKILL kills the sweep's process with SIGKILL at random
// moments and reruns the same command until it completes: the results equal
// an uninterrupted sweep's, every run is in the journal exactly once.
func TestSweepSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	root := t.TempDir()
	design := filepath.Join(root, "killed.yaml")
	if err := os.WriteFile(design, []byte(killDesign), 0o644); err != nil {
		t.Fatal(err)
	}
	whole := filepath.Join(root, "whole")
	if out, err := child("sweep", design, "--out", whole, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted sweep: %v\n%s", err, out)
	}
	dir := filepath.Join(root, "killed")
	rng := rand.New(rand.NewPCG(7, 11))
	kills, midway, progress := 0, 0, 0
	for attempt := 0; ; attempt++ {
		if attempt > 200 {
			t.Fatal("the sweep did not finish in 200 attempts")
		}
		c := child("sweep", design, "--out", dir, "--quiet", "--workers", "2")
		var stderr bytes.Buffer
		c.Stderr = &stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- c.Wait() }()
		// Kill at a random moment, while the process starts, runs or
		// writes its results. The window widens with each attempt, so that
		// a slow machine (or -race) still gets to the end.
		window := time.Duration(300+25*attempt) * time.Millisecond
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("attempt %d: %v\n%s", attempt, err, stderr.String())
			}
		case <-time.After(time.Duration(rng.Int64N(int64(window)))):
			c.Process.Signal(syscall.SIGKILL)
			<-done
			kills++
			// Count the kills that landed in the middle of the runs.
			if _, recs, err := sweep.ReadJournal(dir); err == nil && len(recs) > progress && len(recs) < 160 {
				midway++
				progress = len(recs)
			}
			continue
		}
		break
	}
	if midway < 2 {
		t.Errorf("%d kills, %d of them in the middle of the runs; the test did not exercise resumption", kills, midway)
	}
	sameData(t, fmt.Sprintf("after %d SIGKILLs", kills), dataFiles(t, whole), dataFiles(t, dir))
	_, recs, err := sweep.ReadJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, r := range recs {
		if seen[r.Run] {
			t.Errorf("run %d is in the journal twice", r.Run)
		}
		seen[r.Run] = true
	}
	if len(seen) != 160 {
		t.Errorf("%d runs in the journal, want 160", len(seen))
	}
	t.Logf("%d SIGKILLs before the sweep completed, %d of them with runs done and runs to do", kills, midway)
}

// TestShardedSweep runs a sweep as a Slurm array of three tasks numbered
// from 1 and merges the shards: the results equal the unsharded sweep's.
func TestShardedSweep(t *testing.T) {
	root := t.TempDir()
	design := filepath.Join(root, "d.yaml")
	if err := os.WriteFile(design, []byte(strings.NewReplacer("method: lhs", "method: morris", "points: 80", "points: 10").Replace(killDesign)), 0o644); err != nil {
		t.Fatal(err)
	}
	whole := filepath.Join(root, "whole")
	if code, _, errs := runCLI(t, "sweep", design, "--out", whole, "--quiet", "--format", "parquet"); code != 0 {
		t.Fatal(errs)
	}
	shards := filepath.Join(root, "shards")
	var dirs []string
	for id := 1; id <= 3; id++ {
		c := child("sweep", design, "--out", filepath.Join(shards, "s"+strconv.Itoa(id)), "--format", "parquet")
		c.Env = append(c.Env, "SLURM_ARRAY_TASK_ID="+strconv.Itoa(id), "SLURM_ARRAY_TASK_MIN=1", "SLURM_ARRAY_TASK_COUNT=3")
		out, err := c.CombinedOutput()
		if err != nil {
			t.Fatalf("task %d: %v\n%s", id, err, out)
		}
		if want := fmt.Sprintf("shard %d of 3 (Slurm array task %d", id-1, id); !strings.Contains(string(out), want) {
			t.Errorf("task %d: output %q lacks %q", id, out, want)
		}
		dirs = append(dirs, filepath.Join(shards, "s"+strconv.Itoa(id)))
	}
	code, _, errs := runCLI(t, "merge", dirs[0], dirs[2], "--format", "parquet")
	if code != 2 || !strings.Contains(errs, "missing shards: 1") || !strings.Contains(errs, "runs are missing") {
		t.Errorf("merge without shard 1: exit %d, %q", code, errs)
	}
	code, _, errs = runCLI(t, "merge", dirs[0], dirs[1], dirs[2], "--format", "parquet")
	if code != 0 {
		t.Fatalf("merge: exit %d, %s", code, errs)
	}
	merged := dataFiles(t, shards)
	for name := range merged {
		if strings.Contains(name, string(os.PathSeparator)) {
			delete(merged, name) // the shard folders themselves
		}
	}
	sameData(t, "merged shards", dataFiles(t, whole), merged)
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
