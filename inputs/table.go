package inputs

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/tabwriter"
)

// WriteLeverTable writes a table of every lever: its value in the scenario
// (marked * where it differs from the default), the default, unit, range,
// the timeline's changes to it, and its description.
func (s *Scenario) WriteLeverTable(w io.Writer) error {
	changes := map[string][]string{}
	for _, ch := range s.Timeline {
		for _, a := range ch.Set {
			if l, ok := LeverByName(a.Lever); ok {
				changes[a.Lever] = append(changes[a.Lever], fmt.Sprintf("%d: %s", ch.Year, l.Format(a.Value)))
			}
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "lever\tvalue\tdefault\tunit\trange\ttimeline\tdescription")
	for _, l := range leverList {
		v := l.Get(s.Params)
		mark := " "
		if !reflect.DeepEqual(v, l.Default) || len(changes[l.Name]) > 0 {
			mark = "*"
		}
		fmt.Fprintf(tw, "%s\t%s %s\t%s\t%s\t%s\t%s\t%s\n", l.Name, mark, l.Format(v), l.Format(l.Default), l.Unit, l.Range(),
			strings.Join(changes[l.Name], ", "), l.Desc)
	}
	return tw.Flush()
}
