package scenarios

import (
	"embed"
	"slices"
)

//go:embed library/*.yaml
var library embed.FS

// Names returns the built-in scenarios in the order they are listed and run
// by a batch: the baseline first, then the policy variants.
func Names() []string {
	return []string{
		"baseline", "right-to-provide", "pension-open-access", "pension-none", "reserved-contracts",
		"reserved-contracts-2023", "teckal-direct-award", "no-competition", "open-market-bundled",
		"community-governance", "startup-support", "commissioning-academy", "short-contracts",
		"long-contracts", "provider-selection-regime-2024", "policy-path-2010-2015",
		"teckal-company", "joint-ventures", "transforming-community-services", "gloucestershire-2012",
	}
}

// builtin returns the file of the named built-in scenario.
func builtin(name string) ([]byte, bool) {
	if !slices.Contains(Names(), name) {
		return nil, false
	}
	b, err := library.ReadFile("library/" + name + ".yaml")
	return b, err == nil
}

// Builtin returns the YAML source of the named built-in scenario, as shipped.
func Builtin(name string) ([]byte, bool) { return builtin(name) }
