package sweep

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkSweep100 runs a 100-point Latin hypercube over two levers, one
// replication of 20 years per point, at the small and the default scale,
// on every CPU, and reports runs per second.
func BenchmarkSweep100(b *testing.B) {
	for _, scale := range []string{"small", "default"} {
		b.Run(scale, func(b *testing.B) {
			design := strings.NewReplacer("points: 24", "points: 100", "replications: 2", "replications: 1",
				"scale: small", "scale: "+scale, "years: 10", "years: 20").Replace(issueDesign)
			d, p := loadDesign(b, b.TempDir(), design)
			var elapsed time.Duration
			for b.Loop() {
				dir := filepath.Join(b.TempDir(), "sweep")
				start := time.Now()
				if _, err := Execute(context.Background(), p, d, RunOptions{Dir: dir}); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(start)
			}
			b.ReportMetric(float64(b.N*p.Runs())/elapsed.Seconds(), "runs/s")
		})
	}
}
