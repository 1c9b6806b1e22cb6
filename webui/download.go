package webui

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"mutualsim/experiment"
	"mutualsim/inputs"
	"mutualsim/outputs"
	"mutualsim/report"
	"mutualsim/sim"
)

// errBusy refuses a download while others are being prepared.
var errBusy = errors.New("the server is preparing as many run folders as it can at once: try again in a minute")

// handleDownload runs what the session's command line runs, the whole
// run, into a temporary folder, and sends that run folder with its
// report as a zip archive.
func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request, se *session) {
	format, err := outputs.ParseFormat(r.URL.Query().Get("format"))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "format: " + err.Error(), Problems: []Problem{{Field: "format", Message: err.Error()}}})
		return
	}
	select {
	case s.downloads <- struct{}{}:
		defer func() { <-s.downloads }()
	default:
		writeError(w, errBusy)
		return
	}
	se.mu.Lock()
	sp, branches := se.h.spec, append([]Branch(nil), se.h.branches...)
	se.mu.Unlock()
	if len(branches) > 1 {
		writeJSON(w, http.StatusConflict, errorBody{Error: fmt.Sprintf(
			"the levers changed %d times (in %s): a run folder can continue a run once, from a checkpoint; download before the second change, or reset", len(branches), branchYears(branches))})
		return
	}
	tmp, err := os.MkdirTemp("", "mutualsim-serve-")
	if err != nil {
		writeError(w, err)
		return
	}
	defer os.RemoveAll(tmp)
	dir, err := runFolder(r.Context(), tmp, sp, branches, experiment.Options{Workers: s.cfg.Workers, Format: format})
	if err != nil {
		writeError(w, err)
		return
	}
	if _, err := report.Write(dir, report.Options{}); err != nil {
		writeError(w, err)
		return
	}
	name := filepath.Base(dir)
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name+".zip"))
	if err := writeZip(w, dir, name); err != nil {
		// The headers are sent: all that is left is to cut the archive short.
		return
	}
}

// runFolder writes the run folder of a session: the run, or the run to
// the year before the change of levers continued from its checkpoint.
func runFolder(ctx context.Context, tmp string, sp spec, branches []Branch, opt experiment.Options) (string, error) {
	if len(branches) == 0 {
		res, err := experiment.Run(ctx, sp.scen, filepath.Join(tmp, experiment.RunDir(sp.scen, "", 0)), opt)
		if err != nil {
			return "", err
		}
		return res.Dir, nil
	}
	b := branches[0]
	ckpt := filepath.Join(tmp, checkpointFile)
	if _, err := experiment.RunToCheckpoint(ctx, sp.scen, filepath.Join(tmp, "before"), ckpt, b.Year-1, opt); err != nil {
		return "", err
	}
	c, err := sim.OpenCheckpoint(ckpt)
	if err != nil {
		return "", err
	}
	defer c.Close()
	after, err := loadSpec(sp.req, b.Set)
	if err != nil {
		return "", err
	}
	res, err := experiment.Branch(ctx, c, ckpt, []*inputs.Scenario{after.scen}, filepath.Join(tmp, fmt.Sprintf("branch-%d", b.Year-1)), opt)
	if err != nil {
		return "", err
	}
	return res.Runs[0].Dir, nil
}

// writeZip writes the files under dir into a zip archive, under the
// folder name, in lexical order.
func writeZip(w io.Writer, dir, name string) error {
	zw := zip.NewWriter(w)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		zf, err := zw.Create(name + "/" + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = io.Copy(zf, f)
		return err
	})
	if err != nil {
		return err
	}
	return zw.Close()
}
