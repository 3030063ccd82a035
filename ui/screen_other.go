//go:build ci || android || ios || mobile || wasm || js

package ui

// pixels is a size in screen pixels.
type pixels struct{ Width, Height int }

// workArea knows no screen where Fyne does not run on GLFW: the window
// keeps the size it asked for.
func workArea() (px pixels, ok bool) { return px, false }
