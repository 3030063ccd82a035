package main

import (
	"bytes"
	"os"
	"testing"
)

// The checked-in table must be what the generator makes from the map the
// app embeds; a change to either shows up here.
func TestGeneratedTableIsCurrent(t *testing.T) {
	data, err := os.ReadFile("../../../../assets/world/countries-50m.json")
	if err != nil {
		t.Skipf("world map not present: %v", err)
	}
	got, err := generate(data)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../points_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("points_gen.go is stale: run go generate in geo/geoip")
	}
}

func TestGenerateRejectsBadInput(t *testing.T) {
	for _, in := range []string{"", "{}", `{"type":"Topology","objects":{}}`} {
		if _, err := generate([]byte(in)); err == nil {
			t.Errorf("generate(%q): want error", in)
		}
	}
}
