package present

import (
	"time"

	"github.com/reachmap/reachmap/reach"
)

// Words are the fixed words of a written report (the HTML report and the
// evidence pack's PDF and register): titles, column heads and labels, in
// the speaker's language. Sentences with data are made by the functions
// below and in answer.go.
type Words struct {
	Brand, Title, Question, Answer, Exceptions, NoExceptions                  string
	Scanned, HomeJurisdiction, Reviewed, DataStores, AdvisoryBody             string
	Summary, WhereStored, Territory, Stores, CatHome, CatHomeForeign          string
	CatForeign, CatUnknown, HomeTag, ForeignTag, JurisdictionsReach           string
	Jurisdiction, Basis, Laws, NoneRecorded, NoJurisdiction                   string
	Map, MapCaption, NoMap                                                    string
	DataStore, Place, OperatorOwners, ReachCitations, Category                string
	Account, Tags, NotSeen, WeakEvidence, Host, Contested, Unverified         string
	UnverifiedTitle, Context, Operator, Owners, ContractingEntity             string
	Copies, NoCopies, Evidence, Confidence, Gaps, NoGapsItem, Strength        string
	Provider, City, Sources, Kind, RegionCol                                  string
	LawsCited, LawsLead, NotVerified, Source, NotRecorded, NoLaw              string
	BlockingTitle, BlockingLead                                               string
	Unchecked, UncheckedLead, ProviderAccount, Item, Problem, WhatToDo        string
	NoGaps, AccountsScanned, AccountsLead, Changes, NoPrevious                string
	AboutPack, Manifest, ToolVersion, ScanID, ScanDate, KBDate, Written, Home string
	Files, NotSaved, Parent, ReachedBy, Colon, StrengthShort                  string
}

// Words returns the report's words.
func (s *Speaker) Words() Words {
	return Words{
		Brand:              s.l("Reachmap · data location and legal reach"),
		Title:              s.l("Where the data lives and who can reach it"),
		Question:           s.l("The question"),
		Answer:             s.l("The answer"),
		Exceptions:         s.l("Exceptions"),
		NoExceptions:       s.l("None: every data store is home-only."),
		Scanned:            s.l("Scanned"),
		HomeJurisdiction:   s.l("Home jurisdiction"),
		Reviewed:           s.l("Knowledge base reviewed"),
		DataStores:         s.l("Data stores"),
		AdvisoryBody:       s.l("This report records where each data store is kept and which governments' laws can compel access to it, from the providers' own statements and a reviewed knowledge base of laws with their sources. It supports a record of processing or a transfer impact assessment; it does not replace a legal assessment."),
		Summary:            s.l("Summary"),
		WhereStored:        s.l("Where the data is stored"),
		Territory:          s.l("Territory"),
		Stores:             s.l("Stores"),
		CatHome:            s.l("Home"),
		CatHomeForeign:     s.l("Home + foreign"),
		CatForeign:         s.l("Outside"),
		CatUnknown:         s.l("Unknown"),
		HomeTag:            s.l("home"),
		ForeignTag:         s.l("foreign"),
		JurisdictionsReach: s.l("Jurisdictions that can reach the data"),
		Jurisdiction:       s.l("Jurisdiction"),
		Basis:              s.l("Basis"),
		Laws:               s.l("Laws"),
		NoneRecorded:       s.l("none recorded"),
		NoJurisdiction:     s.l("No jurisdiction could be determined."),
		Map:                s.l("Map"),
		MapCaption:         s.l("Each marker is a data store, drawn where its bytes are kept."),
		NoMap:              s.l("No map image was available for this report. The list below gives every data store with its territory."),
		DataStore:          s.l("Data store"),
		Place:              s.l("Territory and evidence"),
		OperatorOwners:     s.l("Operator and owners"),
		ReachCitations:     s.l("Reach and citations"),
		Category:           s.l("Category"),
		Account:            s.l("Account"),
		Tags:               s.l("Tags"),
		NotSeen:            s.l("Not seen"),
		WeakEvidence:       s.l("weak evidence"),
		Host:               s.l("Host"),
		Contested:          s.l("contested"),
		Unverified:         s.l("unverified"),
		UnverifiedTitle:    s.l("not yet confirmed from a primary source; see the laws section"),
		Context:            s.l("Context, not reach"),
		Operator:           s.l("Operator"),
		Owners:             s.l("Owned by"),
		ContractingEntity:  s.l("Contracting entity"),
		Copies:             s.l("Copies"),
		NoCopies:           s.l("none recorded"),
		Evidence:           s.l("Evidence"),
		Confidence:         s.l("Confidence"),
		Gaps:               s.l("Gaps"),
		NoGapsItem:         s.l("none"),
		Strength:           s.l("Reach strength"),
		Provider:           s.l("Provider"),
		City:               s.l("City"),
		Sources:            s.l("Sources"),
		Kind:               s.l("Kind"),
		RegionCol:          s.l("Region"),
		LawsCited:          s.l("Laws cited"),
		LawsLead:           s.l("Each law cited above, once, with its source. \"Reviewed\" is the date a person last checked the entry against that source."),
		NotVerified:        s.l("Not verified from a primary source yet"),
		Source:             s.l("Source"),
		NotRecorded:        s.l("not recorded"),
		NoLaw:              s.l("No law was cited."),
		BlockingTitle:      s.l("Blocking statutes where the data is stored"),
		BlockingLead:       s.l("These laws limit or forbid disclosure to foreign authorities from the territory; a transfer impact assessment weighs them against the laws above."),
		Unchecked:          s.l("What could not be checked"),
		UncheckedLead:      s.l("Accounts, regions and items the scan could not look into. Data may exist there that this report does not show."),
		ProviderAccount:    s.l("Provider and account"),
		Item:               s.l("Item"),
		Problem:            s.l("Problem"),
		WhatToDo:           s.l("What to do"),
		NoGaps:             s.l("None: the scan could look into every account and region it was given."),
		AccountsScanned:    s.l("Accounts scanned"),
		AccountsLead:       s.l("Every account and domain the scan was given, with what it found there."),
		Changes:            s.l("Changes since the previous scan"),
		NoPrevious:         s.l("There is no earlier scan to compare with: this is the first."),
		AboutPack:          s.l("About this document"),
		Manifest:           s.l("Manifest"),
		ToolVersion:        s.l("Tool version"),
		ScanID:             s.l("Scan id"),
		ScanDate:           s.l("Scan date"),
		KBDate:             s.l("Knowledge base reviewed"),
		Written:            s.l("Written on"),
		Home:               s.l("Home"),
		Files:              s.l("Files"),
		NotSaved:           s.l("not saved in the store"),
		Parent:             s.l("Parent"),
		ReachedBy:          s.l("Reached by"),
		StrengthShort:      s.l("strength"),
		// A colon after a label: French sets a space before it.
		Colon: s.l(": "),
	}
}

// BasisWord names a basis in one word, for a table: "territorial".
func (s *Speaker) BasisWord(b reach.Basis) string {
	switch b {
	case reach.BasisTerritorial:
		return s.l("territorial")
	case reach.BasisOperator:
		return s.l("operator")
	case reach.BasisAgreement:
		return s.l("agreement")
	case reach.BasisUnion:
		return s.l("Union law")
	}
	return string(b)
}

// Date writes a time the same way in every language, unambiguous for a
// reader of either: "2026-11-22 09:00 UTC".
func Date(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 MST") }

// ItemsLead introduces the list of data stores.
func (s *Speaker) ItemsLead(home reach.Home) string {
	return s.l("One entry per data store, in the register's order: where it is kept and how that is known, the company that operates it and the companies that own that one, every jurisdiction that can compel it with the laws cited, its copies and its gaps, and its category relative to {{.Home}}.", "Home", s.HomeName(home))
}

// KBChanged says that the scan was judged with an older knowledge base.
func (s *Speaker) KBChanged(then, now string) string {
	return s.l("This scan was judged with the knowledge base reviewed on {{.Then}}; the current one was reviewed on {{.Now}}.", "Then", then, "Now", now)
}

// LawMeta is a law's line of facts: "United States · reaches data abroad
// · cited for 3 data stores · in force since 2018 · reviewed 2026-11-22";
// when says since or until when the law applies (InForceSince).
func (s *Speaker) LawMeta(country, kind string, items int, when, reviewed string) string {
	out := country
	if kind != "" {
		out += " · " + kind
	}
	out += " · " + s.n("cited for {{.Count}} data stores", items)
	if when != "" {
		out += " · " + when
	}
	if reviewed != "" {
		out += " · " + s.l("reviewed {{.Date}}", "Date", reviewed)
	}
	return out
}

// BlockingMeta is a blocking statute's line of facts.
func (s *Speaker) BlockingMeta(country string, items int, reviewed string) string {
	out := country + " · " + s.n("applies to {{.Count}} data stores", items)
	if reviewed != "" {
		out += " · " + s.l("reviewed {{.Date}}", "Date", reviewed)
	}
	return out
}

// MapAlt describes the map image for a reader who cannot see it.
func (s *Speaker) MapAlt(n int) string {
	return s.n("World map of the {{.Count}} data stores of this scan, coloured by who can reach them.", n)
}

// ChangesFrom says which two scans the changes page compares.
func (s *Speaker) ChangesFrom(prev, cur string) string {
	return s.l("From the scan of {{.Old}} to the scan of {{.New}}.", "Old", prev, "New", cur)
}

// Footer is the report's last line.
func (s *Speaker) Footer(version, written, scanned, reviewed string) string {
	return s.l("Written by Reachmap {{.Version}} on {{.Written}} from the scan of {{.Scanned}}. Knowledge base reviewed on {{.Reviewed}}.",
		"Version", version, "Written", written, "Scanned", scanned, "Reviewed", reviewed)
}

// AccountFound says what a scan found in one account.
func (s *Speaker) AccountFound(items, gaps int) string {
	out := s.n("{{.Count}} data stores", items)
	if gaps > 0 {
		out += ", " + s.n("{{.Count}} gaps", gaps)
	}
	return out
}

// Headline says in a sentence what the summary shows.
func (s *Speaker) Headline(foreign, total, abroad, soil, unknown int, home reach.Home) string {
	if total == 0 {
		return s.l("The scan found no data stores.")
	}
	h := s.HomeName(home)
	out := s.l("{{.Foreign}} of {{.Total}} data stores can be reached by a jurisdiction outside {{.Home}}: {{.Abroad}} stored outside home, {{.Soil}} on home soil under a foreign operator's law.",
		"Foreign", foreign, "Total", total, "Home", h, "Abroad", abroad, "Soil", soil)
	if unknown > 0 {
		out += " " + s.n("{{.Count}} could not be judged fully.", unknown)
	}
	return out
}

// PackWritten says where the evidence pack of a scan was written.
func (s *Speaker) PackWritten(dir string, scanID int64) string {
	return s.l("Evidence pack of scan {{.ID}} written to {{.Dir}}:", "ID", scanID, "Dir", dir)
}

// LawKind names what kind of law an entry of the knowledge base is:
// "reaches data abroad", "blocking statute".
func (s *Speaker) LawKind(k reach.LawKind) string {
	switch k {
	case reach.LawExtraterritorial:
		return s.l("reaches data abroad")
	case reach.LawTerritorial:
		return s.l("reaches data on its soil")
	case reach.LawBlocking:
		return s.l("blocking statute")
	case reach.LawAgreement:
		return s.l("treaty channel")
	case reach.LawLocalisation:
		return s.l("data localisation")
	}
	return string(k)
}

// CopyLine is one copy of a data store: where it is, who reaches it and
// what makes it: "Ashburn, United States (us-east-1) — reachable by United
// States — replication rule to bucket x".
func (s *Speaker) CopyLine(place, region, reachedBy, why, item string) string {
	out := place
	if region != "" {
		out += " (" + region + ")"
	}
	if reachedBy != "" {
		out += " — " + s.l("Reachable by: {{.List}}", "List", reachedBy)
	}
	if why != "" {
		out += " — " + why
	}
	if item != "" {
		out += " → " + item
	}
	return out
}

// ThroughCopy says that a jurisdiction reaches a store through its copy
// in a region.
func (s *Speaker) ThroughCopy(region string) string {
	return s.l("through its copy in {{.Region}}", "Region", region)
}

// InForceSince is "in force since 2018-03-23", or "" without a date.
func (s *Speaker) InForceSince(date string) string {
	if date == "" {
		return ""
	}
	return s.l("in force since {{.Date}}", "Date", date)
}
