package mapview

import "github.com/reachmap/reachmap/ui/mapview/mapviewtest"

// countRepaints counts the frames the map repaints from now on (see
// mapviewtest.CountRepaints); it replaces the counter the widget used to
// carry for tests alone.
func countRepaints(m *Map) func() int { return mapviewtest.CountRepaints(m.raster) }
