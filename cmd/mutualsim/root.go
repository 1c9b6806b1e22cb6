package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mutualsim/scenarios"
	"mutualsim/sim"
)

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "mutualsim",
		Short: "Simulate a health-service provider market with NHS providers, staff mutuals and private firms",
		Long: `mutualsim is an agent-based simulation of a health-service provider market.
Commissioners tender contracts year after year to NHS in-house providers,
staff-owned mutuals and private firms, while staff work, quit, transfer and
vote on spin-outs. It measures producer capture, competition, pension
barriers and market concentration across many replications.`,
		Version:       sim.Version + " (build " + version() + ")",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(parseFlagError)
	root.AddCommand(newRunCmd(stdout, stderr), newBatchCmd(stdout, stderr), newScenariosCmd(stdout, stderr),
		newValidateCmd(stdout, stderr), newDocCmd(stdout), newBranchCmd(stdout, stderr),
		newCompareCmd(stdout, stderr), newSweepCmd(stdout, stderr), newMergeCmd(stdout, stderr), newReportCmd(stderr))
	return root
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

// parseFlagError turns a flag parsing error into one line that names the
// command, suggests the closest flag for an unknown one, and points at --help.
func parseFlagError(c *cobra.Command, err error) error {
	hint := ""
	if name, ok := strings.CutPrefix(err.Error(), "unknown flag: --"); ok {
		var names []string
		c.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
		if s := scenarios.Closest(name, names); s != "" {
			hint = fmt.Sprintf(" (did you mean --%s?)", s)
		}
	}
	return fmt.Errorf("%s: %w%s; see %q", c.CommandPath(), err, hint, c.CommandPath()+" --help")
}
