package experiment

import (
	"mutualsim/estimate"
	"mutualsim/scenarios"
)

// Jobs returns what writing the scenarios' run folders asks of the
// machine (every replication's tables), for an estimate.Estimate.
func Jobs(scens ...*scenarios.Scenario) []estimate.Job {
	var jobs []estimate.Job
	for _, s := range scens {
		scale, err := scenarios.ScaleByName(s.Scale)
		if err != nil {
			continue // a loaded scenario's scale is valid
		}
		jobs = append(jobs, estimate.Job{Scale: scale, Years: s.Years, Replications: s.Replications, Tables: true})
	}
	return jobs
}
