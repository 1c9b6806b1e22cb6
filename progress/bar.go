// Package progress reports a long job's advance as text: on a terminal a
// bar with the rate and the time left, redrawn in place; in a log one line
// per completed tenth of the work.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// A Bar reports a long job on a writer: on a terminal, a bar with the rate
// and the time left, redrawn in place; otherwise one line per completed
// tenth of the work, for logs. A Bar on a nil writer reports nothing. It
// is safe for use by several goroutines.
type Bar struct {
	w      io.Writer
	label  string // what runs, e.g. "sweep contract-risk"
	unit   string // what is counted, plural, e.g. "runs"
	total  int
	tty    bool
	off    bool
	start  time.Time
	mu     sync.Mutex
	done   int
	base   int       // items done before this process started (a resumed sweep)
	chunk  int       // items per logged line
	logged int       // items done at the last logged line
	drawn  time.Time // last redraw of the bar
	now    func() time.Time
}

// New starts a progress report on w (nil: none) of total items, of which
// done were done already. label says what runs ("sweep contract-risk"),
// unit what is counted, in the plural ("runs").
func New(w io.Writer, label, unit string, total, done int) *Bar {
	p := &Bar{w: w, label: label, unit: unit, total: total, tty: w != nil && isTerminal(w), off: w == nil || total <= 0,
		done: done, base: done, now: time.Now}
	p.start = p.now()
	p.chunk = max(1, (total+9)/10)
	p.logged = done
	return p
}

// Add records n more items done.
func (p *Bar) Add(n int) { p.update(func(done int) int { return done + n }) }

// Set records that done items are done.
func (p *Bar) Set(done int) { p.update(func(int) int { return done }) }

// update sets the items done to next(done) and reports it.
func (p *Bar) update(next func(done int) int) {
	if p.off {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = min(next(p.done), p.total)
	now := p.now()
	if p.tty {
		if now.Sub(p.drawn) >= 100*time.Millisecond || p.done == p.total {
			p.drawn = now
			fmt.Fprintf(p.w, "\r\033[K%s", p.line(now, true))
		}
		return
	}
	if p.done/p.chunk > p.logged/p.chunk || p.done == p.total && p.logged != p.total {
		p.logged = p.done
		fmt.Fprintln(p.w, p.line(now, false))
	}
}

// line describes the progress: "sweep x: [####----] 24/48 runs (50%), 12.0 runs/s, about 2s left".
func (p *Bar) line(now time.Time, bar bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  %s: ", p.label)
	if bar {
		const width = 24
		filled := width * p.done / p.total
		b.WriteString("[" + strings.Repeat("#", filled) + strings.Repeat("-", width-filled) + "] ")
	}
	fmt.Fprintf(&b, "%d/%d %s (%d%%)", p.done, p.total, p.unit, 100*p.done/p.total)
	elapsed := now.Sub(p.start).Seconds()
	if ran := p.done - p.base; ran > 0 && elapsed > 0 {
		rate := float64(ran) / elapsed
		fmt.Fprintf(&b, ", %.3g %s/s", rate, p.unit)
		if left := p.total - p.done; left > 0 {
			fmt.Fprintf(&b, ", about %s left", roundDuration(time.Duration(float64(left)/rate*float64(time.Second))))
		}
	}
	return b.String()
}

// Finish clears the bar from a terminal.
func (p *Bar) Finish() {
	if p.off || !p.tty {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\033[K")
}

// roundDuration rounds a duration for people: 1h4m, 12m30s, 45s, 0.4s.
func roundDuration(d time.Duration) string {
	switch {
	case d >= time.Hour:
		return d.Round(time.Minute).String()
	case d >= time.Minute:
		return d.Round(time.Second).String()
	case d >= 10*time.Second:
		return d.Round(time.Second).String()
	}
	return d.Round(100 * time.Millisecond).String()
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
