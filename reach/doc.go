// Package reach is Reachmap's legal model: which governments can compel the
// data stored at a place, and on what basis.
//
// It holds an embedded, human-editable knowledge base (kb.yaml) of
// countries, laws with extraterritorial reach, and the companies that
// operate each cloud provider's regions, and a classifier that turns a
// provider, a region and a geo.Location into an Assessment: the operator
// and the set of jurisdictions that reach the data, each with its basis
// (territorial, operator, agreement), law and public source. Categorize
// then places an Assessment relative to the user's home jurisdiction.
//
// Reach is always a set, never a single country: data in an AWS bucket in
// Frankfurt sits on German soil and is still reached by US law through its
// operator. Everything here is advisory, not legal advice; Advisory says so
// with the date the knowledge base was last reviewed.
//
// reach imports geo (for locations and country codes) and no GUI toolkit.
package reach
