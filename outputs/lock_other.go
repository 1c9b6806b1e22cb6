//go:build !unix

package outputs

import "os"

// lockFile does nothing where flock is not available: do not run two
// processes on one results folder there.
func lockFile(*os.File) error { return nil }
