// Package regfile opens and reads input files only if they are regular
// files, and reads them only up to a limit: a device such as /dev/zero, a
// named pipe or a folder given where a file is expected is refused at once
// with a clear error, rather than read without end or waited on forever.
package regfile

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrNotRegular is what a *NotRegularError is: the path is not a regular
// file (after following links).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is what a *TooLargeError is.
var ErrTooLarge = errors.New("file too large")

// NotRegularError says what a path that is not a regular file is.
type NotRegularError struct {
	Path string
	Kind string // "a folder", "a named pipe", "a device", "a socket"
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file", e.Path, e.Kind)
}

// Is makes errors.Is(err, ErrNotRegular) true.
func (e *NotRegularError) Is(target error) bool { return target == ErrNotRegular }

// TooLargeError is a file larger than the limit it was read with.
type TooLargeError struct {
	Path  string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than %d bytes", e.Path, e.Limit)
}

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// Open opens path for reading if it is a regular file. It checks before
// opening, so that opening a named pipe never blocks, and again on the
// opened file, so that a swap in between is caught.
func Open(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &NotRegularError{Path: path, Kind: kind(st.Mode())}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if st, err = f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = &NotRegularError{Path: path, Kind: kind(st.Mode())}
		}
		return nil, err
	}
	return f, nil
}

// Read reads the whole of the regular file path, if it holds at most limit
// bytes.
func Read(path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, &TooLargeError{Path: path, Limit: limit}
	}
	return b, nil
}

// kind names a file mode for people.
func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeDevice != 0, m&os.ModeCharDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}
