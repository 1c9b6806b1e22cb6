package sweep

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"mutualsim/design"
	"mutualsim/outputs"
	"mutualsim/sensitivity"
	"mutualsim/sim"
)

// issueDesign is the design the sweep command must accept as written.
const issueDesign = `base: baseline
method: lhs          # grid | lhs | morris | sobol
points: 24           # grid: levels per lever; morris: trajectories; sobol: base samples
replications: 2
scale: small
years: 10
levers:
  procurement.contract_years: [2, 7]
  commissioners.risk_aversion: [0.0, 1.0]
outcomes: [hhi_regional, producer_capture_index]
`

func measureNames() []string {
	var out []string
	for _, m := range sim.Measures() {
		out = append(out, m.Name)
	}
	return out
}

func loadDesign(t testing.TB, dir, content string) (*design.Design, *Plan) {
	t.Helper()
	path := filepath.Join(dir, "design.yaml")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := design.LoadDesign(path, design.DesignOptions{Measures: measureNames()})
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(SpecOf(d))
	if err != nil {
		t.Fatal(err)
	}
	return d, p
}

// sweepTo runs the whole sweep into dir and writes its folder.
func sweepTo(t testing.TB, d *design.Design, p *Plan, dir string, shard Shard, workers int, f outputs.Format) Status {
	t.Helper()
	st, err := Execute(context.Background(), p, d, RunOptions{Dir: dir, Shard: shard, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	m := Manifest{Finished: "fixed"}
	m.Shard.Index, m.Shard.Count = shard.Index, shard.Count
	if err := WriteFolder(dir, p, st, f, m); err != nil {
		t.Fatal(err)
	}
	return st
}

// results reads every results file of a folder except the journal, whose
// lines come in completion order, and the manifest, which names the folder.
func results(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == JournalName || e.Name() == ManifestName {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func sameFolders(t *testing.T, what string, want, got map[string]string) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: files %d, want %d", what, len(got), len(want))
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

func TestPlanSizes(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		method string
		points int
		want   int
	}{{"grid", 3, 9}, {"lhs", 24, 24}, {"morris", 5, 15}, {"sobol", 8, 32}} {
		content := strings.Replace(strings.Replace(issueDesign, "method: lhs", "method: "+c.method, 1), "points: 24", "points: "+strconv.Itoa(c.points), 1)
		_, p := loadDesign(t, dir, content)
		if p.Points() != c.want || p.Runs() != 2*c.want {
			t.Errorf("%s: %d points, %d runs, want %d points", c.method, p.Points(), p.Runs(), c.want)
		}
		for i, vals := range p.Values {
			cy, ra := vals[0].(int), vals[1].(float64)
			if cy < 2 || cy > 7 || ra < 0 || ra > 1 {
				t.Errorf("%s point %d: %v outside the ranges", c.method, i, vals)
			}
		}
	}
	// The LHS covers each whole number of contract_years (2-7) 4 times in 24 points.
	_, p := loadDesign(t, dir, issueDesign)
	count := map[int]int{}
	for _, vals := range p.Values {
		count[vals[0].(int)]++
	}
	for y := 2; y <= 7; y++ {
		if count[y] != 4 {
			t.Errorf("contract_years %d drawn %d times in a 24-point LHS, want 4", y, count[y])
		}
	}
}

// TestSweepAsWritten runs the issue's design: 48 runs, one row each, and
// the same files on 1 and 2 workers.
func TestSweepAsWritten(t *testing.T) {
	d, p := loadDesign(t, t.TempDir(), issueDesign)
	one := filepath.Join(t.TempDir(), "one")
	st := sweepTo(t, d, p, one, All, 1, outputs.CSV)
	if len(st.Records) != 48 || st.Ran != 48 || st.Resumed != 0 {
		t.Fatalf("status %+v", st)
	}
	two := filepath.Join(t.TempDir(), "two")
	sweepTo(t, d, p, two, All, 2, outputs.CSV)
	a, b := results(t, one), results(t, two)
	sameFolders(t, "2 workers", a, b)
	runs := strings.Split(strings.TrimSpace(a["runs.csv"]), "\n")
	if len(runs) != 49 || runs[0] != "point,replication,procurement_contract_years,commissioners_risk_aversion,hhi_regional,producer_capture_index" {
		t.Errorf("runs.csv: %d lines, header %q", len(runs), runs[0])
	}
	if _, ok := a["points.csv"]; !ok {
		t.Error("no points.csv")
	}
	// A run of the sweep is the run of its scenario: replication 1 of
	// point 5 equals replication 1 of "mutualsim run" with the point's levers.
	scen, _, err := d.PointScenario(p.Values[5])
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.RunReplication(context.Background(), scen, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := p.outcomes(r)
	if got := st.Records[5*2+1].Values; !sameValues(got, want) {
		t.Errorf("run 11: %v, the point's scenario gives %v", got, want)
	}
	m, err := ReadManifest(one)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Complete || m.Runs != 48 || m.Spec.Method != "lhs" || !strings.Contains(m.Rerun, "--set procurement.contract_years=VALUE") {
		t.Errorf("manifest %+v", m)
	}
}

// TestResume stops a sweep after some runs, damages the journal's last
// line as a crash would, and resumes: the results equal an uninterrupted
// sweep's, no run is lost and none is run twice.
func TestResume(t *testing.T) {
	d, p := loadDesign(t, t.TempDir(), issueDesign)
	want := results(t, func() string {
		dir := filepath.Join(t.TempDir(), "whole")
		sweepTo(t, d, p, dir, All, 2, outputs.CSV)
		return dir
	}())
	dir := filepath.Join(t.TempDir(), "resumed")
	ctx, cancel := context.WithCancel(context.Background())
	st, err := Execute(ctx, p, d, RunOptions{Dir: dir, Workers: 2, Progress: func(done, total int) {
		if done == 17 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted sweep: %v", err)
	}
	if st.Ran < 17 || st.Ran >= 48 {
		t.Fatalf("interrupted after %d runs", st.Ran)
	}
	// A torn last line, as a kill in the middle of a write would leave.
	f, err := os.OpenFile(filepath.Join(dir, JournalName), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("30\t1234.5\t0.0")
	f.Close()
	st2, err := Execute(context.Background(), p, d, RunOptions{Dir: dir, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if st2.Resumed != st.Ran || st2.Ran != 48-st.Ran || len(st2.Records) != 48 {
		t.Errorf("resumed %d, ran %d, records %d; the first call ran %d", st2.Resumed, st2.Ran, len(st2.Records), st.Ran)
	}
	m := Manifest{Finished: "fixed"}
	m.Shard.Count = 1
	if err := WriteFolder(dir, p, st2, outputs.CSV, m); err != nil {
		t.Fatal(err)
	}
	sameFolders(t, "resumed", want, results(t, dir))
	// A third call finds everything done and runs nothing.
	st3, err := Execute(context.Background(), p, d, RunOptions{Dir: dir, Workers: 2})
	if err != nil || st3.Ran != 0 || st3.Resumed != 48 {
		t.Errorf("third call: ran %d, resumed %d, %v", st3.Ran, st3.Resumed, err)
	}
}

func TestJournalBelongsToOneSweep(t *testing.T) {
	d, p := loadDesign(t, t.TempDir(), issueDesign)
	dir := t.TempDir()
	if _, err := Execute(context.Background(), p, d, RunOptions{Dir: dir, Shard: Shard{0, 8}}); err != nil {
		t.Fatal(err)
	}
	other, q := loadDesign(t, t.TempDir(), strings.Replace(issueDesign, "points: 24", "points: 12", 1))
	if _, err := Execute(context.Background(), q, other, RunOptions{Dir: dir, Shard: Shard{0, 8}}); err == nil || !strings.Contains(err.Error(), "holds another sweep") {
		t.Errorf("another design in the same folder: %v", err)
	}
	if _, err := Execute(context.Background(), p, d, RunOptions{Dir: dir, Shard: Shard{1, 8}}); err == nil || !strings.Contains(err.Error(), "holds another sweep") {
		t.Errorf("another shard in the same folder: %v", err)
	}
	// Two processes cannot write one folder: it is locked.
	lock, err := LockFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Execute(context.Background(), p, d, RunOptions{Dir: dir, Shard: Shard{0, 8}}); err == nil || !strings.Contains(err.Error(), "another mutualsim process") {
		t.Errorf("second writer: %v", err)
	}
	lock.Unlock()
	if _, err := Execute(context.Background(), p, d, RunOptions{Dir: dir, Shard: Shard{0, 8}}); err != nil {
		t.Errorf("after the lock is released: %v", err)
	}
}

// TestShardsMerge runs a sweep in three shards and merges them into
// results identical to the unsharded sweep's, in both formats.
func TestShardsMerge(t *testing.T) {
	for _, f := range outputs.Formats() {
		d, p := loadDesign(t, t.TempDir(), strings.Replace(strings.Replace(issueDesign, "method: lhs", "method: sobol", 1), "points: 24", "points: 8", 1))
		whole := filepath.Join(t.TempDir(), "whole")
		sweepTo(t, d, p, whole, All, 2, f)
		root := t.TempDir()
		var shards []string
		for i := range 3 {
			dir := filepath.Join(root, "shard-"+strconv.Itoa(i))
			st := sweepTo(t, d, p, dir, Shard{i, 3}, 1, f)
			if st.Total != len(st.Records) || st.Total < 20 {
				t.Fatalf("shard %d: %d of %d runs", i, len(st.Records), st.Total)
			}
			shards = append(shards, dir)
		}
		// A missing shard: reported, nothing written.
		_, err := Merge(shards[:2], filepath.Join(root, "partial"), f)
		if err == nil || !strings.Contains(err.Error(), "missing") {
			t.Errorf("%s: merge without shard 2: %v", f, err)
		}
		if _, err := os.Stat(filepath.Join(root, "partial", ManifestName)); err == nil {
			t.Errorf("%s: a merge with missing runs wrote a manifest", f)
		}
		// Every shard, one of them twice.
		out := filepath.Join(root, "merged")
		rep, err := Merge(append(shards, shards[1]), out, f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if rep.Found != p.Runs() || len(rep.Missing) != 0 || len(rep.DuplicateShards) != 1 || len(rep.Duplicates) == 0 {
			t.Errorf("%s: report %+v", f, rep)
		}
		sameFolders(t, string(f)+" merged", results(t, whole), results(t, out))
		if _, ok := results(t, out)[f.File("sobol")]; !ok {
			t.Errorf("%s: merged folder has no Sobol indices", f)
		}
	}
}

// TestInertLeverHasNoEffect sweeps a lever whose mechanism is switched off:
// its Morris measures and Sobol total index are exactly zero, while a
// lever that matters has a non-zero effect.
func TestInertLeverHasNoEffect(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "no-agency.yaml"), []byte("extends: baseline\nmechanisms:\n  agency_cover: false\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, method := range []string{"morris", "sobol"} {
		d, p := loadDesign(t, dir, `base: no-agency.yaml
method: `+method+`
points: 4
replications: 2
scale: small
years: 6
levers:
  workforce.agency_premium: [0.2, 1.5]
  workforce.quit_base: [0.2, 0.4]
outcomes: [total_spend, turnover_rate]
`)
		st := sweepTo(t, d, p, filepath.Join(dir, method), All, 2, outputs.CSV)
		tables, notes := p.Tables(st.Records)
		if len(notes) > 0 {
			t.Errorf("%s: notes %v", method, notes)
		}
		idx := tables[2]
		col := func(name string) int {
			for i, f := range idx.Fields {
				if f.Name == name {
					return i
				}
			}
			t.Fatalf("no column %s", name)
			return -1
		}
		measure := col(map[string]string{"morris": "mu_star", "sobol": "st"}[method])
		for _, row := range idx.Rows {
			lever, v := row[col("lever")].AsString(), row[measure].AsFloat()
			switch {
			case lever == "workforce.agency_premium" && v != 0:
				t.Errorf("%s: the inert agency premium has %s %v for %s", method, idx.Fields[measure].Name, v, row[0].AsString())
			case lever == "workforce.quit_base" && (v == 0 || math.IsNaN(v)):
				t.Errorf("%s: the quit base has no effect on %s", method, row[0].AsString())
			}
		}
	}
}

func TestShardFromEnv(t *testing.T) {
	tests := []struct {
		name         string
		index, count int
		env          map[string]string
		want         Shard
		err          string
	}{
		{"nothing", -1, -1, nil, All, ""},
		{"flags", 2, 5, nil, Shard{2, 5}, ""},
		{"flags beat env", 0, 2, map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4"}, Shard{0, 2}, ""},
		{"index without count", 2, -1, nil, Shard{}, "--shard-index needs --shard-count"},
		{"count without index", -1, 4, nil, Shard{}, "--shard-count needs --shard-index"},
		{"kubernetes with the count flag", -1, 3, map[string]string{"JOB_COMPLETION_INDEX": "1"}, Shard{1, 3}, ""},
		{"index too big", 5, 5, nil, Shard{}, "out of range"},
		{"slurm from 0", -1, -1, map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "0"}, Shard{3, 4}, ""},
		{"slurm from 1", -1, -1, map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "1"}, Shard{3, 4}, ""},
		{"slurm with a step", -1, -1, map[string]string{"SLURM_ARRAY_TASK_ID": "12", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_STEP": "4"}, Shard{3, 4}, ""},
		{"slurm with gaps", -1, -1, map[string]string{"SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1"}, Shard{}, "gaps"},
		{"slurm without count", -1, -1, map[string]string{"SLURM_ARRAY_TASK_ID": "1"}, Shard{}, "SLURM_ARRAY_TASK_COUNT is not"},
		{"slurm garbage", -1, -1, map[string]string{"SLURM_ARRAY_TASK_ID": "x"}, Shard{}, "not a whole number"},
		{"kubernetes", -1, -1, map[string]string{"JOB_COMPLETION_INDEX": "2", "MUTUALSIM_SHARD_COUNT": "10"}, Shard{2, 10}, ""},
		{"kubernetes without count", -1, -1, map[string]string{"JOB_COMPLETION_INDEX": "2"}, Shard{}, "MUTUALSIM_SHARD_COUNT"},
	}
	for _, tc := range tests {
		got, _, err := ShardFromEnv(tc.index, tc.count, func(k string) string { return tc.env[k] })
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	// Every run belongs to exactly one shard.
	for run := range 50 {
		n := 0
		for i := range 7 {
			if (Shard{i, 7}).Owns(run) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("run %d is in %d of 7 shards", run, n)
		}
	}
}

// TestTornHeader resumes a sweep whose process was killed while writing the
// journal's first line: the header is written again at the start, and a
// second rerun finds the folder its own.
func TestTornHeader(t *testing.T) {
	d, p := loadDesign(t, t.TempDir(), strings.Replace(issueDesign, "points: 24", "points: 4", 1))
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, JournalName), []byte("# mutualsim sweep jour"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		st, err := Execute(context.Background(), p, d, RunOptions{Dir: dir})
		if err != nil {
			t.Fatalf("rerun %d: %v", i, err)
		}
		if len(st.Records) != 8 {
			t.Fatalf("rerun %d: %d records", i, len(st.Records))
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, JournalName))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "# mutualsim sweep journal 1 design=") || strings.Count(string(b), "\n") != 9 {
		t.Errorf("journal after a torn header:\n%q", b)
	}
}

func TestSweepRefusesOtherFolders(t *testing.T) {
	d, p := loadDesign(t, t.TempDir(), strings.Replace(issueDesign, "points: 24", "points: 4", 1))
	run := t.TempDir()
	if err := os.WriteFile(filepath.Join(run, "timeseries.csv"), []byte("rep,year\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Execute(context.Background(), p, d, RunOptions{Dir: run}); err == nil || !strings.Contains(err.Error(), "is not a sweep folder: it holds timeseries.csv") {
		t.Errorf("a run folder: %v", err)
	}
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, ManifestName), []byte(`{"program": "mutualsim", "kind": ""}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Execute(context.Background(), p, d, RunOptions{Dir: other}); err == nil || !strings.Contains(err.Error(), "is not a sweep folder") {
		t.Errorf("another manifest: %v", err)
	}
	// A folder of shard folders is fine.
	parent := t.TempDir()
	if err := os.Mkdir(filepath.Join(parent, "shard-0-of-2"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Execute(context.Background(), p, d, RunOptions{Dir: parent}); err != nil {
		t.Errorf("a folder of folders: %v", err)
	}
}

// TestMergeUnfinishedShard merges a shard that was stopped before it wrote
// its manifest: the runs it lacks are reported by number.
func TestMergeUnfinishedShard(t *testing.T) {
	d, p := loadDesign(t, t.TempDir(), strings.Replace(issueDesign, "points: 24", "points: 6", 1))
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	sweepTo(t, d, p, a, Shard{0, 2}, 1, outputs.CSV)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Execute(ctx, p, d, RunOptions{Dir: b, Shard: Shard{1, 2}, Workers: 1, Progress: func(done, _ int) {
		if done == 2 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopping shard 1: %v", err)
	}
	rep, err := Merge([]string{a, b}, filepath.Join(root, "out"), outputs.CSV)
	if err == nil || !strings.Contains(err.Error(), "runs are missing") {
		t.Fatalf("merge: %v", err)
	}
	if rep.Shards != 2 || rep.Runs != 12 || rep.Found != 8 || len(rep.Missing) != 4 || rep.Missing[0] != 5 {
		t.Errorf("report %+v", rep)
	}
	if !strings.Contains(rep.Summary(), "missing runs (4): 5, 7, 9, 11") {
		t.Errorf("summary %q", rep.Summary())
	}
}

// TestMorrisEffectsPerRange checks the elementary effects of a linear
// outcome over a whole-number lever, a list of levels and a number: each is
// the coefficient times the whole range, with no spread, although the
// whole-number lever moves by uneven steps; and for numbers the effects
// equal those of the sensitivity package.
func TestMorrisEffectsPerRange(t *testing.T) {
	_, p := loadDesign(t, t.TempDir(), `method: morris
points: 6
scale: small
levers:
  procurement.contract_years: [2, 7]
  pension.access: [none, closed, open]
  commissioners.risk_aversion: [0.2, 0.6]
outcomes: [hhi_regional]
`)
	y := make([]float64, p.Points())
	for i, v := range p.Values {
		access := map[string]float64{"none": 0, "closed": 1, "open": 2}[v[1].(string)]
		y[i] = 3*float64(v[0].(int)) + 10*access - 50*v[2].(float64)
	}
	idx, skipped := p.morris(y)
	want := []float64{3 * 5, 10 * 2, -50 * 0.4}
	for i, x := range idx {
		if skipped != 0 || x.n == 0 || math.Abs(x.mu-want[i]) > 1e-9 || math.Abs(x.muStar-math.Abs(want[i])) > 1e-9 || x.sigma > 1e-9 {
			t.Errorf("factor %d: %+v, skipped %d; want mu %v and sigma 0", i, x, skipped, want[i])
		}
	}
	// A nonlinear outcome in the number alone: the same effects as the
	// sensitivity package's on the unit coordinates.
	for i, v := range p.Values {
		r := v[2].(float64)
		y[i] = r * r
	}
	idx, _ = p.morris(y)
	ref, err := sensitivity.MorrisIndices(*p.Morris, y)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(idx[2].mu-ref[2].Mu) > 1e-9 || math.Abs(idx[2].sigma-ref[2].Sigma) > 1e-9 {
		t.Errorf("number: mu %v sigma %v, sensitivity package %v %v", idx[2].mu, idx[2].sigma, ref[2].Mu, ref[2].Sigma)
	}
	// An undefined outcome at one point leaves out the effects next to it.
	y[3] = math.NaN()
	if _, skipped := p.morris(y); skipped == 0 || skipped > 2 {
		t.Errorf("one undefined point left out %d effects, want 1 or 2", skipped)
	}
}
