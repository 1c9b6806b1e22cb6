package experiment

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"time"

	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
)

// Run simulates every replication of the scenario into the run folder dir
// (manifest.json, columns.csv and the tables) and returns its summary.
func Run(ctx context.Context, s *inputs.Scenario, dir string, opt Options) (*Result, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	return claimAndWrite(ctx, job{Folder: Folder{Dir: dir, Scenario: s}}, opt)
}

// RunToCheckpoint simulates the scenario to the end of year into the run
// folder dir, like Run, and saves every replication's complete state at
// the end of that year in the checkpoint file, written atomically, for
// Branch to continue. The manifest names the checkpoint and its checksum.
func RunToCheckpoint(ctx context.Context, s *inputs.Scenario, dir, file string, year int, opt Options) (*Result, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	if year < s.StartYear || year > s.EndYear() {
		return nil, fmt.Errorf("checkpoint year %d is outside the run, expected a year in [%d, %d]", year, s.StartYear, s.EndYear())
	}
	var yaml bytes.Buffer
	if err := scenarios.WriteYAML(&yaml, s); err != nil {
		return nil, err
	}
	info := sim.CheckpointInfo{Scenario: s.Name, ScenarioFile: yaml.String(), ParamsHash: s.Hash(), Seed: s.Seed,
		Replications: s.Replications, Scale: s.Scale, StartYear: s.StartYear, Year: year}
	ref := &outputs.CheckpointRef{File: file, Year: year, Scenario: s.Name}
	j := job{Folder: Folder{Dir: dir, Scenario: s, LastYear: year}}
	j.stream = func(ctx context.Context, o sim.Options, emit func(*sim.Replication) error) error {
		return outputs.WriteFileAtomic(file, func(w io.Writer) error {
			cw, err := sim.NewCheckpointWriter(w, info)
			if err != nil {
				return err
			}
			err = sim.StreamUntil(ctx, s, year, o, func(wd *sim.World) error {
				if err := emit(wd.Replication()); err != nil {
					return err
				}
				return cw.Add(wd)
			})
			if err != nil {
				return err
			}
			if err := cw.Close(); err != nil {
				return err
			}
			ref.SHA256 = cw.SHA()
			return nil
		})
	}
	j.manifest = func(m *outputs.Manifest) { m.Checkpoint = ref }
	return claimAndWrite(ctx, j, opt)
}

// claimAndWrite claims the job's folder, writes it, and releases the
// folder: unlocked when written, abandoned when not.
func claimAndWrite(ctx context.Context, j job, opt Options) (*Result, error) {
	lock, err := claim(j.Dir, opt.Force)
	if err != nil {
		return nil, err
	}
	res, err := write(ctx, j, opt)
	if err != nil {
		lock.Abandon()
		return nil, err
	}
	lock.Unlock()
	return res, nil
}

// write runs a job into its run folder, which the caller has claimed. An
// interrupted or failed run leaves no table and no manifest; the caller's
// Lock.Abandon then removes the folder if the claim created it.
func write(ctx context.Context, j job, opt Options) (*Result, error) {
	s, dir := j.Scenario, j.Dir
	// Opening the writer creates its temporary files, so an unwritable
	// folder fails here, before the run.
	rw, err := outputs.NewRunWriter(dir, opt.format())
	if err != nil {
		return nil, &FolderError{Dir: dir, Err: err}
	}
	j.Workers = opt.workers()
	j.LastYear = cmp.Or(j.LastYear, s.EndYear())
	started := time.Now()
	fail := func(err error) (*Result, error) {
		rw.Abort()
		if opt.Progress != nil {
			opt.Progress.End(j.Folder, time.Since(started), err)
		}
		return nil, err
	}
	if opt.Progress != nil {
		opt.Progress.Begin(j.Folder)
	}
	stream := j.stream
	if stream == nil {
		stream = func(ctx context.Context, o sim.Options, emit func(*sim.Replication) error) error {
			return sim.Stream(ctx, s, o, emit)
		}
	}
	emit := func(r *sim.Replication) error {
		if err := rw.Add(r); err != nil {
			return err
		}
		if j.tap != nil {
			j.tap(r)
		}
		return nil
	}
	so := sim.Options{Workers: j.Workers}
	if opt.Progress != nil {
		so.Done = func(rep int) { opt.Progress.Done(j.Folder, rep) }
	}
	if err := stream(ctx, so, emit); err != nil {
		return fail(err)
	}
	m := outputs.NewManifest(s, j.Workers)
	m.EndYear = j.LastYear
	m.Started, m.Finished = outputs.Stamp(started), outputs.Stamp(time.Now())
	if j.manifest != nil {
		j.manifest(&m)
	}
	if err := rw.Close(m); err != nil {
		return fail(err)
	}
	if opt.Progress != nil {
		opt.Progress.End(j.Folder, time.Since(started), nil)
	}
	return &Result{Dir: dir, Scenario: s, Stats: rw.Stats()}, nil
}
