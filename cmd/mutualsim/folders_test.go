package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mutualsim/outputs"
)

// small are the run settings of a quick run.
var small = []string{"--scale", "small", "--reps", "1", "--years", "2", "-q"}

func args(extra ...string) []string { return append(slices.Clone(small), extra...) }

// A results folder is never replaced unless the user says --force.
func TestRunRefusesExistingResults(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if code, _, errs := runCLI(t, append([]string{"run", "--out", dir}, args("--no-report")...)...); code != 0 {
		t.Fatalf("first run: %d %s", code, errs)
	}
	code, _, errs := runCLI(t, append([]string{"run", "--out", dir, "--seed", "2"}, args("--no-report")...)...)
	if code != 2 || !strings.Contains(errs, "already holds a run of baseline (seed 1") || !strings.Contains(errs, "--force") {
		t.Fatalf("second run into the same folder: %d %q", code, errs)
	}
	var m outputs.Manifest
	readJSON(t, filepath.Join(dir, "manifest.json"), &m)
	if m.Seed != 1 {
		t.Fatalf("the refused run changed the manifest: seed %d", m.Seed)
	}
	if code, _, errs := runCLI(t, append([]string{"run", "--out", dir, "--seed", "2", "--force"}, args("--no-report")...)...); code != 0 {
		t.Fatalf("--force: %d %s", code, errs)
	}
	readJSON(t, filepath.Join(dir, "manifest.json"), &m)
	if m.Seed != 2 {
		t.Errorf("--force did not replace the run: seed %d", m.Seed)
	}
}

// A variant (--set, MUTUALSIM_*, a run-setting flag) never takes the folder
// of the scenario as written, and a checkpoint run names its last year.
func TestVariantFolders(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--set", "pension.access=open"}, "baseline-variant-"},
		{[]string{"run", "--years", "3"}, "baseline-variant-"},
		{[]string{"run", "--until", "2011", "--checkpoint", "c.ckpt"}, "-until-2011"},
	} {
		code, _, errs := runCLI(t, append(tc.args, "--scale", "small", "--reps", "1", "--no-report", "-q")...)
		if code != 0 {
			t.Fatalf("%v: %d %s", tc.args, code, errs)
		}
		entries, _ := os.ReadDir("results")
		found := false
		for _, e := range entries {
			if strings.Contains(e.Name(), tc.want) {
				found = true
			}
			if e.Name() == "baseline-1" && tc.want != "-until-2011" {
				t.Errorf("%v wrote results/baseline-1", tc.args)
			}
		}
		if !found {
			t.Errorf("%v: no folder with %q in %v", tc.args, tc.want, entries)
		}
		os.RemoveAll("results")
	}
}

// Replacing a batch removes the earlier batch's scenario folders and
// report, and keeps what mutualsim did not write.
func TestBatchForceReplacesOnlyItsOwn(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "b")
	if code, _, errs := runCLI(t, append([]string{"batch", "baseline", "right-to-provide", "no-competition", "--out", dir}, args()...)...); code != 0 {
		t.Fatalf("first batch: %d %s", code, errs)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, append([]string{"batch", "baseline", "right-to-provide", "--out", dir}, args()...)...); code != 2 || !strings.Contains(errs, "results of 3 scenarios") {
		t.Fatalf("second batch without --force: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, append([]string{"batch", "baseline", "right-to-provide", "--out", dir, "--force"}, args()...)...); code != 0 {
		t.Fatalf("second batch with --force: %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "no-competition")); !os.IsNotExist(err) {
		t.Errorf("the earlier batch's no-competition folder is still there: %v", err)
	}
	var m outputs.BatchManifest
	readJSON(t, filepath.Join(dir, "manifest.json"), &m)
	if len(m.Scenarios) != 2 {
		t.Errorf("manifest lists %d scenarios", len(m.Scenarios))
	}
	if b, err := os.ReadFile(filepath.Join(dir, "notes.txt")); err != nil || string(b) != "mine" {
		t.Errorf("the user's notes.txt: %q %v", b, err)
	}
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if strings.Contains(string(html), "no-competition") {
		t.Error("the report still names the earlier batch's scenario")
	}
}

// A report removes only the charts an earlier report of its own wrote, and
// never writes through a link.
func TestReportKeepsOtherFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "proj")
	mine := filepath.Join(dir, "charts", "figure1.png")
	if err := os.MkdirAll(filepath.Dir(mine), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(mine, []byte("x"), 0o644)
	for _, force := range []string{"--no-report=false", "--force"} {
		if code, _, errs := runCLI(t, append([]string{"run", "--out", dir, force}, args()...)...); code != 0 {
			t.Fatalf("run %s: %d %s", force, code, errs)
		}
		if b, err := os.ReadFile(mine); err != nil || string(b) != "x" {
			t.Fatalf("after run %s the user's figure1.png: %q %v", force, b, err)
		}
	}
	// A charts entry that links elsewhere is refused, the data kept.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "keep.svg"), []byte("x"), 0o644)
	linked := filepath.Join(t.TempDir(), "linked")
	os.MkdirAll(linked, 0o755)
	if err := os.Symlink(other, filepath.Join(linked, "charts")); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, append([]string{"run", "--out", linked}, args()...)...)
	if code != 3 || !strings.Contains(errs, "not a folder of the report's own") || !strings.Contains(errs, "are complete") {
		t.Errorf("a linked charts folder: %d %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(other, "keep.svg")); err != nil {
		t.Errorf("a file behind the link went: %v", err)
	}
	if _, err := os.Stat(filepath.Join(linked, "manifest.json")); err != nil {
		t.Errorf("the run's data: %v", err)
	}
}

// Two processes never write one folder; a killed writer's temporary files
// are removed by the next.
func TestFolderLockAndTemps(t *testing.T) {
	for _, cmd := range [][]string{{"run"}, {"batch", "baseline"}, {"compare", "baseline", "no-competition"}} {
		dir := filepath.Join(t.TempDir(), "held")
		lock, err := outputs.LockFolder(dir)
		if err != nil {
			t.Fatal(err)
		}
		code, _, errs := runCLI(t, append(append(slices.Clone(cmd), "--out", dir), args("--no-report")...)...)
		lock.Unlock()
		if code != 2 || !strings.Contains(errs, "another mutualsim process is writing") {
			t.Errorf("%v into a locked folder: %d %q", cmd, code, errs)
		}
	}
	dir := filepath.Join(t.TempDir(), "stale")
	os.MkdirAll(dir, 0o755)
	stale := filepath.Join(dir, ".timeseries.csv.tmp-12345")
	os.WriteFile(stale, []byte("half a table"), 0o644)
	if code, _, errs := runCLI(t, append([]string{"run", "--out", dir}, args("--no-report")...)...); code != 0 {
		t.Fatalf("run: %d %s", code, errs)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a killed writer's temporary file is still there: %v", err)
	}
}

// The environment's overrides are said at the start, for every scenario,
// and in the manifest and the report.
func TestOverridesAnnounced(t *testing.T) {
	t.Setenv("MUTUALSIM_PENSION_ACCESS", "open")
	dir := filepath.Join(t.TempDir(), "c")
	code, _, errs := runCLI(t, "compare", "baseline", "pension-none", "--out", dir, "--scale", "small", "--reps", "1", "--years", "2")
	if code != 0 {
		t.Fatalf("compare: %d %s", code, errs)
	}
	if !strings.Contains(errs, "overrides in force for every scenario: MUTUALSIM_PENSION_ACCESS=open") {
		t.Errorf("stderr does not name the override: %q", errs)
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil || !strings.Contains(string(html), "MUTUALSIM_PENSION_ACCESS=open") {
		t.Errorf("the report does not name the override: %v", err)
	}
	var m outputs.Manifest
	b, _ := os.ReadFile(filepath.Join(dir, "baseline", "manifest.json"))
	json.Unmarshal(b, &m)
	if !slices.Contains(m.Scenario.Overrides, "MUTUALSIM_PENSION_ACCESS=open") {
		t.Errorf("manifest overrides %v", m.Scenario.Overrides)
	}
}
