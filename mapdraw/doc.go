// Package mapdraw draws Reachmap's world map with no GUI toolkit: Natural
// Earth countries in the Equal Earth projection, shaded by jurisdiction,
// with a disc per stored item (fill = the territory's colour, ring =
// foreign reach), clustering, and for a picture that leaves the app a
// legend. The window's map widget (ui/mapview) draws through it, and so do
// the exported PNG and the HTML report (report), so there is one renderer.
//
// A Scene holds what is drawn and the caches that make redrawing cheap:
// the country layer is rasterised with golang.org/x/image/vector into
// alpha masks and cached until the view, size or colours change; markers
// are stamped from pre-drawn discs over a copy of it (see
// docs/ARCHITECTURE.md; bench_test.go measures each step).
//
// mapdraw must not import Fyne or any other toolkit: report, the command
// line and tests use it with no display.
package mapdraw
