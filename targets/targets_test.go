package targets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mutualsim/examples"
)

func TestBuiltInTargets(t *testing.T) {
	f, err := Parse(examples.CalibrationFile, examples.Calibration())
	if err != nil {
		t.Fatal(err)
	}
	if f.Scenario != "policy-path-2010-2015" || len(f.Targets) < 6 || f.LastYear() != 2018 {
		t.Errorf("targets %+v", f)
	}
	for _, tg := range f.Targets {
		if tg.Line() == 0 || tg.Source == "" {
			t.Errorf("target %+v has no line or source", tg)
		}
	}
	// The built-in copy is the file in examples/.
	b, err := os.ReadFile(filepath.Join("..", examples.CalibrationFile))
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != string(examples.Calibration()) {
		t.Error("the built-in calibration targets differ from examples/calibration-2014-2018.yaml")
	}
}

func TestBadTargets(t *testing.T) {
	const good = "scenario: baseline\ntargets:\n  - year: 2014\n    measure: mutuals_alive\n    observed: 50\n    low: 35\n    high: 70\n    source: x\n"
	for _, tc := range []struct {
		name, text, want string
	}{
		{"empty", "", "empty targets file"},
		{"unknown key", good + "extra: 1\n", "field extra not found"},
		{"no scenario", strings.Replace(good, "scenario: baseline\n", "", 1), "scenario: missing"},
		{"unknown measure", strings.Replace(good, "mutuals_alive", "mutuals_aliv", 1), `t.yaml:3: measure: unknown measure "mutuals_aliv", did you mean "mutuals_alive"?`},
		{"band out of order", strings.Replace(good, "low: 35", "low: 60", 1), "t.yaml:3: low, observed, high: 60, 50, 70 are not in order"},
		{"no source", strings.Replace(good, "source: x", "source: \"\"", 1), "t.yaml:3: source: missing"},
		{"bad year", strings.Replace(good, "2014", "99", 1), "t.yaml:3: year: 99 is out of range"},
		{"text for a number", strings.Replace(good, "observed: 50", "observed: many", 1), "cannot unmarshal"},
		{"no targets", "scenario: baseline\ntargets: []\n", "targets: none given"},
	} {
		_, err := Parse("t.yaml", []byte(tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestReadRefusesNonRegular(t *testing.T) {
	if _, err := Read(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a folder: %v", err)
	}
}
