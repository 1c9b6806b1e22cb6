package inputs

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Problem is one thing wrong with a scenario: where it is (file and line,
// when it comes from a file), the dotted key, and a message that names the
// key, the value and what was expected.
type Problem struct {
	File string // the file, "environment", "--set", or "" when built in code
	Line int    // 1-based; 0 when unknown
	Key  string // dotted key, e.g. "pension.access" or "timeline[2].year"
	Msg  string

	Related []string // other keys the problem joins, for locating it in a file
}

// String formats the problem as "file:line: message".
func (p Problem) String() string {
	switch {
	case p.File != "" && p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	case p.File != "":
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	}
	return p.Msg
}

// Problems is every problem found in a scenario; as an error it lists one
// per line.
type Problems []Problem

// Error lists the problems one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Sort orders problems by file (in the given order), then line, then
// message, and drops exact duplicates.
func (ps Problems) Sort(fileOrder []string) Problems {
	rank := func(f string) int {
		if i := slices.Index(fileOrder, f); i >= 0 {
			return i
		}
		return len(fileOrder)
	}
	out := slices.Clone(ps)
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(rank(a.File), rank(b.File)), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.CompactFunc(out, func(a, b Problem) bool {
		return a.File == b.File && a.Line == b.Line && a.Key == b.Key && a.Msg == b.Msg
	})
}

func problemf(key, format string, args ...any) Problem {
	return Problem{Key: key, Msg: fmt.Sprintf(format, args...)}
}

// DidYouMean returns ", did you mean X?" for the candidate closest to name
// (Closest), or "" when none is close.
func DidYouMean(name string, candidates []string) string {
	if c := Closest(name, candidates); c != "" {
		return fmt.Sprintf(", did you mean %q?", c)
	}
	return ""
}
