package document

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// A Node is one value of a scenario file, kept with the line where the file
// gives it. Unlike a merged configuration map, nodes keep keys with no
// value, keys in their file order, and every key's line, so that a problem
// can name exactly what is wrong and where.
type Node struct {
	Kind   NodeKind
	Line   int
	Keys   []string         // map: lower-cased keys in file order
	Fields map[string]*Node // map: by lower-cased key
	Items  []*Node          // list
	Value  any              // scalar: string, bool, int64, uint64 or float64
}

// A NodeKind is what a Node holds: nothing, a scalar, a map or a list.
type NodeKind int

// The kinds of node.
const (
	NullNode NodeKind = iota
	ScalarNode
	MapNode
	ListNode
)

// Limits on a scenario file: a scenario needs six levels of nesting
// (timeline, item, set, section, lever, schedule) and a few thousand values;
// much more would only slow the parsers down.
const (
	maxDepth = 12
	maxNodes = 200000
)

// Plain returns the node's value as plain Go values: nil, a scalar,
// map[string]any or []any.
func (n *Node) Plain() any {
	switch n.Kind {
	case ScalarNode:
		return n.Value
	case MapNode:
		m := make(map[string]any, len(n.Keys))
		for _, k := range n.Keys {
			m[k] = n.Fields[k].Plain()
		}
		return m
	case ListNode:
		out := make([]any, len(n.Items))
		for i, it := range n.Items {
			out[i] = it.Plain()
		}
		return out
	}
	return nil
}

// parseError is a problem found while reading a file, with its line.
type parseError struct {
	Line int
	msg  string
}

func (e *parseError) Error() string { return e.msg }

// numberRangeError is a number no float64 holds, such as 1e400, with the
// dotted key it was given for, filled in as it passes up through the maps
// and lists that hold it.
type numberRangeError struct {
	Line int
	key  string
	text string
}

func (e *numberRangeError) Error() string {
	return fmt.Sprintf("%s: %s is beyond the range of a number (about ±1.8e308)", e.key, e.text)
}

// under prefixes the key with the map key or list index that holds it.
func (e *numberRangeError) under(parent string) {
	switch {
	case e.key == "":
		e.key = parent
	case strings.HasPrefix(e.key, "["):
		e.key = parent + e.key
	default:
		e.key = parent + "." + e.key
	}
}

// builder turns parser output into nodes, enforcing the limits and
// rejecting keys that appear twice (also when they differ only in case).
type builder struct {
	count int
}

func (b *builder) newNode(kind NodeKind, line, depth int) (*Node, error) {
	b.count++
	if b.count > maxNodes {
		return nil, &parseError{line, fmt.Sprintf("more than %d values; a scenario needs far fewer", maxNodes)}
	}
	if depth > maxDepth {
		return nil, &parseError{line, fmt.Sprintf("nested more than %d levels deep; a scenario needs at most six", maxDepth)}
	}
	n := &Node{Kind: kind, Line: line}
	if kind == MapNode {
		n.Fields = map[string]*Node{}
	}
	return n, nil
}

func (b *builder) addField(m *Node, key string, keyLine int, v *Node) error {
	lk := strings.ToLower(key)
	if prev, ok := m.Fields[lk]; ok {
		return &parseError{keyLine, fmt.Sprintf("key %q is given twice (also on line %d); keys are not case-sensitive", key, prev.Line)}
	}
	m.Keys = append(m.Keys, lk)
	m.Fields[lk] = v
	return nil
}

// parseNodes reads a scenario file in the given format into nodes.
func parseNodes(format string, data []byte) (*Node, error) {
	var root *Node
	var err error
	switch format {
	case "yaml":
		root, err = parseYAML(data)
	case "json":
		root, err = parseJSON(data)
	case "toml":
		root, err = parseTOML(data)
	default:
		return nil, fmt.Errorf("unsupported format %q", format)
	}
	if err != nil {
		return nil, err
	}
	if root == nil || root.Kind == NullNode {
		return nil, &parseError{1, "the file holds no scenario; expected keys such as name, extends and lever sections"}
	}
	if root.Kind != MapNode {
		return nil, &parseError{root.Line, "expected a mapping of keys (name: ..., pension: ...) at the top of the file"}
	}
	return root, nil
}

// parseYAML reads one YAML document, following anchors and aliases.
func parseYAML(data []byte) (*Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, &parseError{yamlErrorLine(err), "malformed YAML: " + yamlMessage(err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &parseError{extra.Line, "more than one YAML document (---); a scenario file holds one"}
	} else if !errors.Is(err, io.EOF) {
		return nil, &parseError{yamlErrorLine(err), "malformed YAML: " + yamlMessage(err)}
	}
	b := &builder{}
	var conv func(n *yaml.Node, depth int) (*Node, error)
	conv = func(n *yaml.Node, depth int) (*Node, error) {
		switch n.Kind {
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil, nil
			}
			return conv(n.Content[0], depth)
		case yaml.AliasNode:
			return conv(n.Alias, depth)
		case yaml.MappingNode:
			m, err := b.newNode(MapNode, n.Line, depth)
			if err != nil {
				return nil, err
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Kind != yaml.ScalarNode {
					return nil, &parseError{k.Line, "a key must be plain text"}
				}
				if k.Value == "<<" {
					return nil, &parseError{k.Line, "merge keys (<<) are not supported; use extends"}
				}
				child, err := conv(v, depth+1)
				if err != nil {
					return nil, err
				}
				if child == nil {
					child = &Node{Kind: NullNode}
				}
				child.Line = k.Line // a value is where its key is
				if err := b.addField(m, k.Value, k.Line, child); err != nil {
					return nil, err
				}
			}
			return m, nil
		case yaml.SequenceNode:
			l, err := b.newNode(ListNode, n.Line, depth)
			if err != nil {
				return nil, err
			}
			for _, c := range n.Content {
				child, err := conv(c, depth+1)
				if err != nil {
					return nil, err
				}
				l.Items = append(l.Items, child)
			}
			return l, nil
		case yaml.ScalarNode:
			s, err := b.newNode(ScalarNode, n.Line, depth)
			if err != nil {
				return nil, err
			}
			if n.Tag == "!!null" {
				s.Kind = NullNode
				return s, nil
			}
			v, err := yamlScalar(n)
			if err != nil {
				return nil, &parseError{n.Line, err.Error()}
			}
			s.Value = v
			return s, nil
		}
		return nil, &parseError{n.Line, "unexpected YAML content"}
	}
	return conv(&doc, 0)
}

// yamlScalar decodes a scalar by its resolved tag, keeping integers exact.
func yamlScalar(n *yaml.Node) (any, error) {
	switch n.Tag {
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, err
		}
		return b, nil
	case "!!int":
		return exactInt(strings.ReplaceAll(n.Value, "_", ""))
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, err
		}
		return f, nil
	case "!!str":
		return n.Value, nil
	}
	return nil, fmt.Errorf("values of type %s are not used in scenarios", n.Tag)
}

// exactInt parses an integer exactly: int64 if it fits, else uint64, else
// an error (never a rounded float).
func exactInt(s string) (any, error) {
	if i, err := strconv.ParseInt(s, 0, 64); err == nil {
		return i, nil
	}
	if u, err := strconv.ParseUint(s, 0, 64); err == nil {
		return u, nil
	}
	return nil, fmt.Errorf("the whole number %s is too large", s)
}

// yamlErrorLine finds the line in a YAML error message.
func yamlErrorLine(err error) int {
	if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

func yamlMessage(err error) string {
	msg := yamlLineRe.ReplaceAllString(err.Error(), "")
	msg = strings.ReplaceAll(msg, "yaml: :", "yaml:")
	return strings.TrimSpace(strings.ReplaceAll(msg, "  ", " "))
}

// parseJSON reads a JSON document token by token, with the line of every
// key, so that depth is bounded while reading rather than after.
func parseJSON(data []byte) (*Node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lineAt := func(off int64) int { return 1 + bytes.Count(data[:min(int(off), len(data))], []byte("\n")) }
	b := &builder{}
	var value func(tok json.Token, line, depth int) (*Node, error)
	value = func(tok json.Token, line, depth int) (*Node, error) {
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				m, err := b.newNode(MapNode, line, depth)
				if err != nil {
					return nil, err
				}
				for dec.More() {
					kt, err := dec.Token()
					if err != nil {
						return nil, jsonError(err, lineAt(dec.InputOffset()))
					}
					key, _ := kt.(string)
					kline := lineAt(dec.InputOffset())
					vt, err := dec.Token()
					if err != nil {
						return nil, jsonError(err, lineAt(dec.InputOffset()))
					}
					child, err := value(vt, lineAt(dec.InputOffset()), depth+1)
					var nr *numberRangeError
					if errors.As(err, &nr) {
						nr.under(key)
					}
					if err != nil {
						return nil, err
					}
					child.Line = kline
					if err := b.addField(m, key, kline, child); err != nil {
						return nil, err
					}
				}
				if _, err := dec.Token(); err != nil {
					return nil, jsonError(err, lineAt(dec.InputOffset()))
				}
				return m, nil
			case '[':
				l, err := b.newNode(ListNode, line, depth)
				if err != nil {
					return nil, err
				}
				for dec.More() {
					vt, err := dec.Token()
					if err != nil {
						return nil, jsonError(err, lineAt(dec.InputOffset()))
					}
					child, err := value(vt, lineAt(dec.InputOffset()), depth+1)
					var nr *numberRangeError
					if errors.As(err, &nr) {
						nr.under(fmt.Sprintf("[%d]", len(l.Items)))
					}
					if err != nil {
						return nil, err
					}
					l.Items = append(l.Items, child)
				}
				if _, err := dec.Token(); err != nil {
					return nil, jsonError(err, lineAt(dec.InputOffset()))
				}
				return l, nil
			}
		case nil:
			return b.newNode(NullNode, line, depth)
		}
		s, err := b.newNode(ScalarNode, line, depth)
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case json.Number:
			if v, err := exactInt(string(t)); err == nil {
				s.Value = v
			} else if f, err := t.Float64(); err == nil {
				s.Value = f
			} else if errors.Is(err, strconv.ErrRange) {
				return nil, &numberRangeError{Line: line, text: string(t)}
			} else {
				return nil, &parseError{line, fmt.Sprintf("malformed JSON: %v", err)}
			}
		case string, bool:
			s.Value = t
		}
		return s, nil
	}
	tok, err := dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, jsonError(err, lineAt(dec.InputOffset()))
	}
	root, err := value(tok, lineAt(dec.InputOffset()), 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &parseError{lineAt(dec.InputOffset()), "malformed JSON: more content after the top-level object"}
	}
	return root, nil
}

func jsonError(err error, line int) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &parseError{line, "malformed JSON: " + se.Error()}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &parseError{line, "malformed JSON: unexpected end of file"}
	}
	return &parseError{line, "malformed JSON: " + err.Error()}
}

// parseTOML reads a TOML document with go-toml and gives keys their lines
// from tomlLines. TOML has no null, so no key is without a value.
func parseTOML(data []byte) (*Node, error) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		line := 0
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ = de.Position()
		}
		line, key := tomlLocate(data, line)
		msg := strings.TrimPrefix(err.Error(), "toml: ")
		if strings.Contains(msg, "value out of range") && key != "" {
			text := strings.Split(string(data), "\n")[line-1]
			_, text, _ = strings.Cut(text, "=")
			text, _, _ = strings.Cut(text, "#")
			return nil, &parseError{line, fmt.Sprintf("%s: %s is beyond the range of a number (about ±1.8e308)", key, strings.TrimSpace(text))}
		}
		if key != "" {
			return nil, &parseError{line, fmt.Sprintf("%s: malformed TOML: %s", key, msg)}
		}
		return nil, &parseError{line, "malformed TOML: " + msg}
	}
	lines := tomlLines(data)
	b := &builder{}
	var conv func(v any, path string, depth int) (*Node, error)
	conv = func(v any, path string, depth int) (*Node, error) {
		line := lines[path]
		switch x := v.(type) {
		case map[string]any:
			m, err := b.newNode(MapNode, line, depth)
			if err != nil {
				return nil, err
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			// TOML tables have no order; sort by line, then name.
			slices.SortFunc(keys, func(a, c string) int {
				if la, lc := lines[Join(path, strings.ToLower(a))], lines[Join(path, strings.ToLower(c))]; la != lc {
					return la - lc
				}
				return strings.Compare(a, c)
			})
			for _, k := range keys {
				kp := Join(path, strings.ToLower(k))
				child, err := conv(x[k], kp, depth+1)
				if err != nil {
					return nil, err
				}
				if err := b.addField(m, k, lines[kp], child); err != nil {
					return nil, err
				}
			}
			return m, nil
		case []any:
			l, err := b.newNode(ListNode, line, depth)
			if err != nil {
				return nil, err
			}
			for i, it := range x {
				child, err := conv(it, fmt.Sprintf("%s[%d]", path, i), depth+1)
				if err != nil {
					return nil, err
				}
				l.Items = append(l.Items, child)
			}
			return l, nil
		}
		s, err := b.newNode(ScalarNode, line, depth)
		if err != nil {
			return nil, err
		}
		switch x := v.(type) {
		case int64, bool, string:
			s.Value = x
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, &parseError{line, "nan and inf are not allowed"}
			}
			s.Value = x
		case time.Time, toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
			return nil, &parseError{line, "dates and times are not used in scenarios"}
		default:
			return nil, &parseError{line, fmt.Sprintf("values like %v are not used in scenarios", x)}
		}
		return s, nil
	}
	return conv(doc, "", 0)
}

// WholeNumber returns v as an int64 if it is a whole number.
func WholeNumber(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), true
		}
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
	}
	return 0, false
}
