// Package assets holds the files embedded in the binary: the icon, the
// Natural Earth world map and the licences of the data we ship (NOTICE).
// Everything here is read at start-up from memory; nothing is downloaded.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)

// Notice is the licence text of the embedded data, shown on the About screen.
//
//go:embed NOTICE
var Notice string
