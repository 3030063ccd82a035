// Package world turns Natural Earth's country outlines, as shipped by the
// world-atlas TopoJSON files, into projected shapes ready to paint: flat
// x/y arrays per ring, a bounding box per polygon and country, the shared
// borders and coastlines as polylines, and the ISO 3166-1 alpha-2 code of
// every country.
//
// Everything is projected once, at load, with the Equal Earth projection
// (see Project). The package imports no GUI toolkit; the map widget in
// ui/mapview draws what it builds.
//
// Natural Earth stores shapes on the sphere: a few rings step across the
// ±180° meridian (Fiji, Chukotka) and Antarctica's ring goes round the
// South Pole. Drawn naively on a flat map they would leave slivers across
// the whole width, so Load unwraps each ring, closes pole-encircling rings
// through the pole and cuts every ring at the map's edge.
package world

import (
	"errors"
	"fmt"
	"math"
)

// Box is an axis-aligned rectangle in plane coordinates (y grows north).
type Box struct{ MinX, MinY, MaxX, MaxY float64 }

// emptyBox is the identity for Extend.
func emptyBox() Box {
	return Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
}

// Empty reports whether the box holds no point.
func (b Box) Empty() bool { return b.MinX > b.MaxX || b.MinY > b.MaxY }

// Contains reports whether (x, y) is inside the box, edges included.
func (b Box) Contains(x, y float64) bool {
	return x >= b.MinX && x <= b.MaxX && y >= b.MinY && y <= b.MaxY
}

// Intersects reports whether two boxes overlap.
func (b Box) Intersects(o Box) bool {
	return b.MinX <= o.MaxX && o.MinX <= b.MaxX && b.MinY <= o.MaxY && o.MinY <= b.MaxY
}

// Union returns the smallest box holding both.
func (b Box) Union(o Box) Box {
	return Box{math.Min(b.MinX, o.MinX), math.Min(b.MinY, o.MinY), math.Max(b.MaxX, o.MaxX), math.Max(b.MaxY, o.MaxY)}
}

func (b *Box) extend(x, y float64) {
	b.MinX = math.Min(b.MinX, x)
	b.MinY = math.Min(b.MinY, y)
	b.MaxX = math.Max(b.MaxX, x)
	b.MaxY = math.Max(b.MaxY, y)
}

// Polygon is one piece of a country: an exterior ring and its holes, in
// projected coordinates. Rings are stored back to back in X and Y; ring i
// spans [Rings[i], Rings[i+1]) (the last one runs to len(X)). Each ring is
// closed implicitly (its last point is not repeated).
//
// Holes wind opposite to their exterior, so a non-zero winding fill (what
// golang.org/x/image/vector does) leaves them empty; float32 is what that
// rasteriser takes and halves the memory walked per frame.
type Polygon struct {
	X, Y  []float32
	Rings []int32
	Box   Box
}

// NumRings is the number of rings in the polygon.
func (p *Polygon) NumRings() int { return len(p.Rings) }

// Ring returns the coordinates of ring i.
func (p *Polygon) Ring(i int) (xs, ys []float32) {
	start := int(p.Rings[i])
	end := len(p.X)
	if i+1 < len(p.Rings) {
		end = int(p.Rings[i+1])
	}
	return p.X[start:end], p.Y[start:end]
}

// Contains reports whether (x, y) is inside the polygon by the non-zero
// winding rule, the same rule the renderer fills with.
func (p *Polygon) Contains(x, y float64) bool {
	if !p.Box.Contains(x, y) {
		return false
	}
	wn := 0
	for i := range p.Rings {
		xs, ys := p.Ring(i)
		n := len(xs)
		for j := range n {
			k := j + 1
			if k == n {
				k = 0
			}
			x0, y0 := float64(xs[j]), float64(ys[j])
			x1, y1 := float64(xs[k]), float64(ys[k])
			if y0 <= y {
				if y1 > y && (x1-x0)*(y-y0)-(x-x0)*(y1-y0) > 0 {
					wn++
				}
			} else if y1 <= y && (x1-x0)*(y-y0)-(x-x0)*(y1-y0) < 0 {
				wn--
			}
		}
	}
	return wn != 0
}

// Country is one Natural Earth admin-0 feature.
type Country struct {
	// Name is Natural Earth's short name ("Dem. Rep. Congo").
	Name string
	// Numeric is the ISO 3166-1 numeric code as in the data ("180"); ""
	// for Kosovo, N. Cyprus, Somaliland and a few territories.
	Numeric string
	// ISO2 is the alpha-2 code ("CD"), "XK" for Kosovo (the code the EU
	// and most registries use), "" when the feature has no code.
	ISO2     string
	Polygons []Polygon
	Box      Box
}

// Line is a border or a coastline: one TopoJSON arc, projected, cut where
// it crosses the ±180° meridian and where it runs along the map's edge
// (those are cuts in the data, not borders).
type Line struct {
	X, Y []float32
	Box  Box
	// Shared is true for a border between two features, false for a
	// coastline, so a renderer may draw them differently.
	Shared bool
}

// World is a projected world map.
type World struct {
	Countries []Country
	Lines     []Line
}

// Load decodes a world-atlas TopoJSON file and projects its "countries"
// object.
func Load(topojson []byte) (*World, error) {
	t, err := DecodeTopoJSON(topojson)
	if err != nil {
		return nil, err
	}
	return FromTopology(t, "countries")
}

// namedCodes gives codes to features Natural Earth leaves without an ISO
// numeric id. Only Kosovo has a code in common use.
var namedCodes = map[string]string{"Kosovo": "XK"}

// FromTopology projects the polygon features of one object of t.
func FromTopology(t *Topology, object string) (*World, error) {
	geoms, ok := t.Objects[object]
	if !ok {
		return nil, fmt.Errorf("topojson: no object %q", object)
	}
	w := &World{}
	users := make([]int, len(t.Arcs)) // how many features use each arc
	for _, g := range geoms {
		c := Country{Name: g.Name, Numeric: g.ID, Box: emptyBox()}
		if code, ok := Alpha2(g.ID); ok {
			c.ISO2 = code
		} else if code, ok := namedCodes[g.Name]; ok {
			c.ISO2 = code
		}
		seen := map[int]bool{}
		for _, rings := range g.Polygons {
			var lonlat [][][2]float64
			for _, r := range rings {
				for _, a := range r {
					if i := arcIndex(a); !seen[i] {
						seen[i] = true
						users[i]++
					}
				}
				pts, err := t.Ring(r)
				if errors.Is(err, errEmptyRing) {
					continue
				}
				if err != nil {
					return nil, fmt.Errorf("feature %q: %w", g.Name, err)
				}
				lonlat = append(lonlat, pts)
			}
			for _, p := range cutPolygon(lonlat) {
				c.Box = c.Box.Union(p.Box)
				c.Polygons = append(c.Polygons, p)
			}
		}
		w.Countries = append(w.Countries, c)
	}
	for i, arc := range t.Arcs {
		if users[i] == 0 {
			continue
		}
		for _, l := range cutLine(arc) {
			l.Shared = users[i] > 1
			w.Lines = append(w.Lines, l)
		}
	}
	w.pack()
	return w, nil
}

// CountryAt returns the index of the country containing plane point
// (x, y), or -1 over the ocean.
func (w *World) CountryAt(x, y float64) int {
	for i := range w.Countries {
		c := &w.Countries[i]
		if !c.Box.Contains(x, y) {
			continue
		}
		for j := range c.Polygons {
			if c.Polygons[j].Contains(x, y) {
				return i
			}
		}
	}
	return -1
}

// Find returns the index of the first country with alpha-2 code iso2, or
// -1. Several features may share a code (Australia and the Ashmore and
// Cartier Islands are both "AU").
func (w *World) Find(iso2 string) int {
	for i := range w.Countries {
		if w.Countries[i].ISO2 == iso2 && iso2 != "" {
			return i
		}
	}
	return -1
}
