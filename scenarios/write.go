package scenarios

import (
	"fmt"
	"io"
	"mutualsim/inputs"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// WriteYAML writes the fully resolved scenario as a scenario file: every
// lever by section and the timeline, with no extends. Load reads it back to
// a scenario with the same Hash.
func WriteYAML(w io.Writer, s *inputs.Scenario) error {
	root := mapping()
	if len(s.Chain) > 0 {
		root.HeadComment = "resolved from " + strings.Join(s.Chain, " ← ")
	}
	add := func(m *yaml.Node, key string, v *yaml.Node) {
		m.Content = append(m.Content, scalar("!!str", key), v)
	}
	for _, kv := range []struct {
		key string
		val string
		tag string
	}{
		{"name", s.Name, "!!str"}, {"description", s.Description, "!!str"}, {"question", s.Question, "!!str"},
		{"compare_to", s.CompareTo, "!!str"}, {"caveat", s.Caveat, "!!str"},
		{"scale", s.Scale, "!!str"}, {"start_year", strconv.Itoa(s.StartYear), "!!int"}, {"years", strconv.Itoa(s.Years), "!!int"},
		{"seed", strconv.FormatUint(s.Seed, 10), "!!int"}, {"replications", strconv.Itoa(s.Replications), "!!int"},
	} {
		if kv.val == "" {
			continue
		}
		add(root, kv.key, scalar(kv.tag, kv.val))
	}
	levers := leverList
	for _, sec := range inputs.Sections() {
		m := mapping()
		for _, l := range levers {
			if l.Section() == sec {
				add(m, l.Key(), valueNode(&l, l.Get(s.Params)))
			}
		}
		add(root, sec, m)
	}
	if len(s.Timeline) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, ch := range s.Timeline {
			item := mapping()
			add(item, "year", scalar("!!int", strconv.Itoa(ch.Year)))
			set := mapping()
			for _, a := range ch.Set {
				l, ok := inputs.LeverByName(a.Lever)
				if !ok {
					return fmt.Errorf("timeline %d: unknown lever %q", ch.Year, a.Lever)
				}
				add(set, a.Lever, valueNode(&l, a.Value))
			}
			add(item, "set", set)
			seq.Content = append(seq.Content, item)
		}
		add(root, "timeline", seq)
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return fmt.Errorf("write scenario: %w", err)
	}
	return enc.Close()
}

// yamlFloat writes a float so that YAML reads it back as a float: whole
// numbers get ".0".
func yamlFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func scalar(tag, value string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
}

// valueNode writes a lever value as YAML: numbers, booleans and choices as
// scalars, a schedule as a flow mapping of year to value.
func valueNode(l *inputs.Lever, v any) *yaml.Node {
	switch x := v.(type) {
	case inputs.Schedule:
		m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		for _, st := range x {
			m.Content = append(m.Content, scalar("!!int", strconv.Itoa(st.Year)), scalar("!!float", yamlFloat(st.Value)))
		}
		return m
	case float64:
		return scalar("!!float", yamlFloat(x))
	case int:
		return scalar("!!int", strconv.Itoa(x))
	case bool:
		return scalar("!!bool", strconv.FormatBool(x))
	}
	return scalar("!!str", l.Format(v))
}
