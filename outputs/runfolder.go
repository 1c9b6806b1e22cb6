package outputs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"mutualsim/sim"
)

// RunFiles lists the files of a run folder written in format f, in the
// order they are committed: the tables in that format, then columns.csv and
// manifest.json. The manifest comes last, so a folder with a manifest is
// complete.
func RunFiles(f Format) []string {
	var out []string
	for _, t := range runTables() {
		out = append(out, f.File(t.base))
	}
	return append(out, "columns.csv", "manifest.json")
}

// RunWriter writes a run folder replication by replication, so that a run of
// any length needs memory for only the replications in flight. Rows go to
// temporary files that Close renames into place, manifest last; Abort, or an
// interruption, leaves no file that looks whole.
type RunWriter struct {
	dir    string
	format Format
	tables []*TableWriter // timeseries, tenders, bids, spinouts, providers, markets
	rows   [][]Value      // scratch rows, one per table
	writes []repWriter    // one per table
	acc    Accumulator
	reps   int
}

// NewRunWriter prepares the run folder dir for tables in format f: it
// creates the folder, removes any manifest already there and any table of
// the run folder in another format (so that the folder never holds a fresh
// table beside a stale one), and opens the streamed tables.
func NewRunWriter(dir string, f Format) (*RunWriter, error) {
	if !f.valid() {
		_, err := ParseFormat(string(f))
		return nil, fmt.Errorf("run folder: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create run folder: %w", err)
	}
	if err := os.Remove(filepath.Join(dir, "manifest.json")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("remove old manifest: %w", err)
	}
	var bases []string
	for _, t := range runTables() {
		bases = append(bases, t.base)
	}
	if err := removeOtherFormats(dir, f, bases); err != nil {
		return nil, err
	}
	rw := &RunWriter{dir: dir, format: f}
	for _, t := range runTables()[:6] {
		tw, err := CreateTable(dir, t.base, f, t.fields)
		if err != nil {
			rw.Abort()
			return nil, err
		}
		rw.tables = append(rw.tables, tw)
		rw.rows = append(rw.rows, make([]Value, len(t.fields)))
	}
	rw.writes = []repWriter{
		writeTimeseries,
		recordWriter(tenderColumns(), func(r *sim.Replication) []sim.TenderRecord { return r.Tenders }),
		recordWriter(bidColumns(), func(r *sim.Replication) []sim.BidRecord { return r.Bids }),
		recordWriter(spinoutColumns(), func(r *sim.Replication) []sim.SpinoutRecord { return r.Spinouts }),
		recordWriter(providerColumns(), func(r *sim.Replication) []sim.ProviderRecord { return r.Providers }),
		recordWriter(marketColumns(), func(r *sim.Replication) []sim.MarketRecord { return r.Markets }),
	}
	return rw, nil
}

// repWriter writes one replication's rows of a table; row is scratch space
// of one value per column.
type repWriter = func(tw *TableWriter, r *sim.Replication, row []Value) error

// recordWriter returns the repWriter of a record table.
func recordWriter[T any](cols []column[T], recs func(r *sim.Replication) []T) repWriter {
	return func(tw *TableWriter, r *sim.Replication, row []Value) error {
		return writeRecords(tw, cols, recs(r), row)
	}
}

// removeOtherFormats removes the tables base of dir in every format but f.
func removeOtherFormats(dir string, f Format, bases []string) error {
	for _, other := range Formats() {
		if other == f {
			continue
		}
		for _, base := range bases {
			if err := os.Remove(filepath.Join(dir, other.File(base))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove stale table: %w", err)
			}
		}
	}
	return nil
}

// Add writes one replication's rows. Replications must come in index order.
func (rw *RunWriter) Add(r *sim.Replication) error {
	if rw.tables == nil {
		return errors.New("add to a run folder that was closed or aborted")
	}
	if r.Rep != rw.reps {
		return fmt.Errorf("replication %d arrived when %d was expected", r.Rep, rw.reps)
	}
	if err := rw.acc.Add(r); err != nil {
		return err
	}
	for i, write := range rw.writes {
		if err := write(rw.tables[i], r, rw.rows[i]); err != nil {
			return err
		}
	}
	rw.reps++
	return nil
}

// Stats returns the summary of the replications added so far.
func (rw *RunWriter) Stats() []Stat { return rw.acc.Stats() }

// Format returns the format of the run folder's tables.
func (rw *RunWriter) Format() Format { return rw.format }

// Close commits the streamed tables, writes the summary and columns.csv,
// and writes manifest.json last, with the format and files filled in.
func (rw *RunWriter) Close(m Manifest) error {
	if rw.tables == nil {
		return errors.New("close a run folder that was closed or aborted")
	}
	if rw.reps == 0 {
		rw.Abort()
		return errors.New("no replication was written")
	}
	for i, t := range rw.tables {
		if err := t.Commit(); err != nil {
			for _, rest := range rw.tables[i+1:] {
				rest.Abort()
			}
			rw.tables = nil
			return err
		}
	}
	rw.tables = nil
	if err := writeSummaryTable(rw.dir, rw.format, rw.acc.Stats()); err != nil {
		return err
	}
	if err := WriteFileAtomic(filepath.Join(rw.dir, "columns.csv"), func(w io.Writer) error { return WriteColumns(w, rw.format) }); err != nil {
		return err
	}
	m.Format = rw.format
	m.Files = RunFiles(rw.format)
	if m.Finished == "" {
		m.Finished = Stamp(time.Now())
	}
	return WriteFileAtomic(filepath.Join(rw.dir, "manifest.json"), func(w io.Writer) error { return WriteManifest(w, m) })
}

// Abort removes the temporary files. The folder keeps whatever complete
// files it had before, but no manifest.
func (rw *RunWriter) Abort() {
	for _, t := range rw.tables {
		t.Abort()
	}
	rw.tables = nil
}

// WriteRun writes the run folder dir, with tables in format f, for a run
// held in memory.
func WriteRun(dir string, f Format, res *sim.Result, m Manifest) error {
	rw, err := NewRunWriter(dir, f)
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
