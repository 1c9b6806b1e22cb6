package charts

import (
	"math"
)

// Fixtures: small, made-up inputs computed from formulas, so that the
// golden files depend on nothing but this code.

// years returns n years from 2025.
func years(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(2025 + i)
	}
	return x
}

// band returns a series of n years that grows from start by slope a year,
// with a wave and a band that widens over time.
func band(name string, n int, start, slope, wave float64) Band {
	b := Band{Name: name, X: years(n), Mean: make([]float64, n), Low: make([]float64, n), High: make([]float64, n)}
	for i := range n {
		t := float64(i)
		m := start + slope*t + wave*math.Sin(t/2.5)
		half := 0.02*start + 0.01*start*t/2
		b.Mean[i], b.Low[i], b.High[i] = m, m-half, m+half
	}
	return b
}

func fixtureTimeSeries() (Options, []Band, []HLine) {
	gap := band("tight budgets", 20, 11800, 150, 300)
	for i := 8; i < 10; i++ {
		gap.Mean[i], gap.Low[i], gap.High[i] = math.NaN(), math.NaN(), math.NaN()
	}
	return Options{Title: "NHS community staff", XLabel: "year", YLabel: "staff"},
		[]Band{band("baseline", 20, 12000, 40, 200), band("mutual expansion", 20, 12000, -60, 250), gap},
		nil
}

func fixtureHHI() (Options, []Band, []HLine) {
	return Options{Title: "Concentration: Herfindahl–Hirschman index", XLabel: "year", YLabel: "HHI (0–10,000)"},
		[]Band{band("national", 20, 900, 30, 60), band("mean of regions", 20, 1500, 45, 90)},
		[]HLine{{Y: 1000, Label: "1,000: moderately concentrated"}, {Y: 1800, Label: "1,800: highly concentrated"}}
}

func fixtureKinds() (Options, []Band, []HLine) {
	var bs []Band
	for i, k := range []string{"nhs", "mutual", "private", "jv"} {
		b := band(k, 20, 400/float64(i+1), 5*float64(2-i), 20)
		bs = append(bs, b)
	}
	bs[3].Low, bs[3].High = nil, nil
	return Options{Title: "Providers by kind", XLabel: "year", YLabel: "providers"}, bs, nil
}

func fixtureStacked() (Options, []float64, []Layer) {
	n := 20
	x := years(n)
	kinds := []string{"nhs", "mutual", "private", "jv"}
	layers := make([]Layer, len(kinds))
	for k := range kinds {
		layers[k] = Layer{Name: kinds[k], Values: make([]float64, n)}
	}
	for i := range n {
		t := float64(i) / float64(n-1)
		mutual := 0.05 + 0.25*t
		private := 0.2 + 0.05*math.Sin(6*t)
		jv := 0.02 + 0.06*t
		layers[0].Values[i] = 1 - mutual - private - jv - 0.01
		layers[1].Values[i] = mutual
		layers[2].Values[i] = private
		layers[3].Values[i] = jv
	}
	return Options{Title: "Market shares by provider kind", XLabel: "year", YLabel: "share of contract value (%)"}, x, layers
}

func fixtureFunnel() (Options, []string, []float64) {
	return Options{Title: "Spin-out proposals reaching each gate", XLabel: "proposals a replication, over the run"},
		[]string{"proposed", "passed the ballot", "management approved", "business plan passed", "financed", "formed (no legal challenge)"},
		[]float64{1240, 903.5, 611.25, 402, 97.4, 12.35}
}

func fixtureBars() (Options, []string, []Group) {
	cats := []string{"community nursing", "mental health services", "therapies", "dental", "sexual health"}
	mk := func(name string, base float64) Group {
		g := Group{Name: name, Values: make([]float64, len(cats)), Low: make([]float64, len(cats)), High: make([]float64, len(cats))}
		for i := range cats {
			v := base * (1 + 0.3*math.Cos(float64(i)))
			g.Values[i], g.Low[i], g.High[i] = v, v*0.9, v*1.1
		}
		return g
	}
	a, b := mk("mutual", 3.2), mk("private", 2.1)
	b.Values[3], b.Low[3], b.High[3] = math.NaN(), math.NaN(), math.NaN()
	return Options{Title: "Contract value by service line", XLabel: "service line", YLabel: "contract value (£m a year)"}, cats, []Group{a, b}
}

func fixtureIntervals() (Options, []Interval, bool) {
	return Options{Title: "Difference in mutual share", XLabel: "difference from baseline (percentage points)"},
		[]Interval{
			{Label: "mutual expansion, 2030", Value: 4.2, Low: 2.9, High: 5.5},
			{Label: "mutual expansion, 2040", Value: 9.8, Low: 7.1, High: 12.6},
			{Label: "tight budgets, 2030", Value: -1.1, Low: -2.6, High: 0.4},
			{Label: "tight budgets, 2040", Value: -3.5, Low: -6.2, High: -0.8},
			{Label: "no data, 2040", Value: math.NaN(), Low: math.NaN(), High: math.NaN()},
			{Label: "wide open", Value: 0.5, Low: math.NaN(), High: 3},
		}, true
}

func fixtureScatter() (Options, []Point) {
	return Options{Title: "Price and quality by provider", XLabel: "price (£ per contact)", YLabel: "quality score (0–100)"},
		[]Point{
			{"Riverside Community Interest Co.", 112, 71},
			{"Northgate Health", 98, 64},
			{"Coastal NHS Trust", 105, 69},
			{"Valley Partners", 131, 80},
			{"Hillside Care", 101, 66},
			{"Eastfield JV", 125, 58},
			{"Westbrook Mutual", 109, 72},
			{"Lakeside Private", 140, 74},
		}
}

// fixtureMorris is a Morris screening: μ* against σ, both never below 0,
// with three inert levers at (0, 0), two close to each other and one
// close to the origin.
func fixtureMorris() (Options, []Point) {
	return Options{Title: "Morris screening: mutuals, 2040", XLabel: "μ*, importance (mutuals)", YLabel: "σ, non-linearity or interaction (mutuals)",
			XDomain: NonNegative, YDomain: NonNegative},
		[]Point{
			{"spin-out rate", 41.5, 22.0},
			{"ballot threshold", 28.0, 9.5},
			{"tender length", 27.2, 10.1},
			{"budget growth", 12.0, 15.5},
			{"pension cost", 0, 0},
			{"VAT refund", 0, 0},
			{"staff transfer", 0, 0},
			{"regional weighting", 0.8, 0.5},
			{"legal challenge", 3.1, 1.2},
		}
}

// fixtureShareSeries is a share that moves within a narrow range, so
// that the ticks are a quarter of a percentage point apart, with a
// reference line.
func fixtureShareSeries() (Options, []Band, []HLine) {
	return Options{Title: "Share of services run by mutuals", XLabel: "year", YLabel: "share of services", YDomain: Share},
		[]Band{band("baseline", 10, 0.024, 0.0005, 0.001)}, []HLine{{Y: 0.025, Label: "target"}}
}
