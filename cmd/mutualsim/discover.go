package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"mutualsim/discover"
)

func newDiscoverCmd(stdout, stderr io.Writer) *cobra.Command {
	var where string
	var year int
	var quiet, force bool
	var rf reportFlags
	s := discover.DefaultSettings(0)
	minLeaf := 0
	cmd := &cobra.Command{
		Use: "discover SWEEP_FOLDER --where CONDITION",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("expected one sweep folder, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("where") {
				return errors.New("--where: say which runs to explain, e.g. --where \"share_private > 0.3\"")
			}
			started := time.Now()
			res, err := discover.Discover(args[0], where, year, func(cases int) discover.Settings {
				t := s
				t.Tree = discover.DefaultTreeOptions(cases)
				t.Tree.MaxDepth = s.Tree.MaxDepth
				if minLeaf > 0 {
					t.Tree.MinLeaf = minLeaf
				}
				return t
			})
			if err != nil {
				return err
			}
			if err := discover.Write(res, force); err != nil {
				return err
			}
			if !quiet {
				if err := res.WriteText(stdout); err != nil {
					return err
				}
				fmt.Fprintf(stderr, "wrote %s and its tables in %s in %s\n", discover.ManifestName, args[0], time.Since(started).Round(time.Millisecond))
			}
			return writeReport(args[0], rf, quiet, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&where, "where", "", "the runs to explain: outcome comparisons joined with and, e.g. \"share_private > 0.3 and hhi_regional >= 2000\"")
	fl.IntVar(&year, "year", 0, "the year of the outcomes (default: the last the sweep read)")
	fl.IntVar(&s.Box, "box", -1, "report box `K` of the peeling trajectory (default: the one with the most coverage whose density is within a standard error of the densest's with at least --min-coverage)")
	fl.Float64Var(&s.Alpha, "peel-alpha", s.Alpha, "share of a box's runs one peel removes")
	fl.Float64Var(&s.PasteAlpha, "paste-alpha", s.PasteAlpha, "share of a box's runs one paste adds")
	fl.Float64Var(&s.MinMass, "min-mass", s.MinMass, "smallest share of the runs a box may keep")
	fl.Float64Var(&s.MinCoverage, "min-coverage", s.MinCoverage, "least coverage of the box chosen when --box is not given")
	fl.Float64Var(&s.MaxQP, "max-qp", s.MaxQP, "drop restrictions whose quasi-p-value is above this (1 keeps every one)")
	fl.IntVar(&s.Resamples, "resamples", s.Resamples, "half-samples PRIM runs on again to count how often each lever is restricted")
	fl.IntVar(&s.Tree.MaxDepth, "tree-depth", 3, "levels of splits of the CART tree")
	fl.IntVar(&minLeaf, "min-leaf", 0, "fewest runs in a leaf of the tree (default: 1% of the runs, at least 5)")
	fl.BoolVar(&force, "force", false, "replace the discovery the folder holds")
	fl.BoolVarP(&quiet, "quiet", "q", false, "print nothing but errors")
	rf.register(fl)
	return cmd
}
