package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"mutualsim/calibrate"
	"mutualsim/scenarios"
	"mutualsim/targets"
)

func newCalibrateCmd(stdout, stderr io.Writer) *cobra.Command {
	var out string
	var quiet, force bool
	var levers []string
	opt := calibrate.DefaultOptions()
	opt.Workers = 0 // one per CPU unless --workers or MUTUALSIM_WORKERS says
	var reps int
	cmd := &cobra.Command{
		Use: "calibrate TARGETS.yaml",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("expected one targets file, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			f, err := targets.Read(path)
			if err != nil {
				return err
			}
			if err := fitFromFlags(cmd, f, levers, &opt, &reps); err != nil {
				return err
			}
			p, err := calibrate.NewProblem(path, f, scenarios.Environment(os.Environ()), reps)
			if err != nil {
				return err
			}
			name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
			dir := cmp.Or(out, filepath.Join("results", fmt.Sprintf("calibrate-%s-%d", name, opt.Seed)))
			if !quiet {
				fmt.Fprintf(stderr, "calibrating %s of %s to %s: %s, %s after the prior's, %s a simulation\n",
					plural(len(p.Levers), "lever"), p.Scenario(), plural(len(f.Targets), "target"), plural(opt.Particles, "particle"), plural(opt.Generations, "generation"), plural(max(1, reps), "replication"))
				opt.Progress = func(g, done, accepted int) {
					if done%opt.Particles == 0 {
						fmt.Fprintf(stderr, "  generation %d: %d simulations, %d accepted\n", g, done, accepted)
					}
				}
			}
			opt.Workers = cmp.Or(opt.Workers, runtime.GOMAXPROCS(0))
			started := time.Now()
			obs, scales := p.Observed()
			gens, err := calibrate.Run(cmd.Context(), p.Params(), p.Simulate, obs, scales, opt)
			res := &calibrate.Result{Problem: p, Options: opt, Generations: gens}
			if errors.Is(err, calibrate.ErrTolerance) && len(gens) > 1 {
				res.Stopped = err.Error()
			} else if err != nil {
				return err
			}
			if err := res.Write(dir, path, force); err != nil {
				return outError(err)
			}
			if !quiet {
				if err := res.WriteText(stdout); err != nil {
					return err
				}
				fmt.Fprintf(stderr, "wrote %s in %s\n", dir, time.Since(started).Round(time.Millisecond))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&levers, "lever", nil, "fit `LEVER=MIN:MAX` with a uniform prior (repeatable; replaces the file's fit.levers)")
	fl.IntVar(&opt.Particles, "particles", 0, "particles per generation (default: the file's fit.particles, else 200)")
	fl.IntVar(&opt.Generations, "generations", 0, "generations after the prior's (default: the file's, else 6)")
	fl.Float64Var(&opt.Quantile, "quantile", 0, "each generation's tolerance: this quantile of the last one's distances (default: the file's, else 0.5)")
	fl.IntVar(&opt.MaxProposals, "max-proposals", opt.MaxProposals, "most simulations a generation may run, as a multiple of --particles")
	fl.IntVar(&reps, "replications", 0, "replications a simulation runs, compared by their mean (default: the file's fit.replications, else 1)")
	fl.Uint64Var(&opt.Seed, "seed", 0, "seed of the proposals and of each simulation's streams (default: the file's fit.seed, else 1)")
	registerWorkers(fl, &opt.Workers, "simulations run at once (0: one per CPU); results do not depend on it")
	fl.StringVar(&out, "out", "", "output folder (default results/calibrate-<targets file>-<seed>)")
	fl.BoolVar(&force, "force", false, "replace the results already in the output folder (only the files mutualsim wrote there)")
	fl.BoolVarP(&quiet, "quiet", "q", false, "print nothing but errors")
	return cmd
}

// fitFromFlags fills the sampler's options from the flags, else the
// targets file's fit section, else the defaults.
func fitFromFlags(cmd *cobra.Command, f *targets.File, levers []string, opt *calibrate.Options, reps *int) error {
	if len(levers) > 0 {
		fit := &targets.Fit{Levers: map[string][]float64{}}
		if f.Fit != nil {
			*fit = *f.Fit
			fit.Levers = map[string][]float64{}
		}
		for _, l := range levers {
			name, rng, ok := strings.Cut(l, "=")
			lo, hi, ok2 := strings.Cut(rng, ":")
			a, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
			b, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
			if !ok || !ok2 || err1 != nil || err2 != nil {
				return fmt.Errorf("--lever: %q, expected LEVER=MIN:MAX, such as support.spinout_rate=0.002:0.05", l)
			}
			fit.Levers[strings.TrimSpace(name)] = []float64{a, b}
		}
		var problems []string
		targets.CheckFit(fit, 0, func(_ int, format string, args ...any) {
			problems = append(problems, "--lever: "+strings.TrimPrefix(fmt.Sprintf(format, args...), "fit.levers: "))
		})
		if len(problems) > 0 {
			return errors.New(strings.Join(problems, "\n"))
		}
		f.Fit = fit
	}
	fit := f.Fit
	if fit == nil {
		fit = &targets.Fit{}
	}
	changed := cmd.Flags().Changed
	d := calibrate.DefaultOptions()
	if !changed("particles") {
		opt.Particles = cmp.Or(fit.Particles, d.Particles)
	}
	if !changed("generations") {
		opt.Generations = cmp.Or(fit.Generations, d.Generations)
	}
	if !changed("quantile") {
		opt.Quantile = cmp.Or(fit.Quantile, d.Quantile)
	}
	if !changed("seed") {
		opt.Seed = cmp.Or(fit.Seed, d.Seed)
	}
	if !changed("replications") {
		*reps = cmp.Or(fit.Replications, 1)
	}
	switch {
	case opt.Particles < 10 || opt.Particles > 100000:
		return fmt.Errorf("--particles: %d is out of range, expected [10, 100000]", opt.Particles)
	case opt.Generations < 0 || opt.Generations > 50:
		return fmt.Errorf("--generations: %d is out of range, expected [0, 50]", opt.Generations)
	case !(opt.Quantile >= 0.05 && opt.Quantile <= 0.95):
		return fmt.Errorf("--quantile: %g is out of range, expected [0.05, 0.95]", opt.Quantile)
	case opt.MaxProposals < 1 || opt.MaxProposals > 1000:
		return fmt.Errorf("--max-proposals: %d is out of range, expected [1, 1000]", opt.MaxProposals)
	case *reps < 1 || *reps > 1000:
		return fmt.Errorf("--replications: %d is out of range, expected [1, 1000]", *reps)
	}
	return nil
}

// plural writes a count with its noun: "1 lever", "2 levers".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
