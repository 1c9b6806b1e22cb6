package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"mutualsim/estimate"
	"mutualsim/inputs"
	"mutualsim/manual"
	"mutualsim/outputs"
	"mutualsim/sim"
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
			code, _, errs := runCLI(t, "run", "--reps", reps, "--years", "10", "--seed", "11", "--workers", w, "--out", filepath.Join(base, w), "--quiet", "--no-report")
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
		{[]string{"run", "--set", "pension.access=opne"}, `--set: pension.access=opne: "opne" is not allowed, expected one of none, closed, open, did you mean "open"?`},
		{[]string{"run", "--set", "pension.central_topup=0.3"}, `--set: pension.central_topup: 0.3 from the first year is above pension.employer_rate (0.14)`},
		{[]string{"run", "--set", "pension.acess=open"}, `--set: unknown lever "pension.acess", did you mean "pension.access"?`},
		{[]string{"run", "--all", "--scenario", "baseline"}, "--all runs every built-in scenario"},
		{[]string{"batch", "pension-access"}, `pension-access: no built-in scenario "pension-access", did you mean "pension-open-access"?`},
		{[]string{"run", "-s", "pension"}, `pension: no built-in scenario "pension", did you mean one of "pension-open-access", "pension-none"?`},
		{[]string{"scenarios", "show", "nope"}, `nope: no built-in scenario "nope"`},
		{[]string{"run", "--years", "0"}, "--years: 0 is out of range, expected a whole number in [1, 200]"},
		{[]string{"run", "--start-year", "1800"}, "--start-year: 1800 is out of range, expected a year in [1948, 2100]"},
		{[]string{"run", "--workers", "-1"}, `"--workers" flag: "-1" is not a whole number from 0`},
		{[]string{"validate", "--workers", "x"}, `"--workers" flag: "x" is not a whole number from 0`},
		{[]string{"sweep", "d.yaml", "--workers", "-2"}, `"--workers" flag: "-2" is not a whole number from 0`},
		{[]string{"branch", "c.ckpt", "--workers", "-1"}, `"--workers" flag: "-1" is not a whole number from 0`},
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
	if code, out, _ := runCLI(t, "version"); code != 0 || !strings.HasPrefix(out, "mutualsim version "+sim.Version+" ") || !strings.Contains(out, runtime.GOARCH) {
		t.Errorf("version command: %d %q", code, out)
	}
	// Every command's help has examples.
	for _, c := range newRootCmd(io.Discard, io.Discard).Commands() {
		if c.Name() != "help" && c.Name() != "completion" && c.Example == "" {
			t.Errorf("%s: no Examples section in its help", c.Name())
		}
	}
}

// TestManualCoversCommands checks that every command has a manual page,
// which its help text comes from, and every page a command.
func TestManualCoversCommands(t *testing.T) {
	pages := map[string]bool{}
	for _, f := range manual.Files() {
		pages[f] = true
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() == "help" || c.Name() == "completion" {
			return
		}
		f := manual.FileName(c.CommandPath())
		if !pages[f] {
			t.Errorf("%q has no manual page manual/%s", c.CommandPath(), f)
		}
		if c.Short == "" {
			t.Errorf("%q: no help text (summary %q)", c.CommandPath(), c.Short)
		}
		delete(pages, f)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(io.Discard, io.Discard))
	for f := range pages {
		t.Errorf("manual/%s is the page of no command", f)
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

// MUTUALSIM_WORKERS gives --workers its default; a bad value is an error,
// and the flag wins over it.
func TestWorkersFromEnvironment(t *testing.T) {
	t.Setenv("MUTUALSIM_WORKERS", "many")
	if code, _, errs := runCLI(t, "run", "--scale", "small", "--reps", "1", "--years", "1", "--out", t.TempDir()+"/a"); code != exitError ||
		!strings.Contains(errs, `environment: MUTUALSIM_WORKERS: "many" is not a whole number from 0`) {
		t.Errorf("bad MUTUALSIM_WORKERS: exit %d, %q", code, errs)
	}
	for _, tc := range []struct {
		env  string
		args []string
		want int
	}{{"1", nil, 1}, {"1", []string{"--workers", "2"}, 2}} {
		t.Setenv("MUTUALSIM_WORKERS", tc.env)
		out := filepath.Join(t.TempDir(), "r")
		args := append([]string{"run", "--scale", "small", "--reps", "1", "--years", "1", "--no-report", "-q", "--out", out}, tc.args...)
		if code, _, errs := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		var m struct{ Workers int }
		readJSON(t, filepath.Join(out, "manifest.json"), &m)
		if m.Workers != tc.want {
			t.Errorf("MUTUALSIM_WORKERS=%s %v: manifest says %d workers, want %d", tc.env, tc.args, m.Workers, tc.want)
		}
	}
}

// Shell completion offers scenario names, scales, lever keys and values,
// and measure names (cobra's hidden __complete command is what the shells'
// scripts call).
func TestCompletion(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "compare", "pension-"}, []string{"pension-open-access", "pension-none"}},
		{[]string{"__complete", "run", "--scenario", "right"}, []string{"right-to-provide"}},
		{[]string{"__complete", "run", "--scale", ""}, []string{"small", "default", "england", "nhs"}},
		{[]string{"__complete", "run", "--set", "pension.acc"}, []string{"pension.access="}},
		{[]string{"__complete", "run", "--set", "pension.access="}, []string{"pension.access=none", "pension.access=closed", "pension.access=open"}},
		{[]string{"__complete", "compare", "--measures", "mutuals_alive,hhi_reg"}, []string{"mutuals_alive,hhi_regional"}},
		{[]string{"__complete", "sweep", "x.yaml", "--format", ""}, []string{"csv", "parquet"}},
	} {
		code, out, errs := runCLI(t, tc.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		got := lines[:len(lines)-1] // the last line is the directive
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%v: offers %q, want %q", tc.args, got, tc.want)
		}
	}
}

// TestTooLargeRefused shows that a request estimated beyond the limits is
// refused before anything runs or is written, with what it would take and
// how to run it anyway, and that the README's requests are not refused.
func TestTooLargeRefused(t *testing.T) {
	dir := t.TempDir()
	design := filepath.Join(dir, "huge.yaml")
	if err := os.WriteFile(design, []byte("name: huge\nbase: baseline\nmethod: lhs\npoints: 100000\nreplications: 10\nscale: england\nyears: 20\nlevers:\n  support.startup_grant: [0, 1]\noutcomes: [staff_in_mutuals]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"run", []string{"run", "--scale", "nhs", "--reps", "100000", "--years", "200"}},
		{"batch", []string{"batch", "baseline", "right-to-provide", "--scale", "england", "--reps", "5000"}},
		{"sweep", []string{"sweep", design}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name)
			code, _, errs := runCLI(t, append(tc.args, "--out", out)...)
			if code != exitError {
				t.Fatalf("exit %d, want %d: %s", code, exitError, errs)
			}
			for _, want := range []string{"staff-years", "beyond the limits of 6 h and 20 GB", "--confirm-large"} {
				if !strings.Contains(errs, want) {
					t.Errorf("message %q lacks %q", errs, want)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s was written (%v)", out, err)
			}
		})
	}
	// The README's largest run (right-to-provide, England, 10 replications
	// of 20 years) and the same at the whole NHS's scale pass the check
	// without --confirm-large.
	for _, name := range []string{"england", "nhs"} {
		scale, err := inputs.ScaleByName(name)
		if err != nil {
			t.Fatal(err)
		}
		jobs := []estimate.Job{{Scale: scale, Years: 20, Replications: 10, Tables: true}}
		if err := checkSize(jobs, 2, false, true, io.Discard); err != nil {
			t.Errorf("%s: refused: %v", name, err)
		}
	}
}
