package webui

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// checkpointFile is the checkpoint file the copied commands of a branched
// session write and read.
const checkpointFile = "session.ckpt"

// Command returns the command lines that reproduce a session's tables, in
// a shell where no MUTUALSIM_* variable is set (the server applies none):
// "mutualsim run" with its scenario, run settings and levers; after a
// change of levers, that run stopped at a checkpoint the year before the
// change and "mutualsim branch" continuing it under the new levers. More
// than one change has no command-line equivalent, which it says.
func Command(req Request, branches []Branch) string {
	ref := req.Scenario
	if req.File != nil {
		// "./" keeps a name that starts with "-" from reading as a flag.
		ref = "./" + path.Base(strings.ReplaceAll(req.File.Name, "\\", "/"))
	}
	var settings []string
	if req.Seed != nil {
		settings = append(settings, "--seed", strconv.FormatUint(*req.Seed, 10))
	}
	if req.Reps != nil {
		settings = append(settings, "--reps", strconv.Itoa(*req.Reps))
	}
	if req.Scale != nil {
		settings = append(settings, "--scale", *req.Scale)
	}
	if req.Years != nil {
		settings = append(settings, "--years", strconv.Itoa(*req.Years))
	}
	if req.StartYear != nil {
		settings = append(settings, "--start-year", strconv.Itoa(*req.StartYear))
	}
	run := append([]string{"mutualsim", "run", "--scenario", ref}, settings...)
	run = append(run, setFlags(req.Set)...)
	switch len(branches) {
	case 0:
		return shellJoin(run)
	case 1:
		b := branches[0]
		run = append(run, "--checkpoint", checkpointFile, "--until", strconv.Itoa(b.Year-1))
		branch := []string{"mutualsim", "branch", checkpointFile, "--scenario", ref}
		if req.Years != nil {
			branch = append(branch, "--years", strconv.Itoa(*req.Years))
		}
		branch = append(branch, setFlags(b.Set)...)
		return shellJoin(run) + "\n" + shellJoin(branch)
	default:
		return fmt.Sprintf("# %d changes of levers (in %s): the command line branches a run once; this is the run before the first\n%s",
			len(branches), branchYears(branches), shellJoin(run))
	}
}

func setFlags(set []string) []string {
	var out []string
	for _, s := range set {
		out = append(out, "--set", s)
	}
	return out
}

func branchYears(bs []Branch) string {
	ys := make([]string, len(bs))
	for i, b := range bs {
		ys[i] = strconv.Itoa(b.Year)
	}
	return strings.Join(ys, ", ")
}

// shellJoin joins words into a POSIX shell command line, quoting those
// that need it.
func shellJoin(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = shellQuote(w)
	}
	return strings.Join(out, " ")
}

// shellQuote quotes a word for a POSIX shell when it holds anything but
// letters, digits and -_.,:=/+@%.
func shellQuote(w string) string {
	if w != "" && strings.IndexFunc(w, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.,:=/+@%", r))
	}) < 0 {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}
