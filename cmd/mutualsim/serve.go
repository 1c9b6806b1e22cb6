package main

import (
	"fmt"
	"io"
	"net"
	"os/exec"
	"runtime"

	"github.com/spf13/cobra"

	"mutualsim/webui"
)

func newServeCmd(stdout, stderr io.Writer) *cobra.Command {
	var addr string
	var open bool
	var cfg webui.Config
	cmd := &cobra.Command{
		Use:  "serve",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, l := range []struct {
				name string
				v    float64
			}{{"max-sessions", float64(cfg.MaxSessions)}, {"max-staff-years", cfg.MaxStaffYears}, {"max-live-staff", cfg.MaxLiveStaff}} {
				if l.v < 1 {
					return fmt.Errorf("--%s: %g is out of range, expected 1 or more", l.name, l.v)
				}
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("--addr: %w", err)
			}
			tcp, _ := ln.Addr().(*net.TCPAddr) // a "tcp" listener's address
			cfg.LoopbackOnly = tcp != nil && tcp.IP.IsLoopback()
			srv, err := webui.New(cfg)
			if err != nil {
				ln.Close()
				return err
			}
			defer srv.Close()
			url := "http://" + ln.Addr().String() + "/"
			fmt.Fprintf(stdout, "mutualsim serve: open %s (Ctrl-C stops)\n", url)
			if !cfg.LoopbackOnly {
				fmt.Fprintf(stderr, "mutualsim serve: listening on %s, beyond this machine: anyone who can reach it can run simulations here\n", ln.Addr())
			}
			if open {
				if err := openBrowser(url); err != nil {
					fmt.Fprintf(stderr, "--open: %v; open the address above yourself\n", err)
				}
			}
			return srv.Serve(cmd.Context(), ln)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&addr, "addr", "127.0.0.1:0", "`HOST:PORT` to listen on (port 0: a free one); loopback unless you name another address")
	fl.BoolVar(&open, "open", false, "open the page in the default browser")
	fl.IntVar(&cfg.MaxSessions, "max-sessions", webui.DefaultMaxSessions, "simulations open at once (one per browser tab)")
	fl.Float64Var(&cfg.MaxStaffYears, "max-staff-years", webui.DefaultMaxStaffYears, "largest simulation: staff × replications × years (× 2 with the comparator)")
	fl.Float64Var(&cfg.MaxLiveStaff, "max-live-staff", webui.DefaultMaxLiveStaff, "most staff one simulation holds in memory (about 50 bytes each): staff × replications (× 2 with the comparator)")
	registerWorkers(fl, &cfg.Workers, "goroutines a simulated year uses (0: one per CPU); results do not depend on it")
	return cmd
}

// openBrowser opens url in the desktop's default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("no browser to open here: %w", err)
	}
	return cmd.Process.Release()
}
