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
	}
	cmd.AddCommand(newScenariosListCmd(stdout), newScenariosShowCmd(stdout), newScenariosValidateCmd(stdout, stderr))
	return cmd
}

func newScenariosListCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:  "list",
		Args: cobra.NoArgs,
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
		Use:  "show NAME|FILE",
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
		Use:  "validate FILE...",
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
