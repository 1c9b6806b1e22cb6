package report

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"mutualsim/design"
	"mutualsim/experiment"
	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
	"mutualsim/sweep"
)

var regenerate = flag.Bool("fixtures", false, "rewrite the result folders under testdata/folders/ by running the model (then rewrite the golden files with -update)")

// fixturesDir holds the result folders the report tests read: small runs,
// batches and sweeps, written by the model (go test ./report -run
// TestFixtures -fixtures), in both formats. They are inputs, kept as
// written, so that the reports' golden files change only when the report
// does, and so that a report of folders an earlier model version wrote
// keeps working.
var fixturesDir = filepath.Join("testdata", "folders")

// A fixtureCase is a fixture folder and how it is written.
type fixtureCase struct {
	name  string
	write func(ctx context.Context, dir string, f outputs.Format) error
}

// fixtureCases are the fixture folders.
var fixtureCases = []fixtureCase{
	{"run", func(ctx context.Context, dir string, f outputs.Format) error {
		return writeRun(ctx, dir, "right-to-provide", f, 3, 6)
	}},
	{"compare", func(ctx context.Context, dir string, f outputs.Format) error {
		scens, err := smallScenarios(3, 6, nil, "baseline", "right-to-provide")
		if err != nil {
			return err
		}
		_, err = experiment.Compare(ctx, scens, dir, experiment.Comparison{Years: []int{2015}, Measures: []string{"staff_in_mutuals"}}, fixtureOptions(f))
		return err
	}},
	{"one-replication", func(ctx context.Context, dir string, f outputs.Format) error {
		return writeRun(ctx, dir, "right-to-provide", f, 1, 6)
	}},
	{"one-year", func(ctx context.Context, dir string, f outputs.Format) error {
		return writeRun(ctx, dir, "baseline", f, 3, 1)
	}},
	{"no-competition", func(ctx context.Context, dir string, f outputs.Format) error {
		return writeRun(ctx, dir, "no-competition", f, 2, 4, "support.spinout_rate=0")
	}},
	{"batch", func(ctx context.Context, dir string, f outputs.Format) error {
		scens, err := smallScenarios(3, 6, nil, "baseline", "right-to-provide", "pension-open-access", "reserved-contracts")
		if err != nil {
			return err
		}
		_, err = experiment.Batch(ctx, scens, dir, fixtureOptions(f))
		return err
	}},
	{"morris", func(ctx context.Context, dir string, f outputs.Format) error {
		return writeSweep(ctx, dir, morrisDesign, f)
	}},
	{"morris-inert", func(ctx context.Context, dir string, f outputs.Format) error {
		return writeSweep(ctx, dir, strings.NewReplacer("hhi_regional, producer_capture_index", "mutuals_sold, share_mutual").Replace(morrisDesign), f)
	}},
	{"lhs", func(ctx context.Context, dir string, f outputs.Format) error {
		return writeSweep(ctx, dir, strings.NewReplacer("method: morris", "method: lhs", "points: 4", "points: 12").Replace(morrisDesign), f)
	}},
	{"sobol", func(ctx context.Context, dir string, f outputs.Format) error {
		return writeSweep(ctx, dir, strings.NewReplacer("method: morris", "method: sobol", "points: 4", "points: 8").Replace(morrisDesign), f)
	}},
}

// fixtureOptions are the experiment options of the fixtures: two workers
// (the results do not depend on it; the manifests record it).
func fixtureOptions(f outputs.Format) experiment.Options {
	return experiment.Options{Workers: 2, Format: f}
}

// smallScenarios loads built-in scenarios at the small scale, seed 3.
func smallScenarios(reps, years int, set []string, names ...string) ([]*inputs.Scenario, error) {
	scale, seed := "small", uint64(3)
	return experiment.Load(names, scenarios.LoadOptions{Scale: &scale, Seed: &seed, Replications: &reps, Years: &years, Set: set})
}

// writeRun runs a built-in scenario at the small scale into dir.
func writeRun(ctx context.Context, dir, name string, f outputs.Format, reps, years int, set ...string) error {
	scens, err := smallScenarios(reps, years, set, name)
	if err != nil {
		return err
	}
	_, err = experiment.Run(ctx, scens[0], dir, fixtureOptions(f))
	return err
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
outcomes: [hhi_regional, producer_capture_index]
`

// writeSweep runs a design into dir.
func writeSweep(ctx context.Context, dir, text string, f outputs.Format) error {
	tmp, err := os.MkdirTemp("", "design")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	path := filepath.Join(tmp, "design.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return err
	}
	var measures []string
	for _, m := range sim.Measures() {
		measures = append(measures, m.Name)
	}
	d, err := design.LoadDesign(path, design.DesignOptions{Measures: measures})
	if err != nil {
		return err
	}
	p, err := sweep.NewPlan(sweep.SpecOf(d))
	if err != nil {
		return err
	}
	st, err := sweep.Execute(ctx, p, d, sweep.RunOptions{Dir: dir, Workers: 2})
	if err != nil {
		return err
	}
	m := sweep.Manifest{DesignFile: "design.yaml", Workers: 2}
	m.Shard.Count = 1
	return sweep.WriteFolder(dir, p, st, f, m)
}

// steady replaces what a manifest records of the moment and the machine
// (times, build, revision, Go version), so that rewriting the fixtures
// changes them only where the results change.
func steady(b []byte) []byte {
	for re, to := range map[string]string{
		`"(started|finished)": "[^"]*"`: `"$1": "2026-01-01T00:00:00Z"`,
		`"build": "[^"]*"`:              `"build": "test"`,
		`"revision": "[^"]*"`:           `"revision": ""`,
		`"modified": true`:              `"modified": false`,
		`"go_version": "[^"]*"`:         `"go_version": "go"`,
	} {
		b = regexp.MustCompile(re).ReplaceAll(b, []byte(to))
	}
	return b
}

// fixtureName is the folder of a fixture in a format.
func fixtureName(name string, f outputs.Format) string { return name + "-" + string(f) }

// TestFixtures rewrites the fixture folders with -fixtures; without it, it
// checks that every fixture is there, in both formats, and holds no lock
// or temporary file.
func TestFixtures(t *testing.T) {
	for _, c := range fixtureCases {
		for _, f := range outputs.Formats() {
			dir := filepath.Join(fixturesDir, fixtureName(c.name, f))
			if *regenerate {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				if err := c.write(context.Background(), dir, f); err != nil {
					t.Fatalf("%s: %v", dir, err)
				}
			}
			err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
				if err != nil {
					return err
				}
				switch {
				case d.Name() == ".lock" && *regenerate:
					return os.Remove(path)
				case d.Name() == "manifest.json" && *regenerate:
					b, err := os.ReadFile(path)
					if err != nil {
						return err
					}
					return os.WriteFile(path, steady(b), 0o644)
				case d.Name() == ".lock" || strings.Contains(d.Name(), ".tmp"):
					t.Errorf("%s: a fixture holds %s", dir, path)
				}
				return nil
			})
			if err != nil {
				t.Fatalf("%v (go test ./report -run TestFixtures -fixtures writes the fixtures)", err)
			}
		}
	}
}

// fixture copies the fixture folder of the case in format f to a new
// temporary folder, for a test to write the report into, and returns it.
func fixture(t testing.TB, name string, f outputs.Format) string {
	t.Helper()
	if !slices.ContainsFunc(fixtureCases, func(c fixtureCase) bool { return c.name == name }) {
		t.Fatalf("no fixture %q", name)
	}
	dir := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(fixturesDir, fixtureName(name, f)))); err != nil {
		t.Fatalf("%v (go test ./report -run TestFixtures -fixtures writes the fixtures)", err)
	}
	return dir
}
