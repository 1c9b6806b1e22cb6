package charts_test

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strings"

	"mutualsim/charts"
)

func ExampleTimeSeries() {
	years := []float64{2025, 2026, 2027, 2028, 2029, 2030}
	baseline := charts.Band{
		Name: "baseline",
		X:    years,
		Mean: []float64{12000, 12150, 12230, 12400, 12380, 12500},
		Low:  []float64{11800, 11900, 11950, 12050, 12000, 12080},
		High: []float64{12200, 12400, 12510, 12750, 12760, 12920},
	}
	expansion := charts.Band{
		Name: "mutual expansion",
		X:    years,
		// A NaN leaves a gap in the line.
		Mean: []float64{12000, 11900, math.NaN(), 11600, 11450, 11300},
	}
	c, err := charts.TimeSeries(charts.Options{
		Title:  "NHS community staff",
		XLabel: "year",
		YLabel: "staff",
	}, []charts.Band{baseline, expansion}, charts.HLine{Y: 12000, Label: "2025 level"})
	if err != nil {
		fmt.Println(err)
		return
	}
	svg, err := c.SVG()
	if err != nil {
		fmt.Println(err)
		return
	}
	if bytes.HasPrefix(svg, []byte("<?xml")) && bytes.Contains(svg, []byte("<title>NHS community staff</title>")) {
		fmt.Println("svg ok:", c.Title())
	}

	_, err = charts.TimeSeries(charts.Options{}, []charts.Band{{Name: "short", X: years, Mean: []float64{1, 2}}})
	fmt.Println(err)
	// Output:
	// svg ok: NHS community staff
	// charts.TimeSeries: series 0 "short": 6 X values but 2 Mean values: mismatched lengths
}

func ExampleDomain() {
	// A share that moves by a fraction of a percentage point: the axis
	// stays within 0–100% and every tick has the same decimals.
	years := []float64{2025, 2026, 2027, 2028}
	c, err := charts.TimeSeries(charts.Options{
		Title:   "Share of services run by mutuals",
		XLabel:  "year",
		YLabel:  "share of services",
		YDomain: charts.Share,
		Height:  5,
	}, []charts.Band{{Name: "baseline", X: years, Mean: []float64{0.0225, 0.024, 0.027, 0.03}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	svg, err := c.SVG()
	if err != nil {
		fmt.Println(err)
		return
	}
	var ticks []string
	for _, m := range regexp.MustCompile(`>([0-9.]+%)</text>`).FindAllSubmatch(svg, -1) {
		ticks = append(ticks, string(m[1]))
	}
	fmt.Println(strings.Join(ticks, " "))

	// Morris μ* and σ are never negative, so neither axis goes below 0.
	_, err = charts.Scatter(charts.Options{XDomain: charts.NonNegative, YDomain: charts.NonNegative},
		[]charts.Point{{Label: "budget growth", X: 12, Y: 15.5}, {Label: "odd lever", X: -1, Y: 0}})
	fmt.Println(err)
	// Output:
	// 2.25% 2.50% 2.75% 3.00%
	// charts.Scatter: point 1 "odd lever" at (-1, 0) is outside the axes' domains, x NonNegative and y NonNegative: invalid value
}
