package world

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// Topology is a decoded TopoJSON document: its arcs in absolute
// longitude/latitude, and its named objects flattened to polygon
// geometries. Only what a world map needs is kept: polygons, ids and the
// "name" property; point and line geometries are skipped.
type Topology struct {
	// Arcs holds every arc as absolute [lon, lat] positions, after the
	// quantisation transform and delta decoding.
	Arcs [][][2]float64
	// Objects maps an object name ("countries", "land") to its geometries.
	Objects map[string][]Geometry
}

// Geometry is one polygonal feature of a TopoJSON object.
type Geometry struct {
	// ID is the feature id as text ("250"); "" when the feature has none.
	ID string
	// Name is properties.name, "" when absent.
	Name string
	// Polygons lists, per polygon, its rings as arc references: index i
	// means arc i, ^i (that is -i-1) means arc i walked backwards. The
	// first ring is the exterior, the others are holes.
	Polygons [][][]int
}

type rawTopology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][]float64           `json:"arcs"`
	Objects map[string]*rawGeometry `json:"objects"`
}

type rawGeometry struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
	Arcs       json.RawMessage `json:"arcs"`
	Geometries []*rawGeometry  `json:"geometries"`
}

// DecodeTopoJSON parses a TopoJSON topology. Malformed input is an error,
// never a panic: arc references are checked against the arc table.
func DecodeTopoJSON(data []byte) (*Topology, error) {
	var raw rawTopology
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("topojson: %w", err)
	}
	if raw.Type != "Topology" {
		return nil, fmt.Errorf("topojson: type is %q, want \"Topology\"", raw.Type)
	}
	t := &Topology{Arcs: make([][][2]float64, len(raw.Arcs)), Objects: map[string][]Geometry{}}
	for i, arc := range raw.Arcs {
		pts := make([][2]float64, len(arc))
		// Quantised topologies store each position as a delta from the
		// previous one in integer grid units; the transform maps the grid
		// back to degrees.
		var qx, qy float64
		for j, p := range arc {
			if len(p) < 2 {
				return nil, fmt.Errorf("topojson: arc %d position %d has %d coordinates", i, j, len(p))
			}
			if raw.Transform != nil {
				qx += p[0]
				qy += p[1]
				pts[j] = [2]float64{
					qx*raw.Transform.Scale[0] + raw.Transform.Translate[0],
					qy*raw.Transform.Scale[1] + raw.Transform.Translate[1],
				}
			} else {
				pts[j] = [2]float64{p[0], p[1]}
			}
		}
		t.Arcs[i] = pts
	}
	for name, obj := range raw.Objects {
		if obj == nil {
			continue
		}
		var out []Geometry
		if err := t.collect(obj, &out); err != nil {
			return nil, fmt.Errorf("topojson: object %q: %w", name, err)
		}
		t.Objects[name] = out
	}
	return t, nil
}

// collect appends the polygonal geometries of g (recursing into
// collections) to out.
func (t *Topology) collect(g *rawGeometry, out *[]Geometry) error {
	if g == nil {
		return nil
	}
	geom := Geometry{ID: rawID(g.ID), Name: g.Properties.Name}
	switch g.Type {
	case "GeometryCollection":
		for _, c := range g.Geometries {
			if err := t.collect(c, out); err != nil {
				return err
			}
		}
		return nil
	case "Polygon":
		var rings [][]int
		if err := json.Unmarshal(g.Arcs, &rings); err != nil {
			return fmt.Errorf("polygon %q: %w", geom.Name, err)
		}
		geom.Polygons = [][][]int{rings}
	case "MultiPolygon":
		if err := json.Unmarshal(g.Arcs, &geom.Polygons); err != nil {
			return fmt.Errorf("multipolygon %q: %w", geom.Name, err)
		}
	default:
		// Points, lines and null geometries have no area to paint.
		return nil
	}
	for _, p := range geom.Polygons {
		for _, r := range p {
			for _, a := range r {
				if i := arcIndex(a); i < 0 || i >= len(t.Arcs) {
					return fmt.Errorf("feature %q refers to arc %d of %d", geom.Name, a, len(t.Arcs))
				}
			}
		}
	}
	*out = append(*out, geom)
	return nil
}

// rawID renders a TopoJSON id, which may be a string or a number, as text.
func rawID(m json.RawMessage) string {
	if len(m) == 0 || string(m) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(m, &s) == nil {
		return s
	}
	var f float64
	if json.Unmarshal(m, &f) == nil {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return string(m)
}

// arcIndex resolves an arc reference to the index of the stored arc.
func arcIndex(a int) int {
	if a < 0 {
		return ^a
	}
	return a
}

// errEmptyRing reports a ring whose arcs hold no positions.
var errEmptyRing = errors.New("ring has no positions")

// Ring stitches a ring from its arc references into one closed sequence
// of [lon, lat] positions. Consecutive arcs share their join point, so the
// first position of every arc after the first is dropped.
func (t *Topology) Ring(arcs []int) ([][2]float64, error) {
	var out [][2]float64
	for _, a := range arcs {
		i := arcIndex(a)
		if i < 0 || i >= len(t.Arcs) {
			return nil, fmt.Errorf("arc %d out of range (%d arcs)", a, len(t.Arcs))
		}
		arc := t.Arcs[i]
		n := len(arc)
		for j := range n {
			if j == 0 && len(out) > 0 {
				continue
			}
			if a < 0 {
				out = append(out, arc[n-1-j])
			} else {
				out = append(out, arc[j])
			}
		}
	}
	if len(out) == 0 {
		return nil, errEmptyRing
	}
	return out, nil
}
