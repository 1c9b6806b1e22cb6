package scenarios

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

// A node is one value of a scenario file, kept with the line where the file
// gives it. Unlike a merged configuration map, nodes keep keys with no
// value, keys in their file order, and every key's line, so that a problem
// can name exactly what is wrong and where.
type node struct {
	kind   nodeKind
	line   int
	keys   []string         // map: lower-cased keys in file order
	fields map[string]*node // map: by lower-cased key
	items  []*node          // list
	value  any              // scalar: string, bool, int64, uint64 or float64
}

type nodeKind int

const (
	nullNode nodeKind = iota
	scalarNode
	mapNode
	listNode
)

// Limits on a scenario file: a scenario needs six levels of nesting
// (timeline, item, set, section, lever, schedule) and a few thousand values;
// much more would only slow the parsers down.
const (
	maxDepth = 12
	maxNodes = 200000
)

// plain returns the node's value as plain Go values: nil, a scalar,
// map[string]any or []any.
func (n *node) plain() any {
	switch n.kind {
	case scalarNode:
		return n.value
	case mapNode:
		m := make(map[string]any, len(n.keys))
		for _, k := range n.keys {
			m[k] = n.fields[k].plain()
		}
		return m
	case listNode:
		out := make([]any, len(n.items))
		for i, it := range n.items {
			out[i] = it.plain()
		}
		return out
	}
	return nil
}

// parseError is a problem found while reading a file, with its line.
type parseError struct {
	line int
	msg  string
}

func (e *parseError) Error() string { return e.msg }

// numberRangeError is a number no float64 holds, such as 1e400, with the
// dotted key it was given for, filled in as it passes up through the maps
// and lists that hold it.
type numberRangeError struct {
	line int
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

func (b *builder) newNode(kind nodeKind, line, depth int) (*node, error) {
	b.count++
	if b.count > maxNodes {
		return nil, &parseError{line, fmt.Sprintf("more than %d values; a scenario needs far fewer", maxNodes)}
	}
	if depth > maxDepth {
		return nil, &parseError{line, fmt.Sprintf("nested more than %d levels deep; a scenario needs at most six", maxDepth)}
	}
	n := &node{kind: kind, line: line}
	if kind == mapNode {
		n.fields = map[string]*node{}
	}
	return n, nil
}

func (b *builder) addField(m *node, key string, keyLine int, v *node) error {
	lk := strings.ToLower(key)
	if prev, ok := m.fields[lk]; ok {
		return &parseError{keyLine, fmt.Sprintf("key %q is given twice (also on line %d); keys are not case-sensitive", key, prev.line)}
	}
	m.keys = append(m.keys, lk)
	m.fields[lk] = v
	return nil
}

// parseNodes reads a scenario file in the given format into nodes.
func parseNodes(format string, data []byte) (*node, error) {
	var root *node
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
	if root == nil || root.kind == nullNode {
		return nil, &parseError{1, "the file holds no scenario; expected keys such as name, extends and lever sections"}
	}
	if root.kind != mapNode {
		return nil, &parseError{root.line, "expected a mapping of keys (name: ..., pension: ...) at the top of the file"}
	}
	return root, nil
}

// parseYAML reads one YAML document, following anchors and aliases.
func parseYAML(data []byte) (*node, error) {
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
	var conv func(n *yaml.Node, depth int) (*node, error)
	conv = func(n *yaml.Node, depth int) (*node, error) {
		switch n.Kind {
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil, nil
			}
			return conv(n.Content[0], depth)
		case yaml.AliasNode:
			return conv(n.Alias, depth)
		case yaml.MappingNode:
			m, err := b.newNode(mapNode, n.Line, depth)
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
					child = &node{kind: nullNode}
				}
				child.line = k.Line // a value is where its key is
				if err := b.addField(m, k.Value, k.Line, child); err != nil {
					return nil, err
				}
			}
			return m, nil
		case yaml.SequenceNode:
			l, err := b.newNode(listNode, n.Line, depth)
			if err != nil {
				return nil, err
			}
			for _, c := range n.Content {
				child, err := conv(c, depth+1)
				if err != nil {
					return nil, err
				}
				l.items = append(l.items, child)
			}
			return l, nil
		case yaml.ScalarNode:
			s, err := b.newNode(scalarNode, n.Line, depth)
			if err != nil {
				return nil, err
			}
			if n.Tag == "!!null" {
				s.kind = nullNode
				return s, nil
			}
			v, err := yamlScalar(n)
			if err != nil {
				return nil, &parseError{n.Line, err.Error()}
			}
			s.value = v
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
func parseJSON(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lineAt := func(off int64) int { return 1 + bytes.Count(data[:min(int(off), len(data))], []byte("\n")) }
	b := &builder{}
	var value func(tok json.Token, line, depth int) (*node, error)
	value = func(tok json.Token, line, depth int) (*node, error) {
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				m, err := b.newNode(mapNode, line, depth)
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
					child.line = kline
					if err := b.addField(m, key, kline, child); err != nil {
						return nil, err
					}
				}
				if _, err := dec.Token(); err != nil {
					return nil, jsonError(err, lineAt(dec.InputOffset()))
				}
				return m, nil
			case '[':
				l, err := b.newNode(listNode, line, depth)
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
						nr.under(fmt.Sprintf("[%d]", len(l.items)))
					}
					if err != nil {
						return nil, err
					}
					l.items = append(l.items, child)
				}
				if _, err := dec.Token(); err != nil {
					return nil, jsonError(err, lineAt(dec.InputOffset()))
				}
				return l, nil
			}
		case nil:
			return b.newNode(nullNode, line, depth)
		}
		s, err := b.newNode(scalarNode, line, depth)
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case json.Number:
			if v, err := exactInt(string(t)); err == nil {
				s.value = v
			} else if f, err := t.Float64(); err == nil {
				s.value = f
			} else if errors.Is(err, strconv.ErrRange) {
				return nil, &numberRangeError{line: line, text: string(t)}
			} else {
				return nil, &parseError{line, fmt.Sprintf("malformed JSON: %v", err)}
			}
		case string, bool:
			s.value = t
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
func parseTOML(data []byte) (*node, error) {
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
	var conv func(v any, path string, depth int) (*node, error)
	conv = func(v any, path string, depth int) (*node, error) {
		line := lines[path]
		switch x := v.(type) {
		case map[string]any:
			m, err := b.newNode(mapNode, line, depth)
			if err != nil {
				return nil, err
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			// TOML tables have no order; sort by line, then name.
			slices.SortFunc(keys, func(a, c string) int {
				if la, lc := lines[join(path, strings.ToLower(a))], lines[join(path, strings.ToLower(c))]; la != lc {
					return la - lc
				}
				return strings.Compare(a, c)
			})
			for _, k := range keys {
				kp := join(path, strings.ToLower(k))
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
			l, err := b.newNode(listNode, line, depth)
			if err != nil {
				return nil, err
			}
			for i, it := range x {
				child, err := conv(it, fmt.Sprintf("%s[%d]", path, i), depth+1)
				if err != nil {
					return nil, err
				}
				l.items = append(l.items, child)
			}
			return l, nil
		}
		s, err := b.newNode(scalarNode, line, depth)
		if err != nil {
			return nil, err
		}
		switch x := v.(type) {
		case int64, bool, string:
			s.value = x
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, &parseError{line, "nan and inf are not allowed"}
			}
			s.value = x
		case time.Time, toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
			return nil, &parseError{line, "dates and times are not used in scenarios"}
		default:
			return nil, &parseError{line, fmt.Sprintf("values like %v are not used in scenarios", x)}
		}
		return s, nil
	}
	return conv(doc, "", 0)
}
