package agents

import "strings"

// Service is a community health service type that commissioners contract for
// (MODEL.md §2).
type Service uint8

// The services, in the order used for output and bundling.
const (
	CommunityNursing Service = iota
	Therapies
	UrgentCare
	MentalHealth
	LearningDisabilities
	ChildrensServices
	NumServices
)

// String returns the snake_case name of the service used in output files.
func (s Service) String() string {
	switch s {
	case CommunityNursing:
		return "community_nursing"
	case Therapies:
		return "therapies"
	case UrgentCare:
		return "urgent_care"
	case MentalHealth:
		return "mental_health"
	case LearningDisabilities:
		return "learning_disabilities"
	case ChildrensServices:
		return "childrens_services"
	}
	return "unknown"
}

// BudgetShare returns the service's share of a region's community-services
// workforce. The shares are an assumption recorded in docs/ODD.md.
func (s Service) BudgetShare() float64 {
	switch s {
	case CommunityNursing:
		return 0.35
	case Therapies:
		return 0.15
	case UrgentCare:
		return 0.12
	case MentalHealth:
		return 0.18
	case LearningDisabilities:
		return 0.08
	case ChildrensServices:
		return 0.12
	}
	return 0
}

// ServiceSet is a set of services, one bit per Service: the services a
// contract or lot covers.
type ServiceSet uint8

// Has reports whether s is in the set.
func (ss ServiceSet) Has(s Service) bool { return ss&(1<<s) != 0 }

// With returns the set with s added.
func (ss ServiceSet) With(s Service) ServiceSet { return ss | 1<<s }

// Len returns the number of services in the set.
func (ss ServiceSet) Len() int {
	n := 0
	for s := range NumServices {
		if ss.Has(s) {
			n++
		}
	}
	return n
}

// String joins the names of the services with "+".
func (ss ServiceSet) String() string {
	var parts []string
	for s := range NumServices {
		if ss.Has(s) {
			parts = append(parts, s.String())
		}
	}
	return strings.Join(parts, "+")
}
