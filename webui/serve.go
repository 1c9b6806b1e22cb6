package webui

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// shutdownGrace is how long Serve waits for requests in flight once its
// context ends.
const shutdownGrace = 3 * time.Second

// Serve serves the page on ln until ctx ends, then closes the sessions
// (which ends their event streams) and shuts down within a few seconds.
// It returns nil after a shutdown ctx asked for, or the error that
// stopped serving.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	// No write timeout: an event stream lasts as long as its page.
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.Close()
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	_ = hs.Shutdown(sctx) // event streams end when the server's sessions close
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
