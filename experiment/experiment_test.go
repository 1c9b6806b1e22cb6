package experiment

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
)

// small loads a built-in scenario at the small scale: seed 3, 3
// replications of 5 years.
func small(t testing.TB, name string) *inputs.Scenario {
	t.Helper()
	scale, seed, reps, years := "small", uint64(3), 3, 5
	s, err := scenarios.Load(name, scenarios.LoadOptions{Scale: &scale, Seed: &seed, Replications: &reps, Years: &years})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// recorder is a Progress that records what it is told.
type recorder struct {
	mu     sync.Mutex
	events []string
	done   map[string]int
}

func (r *recorder) Begin(f Folder) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, "begin "+f.Scenario.Name)
}

func (r *recorder) Done(f Folder, _ int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.done == nil {
		r.done = map[string]int{}
	}
	r.done[f.Scenario.Name]++
}

func (r *recorder) End(f Folder, _ time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e := "end " + f.Scenario.Name
	if err != nil {
		e += " failed"
	}
	r.events = append(r.events, e)
}

func TestRunWritesAFolderAndRefusesToOverwriteIt(t *testing.T) {
	s := small(t, "baseline")
	dir := filepath.Join(t.TempDir(), "run")
	var rec recorder
	res, err := Run(context.Background(), s, dir, Options{Workers: 2, Progress: &rec})
	if err != nil {
		t.Fatal(err)
	}
	if res.Dir != dir || res.Scenario != s || len(res.Stats) == 0 {
		t.Errorf("result %+v", res)
	}
	for _, f := range []string{"manifest.json", "columns.csv", "timeseries.csv", "tenders.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if got := strings.Join(rec.events, ", "); got != "begin baseline, end baseline" || rec.done["baseline"] != 3 {
		t.Errorf("progress: %s; %d replications done, want 3", got, rec.done["baseline"])
	}
	_, err = Run(context.Background(), s, dir, Options{})
	var fe *FolderError
	if !errors.As(err, &fe) || fe.Dir != dir || !errors.As(err, new(*outputs.ResultsExistError)) {
		t.Fatalf("a second run into the folder: %v, want a FolderError for %s holding results", err, dir)
	}
	if _, err := Run(context.Background(), s, dir, Options{Force: true}); err != nil {
		t.Fatalf("with Force: %v", err)
	}
}

func TestResultsDoNotDependOnWorkers(t *testing.T) {
	s := small(t, "right-to-provide")
	root := t.TempDir()
	var tables []string
	for _, w := range []int{1, 3} {
		dir := filepath.Join(root, "w", string(rune('0'+w)))
		if _, err := Run(context.Background(), s, dir, Options{Workers: w}); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, f := range []string{"timeseries.csv", "tenders.csv", "bids.csv", "providers.csv", "spinouts.csv", "summary.csv"} {
			data, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			b.Write(data)
		}
		tables = append(tables, b.String())
	}
	if tables[0] != tables[1] {
		t.Error("1 and 3 workers wrote different tables")
	}
}

func TestAnInterruptedRunLeavesNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := filepath.Join(t.TempDir(), "run")
	var rec recorder
	_, err := Run(ctx, small(t, "baseline"), dir, Options{Progress: &rec})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the folder it created is still there: %v", err)
	}
	if got := strings.Join(rec.events, ", "); got != "begin baseline, end baseline failed" {
		t.Errorf("progress: %s", got)
	}
}

func TestOptionsOutOfRange(t *testing.T) {
	s := small(t, "baseline")
	for _, opt := range []Options{{Workers: -1}, {Format: "xlsx"}} {
		dir := filepath.Join(t.TempDir(), "run")
		if _, err := Run(context.Background(), s, dir, opt); err == nil {
			t.Errorf("%+v: no error", opt)
		}
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%+v: a refused run made its folder", opt)
		}
	}
}

// A scenario compared with itself under another name differs by exactly
// nothing in every replication: the pairs share their random streams.
// Without common random numbers the differences would be noise.
func TestCompareWithItselfIsExactlyZero(t *testing.T) {
	a := small(t, "right-to-provide")
	b := *a
	b.Name = "same-again"
	res, err := Compare(context.Background(), []*inputs.Scenario{a, &b}, t.TempDir(),
		Comparison{Years: []int{2014, 2012, 2014}, Measures: []string{"mutuals_alive", "total_spend"}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Years) != 2 || res.Years[0] != 2012 || res.Years[1] != 2014 {
		t.Errorf("years %v, want [2012 2014]", res.Years)
	}
	if len(res.Differences) != 4 {
		t.Fatalf("%d differences, want 2 measures × 2 years", len(res.Differences))
	}
	for _, d := range res.Differences {
		if d.Diff != 0 || d.Low != 0 || d.High != 0 || d.N != 3 {
			t.Errorf("%s %d: %+v, want exactly 0", d.Measure, d.Year, d)
		}
	}
	if _, err := os.Stat(filepath.Join(res.Dir, "comparison.csv")); err != nil {
		t.Error(err)
	}
}

func TestCompareRefusesPairsThatDoNotPair(t *testing.T) {
	a := small(t, "baseline")
	seed, other := *a, *a
	seed.Name, seed.Seed = "other-seed", 4
	other.Name, other.Scale = "other-scale", "default"
	for _, c := range []struct {
		b    *inputs.Scenario
		want string
	}{{&seed, "common random numbers"}, {&other, "cannot be paired"}} {
		_, err := Compare(context.Background(), []*inputs.Scenario{a, c.b}, t.TempDir(), Comparison{}, Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.b.Name, err, c.want)
		}
	}
	if _, err := Compare(context.Background(), []*inputs.Scenario{a, a}, t.TempDir(), Comparison{Measures: []string{"mutual_alive"}}, Options{}); err == nil || !strings.Contains(err.Error(), `did you mean "mutuals_alive"`) {
		t.Errorf("unknown measure: %v", err)
	}
	// The same scenario twice would write one folder twice and pair it
	// with itself: refused before anything runs.
	dir := filepath.Join(t.TempDir(), "twice")
	if _, err := Compare(context.Background(), []*inputs.Scenario{a, a}, dir, Comparison{}, Options{Force: true}); err == nil || !strings.Contains(err.Error(), "names must differ") {
		t.Errorf("the same scenario twice: %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused comparison made its folder: %v", err)
	}
}

func TestLoadWithComparator(t *testing.T) {
	scens, err := LoadCompared([]string{"pension-open-access"}, scenarios.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if scens[0].Name != "right-to-provide" || scens[1].Name != "pension-open-access" {
		t.Errorf("got %s and %s, want the comparator right-to-provide first", scens[0].Name, scens[1].Name)
	}
	if _, err := Load([]string{"baseline", "baseline"}, scenarios.LoadOptions{}); err == nil || !strings.Contains(err.Error(), "names must differ") {
		t.Errorf("the same scenario twice: %v", err)
	}
}

// A branch under the checkpoint's own scenario writes exactly the files of
// the uninterrupted run.
func TestBranchUnderItsOwnScenarioIsTheUninterruptedRun(t *testing.T) {
	s := small(t, "right-to-provide")
	root := t.TempDir()
	ckpt := filepath.Join(root, "half.ckpt")
	if _, err := Run(context.Background(), s, filepath.Join(root, "whole"), Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := RunToCheckpoint(context.Background(), s, filepath.Join(root, "half"), ckpt, 2012, Options{}); err != nil {
		t.Fatal(err)
	}
	c, err := sim.OpenCheckpoint(ckpt)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var rec recorder
	res, err := Branch(context.Background(), c, ckpt, []*inputs.Scenario{s}, filepath.Join(root, "branches"), Options{Progress: &rec})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Runs) != 1 || rec.done[s.Name] != 3 {
		t.Fatalf("%d runs, %d replications done", len(res.Runs), rec.done[s.Name])
	}
	for _, f := range []string{"timeseries.csv", "tenders.csv", "bids.csv", "providers.csv", "spinouts.csv"} {
		want, err := os.ReadFile(filepath.Join(root, "whole", f))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(res.Runs[0].Dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the uninterrupted run's", f)
		}
	}
	if _, err := RunToCheckpoint(context.Background(), s, filepath.Join(root, "late"), ckpt, 2040, Options{}); err == nil {
		t.Error("a checkpoint year after the run: no error")
	}
}
