package sim

import (
	"sync"
	"sync/atomic"
)

// forEachRegion runs fn on every region, on up to w.workers goroutines. fn
// may change only its own region and must draw only from that region's
// streams, so that the result does not depend on the number of workers or
// the order in which regions ran.
func (w *World) forEachRegion(fn func(r *Region)) {
	n := len(w.regions)
	workers := min(w.workers, n)
	if workers <= 1 {
		for _, r := range w.regions {
			fn(r)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(w.regions[i])
			}
		})
	}
	wg.Wait()
}
