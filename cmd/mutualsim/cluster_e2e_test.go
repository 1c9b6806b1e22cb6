//go:build e2e

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// indexedJob is the part of a Kubernetes Job manifest that says what each
// pod runs.
type indexedJob struct {
	Kind string `yaml:"kind"`
	Spec struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    int    `yaml:"completions"`
		Template       struct {
			Spec struct {
				Containers []struct {
					Image      string   `yaml:"image"`
					WorkingDir string   `yaml:"workingDir"`
					Command    []string `yaml:"command"`
					Args       []string `yaml:"args"`
					Env        []struct {
						Name  string `yaml:"name"`
						Value string `yaml:"value"`
					} `yaml:"env"`
					VolumeMounts []struct {
						Name      string `yaml:"name"`
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				} `yaml:"containers"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

// TestKubernetesJob runs the shipped Indexed Job as a cluster would: for
// every completion index, the container's exact arguments and environment
// (with JOB_COMPLETION_INDEX set), its working folder and volumes mapped
// into a temporary folder that stands for the container's root; then it
// merges the shards and compares them with the sweep run whole. The review
// found every pod failing: the loader took MUTUALSIM_SHARD_COUNT for a
// misspelt lever. The designs volume holds the shipped design with fewer
// points, so that the test takes seconds.
func TestKubernetesJob(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "examples", "kubernetes", "sweep-job.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var job indexedJob
	if err := yaml.Unmarshal(raw, &job); err != nil {
		t.Fatal(err)
	}
	if job.Kind != "Job" || job.Spec.CompletionMode != "Indexed" || job.Spec.Completions < 2 || len(job.Spec.Template.Spec.Containers) != 1 {
		t.Fatalf("not an Indexed Job with one container and completions: %+v", job)
	}
	c := job.Spec.Template.Spec.Containers[0]
	if len(c.Command) > 0 {
		t.Fatalf("the container overrides the image's entrypoint: %v", c.Command)
	}
	root := t.TempDir()
	// inRoot maps a path in the container to the temporary folder.
	inRoot := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	var design string
	for _, m := range c.VolumeMounts {
		if err := os.MkdirAll(inRoot(m.MountPath), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	args := slices.Clone(c.Args)
	for i, a := range args {
		if strings.HasSuffix(a, ".yaml") && filepath.IsAbs(a) {
			design = inRoot(a)
			args[i] = design
		}
	}
	if design == "" {
		t.Fatalf("no design file among the args %v", c.Args)
	}
	shipped, err := os.ReadFile(filepath.Join("..", "..", "examples", filepath.Base(design)))
	if err != nil {
		t.Fatalf("the Job reads %s, which examples/ does not hold: %v", filepath.Base(design), err)
	}
	small := strings.Replace(string(shipped), "points: 256", "points: 4", 1)
	if small == string(shipped) {
		t.Fatal("could not make the design smaller: its points are no longer 256")
	}
	if err := os.WriteFile(design, []byte(small), 0o644); err != nil {
		t.Fatal(err)
	}
	// The pod's environment: the manifest's variables and the index only,
	// nothing of this machine's MUTUALSIM_*, Slurm or Kubernetes variables.
	var base []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "MUTUALSIM_") && !strings.HasPrefix(name, "SLURM_") && name != "JOB_COMPLETION_INDEX" {
			base = append(base, kv)
		}
	}
	for _, e := range c.Env {
		base = append(base, e.Name+"="+e.Value)
	}
	for i := range job.Spec.Completions {
		pod := child(args...)
		pod.Dir = inRoot(c.WorkingDir)
		pod.Env = append(slices.Clone(base), "GO_TEST_AS_MUTUALSIM=1", fmt.Sprintf("JOB_COMPLETION_INDEX=%d", i))
		out, err := pod.CombinedOutput()
		if err != nil {
			t.Fatalf("pod %d: %v\n%s", i, err, out)
		}
		if want := fmt.Sprintf("Kubernetes completion index %d of %d", i, job.Spec.Completions); !strings.Contains(string(out), want) {
			t.Errorf("pod %d: output lacks %q:\n%s", i, want, out)
		}
	}
	sweepDir := inRoot("/results/sweep-sobol-pension-1")
	shards, err := filepath.Glob(filepath.Join(sweepDir, "shard-*"))
	if err != nil || len(shards) != job.Spec.Completions {
		t.Fatalf("%d shard folders in %s, want %d (%v)", len(shards), sweepDir, job.Spec.Completions, err)
	}
	if code, _, errs := runCLI(t, append([]string{"merge", "--no-report", "-q"}, shards...)...); code != 0 {
		t.Fatalf("merge: exit %d: %s", code, errs)
	}
	whole := filepath.Join(t.TempDir(), "whole")
	if code, _, errs := runCLI(t, "sweep", design, "--out", whole, "--no-report", "-q"); code != 0 {
		t.Fatalf("sweep: exit %d: %s", code, errs)
	}
	merged := dataFiles(t, sweepDir)
	for name := range merged {
		if strings.Contains(name, string(os.PathSeparator)) {
			delete(merged, name) // the shard folders themselves
		}
	}
	sameData(t, "merged pods", dataFiles(t, whole), merged)
}
