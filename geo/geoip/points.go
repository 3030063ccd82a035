package geoip

import "strings"

//go:generate go run ./internal/genpoints -world ../../assets/world/countries-50m.json -out points_gen.go

// CountryPoint returns a representative point of a country (ISO 3166-1
// alpha-2, any case): a place inside its largest land mass, near its
// middle. It stands for the whole country when only the country is known,
// as with a GeoIP answer; it is never a city or a data centre. ok is false
// for codes the world map does not draw (a few tiny territories).
func CountryPoint(cc string) (lat, lon float64, ok bool) {
	p, ok := countryPoints[strings.ToUpper(strings.TrimSpace(cc))]
	return p[0], p[1], ok
}
