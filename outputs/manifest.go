package outputs

import (
	"encoding/json"
	"io"
	"runtime"
	"runtime/debug"
	"time"

	"mutualsim/inputs"
	"mutualsim/sim"
)

// Manifest records what produced a run folder: the fully resolved scenario,
// the seed and replications, the program version, when it ran, and a hash of
// the parameters (MODEL.md §7).
type Manifest struct {
	Program      string          `json:"program"`
	Version      string          `json:"version"`
	Build        string          `json:"build"`
	Revision     string          `json:"revision,omitempty"`
	Modified     bool            `json:"modified,omitempty"`
	GoVersion    string          `json:"go_version"`
	Seed         uint64          `json:"seed"`
	Replications int             `json:"replications"`
	StartYear    int             `json:"start_year"`
	EndYear      int             `json:"end_year"`
	Scale        inputs.Scale    `json:"scale"`
	ParamsHash   string          `json:"params_hash"`
	Workers      int             `json:"workers"`
	Started      string          `json:"started"`
	Finished     string          `json:"finished"`
	Format       Format          `json:"format"` // of the tables; set by RunWriter.Close
	Files        []string        `json:"files"`
	Scenario     inputs.Resolved `json:"scenario"`
	// Checkpoint names the checkpoint the run saved (run --checkpoint).
	Checkpoint *CheckpointRef `json:"checkpoint,omitempty"`
	// BranchedFrom names the checkpoint the run continued (branch).
	BranchedFrom *CheckpointRef `json:"branched_from,omitempty"`
}

// CheckpointRef names a checkpoint file: where it is, its SHA-256, the year
// its worlds are in and the scenario that ran up to it.
type CheckpointRef struct {
	File     string `json:"file"`
	SHA256   string `json:"sha256"`
	Year     int    `json:"year"`
	Scenario string `json:"scenario"`
}

// NewManifest fills a manifest for scen: the model version (sim.Version),
// and from the build information the module version ("(devel)" under go run)
// and, for a binary built with go build from a checkout, the VCS revision.
// The caller sets Started and Finished.
func NewManifest(scen *inputs.Scenario, workers int) Manifest {
	m := Manifest{
		Program: "mutualsim", Version: sim.Version, Build: "(unknown)", GoVersion: runtime.Version(),
		Seed: scen.Seed, Replications: scen.Replications, StartYear: scen.StartYear, EndYear: scen.EndYear(),
		ParamsHash: scen.Hash(), Workers: workers, Scenario: scen.Resolve(),
	}
	if sc, err := inputs.ScaleByName(scen.Scale); err == nil {
		m.Scale = sc
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		m.Build = bi.Main.Version
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				m.Revision = s.Value
			case "vcs.modified":
				m.Modified = s.Value == "true"
			}
		}
	}
	return m
}

// Stamp formats t for a manifest (UTC, RFC 3339).
func Stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// WriteManifest writes m as indented JSON.
func WriteManifest(w io.Writer, m Manifest) error { return writeJSON(w, m) }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
