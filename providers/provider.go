// Package providers defines what a source of cloud data gives Reachmap: raw
// assets found in an account, gaps where it could not look, and progress.
//
// Each provider kind lives in its own subpackage (demo, aws, mail, …) and
// owns its configuration through a Factory (registry.go): its flags, its
// saved settings, its Accounts form (form.go) and its constructor. The
// kinds are listed explicitly in package providers/all; nothing registers
// itself from init. Providers never write to the cloud, and they never
// import a GUI toolkit: they only report what they find.
//
// Adding a kind: a new package with its Provider and a Factory (flags
// registered on the scan's FlagSet, Options that print no secret, Saved
// reading its own preference keys, a Form when it has an Accounts
// section), one line in providers/all, and the English and French texts
// of its form in the translation catalogs (a ui test lists them from
// Form). Neither cli nor ui changes.
package providers

import (
	"context"

	"github.com/reachmap/reachmap/geo"
)

// Kind is what sort of data store an asset is. Part of the JSON contract.
type Kind string

const (
	KindBucket         Kind = "bucket"
	KindStorageAccount Kind = "storage-account"
	KindMailbox        Kind = "mailbox"
	KindMailGateway    Kind = "mail-gateway"
	KindMailInbound    Kind = "mail-inbound"
	KindDatabase       Kind = "database"
	KindFileSystem     Kind = "filesystem"
	KindVolume         Kind = "volume"
	KindSnapshot       Kind = "snapshot"
	KindArchive        Kind = "archive"
	KindBackup         Kind = "backup-vault"
)

// Asset is one place where data lives, as a provider found it, before the
// geography and the legal model are applied.
type Asset struct {
	// Provider is the id of the company running the service, as the legal
	// model knows it ("aws", "microsoft-365", "proton", "hetzner").
	Provider string `json:"provider"`
	// Account is the account, profile or domain the asset was found under:
	// the label people read.
	Account string `json:"account"`
	// AccountID is the provider's own, stable id of the account (an AWS
	// account's 12 digits, an Azure subscription id, a Google project id),
	// when the provider knows it. Renaming a profile changes Account, not
	// this, so scans are compared by it.
	AccountID string `json:"account_id,omitempty"`
	Kind      Kind   `json:"kind"`
	Name      string `json:"name"`
	// Region is the provider's own region code ("eu-west-1", "fsn1"), or
	// empty when the provider gives none.
	Region string `json:"region"`
	// Host is the hostname that placed the asset (an MX host), if any.
	Host string `json:"host,omitempty"`
	// Evidence says how the region was learned (api, dns, catalog).
	Evidence geo.Evidence `json:"-"`
	// Location, when set, is where the provider itself placed the asset
	// (GeoIP for a self-hosted MX, a tenant geography); it overrides the
	// region catalog.
	Location *geo.Location `json:"-"`
	// Operator, when set, overrides the legal model's operator for this
	// provider and region (a reseller, a gateway found by its ASN).
	Operator string `json:"-"`
	// Tags are the provider's labels, used by policies and filters.
	Tags map[string]string `json:"tags,omitempty"`
	// Gaps are what could not be learned about this asset.
	Gaps []Gap `json:"-"`
	// Copies are the other places the provider keeps this asset's bytes:
	// replication rules, geo-redundant storage, replicas, backup copies.
	Copies []Copy `json:"-"`
	// Signals are the records that named the asset's provider (the mail
	// provider's MX, autodiscover, DKIM, SPF and TXT probes), and
	// Confidence is how far they agree; both empty for a provider that
	// does not infer.
	Signals    []Signal       `json:"signals,omitempty"`
	Confidence geo.Confidence `json:"-"`
}

// Signal is one piece of evidence about who runs an asset: which probe read
// which record, and what it says. Part of the JSON contract.
type Signal struct {
	// Probe is the kind of lookup: mx, autodiscover, dkim, spf, txt.
	Probe string `json:"probe"`
	// Record is the record as read ("selector1._domainkey.example.ch CNAME …").
	Record string `json:"record"`
	// Provider is the legal model's id of the service the record names,
	// empty when it names none Reachmap knows.
	Provider string `json:"provider,omitempty"`
	// Says is what the record means, in a sentence.
	Says string `json:"says"`
}

// Copy is another place where an asset's bytes live, as the provider
// reports it. inventory places it and judges its reach like an asset's.
type Copy struct {
	// Region is the provider's region code of the copy.
	Region string
	// Provider is the provider id of the copy when it is not the asset's
	// own (a copy kept by another company); empty means the same.
	Provider string
	// Location, when set, is where the provider itself placed the copy;
	// it overrides the region catalog, as Asset.Location does.
	Location *geo.Location
	// Why says what makes the copy, for a person: "replication rule
	// \"all\" to bucket lumen-dr", "geo-redundant storage (GRS)".
	Why string
	// Item names the destination when it may itself be an item of the scan
	// (a bucket, a replica database); inventory keeps the name only if it
	// finds that item.
	Item string
	// AccountID is the destination's account id when it differs from the
	// asset's (a replication rule to another account).
	AccountID string
}

// Gap is something a scan could not see: a denied region, an expired token,
// a bucket whose region could not be read. A gap is data, not a failure.
type Gap struct {
	Provider string `json:"provider"`
	Account  string `json:"account"`
	Region   string `json:"region,omitempty"`
	// Item names the asset the gap is about, if any.
	Item string `json:"item,omitempty"`
	// Error is the reason, readable by a person ("AccessDenied: …").
	Error string `json:"error"`
	// Hint says what to do next ("run aws sso login --profile x").
	Hint string `json:"hint,omitempty"`
}

// Progress tells what a provider is doing. Done and Total count the units
// of that provider's work (regions, domains); Total may grow.
type Progress struct {
	Provider string
	Account  string
	Stage    string
	Done     int
	Total    int
}

// Sink receives what a provider finds. Its methods MUST be safe to call
// from several goroutines at once.
type Sink interface {
	Asset(Asset)
	Gap(Gap)
	Progress(Progress)
}

// Provider scans one account (or one set of domains) and reports into a
// Sink. Scan returns an error only when nothing could be scanned at all;
// partial failures are reported as gaps. Scan MUST return promptly once ctx
// is cancelled.
type Provider interface {
	// Name identifies the provider and account in progress and errors,
	// e.g. "aws:default" or "mail".
	Name() string
	Scan(ctx context.Context, sink Sink) error
}
