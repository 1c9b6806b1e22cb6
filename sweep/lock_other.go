//go:build !unix

package sweep

import "os"

// lockFile does nothing where flock is not available: do not run two
// processes on one sweep folder there.
func lockFile(*os.File) error { return nil }
