package document

import (
	"errors"
	"fmt"
	"mutualsim/inputs"
	"path/filepath"
	"regexp"
	"strings"
)

// A Source is one parsed scenario file.
type Source struct {
	ID      string         // identity for cycle detection: "builtin:NAME" or a resolved absolute path
	Display string         // how messages name it
	Dir     string         // folder that relative extends are resolved against; "" for a built-in
	Stem    string         // file name without extension
	Root    *Node          // the parsed content
	lines   map[string]int // dotted key → line where the file gives it
}

// FormatOf returns the format of a scenario file from its extension.
func FormatOf(name string) (string, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		return "yaml", true
	case ".toml":
		return "toml", true
	case ".json":
		return "json", true
	}
	return "", false
}

// NewSource parses a scenario file's bytes. Scenario files are read with
// the parsers viper uses (go.yaml.in/yaml/v3, pelletier/go-toml/v2,
// encoding/json) but not through viper's merged view, which drops keys with
// no value, merges keys that differ in case and loses positions, all of
// which a scenario's errors must report.
func NewSource(display, format string, b []byte) (*Source, *inputs.Problem) {
	root, err := parseNodes(format, b)
	if err != nil {
		line, key := 0, ""
		var pe *parseError
		var nr *numberRangeError
		switch {
		case errors.As(err, &pe):
			line = pe.Line
		case errors.As(err, &nr):
			line, key = nr.Line, nr.key
		}
		return nil, &inputs.Problem{File: display, Line: line, Key: key, Msg: err.Error()}
	}
	src := &Source{Display: display, Root: root, lines: map[string]int{}}
	var index func(n *Node, path string)
	index = func(n *Node, path string) {
		if path != "" {
			src.lines[path] = n.Line
		}
		switch n.Kind {
		case MapNode:
			for _, k := range n.Keys {
				index(n.Fields[k], Join(path, k))
			}
		case ListNode:
			for i, it := range n.Items {
				index(it, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	index(root, "")
	return src, nil
}

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

var (
	tomlTableRe = regexp.MustCompile(`^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$`)
	tomlArrayRe = regexp.MustCompile(`^\s*\[\[\s*([^\[\]]+?)\s*\]\]\s*(#.*)?$`)
	tomlKeyRe   = regexp.MustCompile(`^\s*("[^"]+"|'[^']+'|[A-Za-z0-9_.-]+)\s*=`)
	tomlInlRe   = regexp.MustCompile(`("[^"]+"|'[^']+'|[A-Za-z0-9_.-]+)\s*=`)
)

// tomlLines returns the line of every key of a TOML document: the first
// line it appears on.
func tomlLines(b []byte) map[string]int {
	lines := map[string]int{}
	tomlScan(b, func(key string, n int, _ bool) {
		if _, seen := lines[key]; !seen {
			lines[key] = n
		}
	})
	return lines
}

// tomlScan calls visit with the dotted key (lower case, array items
// indexed) and line of every table header and key of a TOML document, in
// order; header is true for a table header. It reads the layouts scenario
// files use, line by line, not the whole of TOML: it serves positions, not
// values.
func tomlScan(b []byte, visit func(key string, line int, header bool)) {
	table := ""
	arrays := map[string]int{}
	for i, line := range strings.Split(string(b), "\n") {
		n := i + 1
		if m := tomlArrayRe.FindStringSubmatch(line); m != nil {
			name := strings.ToLower(unquote(m[1]))
			table = fmt.Sprintf("%s[%d]", name, arrays[name])
			arrays[name]++
			visit(table, n, true)
			continue
		}
		if m := tomlTableRe.FindStringSubmatch(line); m != nil {
			name := strings.ToLower(unquote(m[1]))
			// A sub-table of the current array item, such as [timeline.set].
			if parent, sub, ok := strings.Cut(name, "."); ok && arrays[parent] > 0 {
				name = fmt.Sprintf("%s[%d].%s", parent, arrays[parent]-1, sub)
			}
			table = name
			visit(table, n, true)
			continue
		}
		m := tomlKeyRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		key := Join(table, strings.ToLower(unquote(m[1])))
		visit(key, n, false)
		if open := strings.Index(line, "{"); open >= 0 {
			for _, km := range tomlInlRe.FindAllStringSubmatch(line[open:], -1) {
				visit(Join(key, strings.ToLower(unquote(km[1]))), n, false)
			}
		}
	}
}

// tomlLocate finds what a TOML parser's error is about when the parser
// gives no position (a key or table defined twice: the second definition's
// line), and the key on a line it does give.
func tomlLocate(b []byte, line int) (int, string) {
	if line > 0 {
		key := ""
		tomlScan(b, func(k string, n int, header bool) {
			if n == line && !header && key == "" {
				key = k
			}
		})
		return line, key
	}
	seen := map[string]bool{}
	dupLine, dupKey := 0, ""
	tomlScan(b, func(k string, n int, _ bool) {
		if seen[k] && dupLine == 0 {
			dupLine, dupKey = n, k
		}
		seen[k] = true
	})
	return dupLine, dupKey
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// Join returns the dotted key of key under path ("" for the top).
func Join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// Line returns the line of key in the source, or of the nearest enclosing
// key that it gives, or 0.
func (s *Source) Line(key string) int {
	for k := key; k != ""; {
		if n, ok := s.lines[k]; ok && n > 0 {
			return n
		}
		i := strings.LastIndexAny(k, ".[")
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return 0
}
