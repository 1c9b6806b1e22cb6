package experiment

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"mutualsim/inputs"
	"mutualsim/outputs"
)

// BatchResult is a folder of run folders, one per scenario, with their
// combined summary and a manifest.
type BatchResult struct {
	// Dir is the folder.
	Dir string
	// Runs are the scenarios' run folders, in the order given.
	Runs []Result
}

// Stats returns every scenario's summary, in order, for
// outputs.WriteComparison.
func (b *BatchResult) Stats() []outputs.ScenarioStats {
	out := make([]outputs.ScenarioStats, len(b.Runs))
	for i, r := range b.Runs {
		out[i] = outputs.ScenarioStats{Scenario: r.Scenario, Stats: r.Stats}
	}
	return out
}

// Batch runs the scenarios in order, each into the run folder named after
// it in dir, then writes their combined summary (a scenario column added)
// and the batch's manifest. The scenarios' names must differ: each names a
// folder. A batch that fails or is interrupted writes no combined summary
// and no manifest, and keeps the run folders of the scenarios it finished
// (pass Force to replace them).
func Batch(ctx context.Context, scens []*inputs.Scenario, dir string, opt Options) (*BatchResult, error) {
	return batch(ctx, scens, dir, opt, func(_ int, s *inputs.Scenario, sub string) job {
		return job{Folder: Folder{Dir: sub, Scenario: s}}
	})
}

// batch claims dir and runs the scenarios' jobs into it, each into its
// own run folder, then writes the batch's combined summary and manifest.
// extra, if given, writes more files into dir before the manifest and
// returns their names.
func batch(ctx context.Context, scens []*inputs.Scenario, dir string, opt Options,
	jobOf func(i int, s *inputs.Scenario, sub string) job, extra ...func() ([]string, error)) (*BatchResult, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	if len(scens) == 0 {
		return nil, errNoScenarios
	}
	for i, s := range scens {
		if j := slices.IndexFunc(scens[:i], func(o *inputs.Scenario) bool { return o.Name == s.Name }); j >= 0 {
			return nil, fmt.Errorf("scenarios %d and %d are both named %q: names must differ in a batch, as each names a folder", j+1, i+1, s.Name)
		}
	}
	lock, err := claim(dir, opt.Force)
	if err != nil {
		return nil, err
	}
	res, err := writeBatch(ctx, scens, dir, opt, jobOf, extra)
	if err != nil {
		lock.Abandon()
		return nil, err
	}
	lock.Unlock()
	return res, nil
}

// writeBatch writes a batch into dir, which the caller has claimed. Each
// scenario's folder in it is claimed too, so that no earlier results are
// mixed into it.
func writeBatch(ctx context.Context, scens []*inputs.Scenario, dir string, opt Options,
	jobOf func(i int, s *inputs.Scenario, sub string) job, extra []func() ([]string, error)) (*BatchResult, error) {
	started := time.Now()
	res := &BatchResult{Dir: dir}
	for i, s := range scens {
		r, err := claimAndWrite(ctx, jobOf(i, s, filepath.Join(dir, s.Name)), opt)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.Name, err)
		}
		res.Runs = append(res.Runs, *r)
	}
	var files []string
	for _, write := range extra {
		names, err := write()
		if err != nil {
			return nil, err
		}
		files = append(files, names...)
	}
	if err := outputs.WriteBatch(dir, res.Stats(), opt.workers(), started, opt.format(), files...); err != nil {
		return nil, err
	}
	return res, nil
}
