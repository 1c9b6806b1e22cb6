package main

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/cobra"
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
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%s: %w (see %q)", c.CommandPath(), err, c.CommandPath()+" --help")
	})
	root.AddCommand(newRunCmd(stdout, stderr))
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
