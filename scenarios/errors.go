package scenarios

import "fmt"

func weightsError(price, quality, social float64) error {
	return fmt.Errorf("procurement.price_weight + procurement.quality_weight + procurement.social_value_weight = %s + %s + %s = %s, expected them to sum to 1",
		fmtNum(price), fmtNum(quality), fmtNum(social), fmtNum(price+quality+social))
}

func maxAgeError(maxAge, retire int) error {
	return fmt.Errorf("workforce.max_age: %d must be above workforce.retirement_age (%d)", maxAge, retire)
}
