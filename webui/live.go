package webui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"mutualsim/inputs"
)

// defaultDelay is the pause between played years unless the page asks
// for another.
const defaultDelay = 600 * time.Millisecond

// errPlaying refuses what needs the simulation paused.
var errPlaying = errors.New("the simulation is playing: press Pause first")

// errClosed refuses what asks for a session that has been closed.
var errClosed = errors.New("no such simulation: it was closed, or freed after its page had been closed for a while; press Start")

// session is a browser tab's simulation with the event streams of its
// pages. Its methods are safe for concurrent use.
type session struct {
	id string

	mu      sync.Mutex
	h       *history
	playing bool
	stop    context.CancelFunc // stops play
	delay   time.Duration
	subs    []*subscriber
	idle    time.Time // when the last stream closed; zero while one is open
	closed  bool
	// check refuses a spec beyond the server's limits.
	check func(spec) error
}

// subscriber is one open event stream.
type subscriber struct {
	ch chan event
}

// event is one Server-Sent Event.
type event struct {
	name string
	data []byte
}

func (e event) writeTo(w io.Writer) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
}

func newEvent(name string, v any) event {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(errorBody{Error: err.Error()})
		name = "error"
	}
	return event{name: name, data: b}
}

func newSession(id string, h *history, now time.Time, check func(spec) error) *session {
	return &session{id: id, h: h, delay: defaultDelay, idle: now, check: check}
}

// State is what the page shows besides the frames.
type State struct {
	// Year is the next year to simulate.
	Year     int               `json:"year"`
	Playing  bool              `json:"playing"`
	Done     bool              `json:"done"`
	DelayMS  int64             `json:"delay_ms"`
	Branches []Branch          `json:"branches"`
	Command  string            `json:"command"`
	Levers   map[string]string `json:"levers"`
}

// Created is the answer to a new session.
type Created struct {
	ID         string            `json:"id"`
	Scenario   string            `json:"scenario"`
	Comparator string            `json:"comparator"`
	StartYear  int               `json:"start_year"`
	EndYear    int               `json:"end_year"`
	Seed       uint64            `json:"seed"`
	Reps       int               `json:"reps"`
	Scale      string            `json:"scale"`
	Levers     map[string]string `json:"levers"`
	Command    string            `json:"command"`
}

func (se *session) created() Created {
	se.mu.Lock()
	defer se.mu.Unlock()
	h := se.h
	c := Created{ID: se.id, Scenario: h.scen.Name, StartYear: h.scen.StartYear, EndYear: h.scen.EndYear(),
		Seed: h.scen.Seed, Reps: h.scen.Replications, Scale: h.scen.Scale, Levers: leverValues(h.scen),
		Command: Command(h.spec.req, h.branches)}
	if h.ghostScen != nil {
		c.Comparator = h.ghostScen.Name
		if h.ghostScen.Name == h.scen.Name {
			c.Comparator += " as written"
		}
	}
	return c
}

// leverValues returns every lever's value in the scenario's first year,
// as text that --set takes.
func leverValues(s *inputs.Scenario) map[string]string {
	p, err := s.ParamsAt(s.StartYear)
	out := map[string]string{}
	if err != nil {
		return out
	}
	for _, l := range inputs.Levers() {
		out[l.Name] = l.Format(l.Get(p))
	}
	return out
}

func (se *session) state() State {
	se.mu.Lock()
	defer se.mu.Unlock()
	return se.stateLocked()
}

func (se *session) stateLocked() State {
	h := se.h
	scen := h.scen
	if h.pending != nil {
		scen = h.pending
	}
	return State{Year: h.nextYear(), Playing: se.playing, Done: h.done(), DelayMS: se.delay.Milliseconds(),
		Branches: slices.Clone(h.branches), Command: Command(h.spec.req, h.branches), Levers: leverValues(scen)}
}

// maxStreams bounds the event streams open on one session: its page holds
// one, and a few more cover reconnections and a second window.
const maxStreams = 4

// subscribe opens an event stream: it returns the events that replay the
// session so far, and the subscriber that receives the rest; nil for a
// closed session, or one with maxStreams open.
func (se *session) subscribe() (*subscriber, []event) {
	se.mu.Lock()
	defer se.mu.Unlock()
	if se.closed {
		return nil, nil
	}
	if len(se.subs) >= maxStreams {
		return nil, nil
	}
	sub := &subscriber{ch: make(chan event, eventBuffer)}
	se.subs = append(se.subs, sub)
	se.idle = time.Time{}
	replay := make([]event, 0, len(se.h.frames)+1)
	for _, f := range se.h.frames {
		replay = append(replay, newEvent("frame", f))
	}
	return sub, append(replay, newEvent("state", se.stateLocked()))
}

// isClosed reports whether the session has been closed.
func (se *session) isClosed() bool {
	se.mu.Lock()
	defer se.mu.Unlock()
	return se.closed
}

// unsubscribe closes a stream; the session is idle from now if it was the
// last.
func (se *session) unsubscribe(sub *subscriber, now time.Time) {
	se.mu.Lock()
	defer se.mu.Unlock()
	if i := slices.Index(se.subs, sub); i >= 0 {
		se.subs = slices.Delete(se.subs, i, i+1)
	}
	if len(se.subs) == 0 {
		se.idle = now
	}
}

// idleSince returns how long the session has had no stream open.
func (se *session) idleSince(now time.Time) time.Duration {
	se.mu.Lock()
	defer se.mu.Unlock()
	if len(se.subs) > 0 || se.idle.IsZero() {
		return 0
	}
	return now.Sub(se.idle)
}

// broadcast sends an event to every stream; a stream too far behind is
// closed, and its page reconnects and replays.
func (se *session) broadcast(ev event) {
	kept := se.subs[:0]
	for _, sub := range se.subs {
		select {
		case sub.ch <- ev:
			kept = append(kept, sub)
		default:
			close(sub.ch)
		}
	}
	se.subs = kept
}

// step simulates the next year, unless playing.
func (se *session) step(ctx context.Context) (Frame, error) {
	se.mu.Lock()
	defer se.mu.Unlock()
	switch {
	case se.closed:
		return Frame{}, errClosed
	case se.playing:
		return Frame{}, errPlaying
	}
	return se.stepLocked(ctx)
}

func (se *session) stepLocked(ctx context.Context) (Frame, error) {
	f, err := se.h.step(ctx)
	if err != nil {
		return Frame{}, err
	}
	se.broadcast(newEvent("frame", f))
	se.broadcast(newEvent("state", se.stateLocked()))
	return f, nil
}

// delayOr returns the delay asked for, or the session's.
func (se *session) delayOr(ms *int) time.Duration {
	if ms == nil {
		se.mu.Lock()
		defer se.mu.Unlock()
		return se.delay
	}
	return time.Duration(*ms) * time.Millisecond
}

// play steps a year every delay until the last year or pause.
func (se *session) play(parent context.Context, delay time.Duration) error {
	se.mu.Lock()
	defer se.mu.Unlock()
	switch {
	case se.closed:
		return errClosed
	case se.h.done():
		return errDone
	}
	se.delay = delay
	if se.playing {
		se.broadcast(newEvent("state", se.stateLocked()))
		return nil
	}
	ctx, stop := context.WithCancel(parent)
	se.playing, se.stop = true, stop
	se.broadcast(newEvent("state", se.stateLocked()))
	go se.loop(ctx)
	return nil
}

func (se *session) loop(ctx context.Context) {
	for {
		se.mu.Lock()
		if !se.playing || ctx.Err() != nil {
			se.mu.Unlock()
			return
		}
		_, err := se.stepLocked(ctx)
		if err != nil || se.h.done() {
			if err != nil && !errors.Is(err, context.Canceled) {
				se.broadcast(newEvent("error", errorBody{Error: err.Error()}))
			}
			se.pauseLocked()
			se.broadcast(newEvent("state", se.stateLocked()))
			se.mu.Unlock()
			return
		}
		delay := se.delay
		se.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
	}
}

// pause stops play after the year in progress.
func (se *session) pause() {
	se.mu.Lock()
	defer se.mu.Unlock()
	se.pauseLocked()
	se.broadcast(newEvent("state", se.stateLocked()))
}

func (se *session) pauseLocked() {
	if se.stop != nil {
		se.stop()
		se.stop = nil
	}
	se.playing = false
}

// reset goes back to the first year with the levers the session started
// with.
func (se *session) reset(ctx context.Context, workers int) error {
	se.mu.Lock()
	defer se.mu.Unlock()
	if se.closed {
		return errClosed
	}
	se.pauseLocked()
	h, err := newHistory(ctx, se.h.spec, workers)
	if err != nil {
		return err
	}
	se.h = h
	se.broadcast(newEvent("reset", struct{}{}))
	se.broadcast(newEvent("state", se.stateLocked()))
	return nil
}

// change sets the levers from the next year: set is the whole list of
// levers changed from the scenario's values. Before the first year it
// replaces the starting levers.
func (se *session) change(set []string) error {
	se.mu.Lock()
	defer se.mu.Unlock()
	switch {
	case se.closed:
		return errClosed
	case se.playing:
		return errPlaying
	}
	h := se.h
	if h.done() {
		return errDone
	}
	if len(h.frames) > 0 && slices.Equal(set, h.applied()) {
		// Back to the levers in force: no branch.
		h.pending, h.pendingSet = nil, nil
		se.broadcast(newEvent("state", se.stateLocked()))
		return nil
	}
	req := h.spec.req
	sp, err := loadSpec(req, set)
	if err != nil {
		return err
	}
	if len(h.frames) == 0 {
		// The worlds are built under the first year's levers: build them
		// again.
		req.Set = slices.Clone(set)
		sp.req = req
		if err := se.check(sp); err != nil {
			return err
		}
		nh, err := newHistory(context.Background(), sp, h.workers)
		if err != nil {
			return err
		}
		se.h = nh
	} else {
		h.pending, h.pendingSet = sp.scen, slices.Clone(set)
	}
	se.broadcast(newEvent("state", se.stateLocked()))
	return nil
}

// close stops play and closes every stream.
func (se *session) close() {
	se.mu.Lock()
	defer se.mu.Unlock()
	se.pauseLocked()
	se.closed = true
	for _, sub := range se.subs {
		close(sub.ch)
	}
	se.subs = nil
}
