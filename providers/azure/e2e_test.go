package azure

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
	"github.com/reachmap/reachmap/providers/azure/standin"
)

// TestEndToEndWithStandin builds the real binary and runs `reachmap scan
// --azure --microsoft-365 --format json` with REACHMAP_AZURE_CLOUD pointing
// at the stand-in, signed in as its service principal through the
// environment. The stand-in records any request but GET (the token's
// excepted), and startStandin fails the test on one.
func TestEndToEndWithStandin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := testbin.Build(t)
	s := startStandin(t)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "scan", "--azure", "--microsoft-365", "--format", "json", "--no-save")
	cmd.Env = append(os.Environ(), EnvCloud+"="+s.CloudFile, "HOME="+t.TempDir())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("reachmap scan: %v\nstderr:\n%s", err, stderr.String())
	}
	for _, secret := range []string{standin.ClientSecret, standin.AccessToken} {
		if strings.Contains(stdout.String()+stderr.String(), secret) {
			t.Errorf("the output holds a secret")
		}
	}
	type place struct {
		Country    string `json:"country"`
		Area       string `json:"area"`
		Evidence   string `json:"evidence"`
		Confidence string `json:"confidence"`
		Note       string `json:"note"`
	}
	type jur struct {
		Country string `json:"country"`
	}
	var out struct {
		Assets []struct {
			Provider  string `json:"provider"`
			Account   string `json:"account"`
			AccountID string `json:"account_id"`
			Kind      string `json:"kind"`
			Name      string `json:"name"`
			Region    string `json:"region"`
			Location  place  `json:"location"`
			Reach     []jur  `json:"reach"`
			Copies    []struct {
				Region   string `json:"region"`
				Location place  `json:"location"`
				Why      string `json:"why"`
				Item     string `json:"item"`
			} `json:"copies"`
		} `json:"assets"`
		Gaps []struct {
			Provider, Account, Error, Hint string
		} `json:"gaps"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("decode JSON: %v\n%s", err, stdout.String())
	}
	byName := map[string]int{}
	for i, a := range out.Assets {
		byName[a.Name] = i
	}
	get := func(name string) int {
		t.Helper()
		i, ok := byName[name]
		if !ok {
			t.Fatalf("no item %q in %s", name, stdout.String())
		}
		return i
	}
	reachesUS := func(i int) bool {
		for _, j := range out.Assets[i].Reach {
			if j.Country == "US" {
				return true
			}
		}
		return false
	}
	data := out.Assets[get("acmedata")]
	if data.Provider != "azure" || data.Kind != "storage-account" || data.Region != "westeurope" || data.Location.Country != "NL" ||
		data.Account != "Acme Production" || data.AccountID != standin.SubProd {
		t.Errorf("acmedata = %+v", data)
	}
	if len(data.Copies) != 1 || data.Copies[0].Region != "northeurope" || data.Copies[0].Location.Country != "IE" {
		t.Errorf("acmedata's paired-region copy: %+v", data.Copies)
	}
	if !reachesUS(get("acmedata")) {
		t.Errorf("acmedata: Microsoft's US reach is missing: %+v", data.Reach)
	}
	if c := out.Assets[get("acmelogs")].Copies; len(c) != 1 || c[0].Region != "francesouth" {
		t.Errorf("acmelogs copies %+v", c)
	}
	mail := out.Assets[get("Acme SAS mail (Exchange Online)")]
	if mail.Provider != "microsoft-365" || mail.Location.Country != "FR" || mail.Location.Evidence != "api" || mail.Location.Confidence != "medium" {
		t.Errorf("mail = %+v", mail)
	}
	if !reachesUS(get("Acme SAS mail (Exchange Online)")) {
		t.Error("the tenant's mail: Microsoft's US reach is missing")
	}
	if dave := out.Assets[get("dave@acme.example (mailbox and OneDrive)")]; dave.Location.Country != "CH" {
		t.Errorf("dave = %+v", dave)
	}
	for _, name := range []string{"vm-os", "vm-os-snap", "acme-sql/orders", "acme-cosmos", "acme-pg", "acme-pg-replica", "acme-rsv", "acme-bv",
		"Acme SAS SharePoint and OneDrive (EUR)", "bob@acme.example (mailbox and OneDrive)", "acmetrustee"} {
		get(name)
	}
	var denied bool
	for _, g := range out.Gaps {
		if g.Account == "Acme Finance" && strings.Contains(g.Hint, "Reader") {
			denied = true
		}
	}
	if !denied {
		t.Errorf("no gap naming Reader for the refused subscription: %+v", out.Gaps)
	}
	if s.Requests() == 0 {
		t.Error("the binary never reached the stand-in")
	}
}
