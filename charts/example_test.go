package charts_test

import (
	"bytes"
	"fmt"
	"math"

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
