package sweep

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"mutualsim/internal/regfile"
	"mutualsim/outputs"
	"mutualsim/sim"
)

// Manifest records a sweep folder: the spec, the shard, whether the sweep
// is complete, the files, and how to rerun one point on its own.
type Manifest struct {
	Program    string `json:"program"`
	Kind       string `json:"kind"` // "sweep"
	Version    string `json:"version"`
	GoVersion  string `json:"go_version"`
	Spec       Spec   `json:"spec"`
	SpecHash   string `json:"spec_hash"`
	DesignFile string `json:"design_file,omitempty"`
	Shard      struct {
		Index int `json:"index"`
		Count int `json:"count"`
	} `json:"shard"`
	Points   int      `json:"points"`
	Runs     int      `json:"runs"`      // runs in the shard
	Done     int      `json:"runs_done"` // runs in the journal
	Complete bool     `json:"complete"`  // every run of the sweep is done and the results are written
	Workers  int      `json:"workers,omitempty"`
	Started  string   `json:"started,omitempty"`
	Finished string   `json:"finished"`
	Format   string   `json:"format"`
	Files    []string `json:"files"`
	Notes    []Note   `json:"notes,omitempty"`
	Merged   []string `json:"merged_from,omitempty"` // shard folders a merge combined
	Rerun    string   `json:"rerun"`
}

// ManifestName is the file a sweep folder's manifest is written to, last.
const ManifestName = "manifest.json"

// rerunHint says how to rerun one point with "mutualsim run".
func (p *Plan) rerunHint(f outputs.Format) string {
	s := p.Spec
	var set []string
	for _, f := range p.Factors {
		set = append(set, "--set "+f.Lever.Name+"=VALUE")
	}
	return fmt.Sprintf("mutualsim run --scenario %s --scale %s --start-year %d --years %d --seed %d --reps %d %s (the set column of points%s gives each point's assignments; replication r of the run is replication r of the point)",
		s.Base, s.Scale, s.StartYear, s.Years, s.Seed, s.Replications, strings.Join(set, " "), f.Ext())
}

// WriteFolder writes a sweep folder's results: for a shard or an
// incomplete sweep, the runs done so far; for a complete sweep, every
// table of Tables. The data dictionary columns.csv follows, and the
// manifest comes last, so a folder with a manifest saying complete holds
// whole results.
func WriteFolder(dir string, p *Plan, st Status, f outputs.Format, m Manifest) error {
	lock, err := LockFolder(dir)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	// A process killed while writing left temporary files; none is written now.
	if err := outputs.RemoveTemps(dir); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, ManifestName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove old manifest: %w", err)
	}
	complete := len(st.Records) == p.Runs()
	var tables []Table
	if complete {
		var notes []Note
		tables, notes = p.Tables(st.Records)
		m.Notes = notes
	} else {
		tables = []Table{p.RunsTable(st.Records)}
	}
	// Remove results of the other format, and indices a shard cannot have.
	for _, name := range []string{"runs", "points", "morris", "sobol"} {
		for _, other := range outputs.Formats() {
			if other == f && slices.ContainsFunc(tables, func(t Table) bool { return t.Name == name }) {
				continue
			}
			if err := os.Remove(filepath.Join(dir, other.File(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	var files []string
	dict := Table{Name: "columns", Fields: []outputs.Field{
		{Name: "file", Unit: "name", Meaning: "the table", Type: outputs.TypeString},
		{Name: "name", Unit: "name", Meaning: "the column", Type: outputs.TypeString},
		{Name: "unit", Unit: "text", Meaning: "its unit", Type: outputs.TypeString},
		{Name: "meaning", Unit: "text", Meaning: "what it holds", Type: outputs.TypeString},
	}}
	for _, t := range tables {
		if err := WriteTable(dir, f, t); err != nil {
			return err
		}
		files = append(files, f.File(t.Name))
		for _, fd := range t.Fields {
			dict.Rows = append(dict.Rows, []outputs.Value{outputs.String(f.File(t.Name)), outputs.String(fd.Name), outputs.String(fd.Unit), outputs.String(fd.Meaning)})
		}
	}
	if err := WriteTable(dir, outputs.CSV, dict); err != nil {
		return err
	}
	files = append(files, "columns.csv", JournalName, ManifestName)
	m.Program, m.Kind, m.Version, m.GoVersion = "mutualsim", "sweep", sim.Version, runtime.Version()
	m.Spec, m.SpecHash = p.Spec, p.Hash
	m.Points, m.Runs, m.Done = p.Points(), st.Total, len(st.Records)
	m.Complete = complete
	m.Format, m.Files = string(f), files
	if m.Finished == "" {
		m.Finished = outputs.Stamp(time.Now())
	}
	m.Rerun = p.rerunHint(f)
	return outputs.WriteFileAtomic(filepath.Join(dir, ManifestName), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
}

// ReadManifest reads a sweep folder's manifest.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := regfile.Read(filepath.Join(dir, ManifestName), outputs.MaxManifest)
	if err != nil {
		return m, fmt.Errorf("%s: %w", dir, err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestName), err)
	}
	if m.Kind != "sweep" {
		return m, fmt.Errorf("%s is not a sweep folder (its manifest is of a %q)", dir, m.Kind)
	}
	return m, nil
}
