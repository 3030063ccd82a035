package azure

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/providers"
	"github.com/reachmap/reachmap/providers/azure/standin"
	"github.com/reachmap/reachmap/providers/providertest"
)

// The scans against the loopback stand-in, signed in as its service
// principal through the environment, as the command line does.

// startStandin starts a stand-in and points the environment at it. It
// fails the test if the stand-in received anything but GET and HEAD.
func startStandin(t *testing.T) *standin.Server {
	t.Helper()
	s, err := standin.Start(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		if w := s.Writes(); len(w) > 0 {
			t.Errorf("the stand-in received requests other than GET: %v", w)
		}
	})
	t.Setenv("SSL_CERT_FILE", s.CertFile)
	t.Setenv("AZURE_TENANT_ID", standin.Tenant)
	t.Setenv("AZURE_CLIENT_ID", standin.ClientID)
	t.Setenv("AZURE_CLIENT_SECRET", standin.ClientSecret)
	t.Setenv("AZURE_CLIENT_CERTIFICATE_PATH", "")
	return s
}

func standinOptions(t *testing.T, s *standin.Server, kind string, subs ...string) Options {
	t.Helper()
	c, err := ParseCloud(s.CloudFile)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Kind: kind, SignIns: []SignIn{resolveAuto(os.Getenv)}, Cloud: c, Subscriptions: subs}
}

func scanOptions(t *testing.T, o Options) *providertest.Recorder {
	t.Helper()
	ps, err := newProviders(o, providers.Shared{})
	if err != nil || len(ps) != 1 {
		t.Fatalf("newProviders: %v, %d providers", err, len(ps))
	}
	return scanWith(t, ps[0])
}

func scanWith(t *testing.T, p providers.Provider) *providertest.Recorder {
	t.Helper()
	rec := &providertest.Recorder{}
	if err := p.Scan(context.Background(), rec); err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return rec
}

func TestARMScanAgainstStandin(t *testing.T) {
	s := startStandin(t)
	rec := scanOptions(t, standinOptions(t, s, KindAzure))

	// Storage accounts, over two pages, with their geo-redundant copies.
	data := rec.Named(t, "acmedata")
	if data.Kind != providers.KindStorageAccount || data.Region != "westeurope" || data.Account != "Acme Production" || data.AccountID != standin.SubProd {
		t.Errorf("acmedata = %+v", data)
	}
	if got := providertest.CopyRegions(data); !slices.Equal(got, []string{"northeurope"}) {
		t.Errorf("RA-GRS copy from secondaryLocation: %v", got)
	}
	if got := providertest.CopyRegions(rec.Named(t, "acmelogs")); !slices.Equal(got, []string{"francesouth"}) {
		t.Errorf("GRS copy from the documented pair: %v", got)
	}
	if got := rec.Named(t, "acmelocal").Copies; len(got) != 0 {
		t.Errorf("LRS has no copy: %v", got)
	}
	rec.Named(t, "acmetrustee")
	// The disks answered 429 once: retried after Retry-After.
	if s.Throttled() != 1 {
		t.Errorf("%d throttled answers, want the disks' one", s.Throttled())
	}
	if rec.Named(t, "vm-os").Kind != providers.KindVolume || rec.Named(t, "vm-os-snap").Kind != providers.KindSnapshot {
		t.Error("disk or snapshot kinds")
	}
	orders := rec.Named(t, "acme-sql/orders")
	if got := providertest.CopyRegions(orders); !slices.Equal(got, []string{"northeurope", "uksouth"}) {
		t.Errorf("SQL geo-replica and failover group: %v", got)
	}
	for _, a := range rec.Assets {
		if strings.HasSuffix(a.Name, "/master") {
			t.Errorf("master database listed: %+v", a)
		}
	}
	if got := providertest.CopyRegions(rec.Named(t, "acme-cosmos")); !slices.Equal(got, []string{"eastus"}) {
		t.Errorf("Cosmos DB regions: %v", got)
	}
	pg := rec.Named(t, "acme-pg")
	if got := providertest.CopyRegions(pg); !slices.Equal(got, []string{"swedencentral"}) || pg.Copies[0].Item != "acme-pg-replica" {
		t.Errorf("PostgreSQL read replica: %+v", pg.Copies)
	}
	rec.Named(t, "acme-pg-replica")
	if got := providertest.CopyRegions(rec.Named(t, "acme-rsv")); !slices.Equal(got, []string{"northeurope"}) {
		t.Errorf("Recovery Services vault: %v", got)
	}
	if got := providertest.CopyRegions(rec.Named(t, "acme-bv")); !slices.Equal(got, []string{"francesouth"}) {
		t.Errorf("Backup vault: %v", got)
	}

	// The refused subscription is gaps naming Reader; the disabled one a
	// gap of its own; MySQL, never registered, none.
	var denied, disabled int
	for _, g := range rec.Gaps {
		switch {
		case g.Account == "Acme Finance" && strings.Contains(g.Error, "403") && strings.Contains(g.Hint, "Reader role on subscription Acme Finance"):
			denied++
		case g.Account == "Acme Legacy" && strings.Contains(g.Error, "disabled"):
			disabled++
		default:
			t.Errorf("unexpected gap %+v", g)
		}
	}
	if denied == 0 || disabled != 1 {
		t.Errorf("gaps: %d denied, %d disabled: %+v", denied, disabled, rec.Gaps)
	}
}

func TestARMScanNarrowedToSubscriptions(t *testing.T) {
	s := startStandin(t)
	missing := "44444444-4444-4444-8444-444444444444"
	rec := scanOptions(t, standinOptions(t, s, KindAzure, standin.SubProd, missing))
	for _, a := range rec.Assets {
		if a.AccountID != standin.SubProd {
			t.Errorf("asset of another subscription: %+v", a)
		}
	}
	if len(rec.Gaps) != 1 || !strings.Contains(rec.Gaps[0].Error, missing) || !strings.Contains(rec.Gaps[0].Hint, "Reader") {
		t.Errorf("gaps: %+v", rec.Gaps)
	}
}

func TestM365ScanAgainstStandin(t *testing.T) {
	s := startStandin(t)
	rec := scanOptions(t, standinOptions(t, s, KindM365))
	if len(rec.Gaps) != 0 {
		t.Errorf("gaps: %+v", rec.Gaps)
	}
	mail := rec.Named(t, "Acme SAS mail (Exchange Online)")
	if mail.Provider != KindM365 || mail.Region != "FRA" || mail.AccountID != standin.Tenant || mail.Location == nil ||
		mail.Location.Country != "FR" || mail.Location.Confidence != "medium" || !strings.Contains(mail.Location.Note, "dataLocationCode FRA") ||
		!strings.Contains(mail.Location.Note, "tenant_region_scope EU") {
		t.Errorf("mail = %+v %+v", mail, mail.Location)
	}
	files := rec.Named(t, "Acme SAS SharePoint and OneDrive (EUR)")
	if files.Location.Area != "EU" {
		t.Errorf("files = %+v", files.Location)
	}
	// Users over two pages (the second throttled once): bob (NAM) and
	// dave (CHE) differ from the default; carol (FRA) and alice do not.
	bob := rec.Named(t, "bob@acme.example (mailbox and OneDrive)")
	dave := rec.Named(t, "dave@acme.example (mailbox and OneDrive)")
	if bob.Location.Country != "US" || dave.Location.Country != "CH" || dave.Location.Evidence != "api" {
		t.Errorf("bob %+v, dave %+v", bob.Location, dave.Location)
	}
	if s.Throttled() != 1 {
		t.Errorf("%d throttled answers, want the users' second page's", s.Throttled())
	}
	if len(rec.Assets) != 4 {
		t.Errorf("%d assets, want mail, files, bob and dave: %+v", len(rec.Assets), rec.Assets)
	}
}

func TestM365UsersDeniedIsAGapNamingThePermission(t *testing.T) {
	s := startStandin(t)
	s.DenyUsers = true
	rec := scanOptions(t, standinOptions(t, s, KindM365))
	if len(rec.Gaps) != 1 || !strings.Contains(rec.Gaps[0].Error, "403") || !strings.Contains(rec.Gaps[0].Hint, "User.Read.All") {
		t.Errorf("gaps: %+v", rec.Gaps)
	}
	rec.Named(t, "Acme SAS mail (Exchange Online)")
}

func TestWrongSecretIsAGap(t *testing.T) {
	s := startStandin(t)
	t.Setenv("AZURE_CLIENT_SECRET", "not-the-secret-at-all")
	rec := scanOptions(t, standinOptions(t, s, KindAzure))
	if len(rec.Assets) != 0 || len(rec.Gaps) != 1 || !strings.Contains(rec.Gaps[0].Hint, "AZURE_CLIENT_SECRET") {
		t.Errorf("assets %d, gaps %+v", len(rec.Assets), rec.Gaps)
	}
	if strings.Contains(rec.Gaps[0].Error, "not-the-secret-at-all") {
		t.Error("the secret is in the gap")
	}
}
