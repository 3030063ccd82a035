package gcp

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/reachmap/reachmap/internal/testbin"
)

// TestEndToEnd builds the real binary and runs
// `STORAGE_EMULATOR_HOST=… reachmap scan --gcp-project p --format json`
// against fake-gcs-server serving EUR4 buckets, then again with the
// stand-in for the other APIs. Nothing leaves loopback.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := testbin.Build(t)
	gcs := fakeGCS(t, "EUR4")
	createBucket(t, gcs, "lumen-e2e-dual")
	api := newStandIn(t, 0)

	type item struct {
		Provider  string `json:"provider"`
		AccountID string `json:"account_id"`
		Kind      string `json:"kind"`
		Name      string `json:"name"`
		Region    string `json:"region"`
		Location  struct {
			Country string `json:"country"`
			City    string `json:"city"`
			Area    string `json:"area"`
		} `json:"location"`
		Operator struct {
			Name      string `json:"name"`
			Country   string `json:"country"`
			Contested bool   `json:"contested"`
			Parents   []struct {
				Country string `json:"country"`
			} `json:"parents"`
		} `json:"operator"`
		Reach  []reachEntry `json:"reach"`
		Copies []struct {
			Region   string `json:"region"`
			Location struct {
				Country string `json:"country"`
			} `json:"location"`
			Item string `json:"item"`
		} `json:"copies"`
	}
	run := func(extra []string, env ...string) (items map[string]item, gaps []map[string]string) {
		ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, append([]string{"scan", "--gcp-project", "lumen-prod", "--format", "json", "--no-save"}, extra...)...)
		cmd.Env = append(os.Environ(), append(env, "HOME="+t.TempDir(), "GOOGLE_APPLICATION_CREDENTIALS=")...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("reachmap scan: %v\nstderr:\n%s", err, stderr.String())
		}
		var out struct {
			Assets []item              `json:"assets"`
			Gaps   []map[string]string `json:"gaps"`
		}
		if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
			t.Fatalf("decode JSON: %v\n%s", err, stdout.String())
		}
		items = map[string]item{}
		for _, a := range out.Assets {
			items[a.Name] = a
		}
		return items, out.Gaps
	}

	items, gaps := run(nil, EnvStorageEmulator+"="+strings.TrimPrefix(gcs, "http://"))
	b, ok := items["lumen-e2e-dual"]
	if !ok {
		t.Fatalf("no bucket in %v (gaps %v)", items, gaps)
	}
	if b.Provider != "gcp" || b.AccountID != "lumen-prod" || b.Region != "EUR4" || b.Location.Country != "FI" {
		t.Errorf("bucket %+v", b)
	}
	if len(b.Copies) != 1 || b.Copies[0].Region != "europe-west4" || b.Copies[0].Location.Country != "NL" {
		t.Errorf("the second region as a copy: %+v", b.Copies)
	}
	if b.Operator.Country != "US" || !reaches(b.Reach, "US") {
		t.Errorf("Google's US operator reach is missing: %+v %+v", b.Operator, b.Reach)
	}
	if !strings.Contains(gapText(gaps), EnvAPIEndpoint) {
		t.Errorf("the stores not scanned are not said: %v", gaps)
	}

	items, gaps = run([]string{"--gcp-project", "trusted-fr"}, EnvStorageEmulator+"="+gcs, EnvAPIEndpoint+"="+api.URL)
	orders := items["orders"]
	if orders.Region != "europe-west9" || orders.Location.City != "Paris" || len(orders.Copies) != 1 || orders.Copies[0].Item != "orders-replica" {
		t.Errorf("Cloud SQL with its replica as a copy: %+v", orders)
	}
	hasCopyReach := false
	for _, r := range orders.Reach {
		hasCopyReach = hasCopyReach || (r.Copy == "us-east4" && r.Country == "US")
	}
	if !hasCopyReach {
		t.Errorf("the replica's US territory is not in the reach: %+v", orders.Reach)
	}
	if a := items["analytics"]; a.Location.Area != "EU" {
		t.Errorf("BigQuery EU dataset %+v", a)
	}
	for _, name := range []string{"lumen-e2e-dual", "orders", "orders-replica", "analytics", "paris", "(default)", "legacy", "web-1", "db-ha", "web-1-daily", "db-ha-weekly"} {
		if _, ok := items[name]; !ok {
			t.Errorf("%s is missing: %v", name, items)
		}
	}
	// Trusted Cloud by S3NS: the operator is S3NS, French, owned by
	// Thales with Google in the chain, contested.
	d := items["dossiers"]
	if d.Operator.Country != "FR" || !d.Operator.Contested || len(d.Operator.Parents) == 0 || d.Location.Country != "FR" {
		t.Errorf("an S3NS instance: %+v", d)
	}
	for _, g := range gaps {
		if g["account"] == "lumen-prod" {
			t.Errorf("gap %v", g)
		}
	}
}

type reachEntry struct {
	Country string `json:"country"`
	Basis   string `json:"basis"`
	Copy    string `json:"copy"`
}

func reaches(rs []reachEntry, country string) bool {
	for _, r := range rs {
		if r.Country == country {
			return true
		}
	}
	return false
}

func gapText(gaps []map[string]string) string {
	var b strings.Builder
	for _, g := range gaps {
		b.WriteString(g["error"] + " " + g["hint"] + "\n")
	}
	return b.String()
}
