package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestProgressLog checks the progress report in a log: one line per tenth
// of the work with the rate and the time left, the last line without it,
// and nothing for an empty job or on no writer.
func TestProgressLog(t *testing.T) {
	var b bytes.Buffer
	p := New(&b, "sweep x", "runs", 95, 0)
	clock := p.start
	p.now = func() time.Time { clock = clock.Add(100 * time.Millisecond); return clock }
	for range 95 {
		p.Add(1)
	}
	p.Finish()
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(lines) != 10 {
		t.Fatalf("%d lines for 95 runs in chunks of 10, want 10:\n%s", len(lines), b.String())
	}
	if lines[0] != "  sweep x: 10/95 runs (10%), 10 runs/s, about 8.5s left" {
		t.Errorf("first line %q", lines[0])
	}
	if last := lines[9]; last != "  sweep x: 95/95 runs (100%), 10 runs/s" {
		t.Errorf("last line %q", last)
	}

	// A resumed sweep counts the rate from the runs done now.
	b.Reset()
	p = New(&b, "sweep x", "runs", 100, 60)
	clock = p.start
	p.now = func() time.Time { clock = clock.Add(time.Second); return clock }
	p.Set(70)
	if got := strings.TrimRight(b.String(), "\n"); got != "  sweep x: 70/100 runs (70%), 10 runs/s, about 3s left" {
		t.Errorf("resumed: %q", got)
	}

	// A job of nothing reports nothing; a bar on no writer neither (nor
	// panics).
	b.Reset()
	p = New(&b, "sweep x", "runs", 0, 0)
	p.Add(1)
	p.Finish()
	if b.Len() != 0 {
		t.Errorf("an empty job printed %q", b.String())
	}
	p = New(nil, "sweep x", "runs", 10, 0)
	p.Add(10)
	p.Finish()
}

func TestRoundDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		400 * time.Millisecond:                "400ms",
		12*time.Second + 400*time.Millisecond: "12s",
		754 * time.Second:                     "12m34s",
		3*time.Hour + 50*time.Second:          "3h1m0s",
	} {
		if got := roundDuration(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
