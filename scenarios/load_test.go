package scenarios

import (
	"bytes"
	"errors"
	"flag"
	"mutualsim/inputs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func load(t *testing.T, ref string, opt LoadOptions) *inputs.Scenario {
	t.Helper()
	s, err := Load(ref, opt)
	if err != nil {
		t.Fatalf("Load(%s): %v", ref, err)
	}
	return s
}

// TestErrorsGolden loads every file under testdata/errors and compares the
// problems reported with the golden .golden file beside it: every problem,
// with file, line, key, value and what was expected.
func TestErrorsGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "errors", "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join("testdata", "errors", "chain", "child.yaml"))
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".golden") {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, err := Load(f, LoadOptions{})
			var ps inputs.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Load(%s) = %v, want Problems", f, err)
			}
			got := []byte(ps.Error() + "\n")
			golden := f + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./scenarios -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("problems differ from %s:\n got:\n%s\nwant:\n%s", golden, got, want)
			}
			for _, p := range ps {
				if p.File == "" || p.Msg == "" {
					t.Errorf("problem without a file or message: %+v", p)
				}
			}
		})
	}
	if n < 10 {
		t.Fatalf("only %d error files", n)
	}
}

// TestFormatsAgree loads one scenario written in YAML, TOML and JSON.
func TestFormatsAgree(t *testing.T) {
	var hashes []string
	for _, ext := range []string{"yaml", "toml", "json"} {
		s := load(t, filepath.Join("testdata", "formats", "policy."+ext), LoadOptions{})
		if s.Name != "policy" || s.Scale != "small" || s.Years != 8 || s.Params.Pension.Access != inputs.AccessOpen ||
			s.Params.Pension.EmployerRate.At(2016) != 0.2 || s.Params.Procurement.ContractYears != 5 || len(s.Timeline) != 1 ||
			len(s.Timeline[0].Set) != 2 || s.Params.Support.RightToProvide {
			t.Errorf("%s: %+v", ext, s)
		}
		hashes = append(hashes, s.Hash())
	}
	if hashes[0] != hashes[1] || hashes[1] != hashes[2] {
		t.Errorf("hashes differ across formats: %v", hashes)
	}
}

// TestInheritance checks that a child overrides its parents, that relative
// extends paths are resolved against the child's folder, that timelines
// append, and that the chain is recorded.
func TestInheritance(t *testing.T) {
	s := load(t, filepath.Join("testdata", "chain", "sub", "child.yaml"), LoadOptions{})
	if s.Name != "child" || s.Years != 12 || s.Params.Procurement.ContractYears != 7 || s.Params.Procurement.ReservedShare != 0.2 {
		t.Errorf("levers: name %s years %d contract %d reserved %v", s.Name, s.Years, s.Params.Procurement.ContractYears, s.Params.Procurement.ReservedShare)
	}
	var years []int
	for _, ch := range s.Timeline {
		years = append(years, ch.Year)
	}
	if !slices.Equal(years, []int{2011, 2015, 2016}) {
		t.Errorf("timeline years %v, want right-to-provide's 2011, the parent's 2015, the child's 2016", years)
	}
	want := []string{filepath.Join("testdata", "chain", "sub", "child.yaml"), filepath.Join("testdata", "chain", "sub", "..", "parent.yaml"), "right-to-provide (built-in)", "baseline (built-in)"}
	if !slices.Equal(s.Chain, want) {
		t.Errorf("chain %q, want %q", s.Chain, want)
	}
	p2016, _ := s.ParamsAt(2016)
	if !p2016.Support.RightToProvide || p2016.Pension.Access != inputs.AccessOpen || p2016.Commissioners.AwarenessProgramme != 0.05 {
		t.Errorf("levers in 2016: %+v", p2016.Support)
	}
}

// TestPrecedence checks file < environment < --set < run settings, that an
// override holds for the whole run, and that Environment keeps only
// MUTUALSIM_* variables that are set to something.
func TestPrecedence(t *testing.T) {
	f := filepath.Join("testdata", "chain", "parent.yaml") // contract_years 5; pension.access open from 2015
	env := Environment([]string{"MUTUALSIM_PROCUREMENT_CONTRACT_YEARS=6", "MUTUALSIM_PENSION_ACCESS=none", "MUTUALSIM_YEARS=15", "PATH=/bin", "MUTUALSIM_SEED="})
	s := load(t, f, LoadOptions{Env: env})
	if s.Params.Procurement.ContractYears != 6 || s.Years != 15 {
		t.Errorf("environment over file: contract years %d, years %d", s.Params.Procurement.ContractYears, s.Years)
	}
	p2020, _ := s.ParamsAt(2020)
	if p2020.Pension.Access != inputs.AccessNone {
		t.Errorf("an environment override should hold through the timeline: access %s in 2020", p2020.Pension.Access)
	}
	years := 9
	s = load(t, f, LoadOptions{Env: env, Set: []string{"procurement.contract_years=7", "procurement.contract_years=8"}, Years: &years})
	if s.Params.Procurement.ContractYears != 8 || s.Years != 9 {
		t.Errorf("--set over environment, last wins, flags over all: contract years %d, years %d", s.Params.Procurement.ContractYears, s.Years)
	}
	s = load(t, f, LoadOptions{})
	if s.Params.Procurement.ContractYears != 5 || s.Years != 12 {
		t.Errorf("no environment: contract years %d, years %d", s.Params.Procurement.ContractYears, s.Years)
	}
}

func TestOverrideErrors(t *testing.T) {
	env := Environment([]string{"MUTUALSIM_PENSION_ACESS=open", "MUTUALSIM_COMMISSIONERS_RISK_AVERSION=lots"})
	_, err := Load("baseline", LoadOptions{Env: env, Set: []string{"procurement.contract_year=5", "pension.access", "years=4", "governance.asset_lock=perhaps"}})
	want := []string{
		`environment: MUTUALSIM_COMMISSIONERS_RISK_AVERSION: commissioners.risk_aversion: got "lots" (text), expected a number in [0, 1]`,
		`environment: MUTUALSIM_PENSION_ACESS: unknown variable, did you mean "MUTUALSIM_PENSION_ACCESS"?`,
		`--set: "pension.access": expected section.lever=value`,
		`--set: governance.asset_lock=perhaps: got "perhaps" (text), expected true or false`,
		`--set: unknown lever "procurement.contract_year", did you mean "procurement.contract_years"?`,
		`--set: unknown lever "years", use the --years flag`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

// TestBuiltins checks every built-in scenario: it loads, is named after its
// file, asks a question, cites its source in a header comment, and writes
// out as a file that loads back to the same scenario.
func TestBuiltins(t *testing.T) {
	entries, err := library.ReadDir("library")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	names := slices.Clone(Names())
	slices.Sort(names)
	slices.Sort(files)
	if !slices.Equal(files, names) {
		t.Fatalf("library files %v, Names() %v", files, names)
	}
	dir := t.TempDir()
	for _, name := range Names() {
		s := load(t, name, LoadOptions{})
		b, _ := Builtin(name)
		if s.Name != name || s.Question == "" || s.Description == "" || !bytes.HasPrefix(b, []byte("# "+name+": ")) ||
			!bytes.Contains(b, []byte("# Source: ")) || !bytes.Contains(b, []byte("# Look at: ")) {
			t.Errorf("%s: name %q, question %q, or header comment missing", name, s.Name, s.Question)
		}
		var out bytes.Buffer
		if err := WriteYAML(&out, s); err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, name+".yaml")
		os.WriteFile(f, out.Bytes(), 0o644)
		again := load(t, f, LoadOptions{})
		if again.Hash() != s.Hash() || again.Name != s.Name || again.Seed != s.Seed || again.Replications != s.Replications {
			t.Errorf("%s: written and reloaded, the scenario changed", name)
		}
	}
	if load(t, "baseline", LoadOptions{}).Hash() != inputs.Default().Hash() {
		t.Error("the baseline file and Default() differ")
	}
}

func TestLeverTable(t *testing.T) {
	s := load(t, "policy-path-2010-2015", LoadOptions{})
	var b bytes.Buffer
	if err := s.WriteLeverTable(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 1+len(inputs.Levers()) {
		t.Fatalf("%d lines for %d levers", len(lines), len(inputs.Levers()))
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "pension.private_access ") && !(strings.Contains(l, "* none") && strings.Contains(l, "2013: closed, 2014: open")) {
			t.Errorf("row %q", l)
		}
	}
}

// FuzzLoad loads fuzzed scenario files in memory (LoadData, extends to
// built-ins only): every input loads or gives a list of problems with a
// file and a message, loading is deterministic, and what show writes loads
// back to the same scenario. The seeds are every built-in scenario, the
// example scenario and the test files of every format.
func FuzzLoad(f *testing.F) {
	for _, name := range Names() {
		b, _ := Builtin(name)
		f.Add(b, uint8(0))
	}
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*", "*.*"))
	seeds = append(seeds, filepath.Join("..", "examples", "my-scenario.yaml"))
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(map[string]int{"toml": 1, "json": 2}[strings.TrimPrefix(filepath.Ext(p), ".")]))
	}
	f.Add([]byte("timeline: [{year: 2012, set: {pension: {access: [1, {2: 3}]}}}]"), uint8(0))
	f.Add([]byte("pension: {employer_rate: {x: y}}\nextends: [a]"), uint8(0))
	f.Add([]byte("name: c2\nextends: policy-path-2010-2015\npension:\n  private_access: none\nprocurement:\n  reserved_share: 0.1\n"), uint8(0))
	opt := LoadOptions{NoFiles: true}
	f.Fuzz(func(t *testing.T, content []byte, format uint8) {
		name := "fuzz" + []string{".yaml", ".toml", ".json"}[int(format)%3]
		s, err := LoadData(name, content, opt)
		if err != nil {
			var ps inputs.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error is not a list of problems: %v", err)
			}
			for _, p := range ps {
				if p.File == "" || p.Msg == "" {
					t.Fatalf("problem without a file or message: %+v", p)
				}
			}
			return
		}
		// Loading is deterministic, and what show writes loads back to the
		// same scenario.
		again, err := LoadData(name, content, opt)
		if err != nil || again.Hash() != s.Hash() || again.Seed != s.Seed {
			t.Fatalf("a second load differs: %v", err)
		}
		var out bytes.Buffer
		if err := WriteYAML(&out, s); err != nil {
			t.Fatalf("show: %v", err)
		}
		back, err := LoadData("shown.yaml", out.Bytes(), opt)
		if err != nil {
			t.Fatalf("what show wrote does not load: %v\n%s", err, out.Bytes())
		}
		if back.Hash() != s.Hash() || back.Seed != s.Seed || back.Replications != s.Replications {
			t.Fatalf("what show wrote loads to a different scenario:\n%s", out.Bytes())
		}
	})
}

// TestPathologicalInputs loads inputs built to be slow or to blow up a
// parser, and checks each ends in the expected problem (or loads).
func TestPathologicalInputs(t *testing.T) {
	laughs := "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		laughs += n + ": &" + n + " [" + strings.Repeat("*"+prev+",", 8) + "*" + prev + "]\n"
		prev = n
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		file, content, want string
	}{
		{"laughs.yaml", laughs, "more than 200000 values"},
		{"deep.yaml", strings.Repeat("[", 5000) + strings.Repeat("]", 5000), "nested more than 12 levels deep"},
		{"deepmap.yaml", strings.Repeat("{a: ", 3000) + "1" + strings.Repeat("}", 3000), "nested more than 12 levels deep"},
		{"deep.json", strings.Repeat("[", 5000) + strings.Repeat("]", 5000), "nested more than 12 levels deep"},
		{"deep.toml", "a = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000), "nested more than 12 levels deep"},
		{"dotted.toml", strings.Repeat("a.", 3000) + "b = 1\n", "nested more than 12 levels deep"},
		{"longkey.yaml", strings.Repeat("x", 1000) + "z: 1\n", "unknown key"},
		{"timeline.yaml", "years: 200\nstart_year: 1948\ntimeline:\n" +
			strings.Repeat("  - year: 2000\n    set: {procurement.price_weight: 0.45, procurement.quality_weight: 0.45}\n", 500), ""},
	} {
		p := filepath.Join(dir, tc.file)
		if err := os.WriteFile(p, []byte(tc.content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(p, LoadOptions{})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.file, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want %q", tc.file, err, tc.want)
		}
	}
}

// TestShortenedRun checks that a run shortened or moved by an override fits
// the timeline to it: earlier changes hold from the start, later ones drop.
func TestShortenedRun(t *testing.T) {
	start, years := 2013, 2
	s := load(t, "policy-path-2010-2015", LoadOptions{StartYear: &start, Years: &years})
	if !s.Params.Support.RightToProvide || s.Params.Pension.PrivateAccess != inputs.AccessNone || len(s.Timeline) != 2 || s.Timeline[0].Year != 2013 || s.Timeline[1].Year != 2014 {
		t.Errorf("rtp %v, private access %s, timeline %+v", s.Params.Support.RightToProvide, s.Params.Pension.PrivateAccess, s.Timeline)
	}
	if err := s.Validate(); err != nil {
		t.Error(err)
	}
	// In the file itself a change outside the run is a mistake.
	if _, err := Load(filepath.Join("testdata", "errors", "timeline.yaml"), LoadOptions{}); err == nil || !strings.Contains(err.Error(), "outside the run") {
		t.Errorf("got %v", err)
	}
}

// TestChildReplacesParentTimeline checks that a lever a child sets replaces
// what its parents said about it, their timeline changes included.
func TestChildReplacesParentTimeline(t *testing.T) {
	s := load(t, filepath.Join("..", "examples", "my-scenario.yaml"), LoadOptions{})
	p2020, err := s.ParamsAt(2020)
	if err != nil {
		t.Fatal(err)
	}
	// right-to-provide sets the grant to 0.1 for 30% from 2011; the example sets 0.3 for 60%.
	if p2020.Support.StartupGrant != 0.3 || p2020.Support.GrantShare != 0.6 || !p2020.Support.RightToProvide || p2020.Support.BusinessSupport != 0.4 {
		t.Errorf("2020 support levers: %+v", p2020.Support)
	}
}

// TestUnreadableParent extends a folder named like a scenario file: the
// problem is reported once, as the folder's.
func TestUnreadableParent(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "folder.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	child := filepath.Join(dir, "child.yaml")
	os.WriteFile(child, []byte("name: child\nextends: folder.yaml\n"), 0o644)
	_, err := Load(child, LoadOptions{})
	want := filepath.Join(dir, "folder.yaml") + ": cannot read the file: it is a folder, not a regular file"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// A child that sets two levers its parent's timeline changes, each of
// which empties an inherited change, keeps the rest of the timeline
// (issue 11, item 6: this panicked with an index out of range).
func TestChildDropsInheritedChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c2.yaml")
	if err := os.WriteFile(path, []byte("name: c2\nextends: policy-path-2010-2015\npension:\n  private_access: none\nprocurement:\n  reserved_share: 0.1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var years []int
	for _, ch := range s.Timeline {
		years = append(years, ch.Year)
		for _, a := range ch.Set {
			if a.Lever == "pension.private_access" || a.Lever == "procurement.reserved_share" {
				t.Errorf("%d still changes %s", ch.Year, a.Lever)
			}
		}
	}
	if !slices.Equal(years, []int{2010, 2012, 2014, 2016}) {
		t.Errorf("timeline years %v, want 2010, 2012, 2014, 2016", years)
	}
	p, err := s.ParamsAt(2020)
	if err != nil || p.Pension.Access != inputs.AccessOpen || p.Procurement.ReservedShare != 0.1 || p.Pension.PrivateAccess != inputs.AccessNone {
		t.Errorf("levers in 2020: %+v %+v %v", p.Pension, p.Procurement.ReservedShare, err)
	}
}

// A scenario or its parent that is a device, a named pipe or a folder is
// refused at once (issue 11, item 7: /dev/zero was read until the kernel
// killed the process; a named pipe hung).
func TestNonRegularFilesRefused(t *testing.T) {
	dir := t.TempDir()
	zero := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.yaml")
	os.Mkdir(folder, 0o755)
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, append([]byte("name: big\n#"), make([]byte, MaxFileSize)...), 0o644)
	for _, tc := range []struct{ target, want string }{
		{zero, "it is a device, not a regular file"},
		{fifo, "it is a named pipe, not a regular file"},
		{folder, "it is a folder, not a regular file"},
		{big, "larger than"},
	} {
		child := filepath.Join(dir, "child.yaml")
		os.WriteFile(child, []byte("extends: "+tc.target+"\n"), 0o644)
		done := make(chan error, 1)
		go func() { _, err := Load(child, LoadOptions{}); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("extends %s: %v, want %q", tc.target, err, tc.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("extends %s did not return", tc.target)
		}
		if _, err := Load(tc.target, LoadOptions{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("load %s: %v", tc.target, err)
		}
	}
}

// TestNoFilesTellsNothingOfFiles loads, as the browser interface does,
// scenarios that name files: whether the file exists must not change the
// answer, so that a browser cannot probe the server's disk.
func TestNoFilesTellsNothingOfFiles(t *testing.T) {
	abs, err := filepath.Abs("../examples/my-scenario.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"compare_to", "extends"} {
		var msgs []string
		for _, path := range []string{abs, abs + ".missing.yaml"} {
			_, err := LoadData("up.yaml", []byte("name: up\n"+key+": "+path+"\n"), LoadOptions{NoFiles: true})
			if err == nil {
				t.Fatalf("%s: %s loaded", key, path)
			}
			msgs = append(msgs, strings.ReplaceAll(err.Error(), path, "PATH"))
		}
		if msgs[0] != msgs[1] {
			t.Errorf("%s: a file that exists and one that does not answer differently:\n%s\n%s", key, msgs[0], msgs[1])
		}
	}
}
