// Command mutualsim simulates a health-service provider market in which
// commissioners tender contracts to NHS in-house providers, staff-owned
// mutuals and private firms. Run "mutualsim run" to simulate the built-in
// baseline scenario and write a run folder of results.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes (the README lists them).
const (
	exitOK          = 0
	exitFailed      = 1 // validation checks failed
	exitError       = 2 // bad input: a flag, a scenario or design file, an output folder that holds results
	exitEnvironment = 3 // the machine failed the command: a full disk, a permission, an I/O error
	exitInterrupted = 130
)

// environmentFailure marks an error as the machine's, not the input's.
type environmentFailure struct{ err error }

func (e environmentFailure) Error() string { return e.err.Error() }

func (e environmentFailure) Unwrap() error { return e.err }

// environmentErrnos are the system errors that say the machine, not the
// input, failed.
var environmentErrnos = []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT, syscall.EIO, syscall.EROFS, syscall.EACCES, syscall.EPERM,
	syscall.EMFILE, syscall.ENFILE, syscall.ENOMEM}

// isEnvironment reports whether err is a failure of the machine.
func isEnvironment(err error) bool {
	if errors.As(err, new(environmentFailure)) {
		return true
	}
	for _, e := range environmentErrnos {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// run executes the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	return exitCode(root.ExecuteContext(ctx), stderr)
}

// exitCode reports err on stderr and returns the exit code for it.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, new(checksFailed)):
		fmt.Fprintf(stderr, "mutualsim: %v\n", err)
		return exitFailed
	case errors.As(err, new(interrupted)):
		fmt.Fprintf(stderr, "mutualsim: %v\n", err)
		return exitInterrupted
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "mutualsim: interrupted; the run in progress wrote no results (runs a batch had finished keep theirs)")
		return exitInterrupted
	}
	for _, line := range strings.Split(oneLineSuggestion(err.Error()), "\n") {
		fmt.Fprintf(stderr, "mutualsim: %s\n", line)
	}
	if isEnvironment(err) {
		return exitEnvironment
	}
	return exitError
}

// interrupted is an interruption that says what the command leaves behind
// and how to finish it.
type interrupted struct{ msg string }

func (e interrupted) Error() string { return e.msg }

func (e interrupted) Unwrap() error { return context.Canceled }

// oneLineSuggestion folds cobra's multi-line "Did you mean this?" advice for
// an unknown command into the error's own line.
func oneLineSuggestion(msg string) string {
	msg = strings.TrimRight(msg, "\n")
	head, advice, ok := strings.Cut(msg, "\n\nDid you mean this?\n")
	if !ok {
		return msg
	}
	var names []string
	for _, f := range strings.Fields(advice) {
		names = append(names, fmt.Sprintf("%q", f))
	}
	return head + " (did you mean " + strings.Join(names, " or ") + "?)"
}
