package experiment

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"

	"mutualsim/inputs"
)

// ResultsDir is the folder the default result folders go in.
const ResultsDir = "results"

// VariantTag names a variant of the scenarios as written: "variant-" and
// 8 hex digits of a hash of what makes it one (overrides such as
// "pension.access=open" or "MUTUALSIM_PENSION_ACCESS=open", and run
// settings such as "--years=5"), or "" for none. A variant never takes
// the folder of the scenario as written, and the same variant always
// takes the same one.
func VariantTag(what []string) string {
	if len(what) == 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(strings.Join(what, "\n")))
	return "variant-" + hex.EncodeToString(sum[:])[:8]
}

// RunDir is the default folder of a scenario's run:
// results/<scenario>[-<variant tag>]-<seed>, with -until-<year> for a run
// that saves a checkpoint in year (0 for none).
func RunDir(s *inputs.Scenario, tag string, year int) string {
	name := s.Name
	if tag != "" {
		name += "-" + tag
	}
	name = fmt.Sprintf("%s-%d", name, s.Seed)
	if year != 0 {
		name += fmt.Sprintf("-until-%d", year)
	}
	return filepath.Join(ResultsDir, name)
}

// BatchDir is the default folder of a batch, comparison or branches:
// results/<kind>[-<variant tag>]-<suffix>, the suffix the seed (with the
// checkpoint's year for branches).
func BatchDir(kind, tag, suffix string) string {
	name := kind
	if tag != "" {
		name += "-" + tag
	}
	return filepath.Join(ResultsDir, name+"-"+suffix)
}
