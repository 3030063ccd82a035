package assets

import _ "embed" // the world map travels inside the binary: the app draws it offline

// Countries50m is Natural Earth's 1:50m admin-0 countries as TopoJSON, from
// the npm package world-atlas@2.0.2 (countries-50m.json, 241 features). It is
// the map the app draws: the 1:110m file lacks small states such as
// Singapore, Bahrain and Hong Kong, where cloud regions are.
//
//go:embed world/countries-50m.json
var Countries50m []byte

// Countries110m is the same data at 1:110m (177 features, world-atlas@2.0.2
// countries-110m.json). It is seven times smaller and is kept for coarse uses
// (thumbnails, tests) where the missing small states do not matter.
//
//go:embed world/countries-110m.json
var Countries110m []byte
