package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/scenarios"
)

// completeScenarios offers the built-in scenarios' names, and lets the
// shell complete file names too (a scenario may be a file).
func completeScenarios(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	return withPrefix(scenarios.Names(), prefix), cobra.ShellCompDirectiveDefault
}

// completeLevers offers "section.lever=" for --set: the lever's key, then
// for a lever with a few values (a choice, true or false) those values.
func completeLevers(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	if name, _, ok := strings.Cut(prefix, "="); ok {
		l, ok := inputs.LeverByName(name)
		var values []string
		switch {
		case !ok:
		case l.Kind == inputs.KindEnum:
			values = l.Allowed
		case l.Kind == inputs.KindBool:
			values = []string{"true", "false"}
		}
		var out []string
		for _, v := range values {
			out = append(out, name+"="+v)
		}
		return withPrefix(out, prefix), cobra.ShellCompDirectiveNoFileComp
	}
	var keys []string
	for _, l := range inputs.Levers() {
		keys = append(keys, l.Name+"=")
	}
	return withPrefix(keys, prefix), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// completeMeasures offers measure names for a comma-separated list.
func completeMeasures(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	done, last := "", prefix
	if i := strings.LastIndex(prefix, ","); i >= 0 {
		done, last = prefix[:i+1], prefix[i+1:]
	}
	var out []string
	for _, m := range withPrefix(measureNames(), last) {
		out = append(out, done+m)
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

func fixed(values ...string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		return withPrefix(values, prefix), cobra.ShellCompDirectiveNoFileComp
	}
}

func withPrefix(values []string, prefix string) []string {
	var out []string
	for _, v := range values {
		if strings.HasPrefix(v, prefix) {
			out = append(out, v)
		}
	}
	return out
}

// registerCompletions gives the shell completion (mutualsim completion
// bash|zsh|fish|powershell) what to offer: scenario names as arguments of
// the commands that take scenarios and for --scenario, scales for
// --scale, lever keys for --set, measure names for --measures, formats for
// --format.
func registerCompletions(root *cobra.Command) {
	flags := map[string]cobra.CompletionFunc{
		"scenario": completeScenarios,
		"scale":    fixed(inputs.ScaleNames()...),
		"set":      completeLevers,
		"measures": completeMeasures,
		"format":   fixed(string(outputs.CSV), string(outputs.Parquet)),
	}
	takesScenarios := map[string]bool{"batch": true, "compare": true, "show": true}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if fn, ok := flags[f.Name]; ok {
				// Registering twice is an error only for the same flag.
				_ = c.RegisterFlagCompletionFunc(f.Name, fn)
			}
		})
		if takesScenarios[c.Name()] && c.ValidArgsFunction == nil {
			c.ValidArgsFunction = completeScenarios
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
