package outputs

import (
	"io"

	"mutualsim/sim"
)

// Column describes one column of an output file for the data dictionary.
type Column struct {
	File    string
	Name    string
	Unit    string
	Meaning string
}

// column is one column of a record table: its description and how to write
// a record's value.
type column[T any] struct {
	name, unit, meaning string
	get                 func(r *T) string
}

// writeRows writes rows of a record table, without a header.
func writeRows[T any](w io.Writer, cols []column[T], rows []T) error {
	cw := newCSV(w)
	fields := make([]string, len(cols))
	for i := range rows {
		for j, c := range cols {
			fields[j] = c.get(&rows[i])
		}
		cw.row(fields...)
	}
	return cw.flush()
}

func describe[T any](file string, cols []column[T]) []Column {
	out := make([]Column, len(cols))
	for i, c := range cols {
		out[i] = Column{File: file, Name: c.name, Unit: c.unit, Meaning: c.meaning}
	}
	return out
}

func tenderColumns() []column[sim.TenderRecord] {
	type t = sim.TenderRecord
	return []column[t]{
		{"rep", "index", "replication, from 0", func(r *t) string { return itoa(r.Rep) }},
		{"year", "year", "year of the procurement (the award runs from the next year)", func(r *t) string { return itoa(r.Year) }},
		{"tender_id", "index", "sequence number of the procurement event within its replication", func(r *t) string { return itoa(r.ID) }},
		{"region", "index", "region, from 0", func(r *t) string { return itoa(r.Region) }},
		{"contract_id", "index", "contract awarded or renewed within the region, empty if none", func(r *t) string { return optID(r.Contract) }},
		{"services", "names", "services in the lot, joined with +", func(r *t) string { return r.Services.String() }},
		{"route", "name", "open, reserved, teckal, psr_direct, rollover, extension or emergency", func(r *t) string { return r.Route.String() }},
		{"bidders", "bidders", "bids received, valid or not (0 for non-competitive routes)", func(r *t) string { return itoa(r.Bidders) }},
		{"valid_bids", "bidders", "bids at or under the budget", func(r *t) string { return itoa(r.ValidBids) }},
		{"winner_kind", "kind", "nhs, mutual, private or jv; empty if no award", func(r *t) string { return optKind(r.Winner, r.WinnerKind.String()) }},
		{"winner_id", "provider", "winning provider, empty if no award", func(r *t) string { return optID(r.Winner) }},
		{"incumbent_kind", "kind", "kind of the provider holding (most of) the lot before", func(r *t) string { return r.IncumbentKind.String() }},
		{"incumbent_id", "provider", "provider holding (most of) the lot before", func(r *t) string { return itoa(r.Incumbent) }},
		{"winning_price", "£m a year", "annual price of the award, empty if no award", func(r *t) string { return optFloat(r.Winner, r.Price) }},
		{"lowest_price", "£m a year", "lowest valid price bid; empty for non-competitive routes or no valid bid", func(r *t) string {
			return ifFloat(r.ValidBids > 0, r.LowestPrice)
		}},
		{"winning_score", "score", "MEAT score of the winning bid: w_q·quality − w_p·price/budget + w_sv·social value − risk penalty; empty unless a competition was won", func(r *t) string {
			return ifFloat(r.Route.Competitive() && r.Winner >= 0, r.Score)
		}},
		{"budget", "£m a year", "commissioner's budget for the lot", func(r *t) string { return FormatFloat(r.Budget) }},
		{"quality", "0-1", "quality promised by the winner (delivered quality for renewals)", func(r *t) string { return optFloat(r.Winner, r.Quality) }},
		{"incumbent_won", "true/false", "the incumbent kept the lot", func(r *t) string { return FormatBool(r.IncumbentWon) }},
		{"no_award", "true/false", "no valid bid: the incumbents were extended for a year", func(r *t) string { return FormatBool(r.NoAward) }},
		{"staff_transferred", "staff", "staff who moved to a new employer under TUPE", func(r *t) string { return itoa(r.StaffTransferred) }},
	}
}

func bidColumns() []column[sim.BidRecord] {
	type t = sim.BidRecord
	return []column[t]{
		{"rep", "index", "replication, from 0", func(r *t) string { return itoa(r.Rep) }},
		{"year", "year", "year of the tender", func(r *t) string { return itoa(r.Year) }},
		{"region", "index", "region, from 0", func(r *t) string { return itoa(r.Region) }},
		{"tender_id", "index", "the tender's tender_id in tenders.csv (same replication)", func(r *t) string { return itoa(r.Tender) }},
		{"bidder_id", "provider", "bidding provider; empty for a new firm that bid and lost", func(r *t) string { return optID(r.Bidder) }},
		{"bidder_kind", "kind", "nhs, mutual, private or jv", func(r *t) string { return r.Kind.String() }},
		{"incumbent", "true/false", "the bidder held (part of) the lot", func(r *t) string { return FormatBool(r.Incumbent) }},
		{"cost", "£m a year", "the bidder's estimate of its cost of delivering the lot", func(r *t) string { return FormatFloat(r.Cost) }},
		{"price", "£m a year", "price bid", func(r *t) string { return FormatFloat(r.Price) }},
		{"quality", "0-1", "quality offered", func(r *t) string { return FormatFloat(r.Quality) }},
		{"risk", "0-1", "risk the commissioner saw in the bidder; empty for a void bid", func(r *t) string { return ifFloat(r.Valid, r.Risk) }},
		{"score", "score", "MEAT score; empty for a void bid", func(r *t) string { return ifFloat(r.Valid, r.Score) }},
		{"valid", "true/false", "the price was at or under the budget", func(r *t) string { return FormatBool(r.Valid) }},
		{"won", "true/false", "the bid won", func(r *t) string { return FormatBool(r.Won) }},
	}
}

func spinoutColumns() []column[sim.SpinoutRecord] {
	type t = sim.SpinoutRecord
	return []column[t]{
		{"rep", "index", "replication, from 0", func(r *t) string { return itoa(r.Rep) }},
		{"year", "year", "year of the proposal", func(r *t) string { return itoa(r.Year) }},
		{"region", "index", "region, from 0", func(r *t) string { return itoa(r.Region) }},
		{"parent_id", "provider", "NHS provider the unit belonged to", func(r *t) string { return itoa(r.Parent) }},
		{"services", "names", "services of the unit, joined with +", func(r *t) string { return r.Services.String() }},
		{"staff", "staff", "staff in the unit", func(r *t) string { return itoa(r.Staff) }},
		{"value", "£m a year", "annual value of the unit's contract", func(r *t) string { return FormatFloat(r.Value) }},
		{"joint_venture", "true/false", "the proposal had a private partner", func(r *t) string { return FormatBool(r.JV) }},
		{"yes_share", "share 0-1", "share of staff voting yes in the ballot", func(r *t) string { return FormatFloat(r.YesShare) }},
		{"gates_passed", "gates 0-5", "gates passed: ballot, management, business plan, finance, legal", func(r *t) string { return itoa(r.GatesPassed) }},
		{"gate_reached", "name", "the gate that stopped the proposal, or formed", func(r *t) string { return r.Failed.String() }},
		{"mutual_id", "provider", "the new organisation, empty if none formed", func(r *t) string { return optID(r.Mutual) }},
	}
}

func providerColumns() []column[sim.ProviderRecord] {
	type t = sim.ProviderRecord
	return []column[t]{
		{"rep", "index", "replication, from 0", func(r *t) string { return itoa(r.Rep) }},
		{"year", "year", "year", func(r *t) string { return itoa(r.Year) }},
		{"provider_id", "provider", "provider", func(r *t) string { return itoa(r.ID) }},
		{"kind", "kind", "nhs, mutual, private or jv", func(r *t) string { return r.Kind.String() }},
		{"region", "index", "home region, empty for a national firm", func(r *t) string { return optID(r.Home) }},
		{"contracts", "contracts", "contracts held at the end of the year", func(r *t) string { return itoa(r.Contracts) }},
		{"staff", "staff", "staff on its contracts during the year", func(r *t) string { return itoa(r.Staff) }},
		{"revenue", "£m", "contract revenue in the year", func(r *t) string { return FormatFloat(r.Revenue) }},
		{"cost", "£m", "cost of delivery in the year, with organisation overhead", func(r *t) string { return FormatFloat(r.Cost) }},
		{"surplus", "£m", "revenue minus cost", func(r *t) string { return FormatFloat(r.Surplus) }},
		{"reserves", "£m", "reserves at the end of the year", func(r *t) string { return FormatFloat(r.Reserves) }},
		{"slack", "share of labour cost", "accumulated slack", func(r *t) string { return FormatFloat(r.Slack) }},
		{"capture_index", "share of revenue", "(staff benefit + slack cost) ÷ revenue; empty without revenue", func(r *t) string { return ifFloat(r.Revenue > 0, r.CaptureIndex) }},
		{"dividends", "£m", "paid to investors", func(r *t) string { return FormatFloat(r.Dividends) }},
		{"staff_benefit", "£m", "paid to staff out of surplus", func(r *t) string { return FormatFloat(r.StaffBenefit) }},
		{"quality", "0-1", "workload-weighted delivered quality; empty if it delivered nothing this year", func(r *t) string { return ifFloat(r.Revenue > 0, r.Quality) }},
		{"alive", "true/false", "still trading at the end of the year", func(r *t) string { return FormatBool(r.Alive) }},
		{"end_reason", "name", "failed, handback or sold, for a provider that stopped trading", func(r *t) string { return r.EndWhy }},
	}
}

func optID[T ~int32 | ~int](id T) string {
	if id < 0 {
		return ""
	}
	return itoa(id)
}

func optKind(id int32, kind string) string {
	if id < 0 {
		return ""
	}
	return kind
}

func ifFloat(ok bool, v float64) string {
	if !ok {
		return ""
	}
	return FormatFloat(v)
}

func optFloat(id int32, v float64) string {
	if id < 0 {
		return ""
	}
	return FormatFloat(v)
}

// writeTimeseriesRows writes one replication's rows of timeseries.csv: one
// row per year, one column per measure.
func writeTimeseriesRows(w io.Writer, r *sim.Replication) error {
	cw := newCSV(w)
	fields := make([]string, 2+len(sim.Measures()))
	for yi, year := range r.Years {
		fields[0], fields[1] = itoa(r.Rep), itoa(year)
		for mi, v := range r.Values[yi] {
			fields[2+mi] = FormatFloat(v)
		}
		cw.row(fields...)
	}
	return cw.flush()
}

// Columns returns the data dictionary of every file of a run folder.
func Columns() []Column {
	out := []Column{
		{File: "timeseries.csv", Name: "rep", Unit: "index", Meaning: "replication, from 0"},
		{File: "timeseries.csv", Name: "year", Unit: "year", Meaning: "simulated year; stocks are at its end, flows over it"},
	}
	for _, m := range sim.Measures() {
		out = append(out, Column{File: "timeseries.csv", Name: m.Name, Unit: m.Unit, Meaning: m.Meaning})
	}
	out = append(out,
		Column{File: "summary.csv", Name: "year", Unit: "year", Meaning: "simulated year"},
		Column{File: "summary.csv", Name: "measure", Unit: "name", Meaning: "a column of timeseries.csv"},
		Column{File: "summary.csv", Name: "mean", Unit: "measure's unit", Meaning: "mean across replications"},
		Column{File: "summary.csv", Name: "sd", Unit: "measure's unit", Meaning: "sample standard deviation across replications"},
		Column{File: "summary.csv", Name: "ci_low", Unit: "measure's unit", Meaning: "lower end of the 95% confidence interval of the mean (Student's t), clipped to the measure's range"},
		Column{File: "summary.csv", Name: "ci_high", Unit: "measure's unit", Meaning: "upper end of the 95% confidence interval of the mean, clipped to the measure's range"},
		Column{File: "summary.csv", Name: "n", Unit: "replications", Meaning: "replications in which the measure is defined"},
	)
	out = append(out, describe("tenders.csv", tenderColumns())...)
	out = append(out, describe("bids.csv", bidColumns())...)
	out = append(out, describe("spinouts.csv", spinoutColumns())...)
	out = append(out, describe("providers.csv", providerColumns())...)
	return out
}

// WriteColumns writes columns.csv, the data dictionary: file, name, unit, meaning.
func WriteColumns(w io.Writer) error {
	cw := newCSV(w)
	cw.row("file", "name", "unit", "meaning")
	for _, c := range Columns() {
		cw.row(c.File, c.Name, c.Unit, c.Meaning)
	}
	return cw.flush()
}
