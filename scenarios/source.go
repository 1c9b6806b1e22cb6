package scenarios

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

// source is one parsed scenario file.
type source struct {
	id      string         // identity for cycle detection: "builtin:NAME" or an absolute path
	display string         // how messages name it
	dir     string         // folder that relative extends are resolved against; "" for a built-in
	stem    string         // file name without extension
	data    map[string]any // parsed content, keys lower-cased
	lines   map[string]int // dotted key → line where the file gives it
}

// formatOf returns the viper config type for a file name's extension.
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

// parseSource reads a scenario file's bytes with viper and indexes the line
// of every key. A malformed file gives one problem with the line of the
// error where the parser reports it.
func parseSource(display, format string, b []byte) (map[string]any, map[string]int, *Problem) {
	if line, deep := tooDeep(format, b); deep {
		return nil, nil, &Problem{File: display, Line: line, Msg: fmt.Sprintf("nested more than %d levels deep; a scenario needs at most six", maxDepth)}
	}
	v := viper.New()
	v.SetConfigType(format)
	if err := v.ReadConfig(bytes.NewReader(b)); err != nil {
		return nil, nil, &Problem{File: display, Line: errorLine(err, b), Msg: fmt.Sprintf("malformed %s: %s", strings.ToUpper(format), parseMessage(err))}
	}
	var lines map[string]int
	if format == "toml" {
		lines = tomlLines(b)
	} else {
		lines = yamlLines(b) // JSON is YAML too
	}
	return v.AllSettings(), lines, nil
}

// maxDepth is the deepest nesting a scenario file may have. A scenario needs
// six levels (timeline, item, set, section, lever, schedule); much deeper
// input would only slow the parser down.
const maxDepth = 12

// tooDeep reports whether a document nests deeper than maxDepth, and for
// YAML and JSON the line where it does.
func tooDeep(format string, b []byte) (int, bool) {
	if format == "toml" {
		var doc map[string]any
		if toml.Unmarshal(b, &doc) != nil {
			return 0, false // the parser reports the error
		}
		return 0, depth(doc) > maxDepth
	}
	var root yaml.Node
	if yaml.Unmarshal(b, &root) != nil {
		return 0, false // the parser reports the error
	}
	var walk func(n *yaml.Node, depth int) (int, bool)
	walk = func(n *yaml.Node, depth int) (int, bool) {
		if depth > maxDepth {
			return n.Line, true
		}
		for _, c := range n.Content {
			if line, deep := walk(c, depth+1); deep {
				return line, true
			}
		}
		return 0, false
	}
	return walk(&root, 0)
}

// depth returns how deeply maps and lists nest in v.
func depth(v any) int {
	d := 0
	switch x := v.(type) {
	case map[string]any:
		for _, c := range x {
			d = max(d, depth(c))
		}
	case []any:
		for _, c := range x {
			d = max(d, depth(c))
		}
	default:
		return 0
	}
	return d + 1
}

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

// errorLine finds the line of a parse error: from go-toml's position, from
// encoding/json's offset, or from "line N" in a YAML message.
func errorLine(err error, b []byte) int {
	var te *toml.DecodeError
	if errors.As(err, &te) {
		row, _ := te.Position()
		return row
	}
	var je *json.SyntaxError
	if errors.As(err, &je) {
		return 1 + bytes.Count(b[:min(int(je.Offset), len(b))], []byte("\n"))
	}
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) {
		return 1 + bytes.Count(b[:min(int(ute.Offset), len(b))], []byte("\n"))
	}
	if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// parseMessage strips viper's "While parsing config:" prefix and a YAML
// "line N:" that errorLine already reports.
func parseMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "While parsing config: ")
	msg = yamlLineRe.ReplaceAllString(msg, "")
	msg = strings.ReplaceAll(msg, "yaml: :", "yaml:")
	return strings.TrimSpace(strings.ReplaceAll(msg, "  ", " "))
}

// yamlLines walks a YAML (or JSON) document and returns the line of every
// key by its dotted path, with list items as "key[i]". Keys are lower-cased
// as viper lower-cases them.
func yamlLines(b []byte) map[string]int {
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil
	}
	lines := map[string]int{}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := join(path, strings.ToLower(n.Content[i].Value))
				if _, seen := lines[k]; !seen {
					lines[k] = n.Content[i].Line
				}
				walk(n.Content[i+1], k)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				k := fmt.Sprintf("%s[%d]", path, i)
				lines[k] = c.Line
				walk(c, k)
			}
		}
	}
	walk(&root, "")
	return lines
}

var (
	tomlTableRe = regexp.MustCompile(`^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$`)
	tomlArrayRe = regexp.MustCompile(`^\s*\[\[\s*([^\[\]]+?)\s*\]\]\s*(#.*)?$`)
	tomlKeyRe   = regexp.MustCompile(`^\s*("[^"]+"|'[^']+'|[A-Za-z0-9_.-]+)\s*=`)
	tomlInlRe   = regexp.MustCompile(`("[^"]+"|'[^']+'|[A-Za-z0-9_.-]+)\s*=`)
)

// tomlLines indexes the lines of keys in a TOML scenario file written in the
// usual way: [section] and [[timeline]] headers, key = value lines, and
// inline tables on one line.
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
		if n, ok := s.lines[k]; ok {
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
