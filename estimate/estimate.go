// Package estimate says what a request will take before it starts: the
// staff-years it simulates, the time they take on the machine's cores and
// the disk its files take, so that a mistyped request (100,000
// replications of 200 years of the whole NHS) is refused before it runs
// for a month rather than after.
package estimate

import (
	"fmt"
	"math"
	"time"

	"mutualsim/inputs"
	"mutualsim/outputs"
)

// NsPerStaffYear is one core's time for one staff agent's year, with the
// commissioners, providers and tenders around it: BenchmarkYearEngland on
// one core measured 191 ns with version 0.3.2 on the 2-core development
// machine (README, Performance), rounded up. Small scales cost more per staff-year and finish
// in seconds anyway.
const NsPerStaffYear = 200

// NsPerRegionYear is one core's time for what a region's year costs beyond
// its staff (tendering, spin-outs, measures): the Sobol example at the
// small scale took 151 µs of CPU per region-year, of which its 750 staff
// account for 97 µs; rounded up.
const NsPerRegionYear = 60_000

// BytesPerRegionYear is what a run folder's CSV tables take for one region
// in one replication-year: 1.24 KB (baseline, default scale, 10 × 20
// years), 1.40 KB (right-to-provide) and 1.22 KB (right-to-provide at
// England's scale) measured, rounded up. Parquet takes less.
const BytesPerRegionYear = 1500

// BytesPerSweepRun is what a sweep keeps for one run: its journal line,
// its row of runs.csv and its share of points.csv, 284 bytes for the Sobol
// example (four levers, two outcomes at two years), rounded up.
const BytesPerSweepRun = 500

// Job is one scenario's runs: its scale, years and replications, and
// whether every replication's tables are written (a run folder) or only
// outcomes (a sweep's runs).
type Job struct {
	Scale        inputs.Scale
	Years        int
	Replications int
	Tables       bool
}

// Estimate is what a request takes.
type Estimate struct {
	StaffYears float64 // staff agents × years × replications
	CPUSeconds float64 // one core's time
	Bytes      float64 // the files written
}

// Add adds a job to the estimate.
func (e *Estimate) Add(j Job) {
	regionYears := float64(j.Scale.Regions) * float64(j.Years) * float64(j.Replications)
	staffYears := float64(regionYears * j.Scale.StaffPerRegion)
	e.StaffYears += staffYears
	e.CPUSeconds += float64((float64(staffYears*NsPerStaffYear) + float64(regionYears*NsPerRegionYear)) * 1e-9)
	if j.Tables {
		e.Bytes += float64(regionYears * BytesPerRegionYear)
	} else {
		e.Bytes += float64(float64(j.Replications) * BytesPerSweepRun)
	}
}

// Wall returns the time the request takes on workers cores: replications
// and regions run side by side.
func (e Estimate) Wall(workers int) time.Duration {
	return time.Duration(e.CPUSeconds / float64(max(workers, 1)) * float64(time.Second))
}

// Limits are what a request may take without being confirmed.
type Limits struct {
	Wall  time.Duration
	Bytes float64
}

// DefaultLimits are 6 hours and 20 GB: far above any request in the README
// or a seminar (the largest, the Sobol example, takes about 20 s and 1 MB),
// far below the month and the terabytes of a mistyped one.
func DefaultLimits() Limits { return Limits{Wall: 6 * time.Hour, Bytes: 20e9} }

// TooLargeError is a request beyond the limits.
type TooLargeError struct {
	Estimate Estimate
	Workers  int
	Limits   Limits
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("this request simulates %s staff-years: about %s on %d workers and %s of files, beyond the limits of %s and %s; check --reps, --years and --scale, or pass --confirm-large to run it",
		outputs.Thousands(e.Estimate.StaffYears), Duration(e.Estimate.Wall(e.Workers)), e.Workers, Bytes(e.Estimate.Bytes), Duration(e.Limits.Wall), Bytes(e.Limits.Bytes))
}

// Check returns a *TooLargeError when the estimate exceeds the limits on
// workers cores.
func (e Estimate) Check(workers int, l Limits) error {
	if e.Wall(workers) > l.Wall || e.Bytes > l.Bytes {
		return &TooLargeError{Estimate: e, Workers: max(workers, 1), Limits: l}
	}
	return nil
}

// Duration formats a duration for people, to two significant figures:
// "40 s", "3.2 min", "5.1 h", "30 days".
func Duration(d time.Duration) string {
	s := d.Seconds()
	switch {
	case s < 90:
		return fmt.Sprintf("%.2g s", math.Max(s, 0))
	case s < 90*60:
		return fmt.Sprintf("%.2g min", s/60)
	case s < 48*3600:
		return fmt.Sprintf("%.2g h", s/3600)
	}
	return fmt.Sprintf("%.0f days", s/86400)
}

// Bytes formats a size for people: "850 kB", "12 GB", "1.9 TB".
func Bytes(b float64) string {
	units := []string{"B", "kB", "MB", "GB", "TB", "PB"}
	i := 0
	for b >= 1000 && i < len(units)-1 {
		b /= 1000
		i++
	}
	return fmt.Sprintf("%.2g %s", b, units[i])
}
