// Package pack writes the evidence pack: the documents a data protection
// officer files to answer "is our data stored at home, and out of reach of
// foreign authorities?" for one scan. A pack is a directory holding
// report.pdf and report.html (the same content, the answer first),
// register.csv (one row per data store, for a record of processing),
// estate.json (the JSON contract) and SHA256SUMS of every file; the PDF
// carries the pack's manifest (tool version, knowledge base date, scan id).
//
// Everything a pack says comes from one report.View, built in the pack's
// language by package report through present, so that the PDF, the HTML
// and the register cannot disagree. pack imports no GUI toolkit: the
// command line and the window's Export both call Write, the window off its
// UI thread.
package pack

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/reachmap/reachmap/inventory"
	"github.com/reachmap/reachmap/present"
	"github.com/reachmap/reachmap/report"
)

// The files of a pack, in the order SHA256SUMS lists them.
const (
	FilePDF      = "report.pdf"
	FileHTML     = "report.html"
	FileRegister = "register.csv"
	FileJSON     = "estate.json"
	FileSums     = "SHA256SUMS"
)

// Files are the files every pack holds, SHA256SUMS last.
var Files = []string{FilePDF, FileHTML, FileRegister, FileJSON, FileSums}

// Input is what a pack is made of.
type Input struct {
	Scan *inventory.Scan
	// ScanID is the scan's id in the store; 0 for a scan not saved.
	ScanID int64
	// Previous is the scan before it, for the page of changes; nil when
	// there is none (the page says so).
	Previous *inventory.Scan
	// Lang is "en" or "fr"; "" is English.
	Lang string
	// Map is the world map as a PNG (report.MapImage), or nil for a pack
	// without one.
	Map []byte
}

// Write writes the pack into dir, creating it if needed, and returns the
// paths of the files written. Each file is written whole and then renamed
// into place, so that a failure leaves no half-written document behind.
func Write(dir string, in Input) ([]string, error) {
	if in.Scan == nil {
		return nil, errors.New("evidence pack: no scan")
	}
	lang := cmp.Or(in.Lang, "en")
	say, err := present.ForLanguage(lang)
	if err != nil {
		return nil, fmt.Errorf("evidence pack: %w", err)
	}
	if in.Map != nil && !bytes.HasPrefix(in.Map, []byte("\x89PNG")) {
		return nil, errors.New("evidence pack: the map image is not a PNG")
	}
	// One View for the PDF, the HTML and the register: they say the same
	// thing, written at the same minute.
	v := report.BuildView(in.Scan, say, report.Options{Lang: lang, Map: in.Map, Previous: in.Previous, HasPrevious: true, ScanID: in.ScanID})

	docs := map[string][]byte{}
	var buf bytes.Buffer
	if err := WritePDF(&buf, v); err != nil {
		return nil, err
	}
	docs[FilePDF] = slices.Clone(buf.Bytes())
	buf.Reset()
	if err := report.WriteHTMLView(&buf, v); err != nil {
		return nil, err
	}
	docs[FileHTML] = slices.Clone(buf.Bytes())
	buf.Reset()
	if err := WriteRegister(&buf, v); err != nil {
		return nil, err
	}
	docs[FileRegister] = slices.Clone(buf.Bytes())
	buf.Reset()
	if err := inventory.WriteJSON(&buf, in.Scan); err != nil {
		return nil, err
	}
	docs[FileJSON] = slices.Clone(buf.Bytes())
	docs[FileSums] = Sums(docs)

	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("evidence pack: %w", err)
	}
	var paths []string
	for _, name := range Files {
		p := filepath.Join(dir, name)
		if err := writeFile(p, docs[name]); err != nil {
			return paths, fmt.Errorf("evidence pack: %w", err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// Sums is the SHA256SUMS file of docs, in the format `sha256sum -c`
// reads: the hash, two spaces, the name; one file a line, in Files order.
func Sums(docs map[string][]byte) []byte {
	var out bytes.Buffer
	for _, name := range Files {
		b, ok := docs[name]
		if !ok || name == FileSums {
			continue
		}
		h := sha256.Sum256(b)
		fmt.Fprintf(&out, "%s  %s\n", hex.EncodeToString(h[:]), name)
	}
	return out.Bytes()
}

func writeFile(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
