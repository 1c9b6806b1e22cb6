package agents

import "fmt"

// Kind is the kind of a provider (MODEL.md §2).
type Kind uint8

// The provider kinds.
const (
	NHS     Kind = iota // in-house provider arm or NHS trust
	Mutual              // employee- or community-owned public-benefit organisation spun out of the NHS
	Private             // investor-owned firm
	JV                  // joint venture of a mutual and a private or third-sector partner [J]
	NumKinds
)

// String returns the lower-case name of the kind used in output files.
func (k Kind) String() string {
	switch k {
	case NHS:
		return "nhs"
	case Mutual:
		return "mutual"
	case Private:
		return "private"
	case JV:
		return "jv"
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Kinds returns every provider kind in output order.
func Kinds() []Kind { return []Kind{NHS, Mutual, Private, JV} }

// Independent reports whether the kind is outside the NHS, so that NHS
// Pension Scheme access rules apply to its staff.
func (k Kind) Independent() bool { return k != NHS }
