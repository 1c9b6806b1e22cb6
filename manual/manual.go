// Package manual holds the pages of mutualsim's command manual: one
// Markdown file per command, named after its path ("mutualsim-run.md" for
// "mutualsim run"), embedded in the binary. The command line takes its
// help text from them, the browser UI shows them beside its controls, and
// they read as documentation on their own.
//
// A page is a title line "# mutualsim run — One-line summary", the long
// description, and optionally a "## Examples" section of command lines
// indented by four spaces.
package manual

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

//go:embed *.md
var pages embed.FS

// Page is a command's manual page.
type Page struct {
	// Path is the command's path, as "mutualsim scenarios show".
	Path string
	// Short is the one-line summary.
	Short string
	// Long is the description, without the title and examples.
	Long string
	// Examples are the example command lines, one per line, each
	// indented by two spaces as cobra prints them.
	Examples string
}

// examplesHeading starts a page's examples section.
const examplesHeading = "\n## Examples\n\n"

// exampleIndent is the indentation of an example line in a page (a
// Markdown code block) and in the command line's help.
const (
	exampleIndent = "    "
	helpIndent    = "  "
)

// Lookup returns the page of the command with the given path ("mutualsim
// run"), or an error naming the file it expected.
func Lookup(path string) (Page, error) {
	name := FileName(path)
	p, err := LookupFile(name)
	if err != nil {
		return Page{}, err
	}
	if p.Path != path {
		return Page{}, fmt.Errorf("manual: %s: the title names %q, expected %q", name, p.Path, path)
	}
	return p, nil
}

// LookupFile returns the page in the named file, one of Files.
func LookupFile(name string) (Page, error) {
	b, err := pages.ReadFile(name)
	if err != nil {
		return Page{}, fmt.Errorf("manual: no page %s", name)
	}
	p, err := parse(string(b))
	if err != nil {
		return Page{}, fmt.Errorf("manual: %s: %w", name, err)
	}
	return p, nil
}

// FileName returns the file name of a command's page.
func FileName(path string) string {
	return strings.Join(strings.Fields(path), "-") + ".md"
}

// Files returns the file names of every page, sorted.
func Files() []string {
	names, _ := fs.Glob(pages, "*.md") // the pattern is valid
	slices.Sort(names)
	return names
}

// parse reads a page.
func parse(text string) (Page, error) {
	title, rest, _ := strings.Cut(text, "\n")
	title, ok := strings.CutPrefix(title, "# ")
	if !ok {
		return Page{}, fmt.Errorf("line 1: expected a title \"# mutualsim COMMAND — summary\", found %q", title)
	}
	path, short, ok := strings.Cut(title, " — ")
	if !ok {
		return Page{}, fmt.Errorf("line 1: the title %q has no \" — \" before its summary", title)
	}
	p := Page{Path: path, Short: short}
	long, examples, hasExamples := strings.Cut(rest, examplesHeading)
	p.Long = strings.TrimSpace(long)
	if hasExamples {
		var lines []string
		for _, l := range strings.Split(strings.TrimRight(examples, "\n"), "\n") {
			cmd, ok := strings.CutPrefix(l, exampleIndent)
			if !ok {
				return Page{}, fmt.Errorf("examples: the line %q is not indented by four spaces", l)
			}
			lines = append(lines, helpIndent+cmd)
		}
		p.Examples = strings.Join(lines, "\n")
	}
	return p, nil
}
