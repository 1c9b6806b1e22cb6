package sim

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"

	"mutualsim/agents"
	"mutualsim/inputs"
	"mutualsim/internal/regfile"
)

// CheckpointFormat is the version of the checkpoint file layout. It changes
// whenever a file written by one version cannot be read by another.
const CheckpointFormat = 2

// checkpointMagic opens every checkpoint file; checkpointEnd closes it.
var (
	checkpointMagic = [16]byte{'m', 'u', 't', 'u', 'a', 'l', 's', 'i', 'm', ' ', 'c', 'k', 'p', 't', '\n', 0}
	checkpointEnd   = [8]byte{'c', 'k', 'p', 't', 'e', 'n', 'd', '\n'}
)

// trailerSize is the length of a checkpoint's trailer: the index offset,
// the SHA-256 of everything before it (the index offset included) and the
// end mark.
const trailerSize int64 = 8 + sha256.Size + 8

// CheckpointInfo describes a checkpoint: the run it was taken from and the
// year its worlds are in.
type CheckpointInfo struct {
	Format       int    // CheckpointFormat of the writer
	ModelVersion string // Version of the program that wrote it
	Scenario     string // name of the scenario run up to the checkpoint
	ScenarioFile string // that scenario, resolved, as a scenario file (YAML)
	ParamsHash   string // its Hash
	Seed         uint64
	Replications int
	Scale        string
	StartYear    int
	Year         int // the last year simulated; a branch starts the year after
}

// worldState is everything a World carries from one year to the next, in
// a form encoding/gob writes whole. The levers in force are not saved: a
// branch takes them from its own scenario.
type worldState struct {
	Seed      uint64
	Rep       int
	Year      int
	Awareness float64
	Beliefs   agents.Belief
	Regions   []regionState
	Providers []agents.Provider
	Nationals []int32
	Record    *Replication
	Cum       cumulativeState
}

// regionState is a Region with its unexported yearly state.
type regionState struct {
	ID           int32
	Commissioner agents.Commissioner
	Contracts    []agents.Contract
	Cover        [agents.NumServices]int32
	Workload     [agents.NumServices]float64
	Staff        agents.Workforce
	InHouse      int32
	Neighbours   []int32
	Svc          [agents.NumServices]serviceStats
	Pending      [agents.NumServices]bool
	Shock        [agents.NumServices]bool
	Pride        [agents.NumServices]float32
}

// cumulativeState is cumulative with exported fields.
type cumulativeState struct {
	MutualsFormed, MutualsFailed, MutualsSold, MutualsHandback int
	JVFormedValue, JVPrivatisedValue                           float64
}

func (w *World) state() worldState {
	st := worldState{
		Seed: w.seed, Rep: w.rep, Year: w.year, Awareness: w.awareness, Beliefs: w.beliefs,
		Providers: w.providers, Nationals: w.nationals, Record: w.rec,
		Cum: cumulativeState{w.cum.mutualsFormed, w.cum.mutualsFailed, w.cum.mutualsSold, w.cum.mutualsHandback,
			w.cum.jvFormedValue, w.cum.jvPrivatisedValue},
	}
	for _, r := range w.regions {
		st.Regions = append(st.Regions, regionState{
			ID: r.ID, Commissioner: r.Commissioner, Contracts: r.Contracts, Cover: r.Cover, Workload: r.Workload,
			Staff: r.Staff, InHouse: r.InHouse, Neighbours: r.Neighbours,
			Svc: r.svc, Pending: r.pending, Shock: r.shock, Pride: r.pride,
		})
	}
	return st
}

func (st *worldState) world() *World {
	w := &World{seed: st.Seed, rep: st.Rep, year: st.Year, awareness: st.Awareness, beliefs: st.Beliefs,
		providers: st.Providers, nationals: st.Nationals, rec: st.Record,
		cum: cumulative{st.Cum.MutualsFormed, st.Cum.MutualsFailed, st.Cum.MutualsSold, st.Cum.MutualsHandback,
			st.Cum.JVFormedValue, st.Cum.JVPrivatisedValue}}
	for i := range st.Regions {
		rs := &st.Regions[i]
		w.regions = append(w.regions, &Region{
			ID: rs.ID, Commissioner: rs.Commissioner, Contracts: rs.Contracts, Cover: rs.Cover, Workload: rs.Workload,
			Staff: rs.Staff, InHouse: rs.InHouse, Neighbours: rs.Neighbours,
			svc: rs.Svc, pending: rs.Pending, shock: rs.Shock, pride: rs.Pride,
		})
	}
	if w.rec == nil {
		w.rec = newReplication(st.Rep)
	}
	return w
}

// CheckpointWriter writes a checkpoint replication by replication: a header
// with its CheckpointInfo, one independently encoded world per
// replication, an index of where each starts, and a trailer holding the
// SHA-256 of everything before it. Write it through a temporary file that
// is renamed into place (outputs.WriteFileAtomic), so that an interrupted
// run leaves no file that looks whole.
type CheckpointWriter struct {
	w     *bufio.Writer
	h     hashWriter
	n     int64
	info  CheckpointInfo
	index []span
	sum   string
}

type span struct{ Off, Len int64 }

// hashWriter is the running SHA-256 of the bytes written.
type hashWriter interface {
	io.Writer
	Sum([]byte) []byte
}

// NewCheckpointWriter writes the header of a checkpoint described by info
// to w. info.Format and info.ModelVersion are filled in.
func NewCheckpointWriter(w io.Writer, info CheckpointInfo) (*CheckpointWriter, error) {
	info.Format, info.ModelVersion = CheckpointFormat, Version
	cw := &CheckpointWriter{w: bufio.NewWriterSize(w, 1<<20), h: sha256.New(), info: info}
	if err := cw.write(checkpointMagic[:]); err != nil {
		return nil, err
	}
	if err := cw.chunk(info); err != nil {
		return nil, fmt.Errorf("write checkpoint header: %w", err)
	}
	return cw, nil
}

func (cw *CheckpointWriter) write(b []byte) error {
	if _, err := cw.w.Write(b); err != nil {
		return err
	}
	cw.h.Write(b)
	cw.n += int64(len(b))
	return nil
}

// chunk writes v gob-encoded with a length prefix and returns where it went.
func (cw *CheckpointWriter) chunk(v any) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return err
	}
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(buf.Len()))
	if err := cw.write(n[:]); err != nil {
		return err
	}
	return cw.write(buf.Bytes())
}

// Add writes the world of the next replication. Worlds must come in
// replication order and be in the checkpoint's year.
func (cw *CheckpointWriter) Add(w *World) error {
	if w.rep != len(cw.index) {
		return fmt.Errorf("checkpoint: replication %d arrived when %d was expected", w.rep, len(cw.index))
	}
	if w.year != cw.info.Year {
		return fmt.Errorf("checkpoint: replication %d is in %d, not %d", w.rep, w.year, cw.info.Year)
	}
	off := cw.n
	if err := cw.chunk(w.state()); err != nil {
		return fmt.Errorf("write replication %d to the checkpoint: %w", w.rep, err)
	}
	cw.index = append(cw.index, span{off, cw.n - off})
	return nil
}

// Close writes the index and the trailer. It does not close the
// underlying writer.
func (cw *CheckpointWriter) Close() error {
	if len(cw.index) != cw.info.Replications {
		return fmt.Errorf("checkpoint: %d of %d replications written", len(cw.index), cw.info.Replications)
	}
	indexOff := cw.n
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(len(cw.index)))
	if err := cw.write(b[:]); err != nil {
		return err
	}
	for _, s := range cw.index {
		binary.LittleEndian.PutUint64(b[:], uint64(s.Off))
		if err := cw.write(b[:]); err != nil {
			return err
		}
		binary.LittleEndian.PutUint64(b[:], uint64(s.Len))
		if err := cw.write(b[:]); err != nil {
			return err
		}
	}
	binary.LittleEndian.PutUint64(b[:], uint64(indexOff))
	if err := cw.write(b[:]); err != nil {
		return err
	}
	sum := cw.h.Sum(nil)
	cw.sum = fmt.Sprintf("%x", sum)
	if _, err := cw.w.Write(sum); err != nil {
		return err
	}
	if _, err := cw.w.Write(checkpointEnd[:]); err != nil {
		return err
	}
	return cw.w.Flush()
}

// SHA returns the hex SHA-256 that Close wrote, as Checkpoint.SHA reads it.
func (cw *CheckpointWriter) SHA() string { return cw.sum }

// Checkpoint is an open checkpoint file whose checksum has been verified.
type Checkpoint struct {
	Info  CheckpointInfo
	Path  string
	SHA   string // hex SHA-256 of the file up to its checksum
	f     *os.File
	index []span
}

// OpenCheckpoint opens a checkpoint file, checks its format, its checksum
// and the model version that wrote it, and reads its header and index.
func OpenCheckpoint(path string) (*Checkpoint, error) {
	f, err := regfile.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open checkpoint: %w", err)
	}
	c, err := readCheckpoint(f, path)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("checkpoint %s: %w", path, err)
	}
	return c, nil
}

func readCheckpoint(f *os.File, path string) (*Checkpoint, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size()
	var magic [16]byte
	if _, err := f.ReadAt(magic[:], 0); err != nil || magic != checkpointMagic {
		return nil, errors.New("not a mutualsim checkpoint (the file does not start with its mark)")
	}
	if size < int64(len(checkpointMagic))+trailerSize {
		return nil, errors.New("the file is truncated")
	}
	trailer := make([]byte, trailerSize)
	if _, err := f.ReadAt(trailer, size-trailerSize); err != nil {
		return nil, fmt.Errorf("read trailer: %w", err)
	}
	if !bytes.Equal(trailer[8+sha256.Size:], checkpointEnd[:]) {
		return nil, errors.New("the file is truncated or damaged: it does not end with its mark")
	}
	h := sha256.New()
	// The checksum covers everything before it, the index offset included.
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, size-sha256.Size-int64(len(checkpointEnd)))); err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	sum := h.Sum(nil)
	if !bytes.Equal(sum, trailer[8:8+sha256.Size]) {
		return nil, errors.New("checksum mismatch: the file is damaged")
	}
	c := &Checkpoint{Path: path, SHA: fmt.Sprintf("%x", sum), f: f}
	// The header: the format first, so that a newer layout is reported as such.
	if err := c.decode(span{int64(len(checkpointMagic)), -1}, &c.Info); err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	if c.Info.Format != CheckpointFormat {
		return nil, fmt.Errorf("checkpoint format %d; this program reads format %d", c.Info.Format, CheckpointFormat)
	}
	if c.Info.ModelVersion != Version {
		return nil, fmt.Errorf("written by mutualsim %s; this is %s, whose results differ: rerun the checkpoint with this version", c.Info.ModelVersion, Version)
	}
	indexOff := int64(binary.LittleEndian.Uint64(trailer[:8]))
	var b [8]byte
	if _, err := f.ReadAt(b[:], indexOff); err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	n := int(binary.LittleEndian.Uint64(b[:]))
	if n != c.Info.Replications {
		return nil, fmt.Errorf("index lists %d replications, header %d", n, c.Info.Replications)
	}
	raw := make([]byte, 16*n)
	if _, err := f.ReadAt(raw, indexOff+8); err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	for i := range n {
		c.index = append(c.index, span{int64(binary.LittleEndian.Uint64(raw[16*i:])), int64(binary.LittleEndian.Uint64(raw[16*i+8:]))})
	}
	return c, nil
}

// decode reads the length-prefixed gob chunk at s.Off into v.
func (c *Checkpoint) decode(s span, v any) error {
	var b [8]byte
	if _, err := c.f.ReadAt(b[:], s.Off); err != nil {
		return err
	}
	n := int64(binary.LittleEndian.Uint64(b[:]))
	if s.Len >= 0 && n+8 != s.Len {
		return fmt.Errorf("chunk at %d: length %d, index says %d", s.Off, n+8, s.Len)
	}
	return gob.NewDecoder(io.NewSectionReader(c.f, s.Off+8, n)).Decode(v)
}

// Close closes the file.
func (c *Checkpoint) Close() error { return c.f.Close() }

// world restores replication rep and moves it into the year after the
// checkpoint under the levers of scen.
func (c *Checkpoint) world(rep int, scen *inputs.Scenario, workers int) (*World, error) {
	if rep < 0 || rep >= len(c.index) {
		return nil, fmt.Errorf("replication %d is not in the checkpoint (0-%d)", rep, len(c.index)-1)
	}
	var st worldState
	if err := c.decode(c.index[rep], &st); err != nil {
		return nil, fmt.Errorf("read replication %d: %w", rep, err)
	}
	if st.Rep != rep || st.Year != c.Info.Year {
		return nil, fmt.Errorf("replication %d: the file holds replication %d in %d", rep, st.Rep, st.Year)
	}
	w := st.world()
	scale, err := inputs.ScaleByName(scen.Scale)
	if err != nil {
		return nil, err
	}
	w.scen, w.scale, w.workers = scen, scale, max(1, workers)
	// The awareness lever in force is the checkpoint's (restored above); a
	// branch whose scenario sets another level from next year applies it
	// to every commissioner, as a timeline change would.
	p, err := scen.ParamsAt(c.Info.Year)
	if err != nil {
		return nil, err
	}
	w.p = p
	if err := w.setYear(c.Info.Year + 1); err != nil {
		return nil, err
	}
	return w, nil
}

// Branch checks that scen can continue the checkpoint's histories: the same
// seed, replications, scale and start year, and a last year after the
// checkpoint's. BranchScenario sets these for a scenario file.
func (c *Checkpoint) Branch(scen *inputs.Scenario) error { return branchable(c.Info, scen) }

// branchable checks that scen can continue histories described by i from
// the end of i.Year.
func branchable(i CheckpointInfo, scen *inputs.Scenario) error {
	switch {
	case scen.Seed != i.Seed:
		return fmt.Errorf("seed %d differs from the checkpoint's %d", scen.Seed, i.Seed)
	case scen.Replications != i.Replications:
		return fmt.Errorf("replications %d differ from the checkpoint's %d", scen.Replications, i.Replications)
	case scen.Scale != i.Scale:
		return fmt.Errorf("scale %q differs from the checkpoint's %q", scen.Scale, i.Scale)
	case scen.StartYear != i.StartYear:
		return fmt.Errorf("start year %d differs from the checkpoint's %d", scen.StartYear, i.StartYear)
	case scen.EndYear() <= i.Year:
		return fmt.Errorf("the run ends in %d, not after the checkpoint's year %d: give it more years", scen.EndYear(), i.Year)
	}
	return nil
}

// StreamBranch continues every replication of the checkpoint under scen
// from the year after the checkpoint to scen's last year, and passes each
// replication, with its whole history, to emit in replication order, as
// Stream does. A branch under the scenario of the checkpoint itself gives
// the same replications as the uninterrupted run.
func StreamBranch(ctx context.Context, c *Checkpoint, scen *inputs.Scenario, opt Options, emit func(*Replication) error) error {
	if err := scen.Validate(); err != nil {
		return fmt.Errorf("scenario %q: %w", scen.Name, err)
	}
	if err := c.Branch(scen); err != nil {
		return fmt.Errorf("scenario %q cannot branch from %s: %w", scen.Name, c.Path, err)
	}
	start := func(rep, workers int) (*World, error) { return c.world(rep, scen, workers) }
	return runWorlds(ctx, scen.Replications, scen.EndYear(), opt, start, func(w *World) error { return emit(w.rec) })
}
