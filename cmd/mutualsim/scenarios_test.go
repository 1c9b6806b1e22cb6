package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
)

func TestScenariosList(t *testing.T) {
	code, out, errs := runCLI(t, "scenarios", "list")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(scenarios.Names())+1 || !strings.HasPrefix(lines[0], "scenario ") {
		t.Fatalf("%d lines for %d scenarios and a header", len(lines), len(scenarios.Names()))
	}
	for i, name := range scenarios.Names() {
		line := lines[i+1]
		s, err := scenarios.Load(name, scenarios.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		cmp := s.CompareTo
		if cmp == "" {
			cmp = "–"
		}
		if fields := strings.Fields(line); len(fields) < 3 || fields[0] != name || fields[1] != cmp || !strings.HasSuffix(line, "?") {
			t.Errorf("line %q: want %s, compared with %s, a question", line, name, cmp)
		}
	}
}

func TestScenariosShow(t *testing.T) {
	code, out, errs := runCLI(t, "scenarios", "show", "reserved-contracts", "--set", "procurement.contract_years=4")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "# resolved from reserved-contracts (built-in) ← right-to-provide (built-in) ← baseline (built-in)\n") ||
		!strings.Contains(out, "  contract_years: 4\n") || !strings.Contains(out, "procurement.reserved_share: 0.33") {
		t.Errorf("show:\n%s", out)
	}
	// What show prints runs the same as the scenario.
	f := filepath.Join(t.TempDir(), "shown.yaml")
	os.WriteFile(f, []byte(out), 0o644)
	a, err1 := scenarios.Load(f, scenarios.LoadOptions{})
	b, err2 := scenarios.Load("reserved-contracts", scenarios.LoadOptions{Set: []string{"procurement.contract_years=4"}})
	if err1 != nil || err2 != nil || a.Hash() != b.Hash() {
		t.Errorf("shown scenario differs: %v %v", err1, err2)
	}
	code, out, _ = runCLI(t, "scenarios", "show", "--levers", "pension-open-access")
	if code != 0 || !strings.HasPrefix(out, "lever ") || strings.Count(out, "\n") != 1+len(inputs.Levers()) ||
		!regexpMatch(out, `pension.access +\* open +closed`) {
		t.Errorf("--levers:\n%s", out)
	}
}

func regexpMatch(s, pattern string) bool {
	return regexp.MustCompile(pattern).MatchString(s)
}

func TestScenariosValidate(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(good, []byte("name: good\nextends: baseline\npension:\n  access: open\n"), 0o644)
	os.WriteFile(bad, []byte("name: bad\npension:\n  access: opne\n  acess: open\n"), 0o644)
	code, out, errs := runCLI(t, "scenarios", "validate", good, bad)
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	if !strings.Contains(out, good+": ok (good, default scale, 2010-2029, 0 timeline changes)") {
		t.Errorf("stdout %q", out)
	}
	for _, want := range []string{bad + `:3: pension.access: "opne" is not allowed`, bad + `:4: unknown lever "pension.acess", did you mean "pension.access"?`, "1 of 2 scenarios invalid"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if code, out, _ := runCLI(t, "scenarios", "validate", good); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("valid file: exit %d, %q", code, out)
	}
}

// TestRunScenarioFile runs a scenario file with --set and an environment
// variable and checks the manifest records the resolved values.
func TestRunScenarioFile(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "mine.toml")
	os.WriteFile(f, []byte("name = \"mine\"\nextends = \"right-to-provide\"\nscale = \"small\"\nyears = 4\nreplications = 2\n\n[procurement]\ncontract_years = 5\n"), 0o644)
	t.Setenv("MUTUALSIM_GOVERNANCE_ASSET_LOCK", "true")
	out := filepath.Join(dir, "run")
	code, _, errs := runCLI(t, "run", "--scenario", f, "--set", "pension.access=open", "--out", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m outputs.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	values := map[string]string{}
	for _, l := range m.Scenario.Levers {
		values[l.Name] = l.Value
	}
	if m.Scenario.Name != "mine" || m.Replications != 2 || m.EndYear != 2013 || values["procurement.contract_years"] != "5" ||
		values["pension.access"] != "open" || values["governance.asset_lock"] != "true" || m.Scale.Name != "small" ||
		!slices.Equal(m.Scenario.Chain, []string{f, "right-to-provide (built-in)", "baseline (built-in)"}) {
		t.Errorf("manifest: %+v %v", m.Scenario.Chain, values)
	}
}

// TestBatch runs every built-in scenario, small and short, into one folder.
func TestBatch(t *testing.T) {
	out := filepath.Join(t.TempDir(), "batch")
	code, stdout, errs := runCLI(t, "run", "--all", "--scale", "small", "--years", "3", "--reps", "2", "--seed", "5", "--out", out, "--no-report")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 1+len(scenarios.Names()) || !strings.Contains(lines[0], "mutuals_alive") {
		t.Fatalf("side-by-side table:\n%s", stdout)
	}
	for i, name := range scenarios.Names() {
		if !regexpMatch(lines[i+1], `^\s*`+regexp.QuoteMeta(name)+`\s+small\s+2012\s`) {
			t.Errorf("row %q", lines[i+1])
		}
		var rm outputs.Manifest
		b, err := os.ReadFile(filepath.Join(out, name, "manifest.json"))
		if err != nil || json.Unmarshal(b, &rm) != nil || rm.Seed != 5 || rm.Replications != 2 || rm.Scale.Name != "small" {
			t.Errorf("%s: run folder manifest %+v, %v", name, rm, err)
		}
	}
	f, err := os.Open(filepath.Join(out, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], []string{"scenario", "year", "measure", "mean", "sd", "ci_low", "ci_high", "n"}) ||
		len(rows)-1 != len(scenarios.Names())*3*len(sim.Measures()) {
		t.Errorf("combined summary: header %v, %d rows", rows[0], len(rows)-1)
	}
	var m outputs.BatchManifest
	b, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := json.Unmarshal(b, &m); err != nil || m.Seed != 5 || m.Replications != 2 || len(m.Scenarios) != len(scenarios.Names()) {
		t.Errorf("batch manifest %+v %v", m, err)
	}
	// batch with files: a bad one stops the batch before anything runs.
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("pension:\n  access: opne\n"), 0o644)
	code, _, errs = runCLI(t, "batch", "baseline", bad, "--out", filepath.Join(dir, "b"))
	if code != exitError || !strings.Contains(errs, bad+":2: pension.access") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "b")); err == nil {
		t.Error("a batch with a bad scenario started running")
	}
}

// TestBatchSettings checks that a batch takes its seed from the environment
// when no flag gives one, and reports clashing names with the others.
func TestBatchSettings(t *testing.T) {
	t.Setenv("MUTUALSIM_SEED", "9")
	dir := t.TempDir()
	out := filepath.Join(dir, "b")
	code, _, errs := runCLI(t, "batch", "baseline", "--scale", "small", "--years", "2", "--out", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m outputs.BatchManifest
	b, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := json.Unmarshal(b, &m); err != nil || m.Seed != 9 || m.Replications != 10 {
		t.Errorf("batch manifest %+v, %v", m, err)
	}
	twin := filepath.Join(dir, "twin.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(twin, []byte("name: baseline\n"), 0o644)
	os.WriteFile(bad, []byte("pension:\n  access: opne\n"), 0o644)
	code, _, errs = runCLI(t, "batch", "baseline", twin, bad, "--set", "pension.acess=open", "--out", filepath.Join(dir, "c"))
	if code != exitError || strings.Count(errs, `unknown lever "pension.acess"`) != 1 ||
		!strings.Contains(errs, bad+":2: pension.access") {
		t.Errorf("exit %d:\n%s", code, errs)
	}
	code, _, errs = runCLI(t, "batch", "baseline", twin, "--out", filepath.Join(dir, "d"))
	if code != exitError || !strings.Contains(errs, twin+`: name: "baseline" is also the name of baseline (built-in)`) {
		t.Errorf("exit %d:\n%s", code, errs)
	}
}

func TestDocLevers(t *testing.T) {
	code, out, errs := runCLI(t, "doc", "levers")
	if code != 0 || !strings.HasPrefix(out, "\n#### pension\n") || strings.Count(out, "\n| `") != len(inputs.Levers())+len(sim.Constants()) {
		t.Errorf("exit %d: %s\n%s", code, errs, out[:min(len(out), 300)])
	}
	f := filepath.Join(t.TempDir(), "doc.md")
	os.WriteFile(f, []byte("before\n"+inputs.DocsBegin+"\nSTALE TABLES\n"+inputs.DocsEnd+"\nbetween\n"+inputs.ConstantsBegin+"\nSTALE\n"+inputs.ConstantsEnd+"\nafter\n"), 0o644)
	if code, _, errs := runCLI(t, "doc", "levers", "--update", f); code != 0 {
		t.Fatalf("--update: %s", errs)
	}
	b, _ := os.ReadFile(f)
	if !strings.HasPrefix(string(b), "before\n") || !strings.Contains(string(b), inputs.DocsEnd+"\nbetween\n") || strings.Contains(string(b), "STALE") ||
		!strings.Contains(string(b), "`pension.access`") || !strings.HasSuffix(string(b), inputs.ConstantsEnd+"\nafter\n") || !strings.Contains(string(b), "`agents.RiskScale` | 0.1 |") {
		t.Errorf("updated file:\n%s", b)
	}
	os.WriteFile(f, []byte("no markers\n"), 0o644)
	if code, _, errs := runCLI(t, "doc", "levers", "--update", f); code != exitError || !strings.Contains(errs, "no lever tables between the markers") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestChecksFailedExitCode(t *testing.T) {
	var out, errb strings.Builder
	root := newRootCmd(&out, &errb)
	root.AddCommand(&cobra.Command{Use: "failing", RunE: func(*cobra.Command, []string) error { return checksFailed{2, 97} }})
	root.SetArgs([]string{"failing"})
	err := root.Execute()
	if code := exitCode(err, &errb); code != exitFailed || !strings.Contains(errb.String(), "2 of 97 validation checks failed") {
		t.Errorf("exit %d, %q", code, errb.String())
	}
}
