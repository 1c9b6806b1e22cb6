package outputs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"mutualsim/sim"
)

// RunFiles lists the files of a run folder in the order they are committed;
// manifest.json comes last, so a folder with a manifest is complete.
func RunFiles() []string {
	return []string{"timeseries.csv", "tenders.csv", "bids.csv", "spinouts.csv", "providers.csv", "summary.csv", "columns.csv", "manifest.json"}
}

// RunWriter writes a run folder replication by replication, so that a run of
// any length needs memory for only the replications in flight. Rows go to
// temporary files that Close renames into place, manifest last; Abort, or an
// interruption, leaves no file that looks whole.
type RunWriter struct {
	dir    string
	tables []*tempFile // timeseries, tenders, bids, spinouts, providers
	acc    Accumulator
	reps   int
}

// NewRunWriter prepares the run folder dir: it creates the folder, removes
// any manifest already there, and opens the streamed files.
func NewRunWriter(dir string) (*RunWriter, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create run folder: %w", err)
	}
	if err := os.Remove(filepath.Join(dir, "manifest.json")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("remove old manifest: %w", err)
	}
	rw := &RunWriter{dir: dir}
	headers := [][]string{timeseriesHeader(), names(tenderColumns()), names(bidColumns()), names(spinoutColumns()), names(providerColumns())}
	for i, name := range RunFiles()[:5] {
		t, err := createTemp(filepath.Join(dir, name))
		if err != nil {
			rw.Abort()
			return nil, err
		}
		rw.tables = append(rw.tables, t)
		cw := newCSV(t.w)
		cw.row(headers[i]...)
		if err := cw.flush(); err != nil {
			rw.Abort()
			return nil, fmt.Errorf("write %s: %w", name, err)
		}
	}
	return rw, nil
}

// Add writes one replication's rows. Replications must come in index order.
func (rw *RunWriter) Add(r *sim.Replication) error {
	if r.Rep != rw.reps {
		return fmt.Errorf("replication %d arrived when %d was expected", r.Rep, rw.reps)
	}
	if err := rw.acc.Add(r); err != nil {
		return err
	}
	writes := []func(io.Writer) error{
		func(w io.Writer) error { return writeTimeseriesRows(w, r) },
		func(w io.Writer) error { return writeRows(w, tenderColumns(), r.Tenders) },
		func(w io.Writer) error { return writeRows(w, bidColumns(), r.Bids) },
		func(w io.Writer) error { return writeRows(w, spinoutColumns(), r.Spinouts) },
		func(w io.Writer) error { return writeRows(w, providerColumns(), r.Providers) },
	}
	for i, write := range writes {
		if err := write(rw.tables[i].w); err != nil {
			return fmt.Errorf("write %s: %w", rw.tables[i].path, err)
		}
	}
	rw.reps++
	return nil
}

// Stats returns the summary of the replications added so far.
func (rw *RunWriter) Stats() []Stat { return rw.acc.Stats() }

// Close commits the streamed files, writes summary.csv and columns.csv, and
// writes manifest.json last.
func (rw *RunWriter) Close(m Manifest) error {
	if rw.reps == 0 {
		rw.Abort()
		return errors.New("no replication was written")
	}
	for i, t := range rw.tables {
		if err := t.commit(); err != nil {
			for _, rest := range rw.tables[i+1:] {
				rest.abort()
			}
			rw.tables = nil
			return err
		}
	}
	rw.tables = nil
	stats := rw.acc.Stats()
	if err := WriteFileAtomic(filepath.Join(rw.dir, "summary.csv"), func(w io.Writer) error { return WriteSummary(w, stats) }); err != nil {
		return err
	}
	if err := WriteFileAtomic(filepath.Join(rw.dir, "columns.csv"), WriteColumns); err != nil {
		return err
	}
	m.Files = RunFiles()
	if m.Finished == "" {
		m.Finished = Stamp(time.Now())
	}
	return WriteFileAtomic(filepath.Join(rw.dir, "manifest.json"), func(w io.Writer) error { return WriteManifest(w, m) })
}

// Abort removes the temporary files. The folder keeps whatever complete
// files it had before, but no manifest.
func (rw *RunWriter) Abort() {
	for _, t := range rw.tables {
		t.abort()
	}
	rw.tables = nil
}

// WriteRun writes the run folder dir for a run held in memory.
func WriteRun(dir string, res *sim.Result, m Manifest) error {
	rw, err := NewRunWriter(dir)
	if err != nil {
		return err
	}
	for _, r := range res.Reps {
		if err := rw.Add(r); err != nil {
			rw.Abort()
			return err
		}
	}
	return rw.Close(m)
}

func names[T any](cols []column[T]) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.name
	}
	return out
}

func timeseriesHeader() []string {
	return slices.Concat([]string{"rep", "year"}, measureNames())
}

func measureNames() []string {
	var out []string
	for _, m := range sim.Measures() {
		out = append(out, m.Name)
	}
	return out
}
