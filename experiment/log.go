package experiment

import (
	"fmt"
	"io"
	"time"

	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/progress"
)

// Log returns a Progress that reports on w as text: a line as each run
// folder begins (what runs, at what scale, on how many workers), a
// progress bar while it runs (progress.Bar), and where it went and how
// long it took. A nil w reports nothing.
func Log(w io.Writer) Progress {
	if w == nil {
		return nil
	}
	return &logProgress{w: w}
}

// logProgress is Log's Progress: folders run one at a time, so one bar.
type logProgress struct {
	w   io.Writer
	bar *progress.Bar
}

func (l *logProgress) Begin(f Folder) {
	s := f.Scenario
	verb := "running"
	if f.Branching {
		verb = "branching"
	}
	scale, err := inputs.ScaleByName(s.Scale)
	if err == nil {
		fmt.Fprintf(l.w, "%s %s: %d replications × %d years (%d-%d) at %s scale (%s regions, ~%s staff) on %d workers\n",
			verb, s.Name, s.Replications, f.Years(), s.StartYear, f.LastYear, scale.Name,
			outputs.Thousands(float64(scale.Regions)), outputs.Thousands(float64(scale.Regions)*scale.StaffPerRegion), f.Workers)
	}
	l.bar = progress.New(l.w, s.Name, "replications", s.Replications, 0)
}

func (l *logProgress) Done(Folder, int) { l.bar.Add(1) }

func (l *logProgress) End(f Folder, elapsed time.Duration, err error) {
	l.bar.Finish()
	if err == nil {
		fmt.Fprintf(l.w, "wrote %s in %s\n", f.Dir, elapsed.Round(time.Millisecond))
	}
}
