package gcp

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// Cloud Storage: GET storage/v1/b?project=P
// (https://cloud.google.com/storage/docs/json_api/v1/buckets/list), on
// the emulator when STORAGE_EMULATOR_HOST names one. Plain REST, like the
// other stores: the Go client library would add some 85 MB to the binary
// (its gRPC transport and telemetry), for one list call.
func (sc *scan) storageURL(path string) string {
	if sc.s.storageURL != "" {
		return sc.s.storageURL + path
	}
	return sc.s.api.url("storage", path)
}

type bucket struct {
	Name                  string            `json:"name"`
	Location              string            `json:"location"`
	LocationType          string            `json:"locationType"`
	StorageClass          string            `json:"storageClass"`
	Labels                map[string]string `json:"labels"`
	CustomPlacementConfig *struct {
		DataLocations []string `json:"dataLocations"`
	} `json:"customPlacementConfig"`
}

func scanBuckets(sc *scan) {
	u := sc.storageURL(sc.path("/storage/v1/b?project=%s&projection=noAcl", sc.project))
	err := sc.s.api.pages(sc.ctx, u, func(raw json.RawMessage) (string, error) {
		var page struct {
			Items         []bucket `json:"items"`
			NextPageToken string   `json:"nextPageToken"`
		}
		if err := json.Unmarshal(raw, &page); err != nil {
			return "", err
		}
		for _, b := range page.Items {
			sc.bucket(b)
		}
		return page.NextPageToken, nil
	})
	if err != nil {
		sc.fail(svcStorage, "listing Cloud Storage buckets", err)
	}
}

func (sc *scan) bucket(b bucket) {
	var data []string
	if b.CustomPlacementConfig != nil {
		data = b.CustomPlacementConfig.DataLocations
	}
	p := place(b.Location, data)
	tags := map[string]string{"service": "cloud-storage", "location_type": p.Type}
	if b.StorageClass != "" {
		tags["storage_class"] = b.StorageClass
	}
	for k, v := range b.Labels {
		tags["label:"+k] = v
	}
	sc.asset(providers.Asset{Kind: providers.KindBucket, Name: b.Name, Region: b.Location,
		Evidence: geo.EvidenceAPI, Location: p.Loc, Copies: p.Copies, Tags: tags})
}

// restOnly reports a REST store as not scanned when only the Cloud
// Storage emulator is configured (no credentials, no API endpoint).
func (sc *scan) restOnly(svc service) bool {
	if sc.emulator {
		sc.sink.Gap(providers.Gap{Provider: "gcp", Account: sc.project,
			Error: svc.Title + " not scanned: only a Cloud Storage emulator is configured (" + EnvStorageEmulator + ")",
			Hint:  "Unset " + EnvStorageEmulator + " to scan Google itself, or set " + EnvAPIEndpoint + " to a stand-in for the other APIs."})
	}
	return sc.emulator
}

func (sc *scan) path(format string, args ...string) string {
	esc := make([]any, len(args))
	for i, a := range args {
		esc[i] = url.PathEscape(a)
	}
	return fmt.Sprintf(format, esc...)
}

// Cloud SQL: GET sqladmin/v1/projects/P/instances
// (https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/instances/list).
type sqlInstance struct {
	Name               string   `json:"name"`
	Region             string   `json:"region"`
	GceZone            string   `json:"gceZone"`
	DatabaseVersion    string   `json:"databaseVersion"`
	InstanceType       string   `json:"instanceType"`
	MasterInstanceName string   `json:"masterInstanceName"`
	ReplicaNames       []string `json:"replicaNames"`
}

func scanSQL(sc *scan) {
	if sc.restOnly(svcSQL) {
		return
	}
	var all []sqlInstance
	err := sc.s.api.pages(sc.ctx, sc.s.api.url("sqladmin", sc.path("/v1/projects/%s/instances", sc.project)), func(raw json.RawMessage) (string, error) {
		var page struct {
			Items         []sqlInstance `json:"items"`
			NextPageToken string        `json:"nextPageToken"`
		}
		err := json.Unmarshal(raw, &page)
		all = append(all, page.Items...)
		return page.NextPageToken, err
	})
	if err != nil {
		sc.fail(svcSQL, "listing Cloud SQL instances", err)
	}
	byName := map[string]sqlInstance{}
	for _, in := range all {
		byName[in.Name] = in
	}
	for _, in := range all {
		tags := map[string]string{"service": "cloud-sql", "engine": in.DatabaseVersion}
		if in.MasterInstanceName != "" {
			// "project:instance"
			m := in.MasterInstanceName
			if i := strings.LastIndex(m, ":"); i >= 0 {
				m = m[i+1:]
			}
			tags["replica_of"] = m
		}
		var copies []providers.Copy
		for _, r := range in.ReplicaNames {
			rep, ok := byName[r]
			if !ok || rep.Region == "" {
				sc.sink.Gap(providers.Gap{Provider: "gcp", Account: sc.project, Item: in.Name,
					Error: "replica " + r + " of Cloud SQL instance " + in.Name + " was not in the project's list, so its region is unknown",
					Hint:  "Scan the replica's project too (--gcp-project), or grant " + svcSQL.Role + " there."})
				continue
			}
			copies = append(copies, providers.Copy{Region: rep.Region, Why: "Cloud SQL read replica " + r, Item: r})
		}
		sc.asset(providers.Asset{Kind: providers.KindDatabase, Name: in.Name, Region: in.Region,
			Evidence: geo.EvidenceAPI, Copies: copies, Tags: tags})
	}
}

// BigQuery: GET bigquery/v2/projects/P/datasets?all=true
// (https://cloud.google.com/bigquery/docs/reference/rest/v2/datasets/list).
func scanBigQuery(sc *scan) {
	if sc.restOnly(svcBigQuery) {
		return
	}
	err := sc.s.api.pages(sc.ctx, sc.s.api.url("bigquery", sc.path("/bigquery/v2/projects/%s/datasets", sc.project)+"?all=true"), func(raw json.RawMessage) (string, error) {
		var page struct {
			Datasets []struct {
				DatasetReference struct {
					DatasetID string `json:"datasetId"`
				} `json:"datasetReference"`
				Location string            `json:"location"`
				Labels   map[string]string `json:"labels"`
			} `json:"datasets"`
			NextPageToken string `json:"nextPageToken"`
		}
		if err := json.Unmarshal(raw, &page); err != nil {
			return "", err
		}
		for _, d := range page.Datasets {
			p := place(d.Location, nil)
			sc.asset(providers.Asset{Kind: providers.KindDatabase, Name: d.DatasetReference.DatasetID, Region: d.Location,
				Evidence: geo.EvidenceAPI, Location: p.Loc, Copies: p.Copies,
				Tags: map[string]string{"service": "bigquery", "location_type": p.Type}})
		}
		return page.NextPageToken, nil
	})
	if err != nil {
		sc.fail(svcBigQuery, "listing BigQuery datasets", err)
	}
}

// Firestore and Datastore: GET firestore/v1/projects/P/databases
// (https://cloud.google.com/firestore/docs/reference/rest/v1/projects.databases/list).
func scanFirestore(sc *scan) {
	if sc.restOnly(svcFirestore) {
		return
	}
	var page struct {
		Databases []struct {
			Name       string `json:"name"`
			LocationID string `json:"locationId"`
			Type       string `json:"type"`
		} `json:"databases"`
	}
	if err := sc.s.api.get(sc.ctx, sc.s.api.url("firestore", sc.path("/v1/projects/%s/databases", sc.project)), &page); err != nil {
		sc.fail(svcFirestore, "listing Firestore databases", err)
		return
	}
	for _, d := range page.Databases {
		p := place(d.LocationID, nil)
		service := "firestore"
		if d.Type == "DATASTORE_MODE" {
			service = "datastore"
		}
		sc.asset(providers.Asset{Kind: providers.KindDatabase, Name: lastSegment(d.Name), Region: d.LocationID,
			Evidence: geo.EvidenceAPI, Location: p.Loc, Copies: p.Copies,
			Tags: map[string]string{"service": service, "location_type": p.Type}})
	}
}

// Persistent disks: GET compute/v1/projects/P/aggregated/disks
// (https://cloud.google.com/compute/docs/reference/rest/v1/disks/aggregatedList).
func scanDisks(sc *scan) {
	if sc.restOnly(svcCompute) {
		return
	}
	err := sc.s.api.pages(sc.ctx, sc.s.api.url("compute", sc.path("/compute/v1/projects/%s/aggregated/disks", sc.project)), func(raw json.RawMessage) (string, error) {
		var page struct {
			Items map[string]struct {
				Disks []struct {
					Name         string   `json:"name"`
					Zone         string   `json:"zone"`
					Region       string   `json:"region"`
					ReplicaZones []string `json:"replicaZones"`
					SizeGb       string   `json:"sizeGb"`
				} `json:"disks"`
			} `json:"items"`
			NextPageToken string `json:"nextPageToken"`
		}
		if err := json.Unmarshal(raw, &page); err != nil {
			return "", err
		}
		scopes := make([]string, 0, len(page.Items))
		for k := range page.Items {
			scopes = append(scopes, k)
		}
		sort.Strings(scopes)
		for _, k := range scopes {
			for _, d := range page.Items[k].Disks {
				region := zoneRegion(lastSegment(d.Zone))
				if d.Region != "" {
					region = lastSegment(d.Region)
				}
				tags := map[string]string{"service": "compute-disk"}
				if len(d.ReplicaZones) > 0 {
					z := make([]string, len(d.ReplicaZones))
					for i, r := range d.ReplicaZones {
						z[i] = lastSegment(r)
					}
					tags["replica_zones"] = strings.Join(z, ",")
				}
				sc.asset(providers.Asset{Kind: providers.KindVolume, Name: d.Name, Region: region,
					Evidence: geo.EvidenceAPI, Tags: tags})
			}
		}
		return page.NextPageToken, nil
	})
	if err != nil {
		sc.fail(svcCompute, "listing persistent disks", err)
	}
}

// Snapshots: GET compute/v1/projects/P/global/snapshots; storageLocations
// is where the snapshot's bytes are (a region or a multi-region).
func scanSnapshots(sc *scan) {
	if sc.restOnly(svcCompute) {
		return
	}
	err := sc.s.api.pages(sc.ctx, sc.s.api.url("compute", sc.path("/compute/v1/projects/%s/global/snapshots", sc.project)), func(raw json.RawMessage) (string, error) {
		var page struct {
			Items []struct {
				Name             string   `json:"name"`
				SourceDisk       string   `json:"sourceDisk"`
				StorageLocations []string `json:"storageLocations"`
			} `json:"items"`
			NextPageToken string `json:"nextPageToken"`
		}
		if err := json.Unmarshal(raw, &page); err != nil {
			return "", err
		}
		for _, s := range page.Items {
			tags := map[string]string{"service": "compute-snapshot"}
			if s.SourceDisk != "" {
				tags["source_disk"] = lastSegment(s.SourceDisk)
			}
			if len(s.StorageLocations) == 0 {
				sc.asset(providers.Asset{Kind: providers.KindSnapshot, Name: s.Name, Evidence: geo.EvidenceAPI, Tags: tags,
					Gaps: []providers.Gap{{Provider: "gcp", Account: sc.project, Item: s.Name, Error: "the snapshot names no storage location"}}})
				continue
			}
			first := s.StorageLocations[0]
			p := place(first, nil)
			p.more(first, s.StorageLocations[1:], "snapshot storage location")
			tags["location_type"] = p.Type
			sc.asset(providers.Asset{Kind: providers.KindSnapshot, Name: s.Name, Region: first,
				Evidence: geo.EvidenceAPI, Location: p.Loc, Copies: p.Copies, Tags: tags})
		}
		return page.NextPageToken, nil
	})
	if err != nil {
		sc.fail(svcCompute, "listing snapshots", err)
	}
}
