package ui

import "fyne.io/fyne/v2"

// readableWidth lays out one object centred, no wider than max: long
// text stays readable on a wide window. With fixed set, its minimum
// width is max itself (for a card shown in a Center container, where
// wrapped labels would otherwise collapse to one word per line).
type readableWidth struct {
	max   float32
	fixed bool
}

func (l readableWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) == 0 {
		return fyne.Size{}
	}
	m := objs[0].MinSize()
	if l.fixed {
		m.Width = max(m.Width, l.max)
	}
	return m
}

func (l readableWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	// Not max(l.max, MinSize): a wrapped label reports the width it was
	// last laid out at, which would keep a once-wide column wide.
	w := min(size.Width, l.max)
	objs[0].Move(fyne.NewPos((size.Width-w)/2, 0))
	objs[0].Resize(fyne.NewSize(w, size.Height))
}

// readable wraps o in a readableWidth layout.
func readable(o fyne.CanvasObject, width float32, fixed bool) *fyne.Container {
	return &fyne.Container{Layout: readableWidth{max: width, fixed: fixed}, Objects: []fyne.CanvasObject{o}}
}
