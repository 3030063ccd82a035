package world

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
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
	Arcs    json.RawMessage         `json:"arcs"`
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
	arcs, err := parseArcs(raw.Arcs)
	if err != nil {
		return nil, fmt.Errorf("topojson: arcs: %w", err)
	}
	t := &Topology{Arcs: make([][][2]float64, len(arcs)), Objects: map[string][]Geometry{}}
	for i, arc := range arcs {
		pts := make([][2]float64, len(arc)/2)
		// Quantised topologies store each position as a delta from the
		// previous one in integer grid units; the transform maps the grid
		// back to degrees.
		var qx, qy float64
		for j := range pts {
			x, y := arc[2*j], arc[2*j+1]
			if raw.Transform != nil {
				qx += x
				qy += y
				pts[j] = [2]float64{
					qx*raw.Transform.Scale[0] + raw.Transform.Translate[0],
					qy*raw.Transform.Scale[1] + raw.Transform.Translate[1],
				}
			} else {
				pts[j] = [2]float64{x, y}
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

// parseArcs reads the arcs member, [[[x, y, …], …], …], into one flat
// coordinate list per arc (x and y of each position; extra coordinates
// are dropped). It is a small dedicated scanner because the arcs are most
// of a world-atlas file and encoding/json's reflection into nested slices
// took most of the load time. json.Unmarshal has already checked that the
// member is well-formed JSON; this checks its shape.
func parseArcs(data []byte) ([][]float64, error) {
	p := arcParser{b: data}
	if p.peekNull() {
		return nil, nil
	}
	var arcs [][]float64
	err := p.list(func() error {
		var arc []float64
		err := p.list(func() error {
			n := 0
			err := p.list(func() error {
				v, err := p.number()
				if n < 2 {
					arc = append(arc, v)
				}
				n++
				return err
			})
			if err == nil && n < 2 {
				err = fmt.Errorf("arc %d position %d has %d coordinates", len(arcs), len(arc)/2, n)
			}
			return err
		})
		arcs = append(arcs, arc)
		return err
	})
	if err != nil {
		return nil, err
	}
	if p.skipSpace(); p.i != len(p.b) {
		return nil, fmt.Errorf("unexpected data at offset %d", p.i)
	}
	return arcs, nil
}

type arcParser struct {
	b []byte
	i int
}

func (p *arcParser) skipSpace() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\n' || p.b[p.i] == '\r' || p.b[p.i] == '\t') {
		p.i++
	}
}

func (p *arcParser) peekNull() bool {
	p.skipSpace()
	return len(p.b)-p.i >= 4 && string(p.b[p.i:p.i+4]) == "null"
}

// list parses "[" elem ("," elem)* "]" or "[]", calling elem for each.
func (p *arcParser) list(elem func() error) error {
	p.skipSpace()
	if p.i >= len(p.b) || p.b[p.i] != '[' {
		return fmt.Errorf("expected '[' at offset %d", p.i)
	}
	p.i++
	p.skipSpace()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		p.skipSpace()
		if p.i >= len(p.b) {
			return errors.New("unterminated list")
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return nil
		default:
			return fmt.Errorf("unexpected %q at offset %d", p.b[p.i], p.i)
		}
	}
}

// number parses a JSON number; plain integers, by far the common case in
// quantised files, skip strconv.
func (p *arcParser) number() (float64, error) {
	p.skipSpace()
	start := p.i
	neg := false
	if p.i < len(p.b) && p.b[p.i] == '-' {
		neg = true
		p.i++
	}
	var v int64
	digits := 0
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' && digits < 18 {
		v = v*10 + int64(p.b[p.i]-'0')
		p.i++
		digits++
	}
	if p.i < len(p.b) {
		switch p.b[p.i] {
		case '.', 'e', 'E', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			// A fraction, an exponent or a long integer: let strconv do it.
			for p.i < len(p.b) && strings.IndexByte("+-.eE0123456789", p.b[p.i]) >= 0 {
				p.i++
			}
			return strconv.ParseFloat(string(p.b[start:p.i]), 64)
		}
	}
	if digits == 0 {
		return 0, fmt.Errorf("expected a number at offset %d", start)
	}
	if neg {
		v = -v
	}
	return float64(v), nil
}
