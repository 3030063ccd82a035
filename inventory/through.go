package inventory

import (
	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/reach"
)

// withPassages adds to an item's reach the reach of every service its data
// passes through (a filtering gateway in front of a mailbox receives and
// holds each message before the mailbox does, so whoever can compel the
// gateway can compel the mail). A jurisdiction the item already has on the
// same basis is not repeated; agreements are left to the item's own
// assessment.
func withPassages(own []reach.Jurisdiction, through []providers.Passage) []reach.Jurisdiction {
	if len(through) == 0 {
		return own
	}
	type key struct {
		country string
		basis   reach.Basis
	}
	seen := map[key]bool{}
	for _, j := range own {
		seen[key{j.Country, j.Basis}] = true
	}
	out := own
	for _, p := range through {
		loc, _ := Locate(providers.Asset{Provider: p.Provider, Region: p.Region, Location: p.Location})
		as := reach.Assess(p.Provider, p.Region, loc, p.Operator)
		for _, j := range as.Reach {
			k := key{j.Country, j.Basis}
			if j.Basis == reach.BasisAgreement || seen[k] {
				continue
			}
			seen[k] = true
			if j.Via == "" {
				j.Via = as.Operator.Name
			}
			note := "Mail passes through " + p.Name + " before it reaches the mailbox."
			if j.Note != "" {
				note += " " + j.Note
			}
			j.Note = note
			out = append(out, j)
		}
	}
	return out
}
