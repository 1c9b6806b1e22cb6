package manual

import (
	"fmt"
	"strings"
	"testing"
)

func TestEveryPageReads(t *testing.T) {
	files := Files()
	if len(files) < 10 {
		t.Fatalf("%d pages embedded, expected one per command", len(files))
	}
	for _, f := range files {
		b, err := pages.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := parse(string(b))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if FileName(p.Path) != f {
			t.Errorf("%s: the title names %q, whose page is %s", f, p.Path, FileName(p.Path))
		}
		if p.Short == "" || strings.HasSuffix(p.Short, ".") {
			t.Errorf("%s: summary %q: want a phrase without a full stop, as cobra prints it in lists", f, p.Short)
		}
		if _, err := Lookup(p.Path); err != nil {
			t.Error(err)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       Page
		err        string
	}{
		{name: "title only", text: "# mutualsim x — Do x\n", want: Page{Path: "mutualsim x", Short: "Do x"}},
		{name: "long and examples",
			text: "# mutualsim x — Do x\n\nX does x.\n\nTwice.\n\n## Examples\n\n    mutualsim x\n    mutualsim x --y\n",
			want: Page{Path: "mutualsim x", Short: "Do x", Long: "X does x.\n\nTwice.", Examples: "  mutualsim x\n  mutualsim x --y"}},
		{name: "no title", text: "mutualsim x — Do x\n", err: "line 1: expected a title"},
		{name: "no summary", text: "# mutualsim x\n", err: "has no \" — \""},
		{name: "example not indented", text: "# mutualsim x — Do x\n\n## Examples\n\nmutualsim x\n", err: "not indented"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parse(tc.text)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

func TestLookupMissing(t *testing.T) {
	if _, err := Lookup("mutualsim no-such"); err == nil || !strings.Contains(err.Error(), "mutualsim-no-such.md") {
		t.Fatalf("error %v, want one naming the page expected", err)
	}
}

func ExampleLookup() {
	p, err := Lookup("mutualsim run")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Short)
	fmt.Println(strings.Split(p.Examples, "\n")[0])
	// Output:
	// Run a scenario and write its run folder
	//   mutualsim run
}
