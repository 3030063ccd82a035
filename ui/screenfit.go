package ui

import "fyne.io/fyne/v2"

// titleBarRoom is what the first window leaves of the screen's work area
// for the window manager's title bar and border, which the window's own
// size does not include.
const titleBarRoom = 40

// fitScreen is the first window's size: want (the saved or the default
// size), shrunk to the work area of the screen it opens on (the screen
// less the panels and docks; Fyne units), so that the header's Scan
// button and Home selector are never off screen. A zero work area (no
// screen known, as in tests) leaves want alone.
func fitScreen(want, work fyne.Size) fyne.Size {
	if work.Width <= 0 || work.Height <= 0 {
		return want
	}
	return fyne.NewSize(min(want.Width, work.Width), min(want.Height, work.Height-titleBarRoom))
}

// fitToScreen resizes the window, once shown (its scale is known only
// then), to fit the screen it opened on. Main thread.
func fitToScreen(w fyne.Window, want fyne.Size) {
	px, ok := workArea()
	if !ok {
		return
	}
	scale := w.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	if got := fitScreen(want, fyne.NewSize(float32(px.Width)/scale, float32(px.Height)/scale)); got != want {
		w.Resize(got)
	}
}
