//go:build e2e

package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"mutualsim/sweep"
)

const killDesign = `name: killed
base: baseline
method: lhs
points: 80
replications: 2
scale: small
years: 12
levers:
  procurement.contract_years: [2, 7]
  commissioners.risk_aversion: [0.0, 1.0]
  support.right_to_provide: [false, true]
outcomes: [hhi_regional, mutuals_alive, producer_capture_index]
outcome_years: [2015, 2021]
`

// child returns a command that runs the program with args in its own
// process.
func child(args ...string) *exec.Cmd {
	c := exec.Command(os.Args[0], args...)
	c.Env = append(os.Environ(), "GO_TEST_AS_MUTUALSIM=1")
	return c
}

// TestSweepSurvivesSIGKILL kills the sweep's process with SIGKILL at random
// moments and reruns the same command until it completes: the results equal
// an uninterrupted sweep's, every run is in the journal exactly once.
func TestSweepSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	root := t.TempDir()
	design := filepath.Join(root, "killed.yaml")
	if err := os.WriteFile(design, []byte(killDesign), 0o644); err != nil {
		t.Fatal(err)
	}
	whole := filepath.Join(root, "whole")
	if out, err := child("sweep", design, "--out", whole, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted sweep: %v\n%s", err, out)
	}
	dir := filepath.Join(root, "killed")
	rng := rand.New(rand.NewPCG(7, 11))
	kills, midway, progress := 0, 0, 0
	for attempt := 0; ; attempt++ {
		if attempt > 200 {
			t.Fatal("the sweep did not finish in 200 attempts")
		}
		c := child("sweep", design, "--out", dir, "--quiet", "--workers", "2")
		var stderr bytes.Buffer
		c.Stderr = &stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- c.Wait() }()
		// Kill at a random moment, while the process starts, runs or
		// writes its results. The window widens with each attempt, so that
		// a slow machine (or -race) still gets to the end.
		window := time.Duration(300+25*attempt) * time.Millisecond
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("attempt %d: %v\n%s", attempt, err, stderr.String())
			}
		case <-time.After(time.Duration(rng.Int64N(int64(window)))):
			c.Process.Signal(syscall.SIGKILL)
			<-done
			kills++
			// Count the kills that landed in the middle of the runs.
			if _, recs, err := sweep.ReadJournal(dir); err == nil && len(recs) > progress && len(recs) < 160 {
				midway++
				progress = len(recs)
			}
			continue
		}
		break
	}
	if midway < 2 {
		t.Errorf("%d kills, %d of them in the middle of the runs; the test did not exercise resumption", kills, midway)
	}
	sameData(t, fmt.Sprintf("after %d SIGKILLs", kills), dataFiles(t, whole), dataFiles(t, dir))
	_, recs, err := sweep.ReadJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, r := range recs {
		if seen[r.Run] {
			t.Errorf("run %d is in the journal twice", r.Run)
		}
		seen[r.Run] = true
	}
	if len(seen) != 160 {
		t.Errorf("%d runs in the journal, want 160", len(seen))
	}
	t.Logf("%d SIGKILLs before the sweep completed, %d of them with runs done and runs to do", kills, midway)
}

// TestShardedSweep runs a sweep as a Slurm array of three tasks numbered
// from 1 and merges the shards: the results equal the unsharded sweep's.
func TestShardedSweep(t *testing.T) {
	root := t.TempDir()
	design := filepath.Join(root, "d.yaml")
	if err := os.WriteFile(design, []byte(strings.NewReplacer("method: lhs", "method: morris", "points: 80", "points: 10").Replace(killDesign)), 0o644); err != nil {
		t.Fatal(err)
	}
	whole := filepath.Join(root, "whole")
	if code, _, errs := runCLI(t, "sweep", design, "--out", whole, "--quiet", "--format", "parquet"); code != 0 {
		t.Fatal(errs)
	}
	shards := filepath.Join(root, "shards")
	var dirs []string
	for id := 1; id <= 3; id++ {
		c := child("sweep", design, "--out", filepath.Join(shards, "s"+strconv.Itoa(id)), "--format", "parquet")
		c.Env = append(c.Env, "SLURM_ARRAY_TASK_ID="+strconv.Itoa(id), "SLURM_ARRAY_TASK_MIN=1", "SLURM_ARRAY_TASK_COUNT=3")
		out, err := c.CombinedOutput()
		if err != nil {
			t.Fatalf("task %d: %v\n%s", id, err, out)
		}
		if want := fmt.Sprintf("shard %d of 3 (Slurm array task %d", id-1, id); !strings.Contains(string(out), want) {
			t.Errorf("task %d: output %q lacks %q", id, out, want)
		}
		dirs = append(dirs, filepath.Join(shards, "s"+strconv.Itoa(id)))
	}
	code, _, errs := runCLI(t, "merge", dirs[0], dirs[2], "--format", "parquet")
	if code != 2 || !strings.Contains(errs, "missing shards: 1") || !strings.Contains(errs, "runs are missing") {
		t.Errorf("merge without shard 1: exit %d, %q", code, errs)
	}
	code, _, errs = runCLI(t, "merge", dirs[0], dirs[1], dirs[2], "--format", "parquet")
	if code != 0 {
		t.Fatalf("merge: exit %d, %s", code, errs)
	}
	merged := dataFiles(t, shards)
	for name := range merged {
		if strings.Contains(name, string(os.PathSeparator)) {
			delete(merged, name) // the shard folders themselves
		}
	}
	sameData(t, "merged shards", dataFiles(t, whole), merged)
}
