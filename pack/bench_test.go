package pack

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkWrite writes the demo estate's pack (46 stores, no map) and
// reports the PDF's size.
func BenchmarkWrite(b *testing.B) {
	cur, prev := scans(b)
	dir := b.TempDir()
	for b.Loop() {
		if _, err := Write(dir, Input{Scan: cur, Previous: prev, ScanID: 2, Lang: "fr"}); err != nil {
			b.Fatal(err)
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, FilePDF)); err == nil {
		b.ReportMetric(float64(fi.Size())/1024, "pdf-KiB")
	}
}
