package experiment

import (
	"mutualsim/estimate"
	"mutualsim/inputs"
)

// Jobs returns what writing the scenarios' run folders asks of the
// machine (every replication's tables), for an estimate.Estimate.
func Jobs(scens ...*inputs.Scenario) []estimate.Job {
	var jobs []estimate.Job
	for _, s := range scens {
		scale, err := inputs.ScaleByName(s.Scale)
		if err != nil {
			continue // a loaded scenario's scale is valid
		}
		jobs = append(jobs, estimate.Job{Scale: scale, Years: s.Years, Replications: s.Replications, Tables: true})
	}
	return jobs
}
