package world

import "math"

// Equal Earth (Šavrič, Patterson, Jenny 2018) is an equal-area
// pseudocylindrical projection with a closed form. Equal area matters here:
// the map is about how much of the world a law reaches, and Mercator would
// inflate Europe, Canada and Russia against Africa and South America.
//
// Plane coordinates are for a sphere of radius 1: x grows east, y grows
// north, the origin is at lon 0, lat 0. Parallels are straight horizontal
// lines and x is linear in longitude on each parallel, so a segment along a
// parallel projects to a straight segment; meridians are curves.
const (
	eeA1 = 1.340264
	eeA2 = -0.081106
	eeA3 = 0.000893
	eeA4 = 0.003796
)

var eeM = math.Sqrt(3) / 2

// MaxX and MaxY bound the projected world: x ∈ [-MaxX, MaxX] (the equator
// at ±180°) and y ∈ [-MaxY, MaxY] (the poles).
var (
	MaxX, _ = Project(180, 0)
	_, MaxY = Project(0, 90)
)

// Project maps a longitude and latitude in degrees to the Equal Earth plane.
// Latitudes are clamped to ±90. Longitudes outside ±180 are allowed and
// extend the map linearly, which the antimeridian handling relies on.
func Project(lon, lat float64) (x, y float64) {
	lat = math.Max(-90, math.Min(90, lat))
	lam := lon * math.Pi / 180
	theta := math.Asin(eeM * math.Sin(lat*math.Pi/180))
	t2 := theta * theta
	t6 := t2 * t2 * t2
	x = lam * math.Cos(theta) / (eeM * (eeA1 + 3*eeA2*t2 + t6*(7*eeA3+9*eeA4*t2)))
	y = theta * (eeA1 + eeA2*t2 + t6*(eeA3+eeA4*t2))
	return x, y
}

// thetaOf solves y = θ(A1 + A2θ² + A3θ⁶ + A4θ⁸) for θ by Newton's method;
// y is clamped to the map so the iteration always converges.
func thetaOf(y float64) float64 {
	y = math.Max(-MaxY, math.Min(MaxY, y))
	theta := y / eeA1
	for range 12 {
		t2 := theta * theta
		t6 := t2 * t2 * t2
		f := theta*(eeA1+eeA2*t2+t6*(eeA3+eeA4*t2)) - y
		fp := eeA1 + 3*eeA2*t2 + t6*(7*eeA3+9*eeA4*t2)
		d := f / fp
		theta -= d
		if math.Abs(d) < 1e-12 {
			break
		}
	}
	return theta
}

// Unproject is the inverse of Project. y is clamped to [-MaxY, MaxY]; an x
// beyond the map's edge at that latitude yields a longitude beyond ±180, so
// callers can tell "off the map" from "on it" with math.Abs(lon) > 180.
// NaN in gives NaN out.
func Unproject(x, y float64) (lon, lat float64) {
	theta := thetaOf(y)
	t2 := theta * theta
	t6 := t2 * t2 * t2
	c := math.Cos(theta)
	lam := x * eeM * (eeA1 + 3*eeA2*t2 + t6*(7*eeA3+9*eeA4*t2)) / c
	lat = math.Asin(math.Max(-1, math.Min(1, math.Sin(theta)/eeM))) * 180 / math.Pi
	return lam * 180 / math.Pi, lat
}

// HalfWidthAt is the map's half width at plane height y: the x of the
// 180th meridian there, or 0 beyond the poles. Renderers use it to paint
// the ocean inside the map's outline only.
func HalfWidthAt(y float64) float64 {
	// float32 storage rounds the pole edge a hair past MaxY: tolerate it.
	if math.Abs(y) > MaxY+1e-6 || math.IsNaN(y) {
		return 0
	}
	theta := thetaOf(y)
	t2 := theta * theta
	t6 := t2 * t2 * t2
	return math.Pi * math.Cos(theta) / (eeM * (eeA1 + 3*eeA2*t2 + t6*(7*eeA3+9*eeA4*t2)))
}
