// Package assets holds the files embedded in the binary: the icon, the
// Natural Earth world map, the font the offscreen map writes with and the
// licences of what we ship (NOTICE). Everything here is read at start-up
// from memory; nothing is downloaded. It imports no GUI toolkit, so the
// command line and the report can embed the same files as the window.
package assets

import _ "embed"

// IconPNG is the application icon, a PNG.
//
//go:embed icon.png
var IconPNG []byte

// Notice is the licence text of the embedded data, shown on the About screen.
//
//go:embed NOTICE
var Notice string
