package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// workersUsage is the help of --workers.
const workersUsage = "goroutines to use (0: one per CPU); results do not depend on it"

// workersValue is --workers: a whole number from 0, checked when it is
// parsed (from the command line or MUTUALSIM_WORKERS), so that no command
// checks it again.
type workersValue struct{ n *int }

// registerWorkers defines --workers on fl, stored in n.
func registerWorkers(fl *pflag.FlagSet, n *int, usage string) {
	fl.Var(workersValue{n}, "workers", usage)
}

func (w workersValue) String() string {
	if w.n == nil {
		return "0"
	}
	return strconv.Itoa(*w.n)
}

func (w workersValue) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return fmt.Errorf("%q is not a whole number from 0 (0: one per CPU)", s)
	}
	*w.n = n
	return nil
}

func (w workersValue) Type() string { return "int" }
