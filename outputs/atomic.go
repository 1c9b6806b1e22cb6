package outputs

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// tempFile is a file being written under a temporary name in its final
// folder; commit renames it into place, abort removes it.
type tempFile struct {
	path string // final path
	f    *os.File
	w    *bufio.Writer
}

func createTemp(path string) (*tempFile, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &tempFile{path: path, f: f, w: bufio.NewWriterSize(f, 1<<16)}, nil
}

// commit flushes, syncs and closes the file and renames it to its final path.
func (t *tempFile) commit() error {
	err := t.w.Flush()
	if err == nil {
		err = t.f.Sync()
	}
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(t.f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(t.f.Name(), t.path)
	}
	if err != nil {
		os.Remove(t.f.Name())
		return fmt.Errorf("write %s: %w", t.path, err)
	}
	return nil
}

// abort closes and removes the temporary file.
func (t *tempFile) abort() {
	t.f.Close()
	os.Remove(t.f.Name())
}

// WriteFileAtomic writes a file by calling write on a buffered temporary
// file in the same folder, syncing it, and renaming it over path, then
// syncing the folder. If write or any step fails, the temporary file is
// removed and path is untouched.
func WriteFileAtomic(path string, write func(w io.Writer) error) error {
	t, err := createTemp(path)
	if err != nil {
		return err
	}
	if err := write(t.w); err != nil {
		t.abort()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := t.commit(); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// syncDir makes a folder's entries (renames) durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// RemoveTemps removes the temporary files that writers in dir left behind
// when their process was killed (".NAME.tmp-*"). Call it only while no
// other process writes to dir.
func RemoveTemps(dir string) error {
	matches, err := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	if err != nil {
		return err
	}
	for _, m := range matches {
		if err := os.Remove(m); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("remove a stale temporary file: %w", err)
		}
	}
	return nil
}
