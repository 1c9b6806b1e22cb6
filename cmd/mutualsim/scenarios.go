package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"mutualsim/inputs"
	"mutualsim/scenarios"
)

func newScenariosCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use: "scenarios",
		Example: `  mutualsim scenarios list
  mutualsim scenarios show pension-open-access
  mutualsim scenarios validate examples/my-scenario.yaml`,
		Short: "List, show and validate scenarios",
		Long: `A scenario is a YAML, TOML or JSON file that names its levers by section and
may extend another scenario, naming only what differs. The built-in library
holds the scenarios of the source documents; "mutualsim scenarios show NAME"
prints any of them in full.`,
	}
	cmd.AddCommand(newScenariosListCmd(stdout), newScenariosShowCmd(stdout), newScenariosValidateCmd(stdout, stderr))
	return cmd
}

func newScenariosListCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:     "list",
		Example: `  mutualsim scenarios list`,
		Short:   "List the built-in scenarios, the scenario each is compared with and the question it asks",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "scenario\tcompared with\tquestion")
			for _, name := range scenarios.Names() {
				s, err := scenarios.Load(name, scenarios.LoadOptions{})
				if err != nil {
					return fmt.Errorf("built-in %s: %w", name, err)
				}
				cmp := s.CompareTo
				if cmp == "" {
					cmp = "–"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", name, cmp, s.Question)
			}
			return tw.Flush()
		},
	}
}

func newScenariosShowCmd(stdout io.Writer) *cobra.Command {
	var levers bool
	var set []string
	cmd := &cobra.Command{
		Use: "show NAME|FILE",
		Example: `  mutualsim scenarios show right-to-provide
  mutualsim scenarios show examples/my-scenario.yaml`,
		Short: "Print a scenario fully resolved, or with --levers a table of every lever",
		Long: `Show prints the scenario with its extends chain, MUTUALSIM_* variables and
--set applied: every lever by section and the timeline, as a scenario file
that runs the same. With --levers it prints a table of every lever: value
(* where it differs from the default or the timeline changes it), default,
unit, range, timeline changes and description.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := scenarios.Load(args[0], scenarios.LoadOptions{Env: scenarios.Environment(os.Environ()), Set: set})
			if err != nil {
				return err
			}
			if levers {
				return s.WriteLeverTable(stdout)
			}
			return scenarios.WriteYAML(stdout, s)
		},
	}
	cmd.Flags().BoolVar(&levers, "levers", false, "print a table of every lever instead")
	cmd.Flags().StringArrayVar(&set, "set", nil, "set a lever, as section.lever=value (repeatable)")
	return cmd
}

func newScenariosValidateCmd(stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:     "validate FILE...",
		Example: `  mutualsim scenarios validate examples/my-scenario.yaml mine.toml`,
		Short:   "Check scenario files without running them",
		Long: `Validate checks each scenario file (or built-in name) and its extends chain,
and reports every problem with its file, line, key, value and what was
expected. Environment variables are not applied. It exits with code 2 if any
scenario is invalid.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			bad := 0
			for _, ref := range args {
				s, err := scenarios.Load(ref, scenarios.LoadOptions{})
				if err != nil {
					bad++
					var ps inputs.Problems
					if errors.As(err, &ps) {
						for _, p := range ps {
							fmt.Fprintln(stderr, p)
						}
						continue
					}
					fmt.Fprintf(stderr, "%s: %v\n", ref, err)
					continue
				}
				fmt.Fprintf(stdout, "%s: ok (%s, %s scale, %d-%d, %d timeline changes)\n", ref, s.Name, s.Scale, s.StartYear, s.EndYear(), len(s.Timeline))
			}
			if bad > 0 {
				return fmt.Errorf("%d of %d scenarios invalid", bad, len(args))
			}
			return nil
		},
	}
}
