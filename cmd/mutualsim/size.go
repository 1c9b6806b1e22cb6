package main

import (
	"fmt"
	"io"
	"time"

	"mutualsim/estimate"
)

// confirmLargeUsage is the help of --confirm-large.
const confirmLargeUsage = "run a request estimated beyond 6 hours or 20 GB (refused without it)"

// checkSize estimates what the jobs take on workers cores before anything
// starts: beyond the limits it refuses unless confirm, and a request of
// more than a minute says what it will take.
func checkSize(jobs []estimate.Job, workers int, confirm, quiet bool, stderr io.Writer) error {
	var e estimate.Estimate
	for _, j := range jobs {
		e.Add(j)
	}
	err := e.Check(workers, estimate.DefaultLimits())
	if err != nil && !confirm {
		return err
	}
	if !quiet && (err != nil || e.Wall(workers) > time.Minute) {
		fmt.Fprintf(stderr, "estimated: %s staff-years, about %s on %d workers, %s of files\n",
			fmtCount(e.StaffYears), estimate.Duration(e.Wall(workers)), workers, estimate.Bytes(e.Bytes))
	}
	return nil
}

func fmtCount(x float64) string {
	if x >= 1e9 {
		return fmt.Sprintf("%.3g billion", x/1e9)
	}
	if x >= 1e6 {
		return fmt.Sprintf("%.3g million", x/1e6)
	}
	return fmt.Sprintf("%.0f", x)
}
