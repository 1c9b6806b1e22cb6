package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// lineWriter collects what a command prints, safe to read while it runs.
type lineWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// TestServe starts the server on a free loopback port, reads the address
// it prints, fetches the page and the catalogue, and stops it as Ctrl-C
// does, with exit code 0.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs lineWriter
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve"}, &out, &errs) }()
	var url string
	for deadline := time.Now().Add(30 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, rest, ok := strings.Cut(out.String(), "open "); ok {
			url, _, _ = strings.Cut(rest, " ")
		}
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("printed %q %q, want a loopback address", out.String(), errs.String())
	}
	for _, path := range []string{"", "api/catalog", "app.js"} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || len(b) < 100 {
			t.Errorf("%s: %d, %d bytes", path, resp.StatusCode, len(b))
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after the interrupt: %s", code, errs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop within 10 s of the interrupt")
	}
}

func TestServeBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"serve", "--max-sessions", "0"}, "--max-sessions: 0 is out of range"},
		{[]string{"serve", "--workers", "-1"}, `"--workers" flag: "-1" is not a whole number from 0`},
		{[]string{"serve", "--addr", "256.1.1.1:80"}, "--addr"},
	} {
		code, _, errs := runCLI(t, tc.args...)
		if code != exitError || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tc.args, code, errs, exitError, tc.msg)
		}
	}
}
