package sim

import "mutualsim/agents"

// TenderRecord is one procurement event (MODEL.md §6 event log): a
// competitive tender, a direct award, a rollover, an extension or an
// emergency award. Money is in £m a year.
type TenderRecord struct {
	Rep              int
	Year             int
	ID               int // sequence number of the event within its replication
	Region           int32
	Contract         int32 // the contract awarded or renewed, -1 if none
	Services         agents.ServiceSet
	Route            agents.Route
	Bidders          int
	Winner           int32 // -1 if no award
	WinnerKind       agents.Kind
	Incumbent        int32
	IncumbentKind    agents.Kind
	Price            float64
	Score            float64 // the winning bid's score
	LowestPrice      float64 // lowest valid price bid, 0 if none
	ValidBids        int     // bids at or under the budget
	Budget           float64
	Reference        float64 // the commissioner's reference cost of the lot, £m a year (budget without headroom); 0 unless competed
	Quality          float64 // promised by the winner, or delivered for a renewal
	IncumbentWon     bool
	NoAward          bool // no valid bid: the incumbents were extended
	StaffTransferred int
}

// BidRecord is one bid in a competitive tender (MODEL.md §6: prices and
// scores of every bid).
type BidRecord struct {
	Rep       int
	Year      int
	Region    int32
	Tender    int   // the TenderRecord's ID
	Bidder    int32 // -1 for a new firm that bid and lost
	Kind      agents.Kind
	Incumbent bool
	Cost      float64 // the bidder's estimate of its cost, £m a year
	Price     float64 // £m a year
	Quality   float64
	Risk      float64 // risk the commissioner saw, 0-1
	Score     float64 // 0 for a void bid
	Valid     bool    // at or under the budget
	Won       bool
}

// SpinoutRecord is one spin-out attempt and the gate it reached (MODEL.md §4.4).
type SpinoutRecord struct {
	Rep         int
	Year        int
	Region      int32
	Parent      int32 // the NHS provider the unit belonged to
	Services    agents.ServiceSet
	Staff       int
	Value       float64 // annual value of the unit's contract, £m
	YesShare    float64 // share of staff voting yes, 0 if no ballot was held
	GatesPassed int
	Failed      Gate    // the gate that stopped it, NumGates if it formed
	Mutual      int32   // the organisation formed, -1 if none
	JV          bool    // proposal with a private partner
	Arm         bool    // the whole NHS provider arm proposed, not a single service
	Form        Form    // what it would form: mutual, joint venture or the NHS body's own company
	StartupNeed float64 // start-up capital needed, £m; 0 if it stopped before the finance gate
	FinanceGap  float64 // start-up capital it could not raise from grant or loans, £m
}

// ProviderRecord is one provider in one year, for the providers panel.
// Money is in £m.
type ProviderRecord struct {
	Rep          int
	Year         int
	ID           int32
	Kind         agents.Kind
	Home         int32 // -1 for a national firm
	Contracts    int   // active at the end of the year
	Staff        int
	Revenue      float64
	Cost         float64
	Surplus      float64
	Reserves     float64
	Slack        float64
	CaptureIndex float64
	Dividends    float64
	StaffBenefit float64
	Quality      float64
	Alive        bool
	EndWhy       string
}

// MarketRecord is the structure of one market in one year: a region, where
// its commissioner buys, or a service across every region (MODEL.md §6).
type MarketRecord struct {
	Rep     int
	Year    int
	Scope   string // "region" or "service"
	Region  int32  // the region, -1 for a service market
	Service agents.Service
	Market
}

// Replication holds everything one replication recorded: the measures of
// each year, in Measures order, and the event logs.
type Replication struct {
	Rep       int
	Years     []int
	Values    [][]float64 // [year index][measure index]
	Tenders   []TenderRecord
	Bids      []BidRecord
	Spinouts  []SpinoutRecord
	Providers []ProviderRecord
	Markets   []MarketRecord
}

func newReplication(rep int) *Replication { return &Replication{Rep: rep} }

// record appends a procurement event of this year and returns its ID.
func (w *World) record(t TenderRecord) int {
	t.Rep, t.Year, t.ID = w.rep, w.year, len(w.rec.Tenders)
	if t.Route.Competitive() {
		w.rec.Tenders = append(w.rec.Tenders, t)
		return t.ID
	}
	switch t.Route {
	case agents.RouteTeckal, agents.RoutePSR:
		w.tally.direct++
	case agents.RouteRollover:
		w.tally.rollover++
	case agents.RouteExtension:
		w.tally.extension++
	}
	w.rec.Tenders = append(w.rec.Tenders, t)
	return t.ID
}
