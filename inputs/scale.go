package inputs

import (
	"fmt"
	"strings"
)

// Scale sets the size of the simulated market: how many regions (one
// commissioner each), how many staff, and how many firms start in it.
type Scale struct {
	Name            string  `json:"name"`
	Desc            string  `json:"description"`
	Regions         int     `json:"regions"`
	StaffPerRegion  float64 `json:"staff_per_region"` // mean headcount of community services per region
	RegionSizeSD    float64 `json:"region_size_sd"`   // lognormal spread of region sizes
	NationalFirms   int     `json:"national_firms"`   // private firms that may bid in every region
	LocalFirms      float64 `json:"local_firms"`      // expected local private firms per region
	InitialMutuals  int     `json:"initial_mutuals"`  // staff mutuals trading before the start year
	NeighbourRadius int     `json:"neighbour_radius"` // regions either side, on a ring, that count as neighbours
}

// Scales returns the scale presets, smallest first.
func Scales() []Scale {
	return []Scale{
		{Name: "small", Desc: "4 regions, about 3,000 staff: for teaching and tests",
			Regions: 4, StaffPerRegion: 750, RegionSizeSD: 0.3, NationalFirms: 2, LocalFirms: 0.5, InitialMutuals: 0, NeighbourRadius: 1},
		{Name: "default", Desc: "30 regions, about 48,000 staff: one NHS region's community services (about £2bn a year)",
			Regions: 30, StaffPerRegion: 1600, RegionSizeSD: 0.4, NationalFirms: 8, LocalFirms: 0.5, InitialMutuals: 1, NeighbourRadius: 1},
		{Name: "england", Desc: "152 regions as in the PCT era, about 243,000 staff: England's community services (about £10bn a year)",
			Regions: 152, StaffPerRegion: 1600, RegionSizeSD: 0.45, NationalFirms: 16, LocalFirms: 0.5, InitialMutuals: 5, NeighbourRadius: 2},
		{Name: "nhs", Desc: "152 regions, about 1.3 million staff: a whole-NHS workforce, for performance work",
			Regions: 152, StaffPerRegion: 8550, RegionSizeSD: 0.45, NationalFirms: 16, LocalFirms: 0.5, InitialMutuals: 5, NeighbourRadius: 2},
	}
}

// ScaleNames returns the names of the scale presets.
func ScaleNames() []string {
	var names []string
	for _, s := range Scales() {
		names = append(names, s.Name)
	}
	return names
}

// ScaleByName returns the preset with the given name, or an error that lists
// the presets and suggests the closest one.
func ScaleByName(name string) (Scale, error) {
	for _, s := range Scales() {
		if s.Name == name {
			return s, nil
		}
	}
	msg := fmt.Sprintf("unknown scale %q, expected one of %s", name, strings.Join(ScaleNames(), ", "))
	if c := Closest(name, ScaleNames()); c != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", c)
	}
	return Scale{}, fmt.Errorf("%s", msg)
}
