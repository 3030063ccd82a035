package mapview

import (
	"bytes"
	"image"
)

// repaintMark is written into the first pixel of every frame the map
// hands its raster. It is not a premultiplied colour (its channels exceed
// its alpha), so no painting of the map ever produces it: a frame still
// carrying it was not repainted.
var repaintMark = []byte{0x01, 0x02, 0x03, 0x00}

// countRepaints wraps the map's raster callback and returns how many
// freshly painted frames it has handed out since: a frame the scene
// repainted (country layer or markers; a new country layer always means a
// new frame) has lost the mark. It replaces the counter the widget used
// to carry for tests alone.
func countRepaints(m *Map) func() int {
	n := 0
	var last *image.RGBA
	gen := m.raster.Generator
	m.raster.Generator = func(w, h int) image.Image {
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
