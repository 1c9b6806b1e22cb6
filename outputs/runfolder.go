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

// RunFiles lists the files of a run folder in the order they are written;
// manifest.json comes last, so a folder with a manifest is complete.
func RunFiles() []string {
	return []string{"timeseries.csv", "columns.csv", "summary.csv", "tenders.csv", "spinouts.csv", "providers.csv", "manifest.json"}
}

// WriteRun writes the run folder dir for res. Any manifest already there is
// removed first and the new one written last, each file atomically, so an
// interrupted write never leaves a folder that looks complete.
func WriteRun(dir string, res *sim.Result, m Manifest) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create run folder: %w", err)
	}
	manifest := filepath.Join(dir, "manifest.json")
	if err := os.Remove(manifest); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove old manifest: %w", err)
	}
	stats := Summarise(res)
	writers := map[string]func(io.Writer) error{
		"timeseries.csv": func(w io.Writer) error { return WriteTimeseries(w, res) },
		"columns.csv":    WriteColumns,
		"summary.csv":    func(w io.Writer) error { return WriteSummary(w, stats) },
		"tenders.csv":    func(w io.Writer) error { return WriteTenders(w, res) },
		"spinouts.csv":   func(w io.Writer) error { return WriteSpinouts(w, res) },
		"providers.csv":  func(w io.Writer) error { return WriteProviders(w, res) },
	}
	files := RunFiles()
	for _, name := range files[:len(files)-1] {
		if err := WriteFileAtomic(filepath.Join(dir, name), writers[name]); err != nil {
			return err
		}
	}
	m.Files = files
	if m.Finished == "" {
		m.Finished = Stamp(time.Now())
	}
	return WriteFileAtomic(manifest, func(w io.Writer) error { return WriteManifest(w, m) })
}
