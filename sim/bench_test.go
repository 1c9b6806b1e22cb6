package sim

import (
	"mutualsim/inputs"
	"runtime"
	"testing"
)

// benchYear measures one simulated year at the given scale and reports the
// time per staff-agent-year and the heap bytes per staff agent.
func benchYear(b *testing.B, scale string) {
	s := inputs.Default()
	s.Scale = scale
	s.Replications = 1
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	w, err := NewWorld(s, 0, runtime.GOMAXPROCS(0))
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	staff := w.Staff()
	bytesPerStaff := float64(after.HeapAlloc-before.HeapAlloc) / float64(staff)
	// Warm up one year so that every mechanism has state to work on.
	if err := w.Step(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	years := 0
	for b.Loop() {
		if w.Year() > s.EndYear() {
			b.StopTimer()
			w, err = NewWorld(s, 0, runtime.GOMAXPROCS(0))
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		if err := w.Step(); err != nil {
			b.Fatal(err)
		}
		years++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(years)/float64(staff), "ns/staff-year")
	b.ReportMetric(bytesPerStaff, "B/staff")
	b.ReportMetric(float64(staff), "staff")
	b.ReportMetric(float64(years)/b.Elapsed().Seconds(), "years/s")
}

// BenchmarkYearDefault is one year at the default scale (~48,000 staff):
// what a page of the browser interface waits for, per replication.
func BenchmarkYearDefault(b *testing.B) { benchYear(b, "default") }

// BenchmarkYearEngland is one year of England's community services (~243,000 staff).
func BenchmarkYearEngland(b *testing.B) { benchYear(b, "england") }

// BenchmarkYearNHS is one year at whole-NHS scale (~1.3 million staff).
func BenchmarkYearNHS(b *testing.B) { benchYear(b, "nhs") }
