// Package webui is mutualsim's browser interface, "mutualsim serve": a
// page where a teacher or a policy team picks a scenario, moves its
// levers, steps or plays the market year by year and watches charts with
// 95% bands across replications, the compared scenario drawn as a ghost
// beside it.
//
// Each browser tab owns a session: the worlds of every replication of its
// scenario, and of the comparator, stepped a year at a time with the
// engine's own Simulate and Continue, so that its numbers are those of
// "mutualsim run" with the same seed and levers; a change of levers while
// paused continues the same histories under the new levers, as "mutualsim
// branch" does from a checkpoint. Years reach the page as Server-Sent
// Events. Every asset is embedded; no file-system path is ever taken from
// the browser.
package webui

import (
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"mutualsim/inputs"
)

//go:embed assets
var assets embed.FS

// Config sets the server's limits. The zero value of a field takes its
// default.
type Config struct {
	// MaxSessions is how many simulations may be open at once (one per
	// browser tab).
	MaxSessions int
	// MaxStaffYears bounds one session's size: staff × replications ×
	// years, twice that with a comparator.
	MaxStaffYears float64
	// MaxLiveStaff bounds the staff one session holds in memory: staff ×
	// replications, twice that with a comparator (about 50 bytes each).
	MaxLiveStaff float64
	// Workers is the number of goroutines a step uses; 0 means one per CPU.
	Workers int
	// IdleTimeout frees a session whose page has had no event stream open
	// for this long (a closed tab).
	IdleTimeout time.Duration
	// LoopbackOnly answers only requests addressed to this machine's
	// loopback names (127.0.0.1, localhost, ::1), so that a web page on
	// another site cannot reach the server by rebinding its own name to
	// 127.0.0.1. Set it when the server listens on loopback.
	LoopbackOnly bool
	// Downloads is how many run folders may be prepared at once; 0 means
	// one per two CPUs, at least one.
	Downloads int
}

// Defaults of Config.
const (
	DefaultMaxSessions   = 8
	DefaultMaxStaffYears = 100e6
	DefaultMaxLiveStaff  = 6e6
	DefaultIdleTimeout   = 30 * time.Second
	// maxBody bounds a request body: a scenario file is at most
	// scenarios.MaxFileSize (4 MiB); JSON escaping may double it.
	maxBody = 9 << 20
	// maxDelay and minDelay bound the pause between played years.
	minDelay = 0
	maxDelay = 10 * time.Second
	// eventBuffer is how many events a slow page may fall behind before
	// its stream is closed (it reconnects and replays).
	eventBuffer = 256
)

func (c Config) withDefaults() Config {
	if c.MaxSessions <= 0 {
		c.MaxSessions = DefaultMaxSessions
	}
	if c.MaxStaffYears <= 0 {
		c.MaxStaffYears = DefaultMaxStaffYears
	}
	if c.MaxLiveStaff <= 0 {
		c.MaxLiveStaff = DefaultMaxLiveStaff
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.Downloads <= 0 {
		c.Downloads = max(1, runtime.GOMAXPROCS(0)/2)
	}
	return c
}

// Server serves the page and its sessions. Create it with New; Close
// stops its sessions.
type Server struct {
	cfg     Config
	ctx     context.Context
	cancel  context.CancelFunc
	mux     *http.ServeMux
	handler http.Handler
	catalog []byte
	// downloads holds a token per run folder being prepared.
	downloads chan struct{}

	mu       sync.Mutex
	sessions map[string]*session
	building int // sessions being built, counted against the limit
	now      func() time.Time
}

// New returns a server with the given limits.
func New(cfg Config) (*Server, error) {
	cat, err := json.Marshal(newCatalog(cfg.withDefaults()))
	if err != nil {
		return nil, fmt.Errorf("webui: catalog: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cfg = cfg.withDefaults()
	s := &Server{cfg: cfg, ctx: ctx, cancel: cancel, catalog: cat,
		sessions: map[string]*session{}, now: time.Now, downloads: make(chan struct{}, cfg.Downloads)}
	s.routes()
	go s.reap()
	return s, nil
}

// ServeHTTP serves the page, its assets and the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Close stops every session's play and frees them.
func (s *Server) Close() {
	s.cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, se := range s.sessions {
		se.close()
		delete(s.sessions, id)
	}
}

// Sessions returns the number of open sessions.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

func (s *Server) routes() {
	s.mux = http.NewServeMux()
	static, _ := fs.Sub(assets, "assets") // the folder is embedded
	s.mux.Handle("GET /", http.FileServerFS(static))
	s.mux.HandleFunc("GET /api/catalog", s.handleCatalog)
	s.mux.HandleFunc("GET /api/manual", handleManual)
	s.mux.HandleFunc("POST /api/check", s.handleCheck)
	s.mux.HandleFunc("POST /api/sessions", s.handleCreate)
	s.mux.HandleFunc("GET /api/sessions/{id}/events", s.withSession(s.handleEvents))
	s.mux.HandleFunc("POST /api/sessions/{id}/step", s.withSession(s.handleStep))
	s.mux.HandleFunc("POST /api/sessions/{id}/play", s.withSession(s.handlePlay))
	s.mux.HandleFunc("POST /api/sessions/{id}/pause", s.withSession(s.handlePause))
	s.mux.HandleFunc("POST /api/sessions/{id}/reset", s.withSession(s.handleReset))
	s.mux.HandleFunc("POST /api/sessions/{id}/levers", s.withSession(s.handleLevers))
	s.mux.HandleFunc("GET /api/sessions/{id}/command", s.withSession(s.handleCommand))
	s.mux.HandleFunc("GET /api/sessions/{id}/download", s.withSession(s.handleDownload))
	s.mux.HandleFunc("DELETE /api/sessions/{id}", s.handleDelete)
	s.handler = s.guard(s.mux)
}

// guard wraps every answer: headers that forbid the page to load anything
// the binary does not serve or to be framed by another site; a refusal of
// requests addressed to another name when the server is loopback only
// (DNS rebinding); and of state-changing requests from another site's
// pages (cross-site request forgery).
func (s *Server) guard(h http.Handler) http.Handler {
	h = http.NewCrossOriginProtection().Handler(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		if s.cfg.LoopbackOnly && !loopbackHost(r.Host) {
			writeJSON(w, http.StatusForbidden, errorBody{Error: fmt.Sprintf(
				"this server answers only at 127.0.0.1, localhost or [::1], not %q: open the address it printed", r.Host)})
			return
		}
		h.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether a Host header names this machine's loopback.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) handleCatalog(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(s.catalog)
}

// handleCheck checks a request as Start would, building nothing, so that
// a control can show its error as soon as its value changes.
func (s *Server) handleCheck(w http.ResponseWriter, r *http.Request) {
	var req Request
	if !decode(w, r, &req) {
		return
	}
	sp, err := loadSpec(req, req.Set)
	if err == nil {
		err = s.checkSize(sp)
	}
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, errorBody{})
}

// handleCreate starts a session: it checks the request like the command
// line, then its size against the limits, then builds the worlds.
func (s *Server) handleCreate(w http.ResponseWriter, r *http.Request) {
	var req Request
	if !decode(w, r, &req) {
		return
	}
	sp, err := loadSpec(req, req.Set)
	if err != nil {
		writeError(w, err)
		return
	}
	if err := s.checkSize(sp); err != nil {
		writeError(w, err)
		return
	}
	if !s.reserve() {
		writeJSON(w, http.StatusServiceUnavailable, errorBody{Error: fmt.Sprintf(
			"the server is running as many simulations as it allows (%d): close another tab's simulation, or start mutualsim serve with a larger --max-sessions", s.cfg.MaxSessions)})
		return
	}
	h, err := newHistory(r.Context(), sp, s.cfg.Workers)
	if err != nil {
		s.release()
		writeError(w, err)
		return
	}
	se := newSession(newID(), h, s.now(), s.checkSize)
	s.mu.Lock()
	s.building--
	s.sessions[se.id] = se
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, se.created())
}

// reserve counts a session about to be built against the limit.
func (s *Server) reserve() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.sessions)+s.building >= s.cfg.MaxSessions {
		return false
	}
	s.building++
	return true
}

func (s *Server) release() {
	s.mu.Lock()
	s.building--
	s.mu.Unlock()
}

// checkSize refuses a session beyond the limits, saying what to change.
func (s *Server) checkSize(sp spec) error {
	scale, err := inputs.ScaleByName(sp.scen.Scale)
	if err != nil {
		return &RequestError{[]Problem{{Field: "scale", Message: err.Error()}}}
	}
	staff := float64(scale.Regions) * scale.StaffPerRegion
	n := float64(sp.scen.Replications)
	what := fmt.Sprintf("%s scale (about %s staff) × %d replications", scale.Name, thousands(staff), sp.scen.Replications)
	if sp.ghost != nil {
		n *= 2
		what += " × 2 with the comparator"
	}
	live, years := staff*n, staff*n*float64(sp.scen.Years)
	var msg string
	switch {
	case live > s.cfg.MaxLiveStaff:
		msg = fmt.Sprintf("%s holds %s staff in memory; this server allows %s: choose fewer replications or a smaller scale, or start mutualsim serve with a larger --max-live-staff",
			what, thousands(live), thousands(s.cfg.MaxLiveStaff))
	case years > s.cfg.MaxStaffYears:
		msg = fmt.Sprintf("%s × %d years is %s staff-years; this server allows %s: choose fewer replications, years or a smaller scale, or start mutualsim serve with a larger --max-staff-years",
			what, sp.scen.Years, thousands(years), thousands(s.cfg.MaxStaffYears))
	default:
		return nil
	}
	return &RequestError{[]Problem{{Field: "reps", Message: msg}}}
}

// withSession finds the session the path names.
func (s *Server) withSession(h func(http.ResponseWriter, *http.Request, *session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		se := s.sessions[r.PathValue("id")]
		s.mu.Unlock()
		if se == nil {
			writeError(w, errClosed)
			return
		}
		h(w, r, se)
	}
}

func (s *Server) handleDelete(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	se := s.sessions[r.PathValue("id")]
	delete(s.sessions, r.PathValue("id"))
	s.mu.Unlock()
	if se == nil {
		writeJSON(w, http.StatusNotFound, errorBody{Error: "no such simulation"})
		return
	}
	se.close()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request, se *session) {
	fl, ok := w.(http.Flusher)
	if !ok {
		writeJSON(w, http.StatusInternalServerError, errorBody{Error: "the connection cannot stream events"})
		return
	}
	sub, replay := se.subscribe()
	if sub == nil {
		if se.isClosed() {
			writeError(w, errClosed)
			return
		}
		writeJSON(w, http.StatusTooManyRequests, errorBody{Error: fmt.Sprintf(
			"this simulation has %d pages open already: close one (each browser tab starts its own)", maxStreams)})
		return
	}
	defer se.unsubscribe(sub, s.now())
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	for _, ev := range replay {
		ev.writeTo(w)
	}
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.ctx.Done():
			return
		case ev, ok := <-sub.ch:
			if !ok {
				return
			}
			ev.writeTo(w)
			fl.Flush()
		}
	}
}

func (s *Server) handleStep(w http.ResponseWriter, r *http.Request, se *session) {
	f, err := se.step(r.Context())
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Frame Frame `json:"frame"`
	}{f})
}

func (s *Server) handlePlay(w http.ResponseWriter, r *http.Request, se *session) {
	var body struct {
		DelayMS *int `json:"delay_ms"`
	}
	if !decode(w, r, &body) {
		return
	}
	delay := se.delayOr(body.DelayMS)
	if delay < minDelay || delay > maxDelay {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: fmt.Sprintf("delay_ms: %d is out of range, expected 0 to %d",
			delay.Milliseconds(), maxDelay.Milliseconds()),
			Problems: []Problem{{Field: "delay_ms", Message: "expected 0 to 10000 milliseconds"}}})
		return
	}
	if err := se.play(s.ctx, delay); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, se.state())
}

func (s *Server) handlePause(w http.ResponseWriter, _ *http.Request, se *session) {
	se.pause()
	writeJSON(w, http.StatusOK, se.state())
}

func (s *Server) handleReset(w http.ResponseWriter, r *http.Request, se *session) {
	if err := se.reset(r.Context(), s.cfg.Workers); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, se.state())
}

func (s *Server) handleLevers(w http.ResponseWriter, r *http.Request, se *session) {
	var body struct {
		Set []string `json:"set"`
	}
	if !decode(w, r, &body) {
		return
	}
	if err := se.change(body.Set); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, se.state())
}

func (s *Server) handleCommand(w http.ResponseWriter, _ *http.Request, se *session) {
	se.mu.Lock()
	cmd := Command(se.h.spec.req, se.h.branches)
	se.mu.Unlock()
	writeJSON(w, http.StatusOK, struct {
		Command string `json:"command"`
	}{cmd})
}

// reap frees the sessions whose pages have gone.
func (s *Server) reap() {
	tick := time.NewTicker(max(s.cfg.IdleTimeout/4, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-tick.C:
			s.reapIdle()
		}
	}
}

// reapIdle frees every session idle for longer than the timeout, in id
// order. It asks each session outside the server's lock: a session may be
// busy with a step for a while, and other requests must not wait for it.
func (s *Server) reapIdle() {
	now := s.now()
	s.mu.Lock()
	ids := make([]string, 0, len(s.sessions))
	for id := range s.sessions {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	all := make([]*session, len(ids))
	for i, id := range ids {
		all[i] = s.sessions[id]
	}
	s.mu.Unlock()
	for i, se := range all {
		if se.idleSince(now) <= s.cfg.IdleTimeout {
			continue
		}
		s.mu.Lock()
		if s.sessions[ids[i]] == se {
			delete(s.sessions, ids[i])
		}
		s.mu.Unlock()
		se.close()
	}
}

// newID returns a random session id.
func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
