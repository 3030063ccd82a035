package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/reach"
)

// explain's JSON, for scripts: the same facts with every citation.

type explainJSON struct {
	Provider     string         `json:"provider"`
	ProviderName string         `json:"provider_name"`
	Region       string         `json:"region"`
	RegionName   string         `json:"region_name,omitempty"`
	Home         reach.Home     `json:"home"`
	Location     geo.Location   `json:"location"`
	Operator     reach.Operator `json:"operator"`
	OperatorSrc  string         `json:"operator_source,omitempty"`
	Reach        []reachJSON    `json:"reach"`
	Category     reach.Category `json:"category"`
	// Status, From, Until and Successor are the service's life, as on a
	// scan item: "historic" for a closed one.
	Status    string `json:"status,omitempty"`
	From      string `json:"from,omitempty"`
	Until     string `json:"until,omitempty"`
	Successor string `json:"successor,omitempty"`
	Reviewed  string `json:"reviewed"`
	Advisory  string `json:"advisory"`
}

// reachJSON is a reach entry with each of its laws, so a reader can check
// every citation, not just the first source.
type reachJSON struct {
	reach.Jurisdiction
	Laws []reach.Law `json:"laws,omitempty"`
}

func (e explanation) json() explainJSON {
	out := explainJSON{
		Provider: e.provider, ProviderName: reach.ProviderName(e.provider),
		Region: e.region, RegionName: e.regionName, Home: e.home,
		Location: e.loc, Operator: e.assessment.Operator, OperatorSrc: e.op.Source,
		Reach: []reachJSON{}, Category: e.category,
		Reviewed: reach.Reviewed(), Advisory: reach.Advisory(),
		Status: e.assessment.Service.Status, From: e.assessment.Service.From,
		Until: e.assessment.Service.Until, Successor: e.assessment.Service.Successor,
	}
	for _, j := range e.assessment.Reach {
		out.Reach = append(out.Reach, reachJSON{Jurisdiction: j, Laws: reach.LawsOf(j)})
	}
	return out
}

func writeJSON(stdout, stderr io.Writer, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "reachmap explain: write json: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}
