package azure

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/reachmap/reachmap/providers"
)

// The listers whose resources carry copies: SQL geo-replicas and failover
// groups, Cosmos DB regions, flexible-server read replicas, geo-redundant
// backup vaults.

const sqlAPI = "2021-11-01"

// sqlDatabases lists each server's databases (master, the server's own,
// left out), with their geo-replicas and failover groups as copies.
func sqlDatabases(ctx context.Context, s *session, sub subscription, servers []resource, g gapper) []providers.Asset {
	var out []providers.Asset
	for _, srv := range servers {
		if ctx.Err() != nil {
			return out
		}
		dbs, err := listResources(ctx, s, srv.ID+"/databases", sqlAPI)
		if err != nil {
			g.err(normRegion(srv.Location), srv.Name, fmt.Errorf("listing the databases of SQL server %s: %w", srv.Name, err), readerHint(sub))
			continue
		}
		groups := failoverCopies(ctx, s, sub, srv, g)
		for _, db := range dbs {
			if strings.EqualFold(db.Name, "master") {
				continue
			}
			a := asset(sub, db, providers.KindDatabase)
			a.Name = srv.Name + "/" + db.Name
			var links []replicationLink
			err := list(ctx, s.arm, s.cloud.ResourceManager+strings.TrimPrefix(db.ID, "/")+"/replicationLinks?api-version="+sqlAPI,
				func(v []replicationLink) { links = append(links, v...) })
			if err != nil && !notRegistered(err) {
				g.err(a.Region, a.Name, fmt.Errorf("reading the geo-replicas of %s: %w", a.Name, err), readerHint(sub))
			}
			for _, l := range links {
				p := l.Properties
				if r := normRegion(p.PartnerLocation); r != "" && r != a.Region {
					a.Copies = addCopy(a.Copies, providers.Copy{Region: r, Item: p.PartnerServer + "/" + p.PartnerDatabase,
						Why: "SQL active geo-replication (" + strings.ToLower(p.PartnerRole) + " on server " + p.PartnerServer + ")"})
				}
			}
			for _, c := range groups[strings.ToLower(db.ID)] {
				if c.Region != a.Region {
					c.Item = strings.TrimSuffix(c.Item, "/") + "/" + db.Name
					a.Copies = addCopy(a.Copies, c)
				}
			}
			out = append(out, a)
		}
	}
	return out
}

// replicationLink is one geo-replica of a SQL database.
type replicationLink struct {
	Properties struct {
		PartnerServer   string `json:"partnerServer"`
		PartnerDatabase string `json:"partnerDatabase"`
		PartnerLocation string `json:"partnerLocation"`
		PartnerRole     string `json:"partnerRole"`
	} `json:"properties"`
}

// failoverCopies reads a server's failover groups: database id → a copy
// on each partner server.
func failoverCopies(ctx context.Context, s *session, sub subscription, srv resource, g gapper) map[string][]providers.Copy {
	type group struct {
		Name       string `json:"name"`
		Properties struct {
			PartnerServers []struct {
				ID       string `json:"id"`
				Location string `json:"location"`
			} `json:"partnerServers"`
			Databases []string `json:"databases"`
		} `json:"properties"`
	}
	out := map[string][]providers.Copy{}
	err := list(ctx, s.arm, s.cloud.ResourceManager+strings.TrimPrefix(srv.ID, "/")+"/failoverGroups?api-version="+sqlAPI, func(gs []group) {
		for _, fg := range gs {
			for _, db := range fg.Properties.Databases {
				for _, ps := range fg.Properties.PartnerServers {
					out[strings.ToLower(db)] = append(out[strings.ToLower(db)], providers.Copy{Region: normRegion(ps.Location),
						Item: lastSegment(ps.ID) + "/", Why: "SQL failover group " + fg.Name + " (partner server " + lastSegment(ps.ID) + ")"})
				}
			}
		}
	})
	if err != nil && !notRegistered(err) {
		g.err(normRegion(srv.Location), srv.Name, fmt.Errorf("reading the failover groups of SQL server %s: %w", srv.Name, err), readerHint(sub))
	}
	return out
}

// perResource makes each resource an asset and lets copies read its
// properties.
func perResource(sub subscription, rs []resource, kind providers.Kind, copies func(a *providers.Asset, props json.RawMessage)) []providers.Asset {
	out := make([]providers.Asset, 0, len(rs))
	for _, r := range rs {
		a := asset(sub, r, kind)
		copies(&a, r.Properties)
		out = append(out, a)
	}
	return out
}

// cosmosAccounts: every location of an account other than its own is a
// copy (Cosmos DB replicates the whole account to each).
func cosmosAccounts(_ context.Context, _ *session, sub subscription, rs []resource, _ gapper) []providers.Asset {
	return perResource(sub, rs, providers.KindDatabase, func(a *providers.Asset, raw json.RawMessage) {
		var p struct {
			Locations []struct {
				LocationName     string `json:"locationName"`
				FailoverPriority int    `json:"failoverPriority"`
			} `json:"locations"`
		}
		_ = json.Unmarshal(raw, &p)
		for _, l := range p.Locations {
			if reg := normRegion(l.LocationName); reg != "" && reg != a.Region {
				a.Copies = addCopy(a.Copies, providers.Copy{Region: reg,
					Why: "Cosmos DB account region (failover priority " + strconv.Itoa(l.FailoverPriority) + ")"})
			}
		}
	})
}

// flexibleServers: a read replica in another region is a copy of its
// source server (both are items; the copy names the replica).
func flexibleServers(_ context.Context, _ *session, sub subscription, rs []resource, _ gapper) []providers.Asset {
	out := perResource(sub, rs, providers.KindDatabase, func(*providers.Asset, json.RawMessage) {})
	byID := map[string]int{}
	for i, r := range rs {
		byID[strings.ToLower(r.ID)] = i
	}
	for _, r := range rs {
		var p struct {
			SourceServerResourceID string `json:"sourceServerResourceId"`
		}
		_ = json.Unmarshal(r.Properties, &p)
		src, ok := byID[strings.ToLower(p.SourceServerResourceID)]
		if !ok || p.SourceServerResourceID == "" {
			continue
		}
		if reg := normRegion(r.Location); reg != out[src].Region {
			out[src].Copies = addCopy(out[src].Copies, providers.Copy{Region: reg, Item: r.Name, Why: "read replica " + r.Name})
		}
	}
	return out
}

// geoVault adds the paired-region copy of a geo-redundant backup vault.
func geoVault(a *providers.Asset, geoRedundant bool) {
	if !geoRedundant {
		return
	}
	if c, ok := pairCopy(a.Region, "geo-redundant backup storage"); ok {
		a.Copies = append(a.Copies, c)
	}
}

// recoveryVaults: a geo-redundant Recovery Services vault keeps its
// backups in the paired region too.
func recoveryVaults(_ context.Context, _ *session, sub subscription, rs []resource, _ gapper) []providers.Asset {
	return perResource(sub, rs, providers.KindBackup, func(a *providers.Asset, raw json.RawMessage) {
		var p struct {
			RedundancySettings struct {
				StandardTierStorageRedundancy string `json:"standardTierStorageRedundancy"`
			} `json:"redundancySettings"`
		}
		_ = json.Unmarshal(raw, &p)
		geoVault(a, p.RedundancySettings.StandardTierStorageRedundancy == "GeoRedundant")
	})
}

// backupVaults (Data Protection): likewise, from the vault's storage
// settings.
func backupVaults(_ context.Context, _ *session, sub subscription, rs []resource, _ gapper) []providers.Asset {
	return perResource(sub, rs, providers.KindBackup, func(a *providers.Asset, raw json.RawMessage) {
		type setting struct {
			Type string `json:"type"`
		}
		var p struct {
			StorageSettings []setting `json:"storageSettings"`
		}
		_ = json.Unmarshal(raw, &p)
		geoVault(a, slices.ContainsFunc(p.StorageSettings, func(st setting) bool { return st.Type == "GeoRedundant" }))
	})
}

// addCopy adds c unless a copy in that region is already listed.
func addCopy(cs []providers.Copy, c providers.Copy) []providers.Copy {
	for _, o := range cs {
		if o.Region == c.Region {
			return cs
		}
	}
	return append(cs, c)
}

func lastSegment(id string) string {
	return id[strings.LastIndexByte(id, '/')+1:]
}
