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
// sources argue both ways: its direction is reported, not checked.
type Direction struct {
	Scenario string
	Measure  string
	Sign     int
	From     int
	Source   string
	Open     bool
	To       int // last year of the mean, 0 for the scenario's last
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
		{"right-to-provide", "mutuals_alive", +1, 2011, `[J] "the 'right to provide' has seen the launch of a handful of large scale employee led 'spin-outs' ... The rest have been much smaller scale operations"`, false, 0},
		{"pension-open-access", "mutuals_formed", +1, 2011, `[M: Ham] "Unless the rules on new staff ... not being entitled to join the NHS pension scheme are changed, then the number of provider arms choosing to go down this route is likely to be extremely limited"`, false, 0},
		{"pension-open-access", "vacancy_rate_mutual", -1, 2012, `[M: Michie] new recruits without the NHS pension: "a key obstacle"`, false, 0},
		{"pension-none", "mutuals_formed", -1, 2011, `[M: Michie] "the pensions issue, without which none of the disadvantaged options are really options at all"`, false, 0},
		{"startup-support", "mutuals_formed", +1, 2011, `[J] "access to start-up funding is still very limited"; "there needs to be a sustained programme of protected time, training and coaching to achieve any kind of scale"`, false, 0},
		{"commissioning-academy", "share_mutual", +1, 2013, `[J] the Commissioning Academy helps commissioners "to develop processes that will open up markets"`, false, 0},
		{"community-governance", "producer_capture_index", -1, 2012, `[M: Mills] public-benefit models "only work if they preclude private benefit"`, false, 0},
		{"community-governance", "mutuals_sold", -1, 2012, `[M: Mason] "we need trust ownership and asset locks"`, false, 0},
		{"reserved-contracts", "share_mutual", +1, 2015, `[J] Article 77 "allows commissioners to restrict participation ... to only those organisations with a public service mission and a level of employee ownership"`, false, 0},
		{"reserved-contracts-2023", "share_mutual", +1, 2015, `[J] Article 77; the Procurement Act 2023 allows five-year reserved awards: fewer, longer contests cut both ways`, true, 0},
		{"teckal-direct-award", "producer_capture_index", +1, 2011, `[M: Mason] "the absence of competition will lead to producer capture"`, false, 0},
		{"teckal-company", "teckal_companies", +1, 2012, `[J] "Some commentators advocate using the 'Teckal exemption', which allows public bodies to award contracts to entities they control"`, false, 0},
		{"teckal-company", "share_mutual", -1, 2012, `[J] a wholly owned subsidiary "seems to fly in the face of the independence and autonomy required"`, false, 0},
		{"no-competition", "producer_capture_index", +1, 2011, `[M: Mason] "the absence of competition will lead to producer capture"; [M: Hunt] "The GP sector is producer captured completely"`, false, 0},
		{"no-competition", "hhi_regional", +1, 2011, `without re-tendering no challenger ever enters a region's market (MODEL.md §1, question 4)`, false, 0},
		{"open-market-bundled", "largest_private_share", +1, 2011, `[M: Mason] "letting Capita and Serco and Tribal control the entire sector"; CSH Surrey's lost re-tender for want of a surety (MODEL.md §4.5)`, false, 0},
		{"provider-selection-regime-2024", "producer_capture_index", +1, 2025, `[M: Ham] "competition is one of the safeguards against the producer capture argument"`, false, 0},
		{"long-contracts", "transaction_costs", -1, 2011, `[M: Michie] contracting put "increased resources - of time, people and money" into managing the process`, false, 0},
		{"long-contracts", "producer_capture_index", -1, 2011, `[M: Love] culture change needs time vs [M: Mason] "the absence of competition will lead to producer capture": the sources argue both ways`, true, 0},
		{"short-contracts", "transaction_costs", +1, 2011, `[M: Michie] more contracting, more resources spent on it`, false, 0},
		{"short-contracts", "engagement_mean", -1, 2011, `[M: Love] "you do not often have that time if you have to compete continuously" vs [M: Wylie] competition "galvanises your staff": both ways`, true, 0},
		{"joint-ventures", "share_jv", +1, 2012, `[J] joint ventures "bringing together NHS employees and private or third sector partners"`, false, 0},
		{"joint-ventures", "jv_value_privatised", +1, 2014, `[J] critics: "a Trojan horse for privatisation"; how much ends with the partner rests on an assumed buy-out rate`, true, 0},
		{"gloucestershire-2012", "spinout_fail_legal", +1, 2011, `[J] NHS Gloucestershire abandoned "the proposed transfer of 3,000 staff ... following a successful judicial review" backed by trade unions`, false, 2012},
		{"policy-path-2010-2015", "mutuals_alive", +1, 2011, `[J] "There are now 100 operational public service mutuals, employing 35,000 people"`, false, 0},
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
		s, err := scenarios.Load(d.Scenario, scenarios.LoadOptions{NoEnv: true})
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
		lo := scenarios.LoadOptions{NoEnv: true, Scale: &s.Scale, Years: &s.Years, StartYear: &s.StartYear, Replications: &reps}
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
