package scenarios

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// source is one parsed scenario file.
type source struct {
	id      string         // identity for cycle detection: "builtin:NAME" or a resolved absolute path
	display string         // how messages name it
	dir     string         // folder that relative extends are resolved against; "" for a built-in
	stem    string         // file name without extension
	root    *node          // the parsed content
	lines   map[string]int // dotted key → line where the file gives it
}

// formatOf returns the format of a scenario file from its extension.
func formatOf(name string) (string, bool) {
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

// newSource parses a scenario file's bytes. Scenario files are read with
// the parsers viper uses (go.yaml.in/yaml/v3, pelletier/go-toml/v2,
// encoding/json) but not through viper's merged view, which drops keys with
// no value, merges keys that differ in case and loses positions, all of
// which a scenario's errors must report.
func newSource(display, format string, b []byte) (*source, *Problem) {
	root, err := parseNodes(format, b)
	if err != nil {
		line := 0
		if pe, ok := err.(*parseError); ok {
			line = pe.line
		}
		return nil, &Problem{File: display, Line: line, Msg: err.Error()}
	}
	src := &source{display: display, root: root, lines: map[string]int{}}
	var index func(n *node, path string)
	index = func(n *node, path string) {
		if path != "" {
			src.lines[path] = n.line
		}
		switch n.kind {
		case mapNode:
			for _, k := range n.keys {
				index(n.fields[k], join(path, k))
			}
		case listNode:
			for i, it := range n.items {
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

// tomlLines indexes the lines of keys in a TOML scenario file written in the
// usual way: [section] and [[timeline]] headers, key = value lines, and
// inline tables on one line. Keys written otherwise get the line of the
// nearest enclosing key.
func tomlLines(b []byte) map[string]int {
	lines := map[string]int{}
	table := ""
	arrays := map[string]int{}
	for i, line := range strings.Split(string(b), "\n") {
		n := i + 1
		if m := tomlArrayRe.FindStringSubmatch(line); m != nil {
			name := strings.ToLower(unquote(m[1]))
			table = fmt.Sprintf("%s[%d]", name, arrays[name])
			arrays[name]++
			lines[table] = n
			continue
		}
		if m := tomlTableRe.FindStringSubmatch(line); m != nil {
			name := strings.ToLower(unquote(m[1]))
			// A sub-table of the current array item, such as [timeline.set].
			if parent, sub, ok := strings.Cut(name, "."); ok && arrays[parent] > 0 {
				name = fmt.Sprintf("%s[%d].%s", parent, arrays[parent]-1, sub)
			}
			table = name
			lines[table] = n
			continue
		}
		m := tomlKeyRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		key := join(table, strings.ToLower(unquote(m[1])))
		if _, seen := lines[key]; !seen {
			lines[key] = n
		}
		if open := strings.Index(line, "{"); open >= 0 {
			for _, km := range tomlInlRe.FindAllStringSubmatch(line[open:], -1) {
				k := join(key, strings.ToLower(unquote(km[1])))
				if _, seen := lines[k]; !seen {
					lines[k] = n
				}
			}
		}
	}
	return lines
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// line returns the line of key in the source, or of the nearest enclosing
// key that it gives, or 0.
func (s *source) line(key string) int {
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
