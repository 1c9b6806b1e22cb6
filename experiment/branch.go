package experiment

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/sim"
)

// Branch continues the histories saved in the checkpoint c (read from the
// file named file) under each scenario, from the year after the
// checkpoint to the scenario's last year, into dir like Batch. Each
// branch's run folder holds the whole run, the shared years included, so a
// branch under the checkpoint's own scenario gives exactly the files of
// the uninterrupted run. The scenarios must run at the checkpoint's seed,
// replications, scale and start year (load them with those options); a
// scenario that cannot continue it is reported before anything runs.
func Branch(ctx context.Context, c *sim.Checkpoint, file string, scens []*inputs.Scenario, dir string, opt Options) (*BatchResult, error) {
	if err := CheckBranches(c, scens); err != nil {
		return nil, err
	}
	info := c.Info
	ref := &outputs.CheckpointRef{File: file, SHA256: c.SHA, Year: info.Year, Scenario: info.Scenario}
	return batch(ctx, scens, dir, opt, func(_ int, s *inputs.Scenario, sub string) job {
		return job{Folder: Folder{Dir: sub, Scenario: s, Branching: true},
			stream: func(ctx context.Context, o sim.Options, emit func(*sim.Replication) error) error {
				return sim.StreamBranch(ctx, c, s, o, emit)
			},
			manifest: func(m *outputs.Manifest) { m.BranchedFrom = ref },
		}
	})
}

// CheckBranches reports, one line each, the scenarios that cannot
// continue the checkpoint's histories (sim.Checkpoint.Branch says why).
func CheckBranches(c *sim.Checkpoint, scens []*inputs.Scenario) error {
	var short []string
	for _, s := range scens {
		if err := c.Branch(s); err != nil {
			short = append(short, fmt.Sprintf("%s: %v", s.Name, err))
		}
	}
	if len(short) > 0 {
		return errors.New(strings.Join(short, "\n"))
	}
	return nil
}
