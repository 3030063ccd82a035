// Package mapviewtest helps tests watch the map widget: it counts the
// frames the map repaints, so that a test can say "hovering never repaints
// the map" without the widget carrying a counter for tests alone. Only
// tests import it.
package mapviewtest

import (
	"bytes"
	"image"

	"fyne.io/fyne/v2/canvas"
)

// repaintMark is written into the first pixel of every frame the map
// hands its raster. It is not a premultiplied colour (its channels exceed
// its alpha), so no painting of the map ever produces it: a frame still
// carrying it was not repainted.
var repaintMark = []byte{0x01, 0x02, 0x03, 0x00}

// CountRepaints wraps the map's raster callback and returns how many
// freshly painted frames it has handed out since: a frame the map
// repainted (country layer or markers; a new country layer always means a
// new frame) has lost the mark. Call it and the returned func on the Fyne
// main thread (the test driver's).
func CountRepaints(r *canvas.Raster) func() int {
	n := 0
	var last *image.RGBA
	gen := r.Generator
	r.Generator = func(w, h int) image.Image {
		img := gen(w, h)
		f, ok := img.(*image.RGBA)
		if !ok || len(f.Pix) < 4 {
			return img
		}
		if f != last || !bytes.Equal(f.Pix[:4], repaintMark) {
			n++
		}
		last = f
		copy(f.Pix[:4], repaintMark)
		return img
	}
	return func() int { return n }
}
