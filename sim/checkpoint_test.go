package sim

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"mutualsim/inputs"
	"mutualsim/scenarios"
)

// loadScenario loads a built-in scenario at the small scale with reps
// replications and years years.
func loadScenario(t *testing.T, name string, reps, years int) *inputs.Scenario {
	t.Helper()
	scale, seed := "small", uint64(11)
	s, err := scenarios.Load(name, scenarios.LoadOptions{Scale: &scale, Seed: &seed, Replications: &reps, Years: &years})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// writeCheckpoint runs scen up to until and saves its worlds to a file.
func writeCheckpoint(t *testing.T, scen *inputs.Scenario, until, workers int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "run.ckpt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cw, err := NewCheckpointWriter(f, CheckpointInfo{Scenario: scen.Name, ParamsHash: scen.Hash(), Seed: scen.Seed,
		Replications: scen.Replications, Scale: scen.Scale, StartYear: scen.StartYear, Year: until})
	if err != nil {
		t.Fatal(err)
	}
	if err := StreamUntil(context.Background(), scen, until, Options{Workers: workers}, cw.Add); err != nil {
		t.Fatal(err)
	}
	if err := cw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func branch(t *testing.T, path string, scen *inputs.Scenario, workers int) []*Replication {
	t.Helper()
	c, err := OpenCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var out []*Replication
	err = StreamBranch(context.Background(), c, scen, Options{Workers: workers}, func(r *Replication) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func run(t *testing.T, scen *inputs.Scenario) []*Replication {
	t.Helper()
	res, err := Run(context.Background(), scen, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	return res.Reps
}

// same compares replications field by field, NaN equal to NaN.
func same(a, b *Replication) bool { return fmt.Sprintf("%+v", *a) == fmt.Sprintf("%+v", *b) }

// TestCheckpointContinuesExactly checks that a run stopped at a checkpoint
// and continued under the same scenario equals the uninterrupted run, for
// scenarios that exercise spin-outs, reserved contracts, failures and
// timeline changes, at the first year, a middle year and the year before
// the last, on 1 and 2 workers.
func TestCheckpointContinuesExactly(t *testing.T) {
	for _, name := range []string{"baseline", "right-to-provide", "reserved-contracts", "policy-path-2010-2015"} {
		scen := loadScenario(t, name, 3, 9)
		want := run(t, scen)
		for _, until := range []int{2010, 2014, 2017} {
			for _, workers := range []int{1, 2} {
				path := writeCheckpoint(t, scen, until, workers)
				got := branch(t, path, scen, 3-workers)
				if len(got) != len(want) {
					t.Fatalf("%s from %d: %d replications, want %d", name, until, len(got), len(want))
				}
				for r := range want {
					if !same(got[r], want[r]) {
						t.Errorf("%s: continued from %d on %d workers, replication %d differs from the uninterrupted run", name, until, workers, r)
					}
				}
			}
		}
	}
}

// TestBranchChangesOnlyTheFuture branches one history under two scenarios:
// the years up to the checkpoint are shared, the years after it differ.
func TestBranchChangesOnlyTheFuture(t *testing.T) {
	base := loadScenario(t, "baseline", 2, 10)
	path := writeCheckpoint(t, base, 2013, 2)
	other := loadScenario(t, "right-to-provide", 2, 10)
	a, b := branch(t, path, base, 2), branch(t, path, other, 2)
	for r := range a {
		for yi, year := range a[r].Years {
			eq := fmt.Sprint(a[r].Values[yi]) == fmt.Sprint(b[r].Values[yi])
			if year <= 2013 && !eq {
				t.Errorf("replication %d, %d: the shared history differs between branches", r, year)
			}
			if year == 2019 && eq {
				t.Errorf("replication %d, %d: the branches did not diverge", r, year)
			}
		}
	}
	// The right to provide run from the start differs from the branch: the
	// branch kept the baseline's history to 2013.
	if fresh := run(t, other); same(fresh[0], b[0]) {
		t.Error("a branch from 2013 equals a run of the branch scenario from 2010")
	}
}

func TestCheckpointRejectsBadFiles(t *testing.T) {
	scen := loadScenario(t, "baseline", 2, 4)
	path := writeCheckpoint(t, scen, 2011, 2)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	flip := append([]byte(nil), good...)
	flip[len(flip)/2] ^= 0x40
	cases := []struct {
		name, want string
		data       []byte
	}{
		{"flipped byte", "checksum mismatch", flip},
		{"truncated", "truncated", good[:len(good)-100]},
		{"cut to the header", "truncated", good[:20]},
		{"empty", "not a mutualsim checkpoint", nil},
		{"another file", "not a mutualsim checkpoint", []byte("name: baseline\nyears: 20\n")},
	}
	for _, c := range cases {
		p := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_"))
		if err := os.WriteFile(p, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := OpenCheckpoint(p)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	if _, err := OpenCheckpoint(filepath.Join(dir, "missing.ckpt")); err == nil {
		t.Error("a missing file opened")
	}
}

func TestBranchChecksTheScenario(t *testing.T) {
	scen := loadScenario(t, "baseline", 2, 6)
	path := writeCheckpoint(t, scen, 2012, 2)
	c, err := OpenCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Info.Year != 2012 || c.Info.Replications != 2 || c.Info.Scale != "small" || c.Info.ModelVersion != Version {
		t.Errorf("info %+v", c.Info)
	}
	cases := []struct {
		name, want string
		change     func(s *inputs.Scenario)
	}{
		{"seed", "seed 12 differs", func(s *inputs.Scenario) { s.Seed = 12 }},
		{"replications", "replications 3 differ", func(s *inputs.Scenario) { s.Replications = 3 }},
		{"scale", `scale "default" differs`, func(s *inputs.Scenario) { s.Scale = "default" }},
		{"start year", "start year 2011 differs", func(s *inputs.Scenario) { s.StartYear = 2011 }},
		{"too short", "ends in 2012", func(s *inputs.Scenario) { s.Years = 3 }},
	}
	for _, tc := range cases {
		s := loadScenario(t, "baseline", 2, 6)
		tc.change(s)
		err := StreamBranch(context.Background(), c, s, Options{}, func(*Replication) error { return nil })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

// TestCheckpointHoldsTheWholeWorld guards the checkpoint against a new
// field: every field of World and Region is either saved or rebuilt from
// the branch's scenario. A field added without a decision fails here.
func TestCheckpointHoldsTheWholeWorld(t *testing.T) {
	// A restored world is in the year after the checkpoint, not yet
	// simulated.
	rebuilt := map[string]bool{"scen": true, "scale": true, "p": true, "rules": true, "workers": true, "tally": true, "simulated": true}
	saved := map[string]string{"seed": "Seed", "rep": "Rep", "year": "Year", "awareness": "Awareness", "beliefs": "Beliefs", "regions": "Regions",
		"providers": "Providers", "nationals": "Nationals", "rec": "Record", "cum": "Cum"}
	wt := reflect.TypeFor[World]()
	st := reflect.TypeFor[worldState]()
	for i := range wt.NumField() {
		f := wt.Field(i).Name
		if rebuilt[f] {
			continue
		}
		to, ok := saved[f]
		if _, has := st.FieldByName(to); !ok || !has {
			t.Errorf("World.%s is neither saved in a checkpoint nor rebuilt on restore", f)
		}
	}
	rt, rst := reflect.TypeFor[Region](), reflect.TypeFor[regionState]()
	for i := range rt.NumField() {
		f := rt.Field(i).Name
		to := strings.ToUpper(f[:1]) + f[1:]
		if _, has := rst.FieldByName(to); !has {
			t.Errorf("Region.%s is not saved in a checkpoint", f)
		}
	}
	if n, m := reflect.TypeFor[cumulative]().NumField(), reflect.TypeFor[cumulativeState]().NumField(); n != m {
		t.Errorf("cumulative has %d fields, its checkpoint form %d", n, m)
	}
	// The tally is rebuilt: it is reset at the start of every year.
}

// TestContinueEqualsBranch steps worlds year by year in memory, as the
// browser UI does, and switches scenario after 2013: the result equals the
// branch from a checkpoint file of 2013, and continuing under the world's
// own scenario equals the uninterrupted run.
func TestContinueEqualsBranch(t *testing.T) {
	base := loadScenario(t, "baseline", 2, 10)
	other := loadScenario(t, "right-to-provide", 2, 10)
	path := writeCheckpoint(t, base, 2013, 2)
	for _, tc := range []struct {
		name  string
		after *inputs.Scenario
		want  []*Replication
	}{
		{"own scenario", base, run(t, base)},
		{"branch", other, branch(t, path, other, 2)},
	} {
		for rep := range base.Replications {
			w, err := NewWorld(base, rep, 1)
			if err != nil {
				t.Fatal(err)
			}
			scen := base
			for {
				if err := w.Simulate(); err != nil {
					t.Fatal(err)
				}
				if w.Year() == base.EndYear() {
					break
				}
				if w.Year() == 2013 {
					scen = tc.after
				}
				if err := w.Continue(scen); err != nil {
					t.Fatal(err)
				}
			}
			if !same(w.Replication(), tc.want[rep]) {
				t.Errorf("%s: replication %d stepped in memory differs", tc.name, rep)
			}
		}
	}
	w, err := NewWorld(base, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Continue(base); err == nil || !strings.Contains(err.Error(), "not simulated") {
		t.Errorf("continuing a year not simulated: error %v", err)
	}
	if err := w.Simulate(); err != nil {
		t.Fatal(err)
	}
	if err := w.Simulate(); err == nil || !strings.Contains(err.Error(), "simulated already") {
		t.Errorf("simulating a year twice: error %v", err)
	}
	other2 := other.Clone()
	other2.Seed++
	if err := w.Continue(other2); err == nil || !strings.Contains(err.Error(), "seed") {
		t.Errorf("continuing under another seed: error %v, want one naming the seed", err)
	}
}
