// Package mapview is Reachmap's offline world map widget: Natural Earth
// countries in the Equal Earth projection, shaded by jurisdiction, with a
// disc per stored item (fill = the territory's colour, ring = foreign
// reach), clustering, hover tooltips, selection, pan and zoom.
//
// Drawing is one canvas.Raster whose image the widget paints itself: the
// country layer is rasterised with golang.org/x/image/vector into alpha
// masks and cached until the view, size or colours change; markers are
// stamped from pre-drawn discs over a copy of it. Hover and selection only
// move canvas objects (a ring, a tooltip), so moving the mouse never
// repaints the map. See docs/ARCHITECTURE.md, "The map", for the measurements behind
// these choices.
//
// All methods of Map must be called on the Fyne main thread (from event
// callbacks, or through fyne.Do from other goroutines).
package mapview
