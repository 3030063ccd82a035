//go:build !ci && !android && !ios && !mobile && !wasm && !js

package ui

import "github.com/go-gl/glfw/v3.3/glfw"

// pixels is a size in screen pixels.
type pixels struct{ Width, Height int }

// workArea is the work area of the primary monitor (the screen less the
// panels and docks), in pixels, as GLFW reports it. It must be called on
// the main thread once the driver has started GLFW (after the first
// window is made); ok is false when no monitor is known.
func workArea() (px pixels, ok bool) {
	mon := glfw.GetPrimaryMonitor()
	if mon == nil {
		return px, false
	}
	_, _, w, h := mon.GetWorkarea()
	if w <= 0 || h <= 0 {
		if vm := mon.GetVideoMode(); vm != nil {
			w, h = vm.Width, vm.Height
		}
	}
	return pixels{w, h}, w > 0 && h > 0
}
