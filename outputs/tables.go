package outputs

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"mutualsim/sim"
)

// Column describes one column of an output file for the data dictionary:
// the file it is in, and the column's name, unit, meaning and type.
type Column struct {
	File string
	Field
}

// column is one column of a record table: its description and how to read
// a record's value.
type column[T any] struct {
	Field
	get func(r *T) Value
}

// col returns a column whose values are never missing.
func col[T any](typ Type, name, unit, meaning string, get func(r *T) Value) column[T] {
	return column[T]{Field{Name: name, Unit: unit, Meaning: meaning, Type: typ}, get}
}

// nullable returns a column whose values may be missing.
func nullable[T any](typ Type, name, unit, meaning string, get func(r *T) Value) column[T] {
	return column[T]{Field{Name: name, Unit: unit, Meaning: meaning, Type: typ, Nullable: true}, get}
}

func fieldsOf[T any](cols []column[T]) []Field {
	out := make([]Field, len(cols))
	for i, c := range cols {
		out[i] = c.Field
	}
	return out
}

// writeRecords writes records as rows of a table; row is scratch space of
// one value per column.
func writeRecords[T any](tw *TableWriter, cols []column[T], recs []T, row []Value) error {
	for i := range recs {
		for j, c := range cols {
			row[j] = c.get(&recs[i])
		}
		if err := tw.Write(row); err != nil {
			return err
		}
	}
	return nil
}

func tenderColumns() []column[sim.TenderRecord] {
	type t = sim.TenderRecord
	return []column[t]{
		col(TypeInt, "rep", "index", "replication, from 0", func(r *t) Value { return intV(r.Rep) }),
		col(TypeInt, "year", "year", "year of the procurement (the award runs from the next year)", func(r *t) Value { return intV(r.Year) }),
		col(TypeInt, "tender_id", "index", "sequence number of the procurement event within its replication", func(r *t) Value { return intV(r.ID) }),
		col(TypeInt, "region", "index", "region, from 0", func(r *t) Value { return intV(r.Region) }),
		nullable(TypeInt, "contract_id", "index", "contract awarded or renewed within the region, empty if none", func(r *t) Value { return optID(r.Contract) }),
		col(TypeString, "services", "names", "services in the lot, joined with +", func(r *t) Value { return String(r.Services.String()) }),
		col(TypeString, "route", "name", "open, reserved, teckal, psr_direct, rollover, extension or emergency", func(r *t) Value { return String(r.Route.String()) }),
		col(TypeInt, "bidders", "bidders", "bids received, valid or not (0 for non-competitive routes)", func(r *t) Value { return intV(r.Bidders) }),
		col(TypeInt, "valid_bids", "bidders", "bids at or under the budget", func(r *t) Value { return intV(r.ValidBids) }),
		nullable(TypeString, "winner_kind", "kind", "nhs, mutual, private or jv; empty if no award", func(r *t) Value { return optKind(r.Winner, r.WinnerKind.String()) }),
		nullable(TypeInt, "winner_id", "provider", "winning provider, empty if no award", func(r *t) Value { return optID(r.Winner) }),
		col(TypeString, "incumbent_kind", "kind", "kind of the provider holding (most of) the lot before", func(r *t) Value { return String(r.IncumbentKind.String()) }),
		col(TypeInt, "incumbent_id", "provider", "provider holding (most of) the lot before", func(r *t) Value { return intV(r.Incumbent) }),
		nullable(TypeFloat, "winning_price", "£m a year", "annual price of the award, empty if no award", func(r *t) Value { return optFloat(r.Winner, r.Price) }),
		nullable(TypeFloat, "reference_cost", "£m a year", "the commissioner's reference cost of the lot (its budget without headroom); empty for non-competitive routes", func(r *t) Value {
			return ifFloat(r.Route.Competitive(), r.Reference)
		}),
		nullable(TypeFloat, "lowest_price", "£m a year", "lowest valid price bid; empty for non-competitive routes or no valid bid", func(r *t) Value {
			return ifFloat(r.ValidBids > 0, r.LowestPrice)
		}),
		nullable(TypeFloat, "winning_score", "score", "MEAT score of the winning bid: w_q·quality − w_p·price/budget + w_sv·social value − risk penalty; empty unless a competition was won", func(r *t) Value {
			return ifFloat(r.Route.Competitive() && r.Winner >= 0, r.Score)
		}),
		col(TypeFloat, "budget", "£m a year", "commissioner's budget for the lot", func(r *t) Value { return Float(r.Budget) }),
		nullable(TypeFloat, "quality", "0-1", "quality promised by the winner (delivered quality for renewals)", func(r *t) Value { return optFloat(r.Winner, r.Quality) }),
		col(TypeBool, "incumbent_won", "true/false", "the incumbent kept the lot", func(r *t) Value { return Bool(r.IncumbentWon) }),
		col(TypeBool, "no_award", "true/false", "no valid bid: the incumbents were extended for a year", func(r *t) Value { return Bool(r.NoAward) }),
		col(TypeInt, "staff_transferred", "staff", "staff who moved to a new employer under TUPE", func(r *t) Value { return intV(r.StaffTransferred) }),
	}
}

func bidColumns() []column[sim.BidRecord] {
	type t = sim.BidRecord
	return []column[t]{
		col(TypeInt, "rep", "index", "replication, from 0", func(r *t) Value { return intV(r.Rep) }),
		col(TypeInt, "year", "year", "year of the tender", func(r *t) Value { return intV(r.Year) }),
		col(TypeInt, "region", "index", "region, from 0", func(r *t) Value { return intV(r.Region) }),
		col(TypeInt, "tender_id", "index", "the tender's tender_id in tenders.csv (same replication)", func(r *t) Value { return intV(r.Tender) }),
		nullable(TypeInt, "bidder_id", "provider", "bidding provider; empty for a new firm that bid and lost", func(r *t) Value { return optID(r.Bidder) }),
		col(TypeString, "bidder_kind", "kind", "nhs, mutual, private or jv", func(r *t) Value { return String(r.Kind.String()) }),
		col(TypeBool, "incumbent", "true/false", "the bidder held (part of) the lot", func(r *t) Value { return Bool(r.Incumbent) }),
		col(TypeFloat, "cost", "£m a year", "the bidder's estimate of its cost of delivering the lot, before a challenger's winner's-curse correction", func(r *t) Value { return Float(r.Cost) }),
		col(TypeFloat, "price", "£m a year", "price bid", func(r *t) Value { return Float(r.Price) }),
		col(TypeFloat, "quality", "0-1", "quality offered", func(r *t) Value { return Float(r.Quality) }),
		nullable(TypeFloat, "risk", "0-1", "risk the commissioner saw in the bidder; empty for a void bid", func(r *t) Value { return ifFloat(r.Valid, r.Risk) }),
		nullable(TypeFloat, "score", "score", "MEAT score; empty for a void bid", func(r *t) Value { return ifFloat(r.Valid, r.Score) }),
		col(TypeBool, "valid", "true/false", "the price was at or under the budget", func(r *t) Value { return Bool(r.Valid) }),
		col(TypeBool, "won", "true/false", "the bid won", func(r *t) Value { return Bool(r.Won) }),
	}
}

func spinoutColumns() []column[sim.SpinoutRecord] {
	type t = sim.SpinoutRecord
	return []column[t]{
		col(TypeInt, "rep", "index", "replication, from 0", func(r *t) Value { return intV(r.Rep) }),
		col(TypeInt, "year", "year", "year of the proposal", func(r *t) Value { return intV(r.Year) }),
		col(TypeInt, "region", "index", "region, from 0", func(r *t) Value { return intV(r.Region) }),
		col(TypeInt, "parent_id", "provider", "NHS provider the unit belonged to", func(r *t) Value { return intV(r.Parent) }),
		col(TypeString, "services", "names", "services of the unit, joined with +", func(r *t) Value { return String(r.Services.String()) }),
		col(TypeInt, "staff", "staff", "staff in the unit", func(r *t) Value { return intV(r.Staff) }),
		col(TypeFloat, "value", "£m a year", "annual value of the unit's contract", func(r *t) Value { return Float(r.Value) }),
		col(TypeBool, "joint_venture", "true/false", "the proposal had a private partner", func(r *t) Value { return Bool(r.JV) }),
		col(TypeFloat, "yes_share", "share 0-1", "share of staff voting yes in the ballot", func(r *t) Value { return Float(r.YesShare) }),
		col(TypeInt, "gates_passed", "gates 0-5", "gates passed: ballot, management, business plan, finance, legal", func(r *t) Value { return intV(r.GatesPassed) }),
		col(TypeString, "gate_reached", "name", "the gate that stopped the proposal, or formed", func(r *t) Value { return String(r.Failed.String()) }),
		nullable(TypeInt, "mutual_id", "provider", "the new organisation, empty if none formed", func(r *t) Value { return optID(r.Mutual) }),
		col(TypeString, "unit", "name", "service (one contract of the NHS provider) or arm (the whole provider arm of the region)", func(r *t) Value {
			if r.Arm {
				return String("arm")
			}
			return String("service")
		}),
		col(TypeString, "form", "name", "what the proposal would form: mutual, jv (with a private partner) or teckal_company (wholly owned by the NHS body)", func(r *t) Value { return String(r.Form.String()) }),
		nullable(TypeFloat, "startup_need", "£m", "start-up capital needed; empty if the proposal stopped before the finance gate", func(r *t) Value { return ifFloat(r.GatesPassed >= int(sim.GateFinance), r.StartupNeed) }),
		nullable(TypeFloat, "finance_gap", "£m", "start-up capital it could not raise from a grant or loans; empty if it stopped before the finance gate", func(r *t) Value {
			return ifFloat(r.GatesPassed >= int(sim.GateFinance), r.FinanceGap)
		}),
	}
}

func marketColumns() []column[sim.MarketRecord] {
	type t = sim.MarketRecord
	return []column[t]{
		col(TypeInt, "rep", "index", "replication, from 0", func(r *t) Value { return intV(r.Rep) }),
		col(TypeInt, "year", "year", "year; holdings at its end", func(r *t) Value { return intV(r.Year) }),
		col(TypeString, "scope", "name", "region (a commissioner's market) or service (one service across every region)", func(r *t) Value { return String(r.Scope) }),
		col(TypeString, "market", "name", "the region's index, or the service's name", func(r *t) Value {
			if r.Scope == "region" {
				return String(fmt.Sprint(r.Region))
			}
			return String(r.Service.String())
		}),
		col(TypeFloat, "value", "£m a year", "annual value of the contracts in the market", func(r *t) Value { return Float(r.Value) }),
		col(TypeInt, "providers", "providers", "providers holding contracts in the market", func(r *t) Value { return intV(r.Providers) }),
		nullable(TypeFloat, "hhi", "HHI 0-10,000", "Herfindahl-Hirschman index of providers' shares of the market's value; empty if it has none", func(r *t) Value { return ifFloat(r.Value > 0, r.HHI) }),
		nullable(TypeFloat, "cr1", "share 0-1", "the largest provider's share", func(r *t) Value { return ifFloat(r.Value > 0, r.CR1) }),
		nullable(TypeFloat, "cr4", "share 0-1", "the four largest providers' share", func(r *t) Value { return ifFloat(r.Value > 0, r.CR4) }),
		nullable(TypeString, "largest_kind", "kind", "kind of the largest provider", func(r *t) Value {
			if r.Value <= 0 {
				return Null()
			}
			return String(r.Largest.String())
		}),
	}
}

func providerColumns() []column[sim.ProviderRecord] {
	type t = sim.ProviderRecord
	return []column[t]{
		col(TypeInt, "rep", "index", "replication, from 0", func(r *t) Value { return intV(r.Rep) }),
		col(TypeInt, "year", "year", "year", func(r *t) Value { return intV(r.Year) }),
		col(TypeInt, "provider_id", "provider", "provider", func(r *t) Value { return intV(r.ID) }),
		col(TypeString, "kind", "kind", "nhs, mutual, private or jv", func(r *t) Value { return String(r.Kind.String()) }),
		nullable(TypeInt, "region", "index", "home region, empty for a national firm", func(r *t) Value { return optID(r.Home) }),
		col(TypeInt, "contracts", "contracts", "contracts held at the end of the year", func(r *t) Value { return intV(r.Contracts) }),
		col(TypeInt, "staff", "staff", "staff on its contracts during the year", func(r *t) Value { return intV(r.Staff) }),
		col(TypeFloat, "revenue", "£m", "contract revenue in the year", func(r *t) Value { return Float(r.Revenue) }),
		col(TypeFloat, "cost", "£m", "cost of delivery in the year, with organisation overhead", func(r *t) Value { return Float(r.Cost) }),
		col(TypeFloat, "surplus", "£m", "revenue minus cost", func(r *t) Value { return Float(r.Surplus) }),
		col(TypeFloat, "reserves", "£m", "reserves at the end of the year", func(r *t) Value { return Float(r.Reserves) }),
		col(TypeFloat, "slack", "share of labour cost", "accumulated slack", func(r *t) Value { return Float(r.Slack) }),
		nullable(TypeFloat, "capture_index", "share of revenue", "(staff benefit + slack cost) ÷ revenue; empty without revenue", func(r *t) Value { return ifFloat(r.Revenue > 0, r.CaptureIndex) }),
		col(TypeFloat, "dividends", "£m", "paid to investors", func(r *t) Value { return Float(r.Dividends) }),
		col(TypeFloat, "staff_benefit", "£m", "paid to staff out of surplus", func(r *t) Value { return Float(r.StaffBenefit) }),
		nullable(TypeFloat, "quality", "0-1", "workload-weighted delivered quality; empty if it delivered nothing this year", func(r *t) Value { return ifFloat(r.Revenue > 0, r.Quality) }),
		col(TypeBool, "alive", "true/false", "still trading at the end of the year", func(r *t) Value { return Bool(r.Alive) }),
		nullable(TypeString, "end_reason", "name", "failed, handback or sold, for a provider that stopped trading", func(r *t) Value { return optString(r.EndWhy) }),
	}
}

func intV[N ~int | ~int32 | ~int64](v N) Value { return Int(int64(v)) }

func optID[N ~int32 | ~int](id N) Value {
	if id < 0 {
		return Null()
	}
	return intV(id)
}

func optKind(id int32, kind string) Value {
	if id < 0 {
		return Null()
	}
	return String(kind)
}

func optString(s string) Value {
	if s == "" {
		return Null()
	}
	return String(s)
}

func ifFloat(ok bool, v float64) Value {
	if !ok {
		return Null()
	}
	return Float(v)
}

func optFloat(id int32, v float64) Value { return ifFloat(id >= 0, v) }

// timeseriesFields returns the columns of the time series: rep, year, and
// one column per measure, which is missing in a year where it is undefined.
func timeseriesFields() []Field {
	out := []Field{
		{Name: "rep", Unit: "index", Meaning: "replication, from 0", Type: TypeInt},
		{Name: "year", Unit: "year", Meaning: "simulated year; stocks are at its end, flows over it", Type: TypeInt},
	}
	for _, m := range sim.Measures() {
		out = append(out, Field{Name: m.Name, Unit: m.Unit, Meaning: m.Meaning, Type: TypeFloat, Nullable: true})
	}
	return out
}

// writeTimeseries writes one replication's rows of the time series: one row
// per year, one column per measure; row is scratch space.
func writeTimeseries(tw *TableWriter, r *sim.Replication, row []Value) error {
	for yi, year := range r.Years {
		if len(r.Values[yi]) != len(row)-2 {
			return fmt.Errorf("replication %d, year %d: %d measures, want %d", r.Rep, year, len(r.Values[yi]), len(row)-2)
		}
		row[0], row[1] = intV(r.Rep), intV(year)
		for mi, v := range r.Values[yi] {
			row[2+mi] = Float(v)
		}
		if err := tw.Write(row); err != nil {
			return err
		}
	}
	return nil
}

// summaryFields returns the columns of a run's summary.
func summaryFields() []Field {
	return []Field{
		{Name: "year", Unit: "year", Meaning: "simulated year", Type: TypeInt},
		{Name: "measure", Unit: "name", Meaning: "a column of timeseries.csv", Type: TypeString},
		{Name: "mean", Unit: "measure's unit", Meaning: "mean across replications", Type: TypeFloat, Nullable: true},
		{Name: "sd", Unit: "measure's unit", Meaning: "sample standard deviation across replications", Type: TypeFloat, Nullable: true},
		{Name: "ci_low", Unit: "measure's unit", Meaning: "lower end of the 95% confidence interval of the mean (Student's t), clipped to the measure's range", Type: TypeFloat, Nullable: true},
		{Name: "ci_high", Unit: "measure's unit", Meaning: "upper end of the 95% confidence interval of the mean, clipped to the measure's range", Type: TypeFloat, Nullable: true},
		{Name: "n", Unit: "replications", Meaning: "replications in which the measure is defined", Type: TypeInt},
	}
}

// batchSummaryFields returns the columns of a batch's combined summary: the
// scenario, then a run summary's columns.
func batchSummaryFields() []Field {
	return append([]Field{{Name: "scenario", Unit: "name", Meaning: "the scenario, whose run folder has its name", Type: TypeString}}, summaryFields()...)
}

// summaryRow fills row's last 7 values with s.
func summaryRow(row []Value, s Stat) []Value {
	return append(row[:len(row)-7], intV(s.Year), String(s.Measure), Float(s.Mean), Float(s.SD), Float(s.Low), Float(s.High), intV(s.N))
}

// dictionaryFields returns the columns of the data dictionary, columns.csv.
func dictionaryFields() []Field {
	return []Field{
		{Name: "file", Unit: "name", Meaning: "file of the run folder", Type: TypeString},
		{Name: "name", Unit: "name", Meaning: "column of the file", Type: TypeString},
		{Name: "unit", Unit: "unit", Meaning: "unit of the column's values", Type: TypeString},
		{Name: "meaning", Unit: "text", Meaning: "what the column records", Type: TypeString},
	}
}

// table is a table of a run folder: its file name without extension and
// its columns.
type table struct {
	base   string
	fields []Field
}

// runTables lists the tables of a run folder in the order they are
// committed.
func runTables() []table {
	return []table{
		{"timeseries", timeseriesFields()},
		{"tenders", fieldsOf(tenderColumns())},
		{"bids", fieldsOf(bidColumns())},
		{"spinouts", fieldsOf(spinoutColumns())},
		{"providers", fieldsOf(providerColumns())},
		{"markets", fieldsOf(marketColumns())},
		{"summary", summaryFields()},
	}
}

// knownTables lists every table mutualsim writes, built once (a report
// reads it for every table of every folder). Callers must not change it.
var knownTables = sync.OnceValue(func() []table {
	return append(runTables(), table{"summary", batchSummaryFields()}, table{"columns", dictionaryFields()})
})

// Columns returns the data dictionary of every table of a run folder
// written in format f. Meanings that refer to another table name its file
// in the same format.
func Columns(f Format) []Column {
	var out []Column
	rename := strings.NewReplacer(".csv", f.Ext())
	ts := runTables()
	// The dictionary lists the summary after the time series it summarises.
	for _, t := range slices.Concat(ts[:1], ts[6:], ts[1:6]) {
		for _, fd := range t.fields {
			fd.Meaning = rename.Replace(fd.Meaning)
			out = append(out, Column{File: f.File(t.base), Field: fd})
		}
	}
	return out
}

// WriteColumns writes columns.csv, the data dictionary of a run folder
// written in format f: file, name, unit, meaning. It is CSV whatever f is.
func WriteColumns(w io.Writer, f Format) error {
	cw := newCSV(w)
	cw.row("file", "name", "unit", "meaning")
	for _, c := range Columns(f) {
		cw.row(c.File, c.Name, c.Unit, c.Meaning)
	}
	return cw.flush()
}
