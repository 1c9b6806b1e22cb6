package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mutualsim/inputs"
	"mutualsim/manual"
	"mutualsim/sim"
)

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "mutualsim",
		Version:       sim.Version + " (build " + version() + ")",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(parseFlagError)
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error { return workersFromEnv(c, os.Getenv) }
	root.AddCommand(newVersionCmd(stdout), newRunCmd(stdout, stderr), newBatchCmd(stdout, stderr), newScenariosCmd(stdout, stderr),
		newValidateCmd(stdout, stderr), newDocCmd(stdout), newBranchCmd(stdout, stderr),
		newCompareCmd(stdout, stderr), newSweepCmd(stdout, stderr), newMergeCmd(stdout, stderr), newDiscoverCmd(stdout, stderr), newCalibrateCmd(stdout, stderr), newReportCmd(stderr),
		newServeCmd(stdout, stderr))
	registerCompletions(root)
	document(root)
	return root
}

// document gives every command the help text of its manual page (a test
// checks that each has one).
func document(c *cobra.Command) {
	if p, err := manual.Lookup(c.CommandPath()); err == nil {
		c.Short, c.Long, c.Example = p.Short, p.Long, p.Examples
	}
	for _, sub := range c.Commands() {
		document(sub)
	}
}

// version returns the module version and VCS revision from the build information.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}

// newVersionCmd prints the model version, the program's build and the
// formats of the files it writes: what a results folder's manifest records.
func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:  "version",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(stdout, "mutualsim version %s (the model's: results change only with it)\nbuild: %s\ngo: %s %s/%s\n",
				sim.Version, version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}

// workersFromEnv gives a command's --workers, when the command line does
// not, the value of MUTUALSIM_WORKERS; a value that is not a whole number
// from 0 is an error, never ignored.
func workersFromEnv(c *cobra.Command, getenv func(string) string) error {
	raw := strings.TrimSpace(getenv("MUTUALSIM_WORKERS"))
	f := c.Flags().Lookup("workers")
	if raw == "" || f == nil || f.Changed {
		return nil
	}
	if err := f.Value.Set(raw); err != nil {
		return fmt.Errorf("environment: MUTUALSIM_WORKERS: %w", err)
	}
	return nil
}

// parseFlagError turns a flag parsing error into one line that names the
// command, suggests the closest flag for an unknown one, and points at --help.
func parseFlagError(c *cobra.Command, err error) error {
	hint := ""
	if name, ok := strings.CutPrefix(err.Error(), "unknown flag: --"); ok {
		var names []string
		c.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
		if s := inputs.Closest(name, names); s != "" {
			hint = fmt.Sprintf(" (did you mean --%s?)", s)
		}
	}
	return fmt.Errorf("%s: %w%s; see %q", c.CommandPath(), err, hint, c.CommandPath()+" --help")
}
