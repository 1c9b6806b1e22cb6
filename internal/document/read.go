package document

import (
	"errors"
	"fmt"
	"io/fs"

	"mutualsim/internal/regfile"
)

// ReadError says why a scenario or design file could not be read, without
// repeating its name.
func ReadError(err error) string {
	var nr *regfile.NotRegularError
	var tl *regfile.TooLargeError
	switch {
	case errors.As(err, &nr):
		return fmt.Sprintf("cannot read the file: it is %s, not a regular file", nr.Kind)
	case errors.As(err, &tl):
		return fmt.Sprintf("cannot read the file: it is larger than %d bytes, far more than any scenario or design needs", tl.Limit)
	case errors.Is(err, fs.ErrNotExist):
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return fmt.Sprintf("cannot read the file: there is no %s", pe.Path)
		}
		return "cannot read the file: it does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "cannot read the file: permission denied"
	}
	return fmt.Sprintf("cannot read the file: %v", err)
}
