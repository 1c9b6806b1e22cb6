package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mutualsim/outputs"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestRunWritesRunFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	code, out, errs := runCLI(t, "run", "--scale", "small", "--reps", "2", "--years", "3", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, name := range outputs.RunFiles(outputs.CSV) {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("missing %s: %v", name, err)
		}
	}
	for _, want := range []string{"measure", "2010 mean", "2012 mean", "mutuals_alive", "total_spend"} {
		if !strings.Contains(out, want) {
			t.Errorf("headline table lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "wrote "+dir) {
		t.Errorf("stderr %q does not report the folder", errs)
	}
	code, out, errs = runCLI(t, "run", "--scale", "small", "--reps", "1", "--years", "2", "--out", dir, "--quiet", "--force")
	if code != 0 || out != "" || errs != "" {
		t.Errorf("--quiet printed %q %q (exit %d)", out, errs, code)
	}
}

// TestDefaultRun is the README's first command: no flags, the embedded
// baseline, results in results/baseline-1.
func TestDefaultRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the full default job")
	}
	t.Chdir(t.TempDir())
	code, out, errs := runCLI(t, "run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join("results", "baseline-1", "manifest.json")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "2029 mean") || !strings.Contains(errs, "10 replications × 20 years (2010-2029) at default scale") {
		t.Errorf("stdout %q\nstderr %q", out, errs)
	}
}

// TestWorkersGiveIdenticalFiles runs the same seed on 1 and 4 workers and
// compares every CSV byte for byte: with 3 replications the workers run
// replications side by side, with 1 they run its regions side by side.
func TestWorkersGiveIdenticalFiles(t *testing.T) {
	for _, reps := range []string{"1", "3"} {
		base := t.TempDir()
		for _, w := range []string{"1", "4"} {
			code, _, errs := runCLI(t, "run", "--reps", reps, "--years", "10", "--seed", "11", "--workers", w, "--out", filepath.Join(base, w), "--quiet")
			if code != 0 {
				t.Fatalf("workers %s: exit %d: %s", w, code, errs)
			}
		}
		for _, name := range outputs.RunFiles(outputs.CSV) {
			if !strings.HasSuffix(name, ".csv") {
				continue
			}
			a, err1 := os.ReadFile(filepath.Join(base, "1", name))
			b, err2 := os.ReadFile(filepath.Join(base, "4", name))
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s replications: %s differs between 1 and 4 workers", reps, name)
			}
		}
	}
}

func TestOneYearHeadline(t *testing.T) {
	code, out, errs := runCLI(t, "run", "--scale", "small", "--reps", "2", "--years", "1", "--out", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if first := strings.SplitN(out, "\n", 2)[0]; strings.Count(first, "2010 mean") != 1 {
		t.Errorf("header %q", first)
	}
}

func TestErrorsAreOneLine(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run", "--scale", "defualt"}, `--scale: unknown scale "defualt", expected one of small, default, england, nhs (did you mean "default"?)`},
		{[]string{"run", "--reps", "0"}, "--reps: 0 is out of range, expected a whole number in [1, 100000]"},
		{[]string{"run", "--scenario", "basline"}, `basline: no built-in scenario "basline", did you mean "baseline"?`},
		{[]string{"run", "--set", "pension.access=opne"}, `--set: pension.access: pension.access: "opne" is not allowed, expected one of none, closed, open, did you mean "open"?`},
		{[]string{"run", "--set", "pension.acess=open"}, `--set: unknown lever "pension.acess", did you mean "pension.access"?`},
		{[]string{"run", "--all", "--scenario", "baseline"}, "--all runs every built-in scenario"},
		{[]string{"batch", "pension-access"}, `pension-access: no built-in scenario "pension-access", did you mean "pension-open-access"?`},
		{[]string{"run", "-s", "pension"}, `pension: no built-in scenario "pension", did you mean one of "pension-open-access", "pension-none"?`},
		{[]string{"scenarios", "show", "nope"}, `nope: no built-in scenario "nope"`},
		{[]string{"run", "--years", "0"}, "--years: 0 is out of range, expected a whole number in [1, 200]"},
		{[]string{"run", "--start-year", "1800"}, "--start-year: 1800 is out of range, expected a year in [1948, 2100]"},
		{[]string{"run", "--workers", "-1"}, "--workers: -1 is out of range"},
		{[]string{"run", "--reps", "ten"}, `invalid argument "ten" for "--reps" flag`},
		{[]string{"run", "--sede", "3"}, "unknown flag: --sede (did you mean --seed?)"},
		{[]string{"run", "extra"}, `unknown command "extra" for "mutualsim run"`},
		{[]string{"run", "--out", filepath.Join(file, "sub")}, "--out: create results folder: mkdir"},

		{[]string{"runn"}, `unknown command "runn" for "mutualsim"`},
	}
	for _, tc := range tests {
		code, out, errs := runCLI(t, tc.args...)
		if code != exitError {
			t.Errorf("%v: exit %d, want %d", tc.args, code, exitError)
		}
		if out != "" {
			t.Errorf("%v: printed to stdout: %q", tc.args, out)
		}
		if strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "mutualsim: ") || !strings.Contains(errs, tc.want) {
			t.Errorf("%v:\n got %q\nwant one line containing %q", tc.args, errs, tc.want)
		}
	}
}

func TestInterruptedRunWritesNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := filepath.Join(t.TempDir(), "run")
	var out, errb bytes.Buffer
	if code := run(ctx, []string{"run", "--scale", "small", "--out", dir}, &out, &errb); code != exitInterrupted {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("an interrupted run left the folder it created")
	}
}

func TestHelpAndVersion(t *testing.T) {
	code, out, _ := runCLI(t, "run", "--help")
	if code != 0 || !strings.Contains(out, "--workers") || !strings.Contains(out, "small|default|england|nhs") {
		t.Errorf("help: %d %q", code, out)
	}
	if code, out, _ := runCLI(t, "--version"); code != 0 || !strings.HasPrefix(out, "mutualsim version ") {
		t.Errorf("version: %d %q", code, out)
	}
}

// TestTwoBadFlags reports each bad value on its own line.
func TestTwoBadFlags(t *testing.T) {
	code, _, errs := runCLI(t, "run", "--reps", "0", "--years", "0")
	want := "mutualsim: --reps: 0 is out of range, expected a whole number in [1, 100000]\nmutualsim: --years: 0 is out of range, expected a whole number in [1, 200]\n"
	if code != exitError || errs != want {
		t.Errorf("exit %d:\n%s\nwant:\n%s", code, errs, want)
	}
}
