package estimate

import (
	"errors"
	"mutualsim/inputs"
	"strings"
	"testing"
	"time"
)

func scale(t *testing.T, name string) inputs.Scale {
	t.Helper()
	s, err := inputs.ScaleByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The review's request, 100,000 replications × 200 years of the whole NHS,
// is refused with its size; the README's largest requests are not.
func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name    string
		jobs    []Job
		workers int
		refused bool
	}{
		{"nhs 100,000 × 200", []Job{{scale(t, "nhs"), 200, 100_000, true}}, 2, true},
		{"default run", []Job{{scale(t, "default"), 20, 10, true}}, 2, false},
		{"england, 19 scenarios", func() []Job {
			var js []Job
			for range 19 {
				js = append(js, Job{scale(t, "england"), 20, 10, true})
			}
			return js
		}(), 2, false},
		{"nhs 100 replications", []Job{{scale(t, "nhs"), 20, 100, true}}, 2, false},
		{"sobol example", []Job{{scale(t, "small"), 15, 3072, false}}, 2, false},
		{"england 10,000 replications", []Job{{scale(t, "england"), 20, 10_000, true}}, 2, true},
	} {
		var e Estimate
		for _, j := range tc.jobs {
			e.Add(j)
		}
		err := e.Check(tc.workers, DefaultLimits())
		var tl *TooLargeError
		if got := errors.As(err, &tl); got != tc.refused {
			t.Errorf("%s: refused %v (%v), want %v", tc.name, got, err, tc.refused)
		}
	}
}

// The estimate of the review's request is the month and the terabytes it
// would take, and the message says so and how to go ahead.
func TestTooLargeMessage(t *testing.T) {
	var e Estimate
	e.Add(Job{scale(t, "nhs"), 200, 100_000, true})
	if d := e.Wall(2); d < 20*24*time.Hour || d > 60*24*time.Hour {
		t.Errorf("wall %v, want about a month", d)
	}
	if e.Bytes < 1e12 {
		t.Errorf("bytes %g, want terabytes", e.Bytes)
	}
	msg := e.Check(2, DefaultLimits()).Error()
	for _, want := range []string{"staff-years", "days on 2 workers", "TB of files", "--confirm-large"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}
