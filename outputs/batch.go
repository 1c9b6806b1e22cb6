package outputs

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"mutualsim/inputs"
	"mutualsim/sim"
)

// ScenarioStats is one scenario of a batch with its summary.
type ScenarioStats struct {
	Scenario *inputs.Scenario
	Stats    []Stat
}

// BatchManifest records a batch: the program, the shared seed and
// replications, and each scenario's folder and parameter hash.
type BatchManifest struct {
	Program      string          `json:"program"`
	Version      string          `json:"version"`
	Seed         uint64          `json:"seed"`
	Replications int             `json:"replications"`
	Workers      int             `json:"workers"`
	Started      string          `json:"started"`
	Finished     string          `json:"finished"`
	Scenarios    []BatchScenario `json:"scenarios"`
	Format       Format          `json:"format"`
	Files        []string        `json:"files"`
}

// BatchScenario is one scenario's entry in a batch manifest.
type BatchScenario struct {
	Name       string `json:"name"`
	Source     string `json:"source"`
	Folder     string `json:"folder"`
	ParamsHash string `json:"params_hash"`
}

// WriteBatch writes a batch folder's combined summary, summary.csv or
// summary.parquet in format f (the scenario's name, then the columns of a
// run's summary), and its manifest.json, last. Each scenario's own run
// folder is already written. A combined summary in another format is
// removed first.
//
// Extra names other files of the batch folder, already written, for the
// manifest's list.
func WriteBatch(dir string, results []ScenarioStats, workers int, started time.Time, f Format, extra ...string) error {
	if len(results) == 0 {
		return fmt.Errorf("no scenario in the batch")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create batch folder: %w", err)
	}
	if err := removeOtherFormats(dir, f, []string{"summary"}); err != nil {
		return err
	}
	tw, err := CreateTable(dir, "summary", f, batchSummaryFields())
	if err != nil {
		return err
	}
	row := make([]Value, len(batchSummaryFields()))
	for _, r := range results {
		row[0] = String(r.Scenario.Name)
		for _, s := range r.Stats {
			if err := tw.Write(summaryRow(row, s)); err != nil {
				tw.Abort()
				return err
			}
		}
	}
	if err := tw.Commit(); err != nil {
		return err
	}
	first := results[0].Scenario
	m := BatchManifest{Program: "mutualsim", Version: sim.Version, Seed: first.Seed, Replications: first.Replications, Workers: workers,
		Started: Stamp(started), Finished: Stamp(time.Now()), Format: f, Files: append(append([]string{f.File("summary")}, extra...), "manifest.json")}
	for _, r := range results {
		m.Scenarios = append(m.Scenarios, BatchScenario{Name: r.Scenario.Name, Source: r.Scenario.Source, Folder: r.Scenario.Name, ParamsHash: r.Scenario.Hash()})
	}
	return WriteFileAtomic(filepath.Join(dir, "manifest.json"), func(w io.Writer) error { return writeJSON(w, m) })
}

// ComparisonMeasures lists the measures of the side-by-side table.
func ComparisonMeasures() []string {
	return []string{"mutuals_alive", "staff_in_mutuals", "share_mutual", "share_private", "hhi_regional", "mean_bidders",
		"producer_capture_index", "engagement_mean", "quality_mean", "total_spend"}
}

// WriteComparison prints one row per scenario with the mean of each
// comparison measure at the scenario's last year.
func WriteComparison(w io.Writer, results []ScenarioStats) error {
	units := map[string]string{}
	for _, m := range sim.Measures() {
		units[m.Name] = m.Unit
	}
	// Numbers align right; names are padded to one width so they read left.
	width := len("scenario")
	for _, r := range results {
		width = max(width, len(r.Scenario.Name))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-len(s)) }
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tscale\tyear", pad("scenario"))
	for _, m := range ComparisonMeasures() {
		fmt.Fprintf(tw, "\t%s", m)
	}
	fmt.Fprintln(tw, "\t")
	for _, r := range results {
		if len(r.Stats) == 0 {
			continue
		}
		last := r.Stats[len(r.Stats)-1].Year
		at := map[string]Stat{}
		for _, s := range r.Stats {
			if s.Year == last {
				at[s.Measure] = s
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%d", pad(r.Scenario.Name), r.Scenario.Scale, last)
		for _, m := range ComparisonMeasures() {
			fmt.Fprintf(tw, "\t%s", Human(at[m].Mean, units[m]))
		}
		fmt.Fprintln(tw, "\t")
	}
	return tw.Flush()
}
