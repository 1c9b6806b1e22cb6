package agents

// Route is how a contract was awarded (MODEL.md §4.5).
type Route uint8

// The award routes.
const (
	RouteInitial      Route = iota // held at the start of the run
	RouteOpen                      // open competition
	RouteReserved                  // competition reserved for mutuals (Article 77)
	RouteTeckal                    // direct award to a controlled entity
	RoutePSR                       // Provider Selection Regime direct award C
	RouteRollover                  // rolled over to the incumbent
	RouteExtension                 // extended: no valid bid, or no commissioner capacity
	RouteTransitional              // transitional award to a new spin-out
	RouteEmergency                 // emergency award after a failure or hand-back
	NumRoutes
)

// String returns the route's name in output files.
func (r Route) String() string {
	switch r {
	case RouteInitial:
		return "initial"
	case RouteOpen:
		return "open"
	case RouteReserved:
		return "reserved"
	case RouteTeckal:
		return "teckal"
	case RoutePSR:
		return "psr_direct"
	case RouteRollover:
		return "rollover"
	case RouteExtension:
		return "extension"
	case RouteTransitional:
		return "transitional"
	case RouteEmergency:
		return "emergency"
	}
	return "unknown"
}

// Competitive reports whether the route is a competition among bidders.
func (r Route) Competitive() bool { return r == RouteOpen || r == RouteReserved }

// Contract is one award: a lot of services in a region held by a provider
// for a period at an annual price (MODEL.md §2). Money is in £m a year.
type Contract struct {
	ID       int32
	Region   int32
	Services ServiceSet
	Holder   int32
	Start    int // first year delivered
	End      int // last year delivered; re-procured in that year's tendering
	Route    Route
	Price    float64 // annual price paid
	Budget   float64 // commissioner's budget for the lot when awarded
	Promised float64 // quality promised in the bid
	Active   bool

	// Last delivery.
	Workload   float64 // staff-years of work needed
	Cost       float64
	Quality    float64
	Staff      int
	Labour     float64 // effective staff-years of employed staff
	Absent     float64 // staff-years lost to absence
	Agency     float64 // agency staff-years
	Vacancy    float64 // uncovered staff-years
	Engaged    float64 // mean engagement
	PayBill    float64 // wages, £m
	PensionEr  float64 // employer pension contributions, £m
	LabourCost float64 // pay, on-costs and pension, £m
	SlackCost  float64 // cost drift that benefits staff, £m
}
