package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mutualsim/inputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
)

// TestREADME checks that the README tells the truth about what it counts,
// quotes and lists.
func TestREADME(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "my-scenario.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	mechanisms := 0
	for _, l := range inputs.Levers() {
		if l.Section() == "mechanisms" {
			mechanisms++
		}
	}
	for _, want := range []string{
		"go run ./cmd/mutualsim run    #",
		"go test ./...                 #",
		string(example),
		fmt.Sprintf("%d measures of MODEL.md", len(sim.Measures())),
		fmt.Sprintf("lists all %d levers", len(inputs.Levers())),
		fmt.Sprintf("There are %d levers (%d of them the mechanism switches)", len(inputs.Levers()), mechanisms),
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("README does not contain %q", want)
		}
	}
	for _, name := range scenarios.Names() {
		if !strings.Contains(readme, "| `"+name+"` |") {
			t.Errorf("README's library table lacks %s", name)
		}
	}
	// The example validates.
	if _, err := scenarios.Load(filepath.Join("..", "..", "examples", "my-scenario.yaml"), scenarios.LoadOptions{}); err != nil {
		t.Errorf("examples/my-scenario.yaml: %v", err)
	}
}
