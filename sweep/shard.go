package sweep

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Shard is one slice of a sweep for a cluster array job: shard Index of
// Count runs the runs whose index modulo Count is Index. Shard{0, 1} runs
// everything.
type Shard struct {
	Index, Count int
}

// All is the whole sweep in one shard.
var All = Shard{0, 1}

// Owns reports whether run j belongs to the shard.
func (s Shard) Owns(j int) bool { return j%s.Count == s.Index }

// String writes the shard as "I of N".
func (s Shard) String() string { return fmt.Sprintf("%d of %d", s.Index, s.Count) }

// Validate checks that the index is within the count.
func (s Shard) Validate() error {
	if s.Count < 1 {
		return fmt.Errorf("shard count %d is out of range, expected 1 or more", s.Count)
	}
	if s.Index < 0 || s.Index >= s.Count {
		return fmt.Errorf("shard index %d is out of range, expected 0 to %d for %d shards", s.Index, s.Count-1, s.Count)
	}
	return nil
}

// ShardFromEnv works out the shard from the command line (index and
// count, negative when not given) and, where it does not give the index,
// from a cluster's environment (a count on the command line overrides the
// environment's):
//   - Slurm array jobs: SLURM_ARRAY_TASK_ID, with SLURM_ARRAY_TASK_MIN (an
//     array may start at 1), SLURM_ARRAY_TASK_STEP and
//     SLURM_ARRAY_TASK_COUNT;
//   - Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX, with the count from
//     MUTUALSIM_SHARD_COUNT (Kubernetes does not expose the completions).
//
// getenv is os.Getenv in use and a map in tests. It returns the shard and
// where it came from.
func ShardFromEnv(index, count int, getenv func(string) string) (Shard, string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	num := func(name string) (int, bool, error) {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			return 0, false, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, true, fmt.Errorf("%s=%q is not a whole number", name, v)
		}
		return n, true, nil
	}
	if index >= 0 {
		if count < 0 {
			return Shard{}, "", fmt.Errorf("--shard-index needs --shard-count")
		}
		s := Shard{index, count}
		return s, "command line", s.Validate()
	}
	// countOr is the count from the command line, else from the variable.
	countOr := func(name string) (int, bool, error) {
		if count >= 0 {
			return count, true, nil
		}
		return num(name)
	}
	if id, ok, err := num("SLURM_ARRAY_TASK_ID"); ok || err != nil {
		if err != nil {
			return Shard{}, "", err
		}
		n, okN, err := countOr("SLURM_ARRAY_TASK_COUNT")
		if err != nil {
			return Shard{}, "", err
		}
		if !okN {
			return Shard{}, "", fmt.Errorf("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: pass --shard-count, or --shard-index and --shard-count")
		}
		lo, _, err := num("SLURM_ARRAY_TASK_MIN")
		if err != nil {
			return Shard{}, "", err
		}
		step, okStep, err := num("SLURM_ARRAY_TASK_STEP")
		if err != nil {
			return Shard{}, "", err
		}
		if !okStep || step == 0 {
			step = 1
		}
		if (id-lo)%step != 0 {
			return Shard{}, "", fmt.Errorf("SLURM_ARRAY_TASK_ID=%d is not on the array's steps (min %d, step %d)", id, lo, step)
		}
		s := Shard{(id - lo) / step, n}
		src := fmt.Sprintf("Slurm array task %d (min %d, step %d, %d tasks)", id, lo, step, n)
		if err := s.Validate(); err != nil {
			return Shard{}, "", fmt.Errorf("%s: %w; an array with gaps (--array=1,3,7) needs --shard-index and --shard-count", src, err)
		}
		return s, src, nil
	}
	if i, ok, err := num("JOB_COMPLETION_INDEX"); ok || err != nil {
		if err != nil {
			return Shard{}, "", err
		}
		n, okN, err := countOr("MUTUALSIM_SHARD_COUNT")
		if err != nil {
			return Shard{}, "", err
		}
		if !okN {
			return Shard{}, "", fmt.Errorf("JOB_COMPLETION_INDEX is set but not the number of shards: set MUTUALSIM_SHARD_COUNT to the Job's completions, or pass --shard-count")
		}
		s := Shard{i, n}
		return s, fmt.Sprintf("Kubernetes completion index %d of %d", i, n), s.Validate()
	}
	if count >= 0 {
		return Shard{}, "", fmt.Errorf("--shard-count needs --shard-index, or a Slurm array task or Kubernetes completion index in the environment")
	}
	return All, "", nil
}
