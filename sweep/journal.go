package sweep

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"mutualsim/internal/regfile"
	"mutualsim/outputs"
)

// JournalName is the file in a sweep folder that records every completed
// run, one checksummed line each.
const JournalName = "journal.log"

// journalVersion is the layout of the journal's lines.
const journalVersion = 1

// Record is one completed run: its index in the design (point ×
// replications + replication) and its outcome values, in the plan's
// outcome order.
type Record struct {
	Run    int
	Values []float64
}

// Journal is the append-only log of a sweep's completed runs. Each run is
// one line written with a single write call and ending in a CRC-32 of the
// line, so that a process killed at any moment leaves at most a torn last
// line, which the next Open cuts off. Values keep full precision, so that
// results computed from a resumed journal equal those of an uninterrupted
// run.
type Journal struct {
	f      *os.File
	mu     sync.Mutex
	header string
	width  int   // values per record
	dirty  bool  // written since the last sync
	err    error // the first failed sync, reported by the next Append or Close
	stop   chan struct{}
	wg     sync.WaitGroup
}

// journalHeader is the first line of a journal: what it belongs to.
func journalHeader(designHash string, shard Shard, width int) string {
	return fmt.Sprintf("# mutualsim sweep journal %d design=%s shard=%d/%d values=%d\n", journalVersion, designHash, shard.Index, shard.Count, width)
}

// Lock is a sweep folder held by this process.
type Lock = outputs.Lock

// LockFolder creates dir if need be and locks it against other processes
// until Unlock or the end of the process, however it ends.
func LockFolder(dir string) (*Lock, error) { return outputs.LockFolder(dir) }

// OpenJournal opens or creates the journal in dir for the design with the
// given hash and returns the runs it already holds. The caller holds the
// folder's lock. A journal of another design, shard or version is an
// error: the folder belongs to another sweep.
func OpenJournal(dir, designHash string, shard Shard, width int) (*Journal, []Record, error) {
	path := filepath.Join(dir, JournalName)
	// O_APPEND: every write goes to the end, also after a torn line is cut.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("open journal: %w", err)
	}
	j := &Journal{f: f, header: journalHeader(designHash, shard, width), width: width, stop: make(chan struct{})}
	recs, err := j.load()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	// Sync what was appended once a second, so that a machine that loses
	// power loses at most the last second's runs.
	j.wg.Go(func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				j.mu.Lock()
				if err := j.sync(); err != nil && j.err == nil {
					j.err = err
				}
				j.mu.Unlock()
			case <-j.stop:
				return
			}
		}
	})
	return j, recs, nil
}

// load reads the journal, writing the header to a new one and cutting off
// a torn last line.
func (j *Journal) load() ([]Record, error) {
	b, err := io.ReadAll(j.f)
	if err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return nil, j.append([]byte(j.header), true)
	}
	first, rest, ok := bytes.Cut(b, []byte("\n"))
	if !ok || string(first)+"\n" != j.header {
		if !ok {
			// Killed while writing the header: start again.
			if err := j.f.Truncate(0); err != nil {
				return nil, err
			}
			if _, err := j.f.Seek(0, io.SeekStart); err != nil {
				return nil, err
			}
			return nil, j.append([]byte(j.header), true)
		}
		return nil, fmt.Errorf("the folder holds another sweep (%s); this one is %s; use another --out, or remove the folder to start again",
			strings.TrimPrefix(string(first), "# "), strings.TrimPrefix(strings.TrimSpace(j.header), "# "))
	}
	var recs []Record
	good := len(first) + 1
	for line := 2; len(rest) > 0; line++ {
		l, after, complete := bytes.Cut(rest, []byte("\n"))
		rec, err := j.parse(l)
		if !complete || err != nil {
			if len(after) > 0 {
				return nil, fmt.Errorf("line %d is damaged (%v) and is not the last: the journal was changed by hand", line, err)
			}
			// A torn last line: the run it recorded is run again.
			if err := j.f.Truncate(int64(good)); err != nil {
				return nil, err
			}
			break
		}
		recs = append(recs, rec)
		good += len(l) + 1
		rest = after
	}
	return recs, nil
}

// parse reads one record line: run, values and CRC, tab-separated.
func (j *Journal) parse(l []byte) (Record, error) {
	i := bytes.LastIndexByte(l, '\t')
	if i < 0 {
		return Record{}, errors.New("no checksum")
	}
	sum, err := strconv.ParseUint(string(l[i+1:]), 16, 32)
	if err != nil || uint32(sum) != crc32.ChecksumIEEE(l[:i]) {
		return Record{}, errors.New("checksum mismatch")
	}
	fields := strings.Split(string(l[:i]), "\t")
	if len(fields) != j.width+1 {
		return Record{}, fmt.Errorf("%d values, expected %d", len(fields)-1, j.width)
	}
	run, err := strconv.Atoi(fields[0])
	if err != nil || run < 0 {
		return Record{}, fmt.Errorf("bad run index %q", fields[0])
	}
	rec := Record{Run: run, Values: make([]float64, j.width)}
	for k, f := range fields[1:] {
		if rec.Values[k], err = strconv.ParseFloat(f, 64); err != nil {
			return Record{}, fmt.Errorf("bad value %q", f)
		}
	}
	return rec, nil
}

// formatRecord writes a record line: full precision, NaN as "NaN".
func formatRecord(r Record) []byte {
	var b []byte
	b = strconv.AppendInt(b, int64(r.Run), 10)
	for _, v := range r.Values {
		b = append(b, '\t')
		if math.IsNaN(v) {
			b = append(b, "NaN"...)
			continue
		}
		b = strconv.AppendFloat(b, v, 'g', -1, 64)
	}
	sum := crc32.ChecksumIEEE(b)
	b = append(b, '\t')
	b = strconv.AppendUint(b, uint64(sum), 16)
	return append(b, '\n')
}

// Append commits a completed run: one write of one line. A process that
// is killed loses nothing Append wrote; the journal is synced to disk
// within a second and on Close, so a machine that loses power loses at
// most the last second's runs.
func (j *Journal) Append(r Record) error {
	if len(r.Values) != j.width {
		return fmt.Errorf("run %d has %d values, expected %d", r.Run, len(r.Values), j.width)
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err != nil {
		return j.err
	}
	return j.append(formatRecord(r), false)
}

func (j *Journal) append(b []byte, sync bool) error {
	if _, err := j.f.Write(b); err != nil {
		return fmt.Errorf("write journal: %w", err)
	}
	j.dirty = true
	if sync {
		return j.sync()
	}
	return nil
}

func (j *Journal) sync() error {
	if !j.dirty {
		return nil
	}
	j.dirty = false
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("sync journal: %w", err)
	}
	return nil
}

// Close syncs and closes the journal. Closing it twice does nothing.
func (j *Journal) Close() error {
	j.mu.Lock()
	if j.f == nil {
		j.mu.Unlock()
		return nil
	}
	close(j.stop)
	j.mu.Unlock()
	j.wg.Wait()
	j.mu.Lock()
	defer j.mu.Unlock()
	err := j.err
	if serr := j.sync(); err == nil {
		err = serr
	}
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	j.f = nil
	return err
}

// ReadJournal reads the journal of a sweep folder without locking it, for
// merging shards: its header line and its records. A torn last line is
// skipped, not cut.
func ReadJournal(dir string) (header string, recs []Record, err error) {
	path := dir + string(os.PathSeparator) + JournalName
	f, err := regfile.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil, fmt.Errorf("%s has no %s: not a sweep folder", dir, JournalName)
	}
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	header, err = r.ReadString('\n')
	if err != nil {
		return "", nil, fmt.Errorf("%s: no header line", path)
	}
	var width int
	i := strings.Index(header, "values=")
	if i < 0 {
		return "", nil, fmt.Errorf("%s: bad header %q", path, strings.TrimSpace(header))
	}
	if _, err := fmt.Sscanf(header[i:], "values=%d", &width); err != nil {
		return "", nil, fmt.Errorf("%s: bad header %q", path, strings.TrimSpace(header))
	}
	j := &Journal{width: width}
	for line := 2; ; line++ {
		l, err := r.ReadBytes('\n')
		if len(l) > 0 && l[len(l)-1] == '\n' {
			rec, perr := j.parse(l[:len(l)-1])
			if perr != nil {
				return "", nil, fmt.Errorf("%s: line %d: %w", path, line, perr)
			}
			recs = append(recs, rec)
		}
		if err == io.EOF {
			return header, recs, nil
		}
		if err != nil {
			return "", nil, err
		}
	}
}
