package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// calibrate fits a lever to a target on a small market and writes its
// tables, the calibrated scenario and its manifest; the same seed gives
// the same particles on 1 and 2 workers; bad input is a one-line error.
func TestCalibrate(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("small.yaml", "name: small-rtp\nextends: right-to-provide\nscale: small\nyears: 4\nreplications: 1\n")
	tf := write("targets.yaml", `scenario: small.yaml
targets:
  - year: 2013
    measure: mutuals_alive
    observed: 3
    low: 1
    high: 5
    source: a test
fit:
  levers:
    support.spinout_rate: [0.002, 0.05]
  particles: 10
  generations: 1
`)
	var outs []string
	for _, w := range []string{"1", "2"} {
		out := filepath.Join(dir, "out"+w)
		code, stdout, errs := runCLI(t, "calibrate", tf, "--out", out, "--workers", w)
		if code != 0 {
			t.Fatalf("calibrate: %d %s", code, errs)
		}
		if !strings.Contains(stdout, "support.spinout_rate") || !strings.Contains(stdout, "mutuals_alive 2013") {
			t.Errorf("printed:\n%s", stdout)
		}
		outs = append(outs, out)
	}
	for _, f := range []string{"generations.csv", "particles.csv", "posterior.csv", "predictive.csv", "calibrated.yaml", "manifest.json"} {
		a, err := os.ReadFile(filepath.Join(outs[0], f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "manifest.json" {
			continue
		}
		if b, _ := os.ReadFile(filepath.Join(outs[1], f)); string(a) != string(b) {
			t.Errorf("%s differs between 1 and 2 workers", f)
		}
	}
	cal, _ := os.ReadFile(filepath.Join(outs[0], "calibrated.yaml"))
	if code, _, errs := runCLI(t, "scenarios", "validate", filepath.Join(outs[0], "calibrated.yaml")); code != 0 {
		t.Errorf("calibrated.yaml does not load: %s\n%s", errs, cal)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"calibrate", tf, "--out", outs[0]}, "--force"},
		{[]string{"calibrate", tf, "--lever", "support.spinout_rat=0:1", "--out", filepath.Join(dir, "x")}, `did you mean "support.spinout_rate"?`},
		{[]string{"calibrate", tf, "--lever", "support.spinout_rate=0.5", "--out", filepath.Join(dir, "x")}, "expected LEVER=MIN:MAX"},
		{[]string{"calibrate", tf, "--lever", "pension.access=0:1", "--out", filepath.Join(dir, "x")}, "is not a number"},
		{[]string{"calibrate", tf, "--particles", "3", "--out", filepath.Join(dir, "x")}, "--particles: 3 is out of range"},
		{[]string{"calibrate", write("nofit.yaml", "scenario: small.yaml\ntargets:\n  - {year: 2013, measure: mutuals_alive, observed: 3, low: 1, high: 5, source: t}\n")}, "no fit section"},
	} {
		code, _, errs := runCLI(t, tc.args...)
		if code != exitError || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
}
