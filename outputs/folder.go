package outputs

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"mutualsim/internal/regfile"
)

// MaxManifest bounds a manifest (or a chart list) the program reads back:
// far more than any it writes.
const MaxManifest = 64 << 20

// LockName is the file a process locks while it writes a results folder.
const LockName = ".lock"

// Lock is a results folder held by this process.
type Lock struct {
	f       *os.File
	dir     string
	created bool // the folder did not exist before LockFolder
}

// LockFolder creates dir if need be and locks it against other processes
// until Unlock or the end of the process, however it ends (flock: the
// kernel releases it when the process dies).
func LockFolder(dir string) (*Lock, error) {
	_, statErr := os.Stat(dir)
	created := errors.Is(statErr, fs.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create results folder: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, LockName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock results folder: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if created {
			os.Remove(filepath.Join(dir, LockName))
			os.Remove(dir)
		}
		return nil, err
	}
	return &Lock{f: f, dir: dir, created: created}, nil
}

// Unlock releases the folder; a second call does nothing.
func (l *Lock) Unlock() {
	if l.f != nil {
		l.f.Close()
		l.f = nil
	}
}

// Abandon releases a folder whose command wrote nothing: a folder the lock
// created, holding nothing but its lock file, is removed.
func (l *Lock) Abandon() {
	if l.f == nil {
		return
	}
	if !l.created {
		l.Unlock()
		return
	}
	os.Remove(filepath.Join(l.dir, LockName))
	l.Unlock()
	os.Remove(l.dir) // only if empty
}

// ResultsExistError is the error of a command whose output folder already
// holds results it was not told to replace.
type ResultsExistError struct {
	Dir  string // the folder
	What string // what it holds, for people
}

func (e *ResultsExistError) Error() string {
	return fmt.Sprintf("%s already holds %s: pass --force to replace it, or --out to write elsewhere", e.Dir, e.What)
}

// ClaimFolder prepares dir for a command's results: it locks it against
// other processes, removes the temporary files killed writers left there,
// and refuses a folder that already holds results of mutualsim (a
// manifest, or tables without one) unless force. With force it removes
// the earlier results' files and folders, as their manifest (and its
// report's list of charts) names them, and nothing else: a file the
// program did not write is never removed. A folder with no results of
// mutualsim, empty or not, is used as it is. Release the lock with
// Unlock.
func ClaimFolder(dir string, force bool) (*Lock, error) {
	if st, err := os.Lstat(dir); err == nil && !st.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	lock, err := LockFolder(dir)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*Lock, error) {
		lock.Unlock()
		return nil, err
	}
	if err := RemoveTemps(dir); err != nil {
		return fail(err)
	}
	what, err := describeResults(dir)
	if err != nil {
		return fail(err)
	}
	if what == "" {
		return lock, nil
	}
	if !force {
		return fail(&ResultsExistError{Dir: dir, What: what})
	}
	if err := removeResults(dir); err != nil {
		return fail(fmt.Errorf("replace %s: %w", dir, err))
	}
	return lock, nil
}

// knownFiles are the files mutualsim writes into a results folder, in any
// format: a folder holding any of them holds results.
func knownFiles() []string {
	var out []string
	for _, t := range knownTables() {
		for _, f := range Formats() {
			out = append(out, f.File(t.base))
		}
	}
	return append(out, "comparison.csv", "comparison.parquet", "manifest.json", "report.html", "validation.csv")
}

// folderManifest is what removing earlier results needs of a manifest of any
// kind: its files, and a batch's scenario folders.
type folderManifest struct {
	Program   string          `json:"program"`
	Kind      string          `json:"kind"`
	Files     []string        `json:"files"`
	Scenarios []BatchScenario `json:"scenarios"`
	Scenario  struct {
		Name string `json:"name"`
	} `json:"scenario"`
	Seed     uint64 `json:"seed"`
	Finished string `json:"finished"`
}

// describeResults says what results dir holds, "" if none.
func describeResults(dir string) (string, error) {
	b, err := regfile.Read(filepath.Join(dir, "manifest.json"), MaxManifest)
	switch {
	case err == nil:
		var m folderManifest
		if json.Unmarshal(b, &m) != nil || m.Program != "mutualsim" {
			return "a manifest.json that mutualsim did not write", nil
		}
		switch {
		case m.Kind == "sweep":
			return "a sweep", nil
		case len(m.Scenarios) > 0:
			return fmt.Sprintf("the results of %d scenarios (seed %d, finished %s)", len(m.Scenarios), m.Seed, m.Finished), nil
		}
		return fmt.Sprintf("a run of %s (seed %d, finished %s)", m.Scenario.Name, m.Seed, m.Finished), nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", err
	}
	for _, name := range knownFiles() {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return "results without a manifest (" + name + ")", nil
		}
	}
	return "", nil
}

// removeResults removes the results of mutualsim in dir: the files its
// manifest lists, the known files, the report and the charts its report
// listed, and a batch's scenario folders, each the same way. A folder left
// empty is removed; anything else stays.
func removeResults(dir string) error {
	var m folderManifest
	if b, err := regfile.Read(filepath.Join(dir, "manifest.json"), MaxManifest); err == nil {
		_ = json.Unmarshal(b, &m) // an unreadable manifest lists nothing
	}
	for _, sc := range m.Scenarios {
		sub := filepath.Join(dir, sc.Folder)
		if !localFolder(sc.Folder) {
			continue // never follow a manifest out of the folder
		}
		if err := removeResults(sub); err != nil {
			return err
		}
		// The scenario folder's lock file is ours too: its batch's lock,
		// held now, covers it.
		if err := os.Remove(filepath.Join(sub, LockName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if err := os.Remove(sub); err != nil && !errors.Is(err, fs.ErrNotExist) && !isNotEmpty(err) {
			return err
		}
	}
	names := append(knownFiles(), m.Files...)
	if err := removeCharts(dir); err != nil {
		return err
	}
	// The manifest goes last, so that an interrupted removal can be redone.
	slices.SortStableFunc(names, func(a, b string) int {
		return boolInt(a == "manifest.json") - boolInt(b == "manifest.json")
	})
	for _, name := range names {
		if !localFile(name) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// ChartsDir is the folder of a report's charts; ChartsList, in it, lists
// the chart files the report wrote, one name a line.
const (
	ChartsDir  = "charts"
	ChartsList = ".charts"
)

// removeCharts removes the chart files the report of dir listed, the list,
// and the charts folder if that leaves it empty.
func removeCharts(dir string) error {
	cdir := filepath.Join(dir, ChartsDir)
	st, err := os.Lstat(cdir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return nil // not ours (a file or a link): leave it
	}
	for _, name := range ReadChartsList(cdir) {
		if err := os.Remove(filepath.Join(cdir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := os.Remove(filepath.Join(cdir, ChartsList)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Remove(cdir); err != nil && !errors.Is(err, fs.ErrNotExist) && !isNotEmpty(err) {
		return err
	}
	return nil
}

// ReadChartsList returns the chart files a report listed in the charts
// folder cdir: names of files in that folder only, none if there is no
// list.
func ReadChartsList(cdir string) []string {
	b, err := regfile.Read(filepath.Join(cdir, ChartsList), MaxManifest)
	if err != nil {
		return nil
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if name := strings.TrimSpace(line); name != "" && localFile(name) {
			out = append(out, name)
		}
	}
	return out
}

// localFile reports whether name is a plain file name in its folder: no
// separator, not "." or "..".
func localFile(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, `/\`)
}

// localFolder reports whether name is a folder within its parent.
func localFolder(name string) bool { return localFile(name) }

func isNotEmpty(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && (strings.Contains(pe.Err.Error(), "not empty") || strings.Contains(pe.Err.Error(), "exists"))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
