package discover

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"mutualsim/outputs"
	"mutualsim/sim"
)

// File names of a discovery, in the sweep's folder: the tables (in the
// sweep's format) and, written last, the manifest the report reads.
const (
	BoxTable        = "discover"
	TrajectoryTable = "discover_trajectory"
	TreeTable       = "discover_tree"
	ManifestName    = "discover.json"
)

// Manifest records a discovery: what was asked, of which runs, with which
// settings, and the box reported.
type Manifest struct {
	Program     string   `json:"program"`
	Version     string   `json:"version"`
	Where       string   `json:"where"`
	Year        int      `json:"year"`
	Columns     []string `json:"columns"`
	Runs        int      `json:"runs"`
	Undefined   int      `json:"undefined"`
	Cases       int      `json:"cases"`
	Positives   int      `json:"positives"`
	PeelAlpha   float64  `json:"peel_alpha"`
	PasteAlpha  float64  `json:"paste_alpha"`
	MinMass     float64  `json:"min_mass"`
	MinCoverage float64  `json:"min_coverage"`
	MaxQP       float64  `json:"max_qp"`
	Resamples   int      `json:"resamples"`
	TreeDepth   int      `json:"tree_depth"`
	MinLeaf     int      `json:"min_leaf"`
	Chosen      int      `json:"box"`
	Picked      bool     `json:"box_picked"` // --box named it
	Coverage    float64  `json:"coverage"`
	Density     float64  `json:"density"`
	Mass        float64  `json:"mass"`
	Restricted  []string `json:"restricted"`
	Dropped     []string `json:"dropped"`
	Format      string   `json:"format"`
	Files       []string `json:"files"`
}

// ReadManifest reads a folder's discovery manifest; fs.ErrNotExist if it
// has none.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestName), err)
	}
	return &m, nil
}

// BoxFields are the columns of discover.csv.
func BoxFields() []outputs.Field {
	return []outputs.Field{
		{Name: "lever", Unit: "name", Meaning: "lever the sweep varied", Type: outputs.TypeString},
		{Name: "restricted", Unit: "true/false", Meaning: "whether the box bounds this lever", Type: outputs.TypeBool},
		{Name: "lower", Unit: "lever's unit", Meaning: "the box's lowest value of a number (the design's where unbounded); empty for a switch or choice", Type: outputs.TypeFloat, Nullable: true},
		{Name: "upper", Unit: "lever's unit", Meaning: "the box's highest value of a number; empty for a switch or choice", Type: outputs.TypeFloat, Nullable: true},
		{Name: "levels", Unit: "levels", Meaning: "the levels of a switch or choice in the box, separated by |; empty for a number", Type: outputs.TypeString, Nullable: true},
		{Name: "design_min", Unit: "lever's unit", Meaning: "the lowest value the design gave a number; empty for a switch or choice", Type: outputs.TypeFloat, Nullable: true},
		{Name: "design_max", Unit: "lever's unit", Meaning: "the highest value the design gave a number; empty for a switch or choice", Type: outputs.TypeFloat, Nullable: true},
		{Name: "quasi_p", Unit: "probability", Meaning: "quasi-p-value of the restriction: chance that a box of this size without it would hold as many runs where the condition holds (Bryant and Lempert 2010); empty if unrestricted", Type: outputs.TypeFloat, Nullable: true},
		{Name: "reproduced", Unit: "share 0-1", Meaning: "share of resamples (half the runs each) in which PRIM restricts this lever", Type: outputs.TypeFloat},
		{Name: "dropped", Unit: "true/false", Meaning: "whether a restriction the peeling made was dropped for a quasi-p-value above max_qp", Type: outputs.TypeBool},
	}
}

// TrajectoryFields are the columns of discover_trajectory.csv.
func TrajectoryFields() []outputs.Field {
	return []outputs.Field{
		{Name: "box", Unit: "index", Meaning: "step of the peeling trajectory (0: every run)", Type: outputs.TypeInt},
		{Name: "coverage", Unit: "share 0-1", Meaning: "share of the runs where the condition holds that the box holds", Type: outputs.TypeFloat},
		{Name: "density", Unit: "share 0-1", Meaning: "share of the box's runs where the condition holds", Type: outputs.TypeFloat},
		{Name: "mass", Unit: "share 0-1", Meaning: "share of all runs in the box", Type: outputs.TypeFloat},
		{Name: "runs", Unit: "runs", Meaning: "runs in the box", Type: outputs.TypeInt},
		{Name: "hits", Unit: "runs", Meaning: "runs in the box where the condition holds", Type: outputs.TypeInt},
		{Name: "restricted", Unit: "levers", Meaning: "levers the box bounds", Type: outputs.TypeInt},
		{Name: "chosen", Unit: "true/false", Meaning: "the box the reported one grew from (pasted and simplified)", Type: outputs.TypeBool},
	}
}

// TreeFields are the columns of discover_tree.csv.
func TreeFields() []outputs.Field {
	return []outputs.Field{
		{Name: "node", Unit: "index", Meaning: "node of the classification tree, depth first", Type: outputs.TypeInt},
		{Name: "parent", Unit: "index", Meaning: "its parent node; empty for the root", Type: outputs.TypeInt, Nullable: true},
		{Name: "depth", Unit: "splits", Meaning: "splits from the root", Type: outputs.TypeInt},
		{Name: "rule", Unit: "text", Meaning: "the test that sends a run here from its parent", Type: outputs.TypeString},
		{Name: "runs", Unit: "runs", Meaning: "runs in the node", Type: outputs.TypeInt},
		{Name: "hits", Unit: "runs", Meaning: "runs in the node where the condition holds", Type: outputs.TypeInt},
		{Name: "density", Unit: "share 0-1", Meaning: "share of the node's runs where the condition holds", Type: outputs.TypeFloat},
		{Name: "coverage", Unit: "share 0-1", Meaning: "share of the runs where the condition holds that the node holds", Type: outputs.TypeFloat},
		{Name: "leaf", Unit: "true/false", Meaning: "whether the node is a leaf", Type: outputs.TypeBool},
	}
}

func nullableFloat(x float64) outputs.Value {
	if math.IsNaN(x) {
		return outputs.Null()
	}
	return outputs.Float(x)
}

// Write writes the discovery's tables into its sweep's folder, in the
// sweep's format, and its manifest last, under the folder's lock. A
// folder that holds an earlier discovery is refused unless force.
func Write(r *Result, force bool) error {
	dir := r.Query.Dir
	lock, err := outputs.LockFolder(dir)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	if _, err := os.Stat(filepath.Join(dir, ManifestName)); err == nil && !force {
		old, _ := ReadManifest(dir)
		what := ""
		if old != nil {
			what = fmt.Sprintf(" (--where %q, %d)", old.Where, old.Year)
		}
		return fmt.Errorf("%s already holds a discovery%s: pass --force to replace it", dir, what)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	f := outputs.CSV
	if r.Query.Manifest != nil && r.Query.Manifest.Format != "" {
		f = outputs.Format(r.Query.Manifest.Format)
	}
	// The manifest goes first, so that a folder is never left with a
	// manifest beside tables it does not describe.
	if err := os.Remove(filepath.Join(dir, ManifestName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := r.writeBox(dir, f); err != nil {
		return err
	}
	if err := r.writeTrajectory(dir, f); err != nil {
		return err
	}
	if err := r.writeTree(dir, f); err != nil {
		return err
	}
	m := r.manifest(f)
	return outputs.WriteFileAtomic(filepath.Join(dir, ManifestName), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
}

func (r *Result) manifest(f outputs.Format) Manifest {
	s, q := r.Settings, r.Query
	m := Manifest{Program: "mutualsim discover", Version: sim.Version, Where: q.Where, Year: q.Year, Columns: q.Columns,
		Runs: q.Runs, Undefined: q.Undefined, Cases: q.Cases, Positives: q.Positives,
		PeelAlpha: s.Alpha, PasteAlpha: s.PasteAlpha, MinMass: s.MinMass, MinCoverage: s.MinCoverage, MaxQP: s.MaxQP,
		Resamples: s.Resamples, TreeDepth: s.Tree.MaxDepth, MinLeaf: s.Tree.MinLeaf, Chosen: r.Chosen, Picked: s.Box >= 0,
		Coverage: r.Box.Coverage, Density: r.Box.Density, Mass: r.Box.Mass, Restricted: []string{}, Dropped: []string{}, Format: string(f)}
	for _, j := range r.Box.Restricted(r.data) {
		m.Restricted = append(m.Restricted, r.Dims[j].Lever)
	}
	for _, j := range r.Dropped {
		m.Dropped = append(m.Dropped, r.Dims[j].Lever)
	}
	for _, t := range []string{BoxTable, TrajectoryTable, TreeTable} {
		m.Files = append(m.Files, f.File(t))
	}
	return m
}

func (r *Result) writeBox(dir string, f outputs.Format) error {
	restricted := map[int]bool{}
	for _, j := range r.Box.Restricted(r.data) {
		restricted[j] = true
	}
	dropped := map[int]bool{}
	for _, j := range r.Dropped {
		dropped[j] = true
	}
	var rows [][]outputs.Value
	for j, dim := range r.Dims {
		row := []outputs.Value{outputs.String(dim.Lever), outputs.Bool(restricted[j])}
		if dim.Categorical() {
			row = append(row, outputs.Null(), outputs.Null(), outputs.String(strings.Join(r.Levels(j), "|")), outputs.Null(), outputs.Null())
		} else {
			lo, hi := r.Bounds(j)
			row = append(row, outputs.Float(lo), outputs.Float(hi), outputs.Null(), outputs.Float(dim.Min), outputs.Float(dim.Max))
		}
		row = append(row, nullableFloat(r.QP[j]), outputs.Float(r.Reproduced[j]), outputs.Bool(dropped[j]))
		rows = append(rows, row)
	}
	return outputs.WriteRows(dir, BoxTable, f, BoxFields(), rows)
}

func (r *Result) writeTrajectory(dir string, f outputs.Format) error {
	var rows [][]outputs.Value
	for i, b := range r.Trajectory {
		rows = append(rows, []outputs.Value{outputs.Int(int64(i)), outputs.Float(b.Coverage), outputs.Float(b.Density), outputs.Float(b.Mass),
			outputs.Int(int64(b.N)), outputs.Int(int64(b.Hits)), outputs.Int(int64(len(b.Restricted(r.data)))), outputs.Bool(i == r.Chosen)})
	}
	return outputs.WriteRows(dir, TrajectoryTable, f, TrajectoryFields(), rows)
}

func (r *Result) writeTree(dir string, f outputs.Format) error {
	var rows [][]outputs.Value
	for _, nd := range r.Tree {
		parent := outputs.Null()
		if nd.Parent >= 0 {
			parent = outputs.Int(int64(nd.Parent))
		}
		rows = append(rows, []outputs.Value{outputs.Int(int64(nd.ID)), parent, outputs.Int(int64(nd.Depth)), outputs.String(r.Rule(nd)),
			outputs.Int(int64(nd.N)), outputs.Int(int64(nd.Hits)), outputs.Float(nd.Density), outputs.Float(nd.Coverage), outputs.Bool(nd.Leaf)})
	}
	return outputs.WriteRows(dir, TreeTable, f, TreeFields(), rows)
}

// WriteText prints the discovery for people: the question, the box with
// its restrictions, and the tree.
func (r *Result) WriteText(w io.Writer) error {
	q, b := r.Query, r.Box
	fmt.Fprintf(w, "%s in %d: holds in %d of %d runs (%.1f%%)", q.Where, q.Year, q.Positives, q.Cases, 100*ratio(q.Positives, q.Cases))
	if q.Undefined > 0 {
		fmt.Fprintf(w, "; %d runs left out, where %s is undefined", q.Undefined, listNames(q.Columns))
	}
	fmt.Fprintln(w)
	how := "chosen"
	if r.Settings.Box >= 0 {
		how = "picked"
	}
	fmt.Fprintf(w, "PRIM box (box %d of %d on the peeling trajectory, %s, pasted and simplified): coverage %.1f%%, density %.1f%%, mass %.1f%% (%d runs)\n",
		r.Chosen, len(r.Trajectory)-1, how, 100*b.Coverage, 100*b.Density, 100*b.Mass, b.N)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  lever\tin the box\tof\tquasi-p\treproduced")
	restricted := b.Restricted(r.data)
	if len(restricted) == 0 {
		fmt.Fprintln(tw, "  (no restriction: the condition holds as often everywhere)\t\t\t\t")
	}
	for _, j := range restricted {
		dim := r.Dims[j]
		in, of := "", ""
		if dim.Categorical() {
			in, of = strings.Join(r.Levels(j), ", "), strings.Join(dim.Levels, ", ")
		} else {
			lo, hi := r.Bounds(j)
			in, of = fmt.Sprintf("%s to %s", num(lo), num(hi)), fmt.Sprintf("%s to %s", num(dim.Min), num(dim.Max))
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%.0f%%\n", dim.Lever, in, of, pValue(r.QP[j]), 100*r.Reproduced[j])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, j := range r.Dropped {
		fmt.Fprintf(w, "  dropped: %s (quasi-p above %g)\n", r.Dims[j].Lever, r.Settings.MaxQP)
	}
	fmt.Fprintln(w, "CART tree (density of the condition in each node):")
	for _, nd := range r.Tree {
		if nd.Parent < 0 {
			continue
		}
		leaf := ""
		if nd.Leaf {
			leaf = " •"
		}
		fmt.Fprintf(w, "%s%s: %.1f%% of %d runs%s\n", strings.Repeat("  ", nd.Depth), r.Rule(nd), 100*nd.Density, nd.N, leaf)
	}
	return nil
}

func num(x float64) string { return fmt.Sprintf("%.4g", x) }

func pValue(p float64) string {
	switch {
	case math.IsNaN(p):
		return "–"
	case p < 0.001:
		return "< 0.001"
	}
	return fmt.Sprintf("%.3f", p)
}
