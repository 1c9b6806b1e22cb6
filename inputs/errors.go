package inputs

import (
	"fmt"
	"slices"
	"strconv"
)

func weightsError(price, quality, social float64) error {
	sum := strconv.FormatFloat(price+quality+social, 'g', 10, 64)
	return fmt.Errorf("procurement.price_weight + procurement.quality_weight + procurement.social_value_weight = %s + %s + %s = %s, expected them to sum to 1",
		FormatNumber(price), FormatNumber(quality), FormatNumber(social), sum)
}

func topUpError(year int, topUp, rate float64) error {
	when := fmt.Sprintf("in %d", year)
	if year <= 0 {
		// A schedule's first step holds from the first simulated year.
		when = "from the first year"
	}
	return fmt.Errorf("pension.central_topup: %s %s is above pension.employer_rate (%s), expected the top-up to be part of the rate",
		FormatNumber(topUp), when, FormatNumber(rate))
}

// topUpAboveRate returns the first year, among the years either schedule
// changes, in which the top-up exceeds the rate.
func topUpAboveRate(topUp, rate Schedule) (int, bool) {
	years := []int{}
	for _, st := range topUp {
		years = append(years, st.Year)
	}
	for _, st := range rate {
		years = append(years, st.Year)
	}
	slices.Sort(years)
	for _, y := range years {
		if topUp.At(y) > rate.At(y)+1e-12 {
			return y, true
		}
	}
	return 0, false
}

func maxAgeError(maxAge, retire int) error {
	return fmt.Errorf("workforce.max_age: %d must be above workforce.retirement_age (%d)", maxAge, retire)
}
