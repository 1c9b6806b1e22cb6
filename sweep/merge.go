package sweep

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"mutualsim/outputs"
)

// MergeReport is what a merge found in the shard folders.
type MergeReport struct {
	Shards          int   // shard folders read
	Count           int   // shards the sweep was split into
	Runs            int   // runs in the sweep
	Found           int   // distinct runs found
	Missing         []int // runs no folder holds
	Duplicates      []int // runs two folders hold with the same values (kept once)
	MissingShards   []int // shard indices no folder is for
	DuplicateShards []int // shard indices two folders are for
}

// Summary describes the report in a few lines for people.
func (r MergeReport) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d shard folders of a sweep in %d shards: %d of %d runs", r.Shards, r.Count, r.Found, r.Runs)
	if len(r.MissingShards) > 0 {
		fmt.Fprintf(&b, "\nmissing shards: %s", ranges(r.MissingShards))
	}
	if len(r.DuplicateShards) > 0 {
		fmt.Fprintf(&b, "\nshards given twice: %s", ranges(r.DuplicateShards))
	}
	if len(r.Missing) > 0 {
		fmt.Fprintf(&b, "\nmissing runs (%d): %s", len(r.Missing), ranges(r.Missing))
	}
	if len(r.Duplicates) > 0 {
		fmt.Fprintf(&b, "\nruns found twice, with the same results, kept once (%d): %s", len(r.Duplicates), ranges(r.Duplicates))
	}
	return b.String()
}

// ranges writes sorted numbers as "1-4, 7, 9-10", at most 20 groups.
func ranges(xs []int) string {
	var parts []string
	for i := 0; i < len(xs); {
		j := i
		for j+1 < len(xs) && xs[j+1] == xs[j]+1 {
			j++
		}
		if len(parts) == 20 {
			parts = append(parts, "…")
			break
		}
		if j == i {
			parts = append(parts, fmt.Sprint(xs[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", xs[i], xs[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// Merge combines the shard folders of one sweep into the folder out, whose
// results are then identical to those of the sweep run unsharded. It
// reports runs that are missing (and then writes nothing and returns an
// error) or found in two folders; a run found twice with different results
// is an error.
func Merge(dirs []string, out string, f outputs.Format) (MergeReport, error) {
	var rep MergeReport
	if len(dirs) == 0 {
		return rep, fmt.Errorf("no shard folder to merge")
	}
	if err := checkFolder(out); err != nil {
		return rep, err
	}
	s := shardSet{
		byRun:     map[int][]float64{},
		from:      map[int]string{},
		shardDirs: map[int]string{},
	}
	for _, dir := range dirs {
		if err := s.read(dir, &rep); err != nil {
			return rep, err
		}
	}
	p, err := s.plan()
	if err != nil {
		return rep, err
	}
	recs, err := s.records(p, &rep)
	if err != nil {
		return rep, err
	}
	if err := s.writeJournal(out, p, recs); err != nil {
		return rep, err
	}
	m := Manifest{Merged: dirs, Finished: outputs.Stamp(time.Now())}
	m.Shard.Index, m.Shard.Count = 0, 1
	return rep, WriteFolder(out, p, Status{Records: recs, Total: p.Runs()}, f, m)
}

// shardSet is what the shard folders of one sweep hold, gathered folder
// by folder.
type shardSet struct {
	spec      *Spec             // from the first manifest of the sweep found
	hash      string            // the sweep's design hash, from the first journal
	byRun     map[int][]float64 // results by run; looked up by run, never iterated
	from      map[int]string    // the folder each run was first found in
	shardDirs map[int]string    // the folder of each shard index
}

// read adds the shard folder dir to s and what it holds to rep.
func (s *shardSet) read(dir string, rep *MergeReport) error {
	// The journal says which sweep and shard a folder holds; a shard
	// that did not finish has a journal but no manifest yet.
	header, recs, err := ReadJournal(dir)
	if err != nil {
		return err
	}
	h, err := parseHeader(header)
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	if err := s.checkSweep(dir, h, rep); err != nil {
		return err
	}
	if s.spec == nil {
		if m, err := ReadManifest(dir); err == nil && m.SpecHash == s.hash {
			s.spec = &m.Spec
		}
	}
	if _, ok := s.shardDirs[h.shard.Index]; ok {
		rep.DuplicateShards = append(rep.DuplicateShards, h.shard.Index)
	}
	s.shardDirs[h.shard.Index] = dir
	rep.Shards++
	return s.addRuns(dir, recs, rep)
}

// checkSweep takes the sweep and shard count from the first journal, and
// checks that every later one is of the same sweep, split the same way.
func (s *shardSet) checkSweep(dir string, h journalInfo, rep *MergeReport) error {
	if s.hash == "" {
		s.hash, rep.Count = h.design, h.shard.Count
	} else if h.design != s.hash {
		return fmt.Errorf("%s is a shard of another sweep (spec %.12s, not %.12s): merge the shards of one sweep", dir, h.design, s.hash)
	} else if h.shard.Count != rep.Count {
		return fmt.Errorf("%s is shard %d of %d, the others of %d: a sweep must be split one way", dir, h.shard.Index, h.shard.Count, rep.Count)
	}
	return nil
}

// addRuns adds the records of the folder dir, keeping a run found twice
// once if its results are the same and failing if they differ.
func (s *shardSet) addRuns(dir string, recs []Record, rep *MergeReport) error {
	for _, r := range recs {
		if prev, ok := s.byRun[r.Run]; ok {
			if !sameValues(prev, r.Values) {
				return fmt.Errorf("run %d has different results in %s and %s: the folders are not of one sweep", r.Run, s.from[r.Run], dir)
			}
			rep.Duplicates = append(rep.Duplicates, r.Run)
			continue
		}
		s.byRun[r.Run], s.from[r.Run] = r.Values, dir
	}
	return nil
}

// plan rebuilds the sweep's plan from the manifest found, and checks that
// this version of mutualsim makes the same one.
func (s *shardSet) plan() (*Plan, error) {
	if s.spec == nil {
		return nil, fmt.Errorf("no shard folder has a manifest, which a shard writes when it finishes: let one shard finish, then merge")
	}
	p, err := NewPlan(*s.spec)
	if err != nil {
		return nil, err
	}
	if p.Hash != s.hash {
		return nil, fmt.Errorf("the shards were written by another version of mutualsim (spec %.12s, this version makes %.12s)", s.hash, p.Hash)
	}
	return p, nil
}

// records fills in the rest of rep and gives the sweep's records in run
// order, failing if any run is missing or beyond the sweep.
func (s *shardSet) records(p *Plan, rep *MergeReport) ([]Record, error) {
	rep.Runs = p.Runs()
	for i := range rep.Count {
		if _, ok := s.shardDirs[i]; !ok {
			rep.MissingShards = append(rep.MissingShards, i)
		}
	}
	slices.Sort(rep.Duplicates)
	slices.Sort(rep.DuplicateShards)
	var recs []Record
	for run := range p.Runs() {
		v, ok := s.byRun[run]
		if !ok {
			rep.Missing = append(rep.Missing, run)
			continue
		}
		if run >= p.Runs() {
			return nil, fmt.Errorf("run %d is beyond the sweep's %d runs", run, p.Runs())
		}
		recs = append(recs, Record{Run: run, Values: v})
	}
	rep.Found = len(recs)
	if len(s.byRun) != len(recs) {
		return nil, fmt.Errorf("the journals hold runs beyond the sweep's %d", p.Runs())
	}
	if len(rep.Missing) > 0 {
		return nil, fmt.Errorf("%d of %d runs are missing; rerun the shards that lack them (a rerun finishes what a shard left) and merge again", len(rep.Missing), p.Runs())
	}
	return recs, nil
}

// writeJournal appends to the journal of out, under its lock, the records
// it does not hold yet, failing if it holds a run with other results.
func (s *shardSet) writeJournal(out string, p *Plan, recs []Record) error {
	lock, err := LockFolder(out)
	if err != nil {
		return err
	}
	j, have, err := OpenJournal(out, p.Hash, All, len(p.Outcomes))
	if err != nil {
		lock.Unlock()
		return err
	}
	had := map[int]bool{}
	for _, r := range have {
		if !sameValues(r.Values, s.byRun[r.Run]) {
			j.Close()
			lock.Unlock()
			return fmt.Errorf("%s already holds run %d with other results", out, r.Run)
		}
		had[r.Run] = true
	}
	for _, r := range recs {
		if !had[r.Run] {
			if err := j.Append(r); err != nil {
				j.Close()
				lock.Unlock()
				return err
			}
		}
	}
	err = j.Close()
	lock.Unlock()
	return err
}

// sameValues compares results exactly, NaN equal to NaN.
func sameValues(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool {
		return x == y || (math.IsNaN(x) && math.IsNaN(y))
	})
}

// journalInfo is what a journal's header says.
type journalInfo struct {
	design string
	shard  Shard
	width  int
}

// parseHeader reads a journal's header line.
func parseHeader(h string) (journalInfo, error) {
	var ji journalInfo
	var version int
	_, err := fmt.Sscanf(strings.TrimSpace(h), "# mutualsim sweep journal %d design=%s shard=%d/%d values=%d", &version, &ji.design, &ji.shard.Index, &ji.shard.Count, &ji.width)
	if err != nil || version != journalVersion || len(ji.design) != 64 {
		return ji, fmt.Errorf("the journal's header %q is not one this version writes", strings.TrimSpace(h))
	}
	return ji, ji.shard.Validate()
}
