package assets

import _ "embed" // the map's own text (legend, cluster counts) needs no toolkit

// FontRegular is Noto Sans Regular, the face of Fyne's default theme
// (fyne.io/fyne/v2 v2.7.1, theme/font/NotoSans-Regular.ttf), so that a
// map drawn offscreen writes its legend as the window writes its text.
// SIL Open Font License 1.1 (fonts/OFL.txt, NOTICE).
//
//go:embed fonts/NotoSans-Regular.ttf
var FontRegular []byte

// FontBold is Noto Sans Bold from the same place, for the count drawn
// in a cluster's disc.
//
//go:embed fonts/NotoSans-Bold.ttf
var FontBold []byte
