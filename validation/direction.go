package validation

import (
	"context"
	"fmt"
	"math"

	"mutualsim/outputs"
	"mutualsim/scenarios"
	"mutualsim/sim"
)

// Direction says what a built-in scenario must do to one measure against
// the scenario it names as its comparator (compare_to), and why: the sign
// the sources argue for the paired difference, scenario − comparator, of the
// measure's mean over the years From to the end. Open marks a question the
// sources argue both ways: its direction is reported, not checked. Wiring
// marks a measure the lever acts on directly (a route it opens or closes,
// a count of tenders it changes): the check shows the lever is wired, not
// a finding of the model.
type Direction struct {
	Scenario string
	Measure  string
	Sign     int
	From     int
	Source   string
	Open     bool
	To       int // last year of the mean, 0 for the scenario's last
	Wiring   bool
}

// directionReps is the replications each direction check runs, at the
// scenario's own scale; an England-scale scenario runs englandReps.
const (
	directionReps = 20
	englandReps   = 6
)

// Directions returns the direction of every policy lever of the built-in
// library, each with the source line it rests on.
func Directions() []Direction {
	return []Direction{
		{Scenario: "right-to-provide", Measure: "mutuals_alive", Sign: +1, From: 2011, Source: `[J] "the 'right to provide' has seen the launch of a handful of large scale employee led 'spin-outs' ... The rest have been much smaller scale operations"`, Wiring: true},
		{Scenario: "pension-open-access", Measure: "mutuals_formed", Sign: +1, From: 2011, Source: `[M: Ham] "Unless the rules on new staff ... not being entitled to join the NHS pension scheme are changed, then the number of provider arms choosing to go down this route is likely to be extremely limited"`},
		{Scenario: "pension-open-access", Measure: "vacancy_rate_mutual", Sign: -1, From: 2012, Source: `[M: Michie] new recruits without the NHS pension: "a key obstacle"`},
		{Scenario: "pension-none", Measure: "mutuals_formed", Sign: -1, From: 2011, Source: `[M: Michie] on the pensions issue (new recruits barred from the scheme), "without which none of the disadvantaged options are really options at all"; that losing the scheme at the transfer (no access) weighs more is the model's reading`},
		{Scenario: "startup-support", Measure: "mutuals_formed", Sign: +1, From: 2011, Source: `[J] "access to start-up funding is still very limited"; "there needs to be a sustained programme of protected time, training and coaching to achieve any kind of scale"`},
		{Scenario: "commissioning-academy", Measure: "share_mutual", Sign: +1, From: 2013, Source: `[J] the Commissioning Academy helps commissioners "to develop processes that will open up markets"`},
		{Scenario: "community-governance", Measure: "producer_capture_index", Sign: -1, From: 2012, Source: `[M: Mills] public-benefit models "only work if they preclude private benefit"`},
		{Scenario: "community-governance", Measure: "mutuals_sold", Sign: -1, From: 2012, Source: `[M: Mason] "we need trust ownership and asset locks"`, Wiring: true},
		{Scenario: "reserved-contracts", Measure: "mutual_survival_3y", Sign: +1, From: 2015, Source: `[J] Article 77 "allows commissioners to restrict participation ... to only those organisations with a public service mission and a level of employee ownership": a spin-out's first re-tender, reserved, keeps it trading`},
		{Scenario: "reserved-contracts", Measure: "share_mutual", Sign: +1, From: 2015, Source: `[J] Article 77: only mutuals may bid for a reserved lot`, Wiring: true},
		{Scenario: "reserved-contracts-2023", Measure: "share_mutual", Sign: +1, From: 2015, Source: `[J] Article 77; the Procurement Act 2023 allows five-year reserved awards: fewer, longer contests cut both ways`, Open: true},
		{Scenario: "teckal-direct-award", Measure: "producer_capture_index", Sign: +1, From: 2011, Source: `[M: Mason] "the absence of competition will lead to producer capture"`},
		{Scenario: "teckal-company", Measure: "producer_capture_index", Sign: +1, From: 2012, Source: `[M: Mason] "the absence of competition will lead to producer capture": a company the NHS body owns takes its contracts by direct award`},
		{Scenario: "teckal-company", Measure: "share_mutual", Sign: -1, From: 2012, Source: `[J] a wholly owned subsidiary "seems to fly in the face of the independence and autonomy required"`, Wiring: true},
		{Scenario: "no-competition", Measure: "producer_capture_index", Sign: +1, From: 2011, Source: `[M: Mason] "the absence of competition will lead to producer capture"`},
		{Scenario: "no-competition", Measure: "hhi_regional", Sign: +1, From: 2011, Source: `without re-tendering no challenger ever enters a region's market (MODEL.md §1, question 4)`, Wiring: true},
		{Scenario: "open-market-bundled", Measure: "largest_private_share", Sign: +1, From: 2011, Source: `[M: Mason] "letting Capita and Serco and Tribal control the entire sector"; CSH Surrey's lost re-tender for want of a surety (MODEL.md §4.5)`},
		{Scenario: "provider-selection-regime-2024", Measure: "producer_capture_index", Sign: +1, From: 2025, Source: `[M: Ham] "competition is one of the safeguards against the producer capture argument"`},
		{Scenario: "long-contracts", Measure: "transaction_costs", Sign: -1, From: 2011, Source: `[M: Michie] contracting put "increased resources - of time, people and money" into managing the process`, Wiring: true},
		{Scenario: "long-contracts", Measure: "producer_capture_index", Sign: -1, From: 2011, Source: `[M: Love] culture change needs time vs [M: Mason] "the absence of competition will lead to producer capture": the sources argue both ways`, Open: true},
		{Scenario: "short-contracts", Measure: "transaction_costs", Sign: +1, From: 2011, Source: `[M: Michie] more contracting, more resources spent on it`, Wiring: true},
		{Scenario: "short-contracts", Measure: "engagement_mean", Sign: -1, From: 2011, Source: `[M: Love] "you do not often have that time if you have to compete continuously" vs [M: Wylie] competition "galvanises your staff": both ways`, Open: true},
		{Scenario: "joint-ventures", Measure: "spinout_fail_business_plan", Sign: -1, From: 2011, Source: `[J] "Private or third sector partners may have skills in business planning"`, Wiring: true},
		{Scenario: "joint-ventures", Measure: "spinout_fail_finance", Sign: -1, From: 2011, Source: `[J] partners bring "access to finance"`, Wiring: true},
		{Scenario: "joint-ventures", Measure: "share_private", Sign: +1, From: 2014, Source: `[J] critics: "these hybrid models could be used as a Trojan horse for privatisation"; how much ends with the partner rests on an assumed buy-out rate`, Open: true},
		{Scenario: "transforming-community-services", Measure: "arm_spinouts_formed", Sign: +1, From: 2011, To: 2012, Source: `[J] "the proposed transfer of 3,000 staff and services to a community interest company" by NHS Gloucestershire; Transforming Community Services pressed primary care trusts to divest their provider arms`, Wiring: true},
		{Scenario: "gloucestershire-2012", Measure: "spinout_fail_legal", Sign: +1, From: 2011, Source: `[J] NHS Gloucestershire abandoned "the proposed transfer of 3,000 staff ... following a successful judicial review", which "demonstrates the difficulties involved in ... gaining support from key stakeholders, including trade unions"; that unions back the challenge is the model's assumption`, To: 2012, Wiring: true},
		{Scenario: "policy-path-2010-2015", Measure: "mutuals_alive", Sign: +1, From: 2011, Source: `[J] "There are now 100 operational public service mutuals, employing 35,000 people"`, Wiring: true},
	}
}

// RunDirections runs every built-in scenario that names a comparator against
// it with common random numbers and checks the direction of each of its
// measures in Directions. A checked direction passes when the paired 95%
// interval lies wholly on the side the sources argue; an open one is
// reported with its measured direction.
func RunDirections(ctx context.Context, opt Options) ([]Check, error) {
	cache := map[string]*sim.Result{} // keyed by scenario name and scale; looked up, never iterated
	run := func(ref string, lo scenarios.LoadOptions) (*sim.Result, error) {
		key := fmt.Sprintf("%s@%s/%d/%d", ref, *lo.Scale, *lo.StartYear, *lo.Years)
		if r, ok := cache[key]; ok {
			return r, nil
		}
		s, err := scenarios.Load(ref, lo)
		if err != nil {
			return nil, err
		}
		r, err := sim.Run(ctx, s, sim.Options{Workers: opt.Workers})
		if err != nil {
			return nil, err
		}
		cache[key] = r
		return r, nil
	}
	var out []Check
	for _, d := range Directions() {
		s, err := scenarios.Load(d.Scenario, scenarios.LoadOptions{})
		if err != nil {
			return nil, err
		}
		if s.CompareTo == "" {
			return nil, fmt.Errorf("direction check: %s names no comparator", d.Scenario)
		}
		reps := directionReps
		if s.Scale == "england" || s.Scale == "nhs" {
			reps = englandReps
		}
		lo := scenarios.LoadOptions{Scale: &s.Scale, Years: &s.Years, StartYear: &s.StartYear, Replications: &reps}
		a, err := run(s.CompareTo, lo)
		if err != nil {
			return nil, err
		}
		b, err := run(d.Scenario, lo)
		if err != nil {
			return nil, err
		}
		to := s.EndYear()
		if d.To > 0 {
			to = d.To
		}
		diff := outputs.Paired(series(a, d.Measure, d.From, to), series(b, d.Measure, d.From, to))
		dir := "rise"
		if d.Sign < 0 {
			dir = "fall"
		}
		c := Check{Group: "direction", Name: fmt.Sprintf("%s vs %s: %s, mean %d-%d", d.Scenario, s.CompareTo, d.Measure, d.From, to),
			Expected: fmt.Sprintf("%s: %s", dir, d.Source), Observed: diff.Diff, Low: diff.Low, High: diff.High, With: diff.MeanB, Without: diff.MeanA,
			Tolerance: fmt.Sprintf("paired 95%% CI %s 0 (%s scale, %d replications)", map[int]string{1: "above", -1: "below"}[d.Sign], s.Scale, reps)}
		if d.Wiring {
			c.Tolerance += "; wiring: the lever acts on this measure directly"
		}
		switch {
		case d.Open:
			c.Info, c.Tolerance = true, fmt.Sprintf("open question: reported (%s scale, %d replications)", s.Scale, reps)
		case d.Sign > 0:
			c.Pass = c.Low > 0
		default:
			c.Pass = c.High < 0
		}
		if math.IsNaN(c.Observed) {
			c.Pass = false
		}
		out = append(out, c)
	}
	return out, nil
}
