// Package mapview is Reachmap's world map widget: the map that mapdraw
// draws (Natural Earth countries in the Equal Earth projection, shaded by
// jurisdiction, a disc per stored item, clustering), made interactive
// with hover tooltips, selection, pan and zoom.
//
// Drawing is one canvas.Raster whose image a mapdraw.Scene renders and
// caches; the widget adds only events and overlays. Hover and selection
// move canvas objects (a ring, a tooltip), so moving the mouse never
// repaints the map. See docs/ARCHITECTURE.md.
//
// All methods of Map must be called on the Fyne main thread (from event
// callbacks, or through fyne.Do from other goroutines).
package mapview
