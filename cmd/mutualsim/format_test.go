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

// TestFormatFlag runs and batches in each format, into the same folders,
// and checks the files each leaves.
func TestFormatFlag(t *testing.T) {
	dir := t.TempDir()
	small := []string{"--scale", "small", "--reps", "2", "--years", "2", "--quiet", "--no-report"}
	for _, tc := range []struct {
		format string
		want   outputs.Format
	}{
		{"parquet", outputs.Parquet},
		{"csv", outputs.CSV},
		{"Parquet", outputs.Parquet},
	} {
		run, batch := filepath.Join(dir, "run"), filepath.Join(dir, "batch")
		if code, _, errs := runCLI(t, append([]string{"run", "--format", tc.format, "--out", run, "--force"}, small...)...); code != 0 {
			t.Fatalf("run --format %s: exit %d: %s", tc.format, code, errs)
		}
		if code, _, errs := runCLI(t, append([]string{"batch", "baseline", "right-to-provide", "--format", tc.format, "--out", batch, "--force"}, small...)...); code != 0 {
			t.Fatalf("batch --format %s: exit %d: %s", tc.format, code, errs)
		}
		for _, folder := range []string{run, filepath.Join(batch, "baseline"), filepath.Join(batch, "right-to-provide")} {
			if got, want := listFiles(t, folder), sorted(outputs.RunFiles(tc.want)); !slices.Equal(got, want) {
				t.Errorf("--format %s: %s holds %v, want %v", tc.format, folder, got, want)
			}
			var m outputs.Manifest
			b, _ := os.ReadFile(filepath.Join(folder, "manifest.json"))
			if err := json.Unmarshal(b, &m); err != nil || m.Format != tc.want {
				t.Errorf("--format %s: %s manifest format %q (%v)", tc.format, folder, m.Format, err)
			}
		}
		if got, want := listFiles(t, batch), sorted([]string{"baseline", "right-to-provide", "manifest.json", tc.want.File("summary")}); !slices.Equal(got, want) {
			t.Errorf("--format %s: batch folder holds %v, want %v", tc.format, got, want)
		}
	}
	code, out, errs := runCLI(t, "batch", "--format", "parqet", "--out", filepath.Join(dir, "bad"))
	want := `invalid argument "parqet" for "--format" flag: unknown format "parqet", expected csv|parquet (did you mean "parquet"?)`
	if code != exitError || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, want) {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and one line containing %q", code, out, errs, want)
	}
}

// listFiles lists a folder's entries but the lock file every results
// folder keeps (outputs.LockName).
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != outputs.LockName {
			out = append(out, e.Name())
		}
	}
	return sorted(out)
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestPNGOnRequest draws the charts as PNG only with --png, and a report
// rebuilt without it removes the PNGs the earlier one drew.
func TestPNGOnRequest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	pngs := func() int {
		m, err := filepath.Glob(filepath.Join(dir, "charts", "*.png"))
		if err != nil {
			t.Fatal(err)
		}
		return len(m)
	}
	if code, _, errs := runCLI(t, "run", "--scale", "small", "--reps", "2", "--years", "3", "--out", dir, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	svgs, _ := filepath.Glob(filepath.Join(dir, "charts", "*.svg"))
	if n := pngs(); n != 0 || len(svgs) == 0 {
		t.Fatalf("without --png: %d PNG and %d SVG charts", n, len(svgs))
	}
	if code, _, errs := runCLI(t, "report", "--png", dir, "-q"); code != 0 {
		t.Fatalf("report --png: exit %d: %s", code, errs)
	}
	if n := pngs(); n != len(svgs) {
		t.Errorf("report --png drew %d PNG charts for %d SVG", n, len(svgs))
	}
	if code, _, errs := runCLI(t, "report", dir, "-q"); code != 0 {
		t.Fatalf("report: exit %d: %s", code, errs)
	}
	if n := pngs(); n != 0 {
		t.Errorf("a report without --png left %d PNG charts of the earlier one", n)
	}
}
