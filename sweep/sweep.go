package sweep

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"mutualsim/design"
	"mutualsim/estimate"
	"mutualsim/inputs"
	"mutualsim/outputs"
)

// Sweep runs a design's sweep, or the slice opt.Shard of it, into the
// folder opt.Dir in one call: it checks every point's scenario (CheckPoints),
// does the runs the folder's journal lacks (Execute), and writes the
// folder's tables and manifest (WriteFolder), the manifest's start time and
// workers filled in. Interrupted (ctx cancelled), it returns the status so
// far and ctx's error: the journal keeps every finished run, and the same
// call finishes the rest. The charts and report.html are report.Write's.
func Sweep(ctx context.Context, p *Plan, d *design.Design, opt RunOptions, f outputs.Format, m Manifest) (Status, error) {
	if err := CheckPoints(p, d); err != nil {
		return Status{}, err
	}
	started := time.Now()
	st, err := Execute(ctx, p, d, opt)
	if err != nil {
		return st, err
	}
	m.Started = outputs.Stamp(started)
	m.Workers = opt.workers()
	s := opt.shard()
	m.Shard.Index, m.Shard.Count = s.Index, s.Count
	return st, WriteFolder(opt.Dir, p, st, f, m)
}

// DefaultDir is a sweep's default folder: results/sweep-<design>-<seed>,
// and in it shard-<i>-of-<n> for a shard of several.
func DefaultDir(d *design.Design, s Shard) string {
	dir := filepath.Join("results", fmt.Sprintf("sweep-%s-%d", d.Name, d.Base.Seed))
	if s.Count > 1 {
		dir = filepath.Join(dir, fmt.Sprintf("shard-%d-of-%d", s.Index, s.Count))
	}
	return dir
}

// Jobs returns what the shard's runs ask of the machine, for an
// estimate.Estimate: a replication of the base scenario's scale and years
// per run, without tables.
func (p *Plan) Jobs(d *design.Design, s Shard) ([]estimate.Job, error) {
	scale, err := inputs.ScaleByName(d.Base.Scale)
	if err != nil {
		return nil, err
	}
	return []estimate.Job{{Scale: scale, Years: d.Base.Years, Replications: p.ShardRuns(s)}}, nil
}
