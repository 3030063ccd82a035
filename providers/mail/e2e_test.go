package mail

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/miekg/dns"
	"github.com/reachmap/reachmap/internal/testbin"
)

// TestEndToEndWithDnsmasq builds the real reachmap binary and runs
// `reachmap scan --domain … --dns 127.0.0.1:PORT --format json` against
// dnsmasq, started by scripts/dns-server.sh with its built-in test zone.
// Nothing leaves loopback: dnsmasq has no upstream, and tenant discovery
// is turned off.
func TestEndToEndWithDnsmasq(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts dnsmasq")
	}
	root := repoRoot(t)
	for _, need := range []string{"main.go", "cli", "scripts/dns-server.sh"} {
		if _, err := os.Stat(filepath.Join(root, need)); err != nil {
			t.Fatalf("%s is missing from the repository: %v", need, err)
		}
	}
	bin := testbin.Build(t)

	addr := startDnsmasq(t, root)

	domains := []string{
		"self.reachmap.test", "cname.reachmap.test", "nomx.reachmap.test", "mimecast.reachmap.test",
		"google.reachmap.test", "proton.reachmap.test", "zoho-eu.reachmap.test", "ses.reachmap.test",
		"m365.reachmap.test", "bücher.reachmap.test", "missing.reachmap.test", "nomail.reachmap.test",
		"seppmail.reachmap.test", "hornet.reachmap.test", "srv.reachmap.test",
		"not a domain",
	}
	args := []string{"scan", "--dns", addr, "--format", "json"}
	for _, d := range domains {
		args = append(args, "--domain", d)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), EnvTenantDiscovery+"=off", "HOME="+t.TempDir())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("reachmap scan: %v\nstderr:\n%s", err, stderr.String())
	}

	var out struct {
		Assets []struct {
			Provider string            `json:"provider"`
			Account  string            `json:"account"`
			Kind     string            `json:"kind"`
			Name     string            `json:"name"`
			Region   string            `json:"region"`
			Host     string            `json:"host"`
			Tags     map[string]string `json:"tags"`
			Location struct {
				Country    string `json:"country"`
				Area       string `json:"area"`
				Evidence   string `json:"evidence"`
				Confidence string `json:"confidence"`
				Note       string `json:"note"`
			} `json:"location"`
			Gaps []struct {
				Error string `json:"error"`
			} `json:"gaps"`
			Signals []struct {
				Probe    string `json:"probe"`
				Record   string `json:"record"`
				Provider string `json:"provider"`
				Says     string `json:"says"`
			} `json:"signals"`
			ProviderConfidence string `json:"provider_confidence"`
			Reach              []struct {
				Country string `json:"country"`
				Basis   string `json:"basis"`
			} `json:"reach"`
		} `json:"assets"`
		Gaps []struct {
			Provider string `json:"provider"`
			Account  string `json:"account"`
			Error    string `json:"error"`
		} `json:"gaps"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("decode JSON: %v\n%s", err, stdout.String())
	}
	got := map[string]string{}
	for _, a := range out.Assets {
		key := a.Account + " " + a.Kind
		got[key] = strings.Join([]string{a.Provider, a.Region, a.Host, a.Location.Country + a.Location.Area, a.Location.Evidence, a.Location.Confidence}, "|")
		if a.Kind == "mailbox" && a.Name != a.Account {
			t.Errorf("%s: mailbox name %q, want the domain", key, a.Name)
		}
		if a.Location.Evidence == "geoip" && !strings.Contains(a.Location.Note, "not the data centre") {
			t.Errorf("%s: GeoIP note %q", key, a.Location.Note)
		}
	}
	want := map[string]string{
		"self.reachmap.test mailbox":          "self-hosted||mail.self.reachmap.test|DE|geoip|low",
		"cname.reachmap.test mailbox":         "self-hosted||mx.cname.reachmap.test|DE|geoip|low",
		"nomx.reachmap.test mailbox":          "self-hosted||nomx.reachmap.test|NL|geoip|low",
		"mimecast.reachmap.test mail-gateway": "mimecast|eu|eu-smtp-inbound-1.mimecast.com|GB|dns|low",
		"google.reachmap.test mailbox":        "google-workspace||aspmx.l.google.com|",
		"proton.reachmap.test mailbox":        "proton||mail.protonmail.ch|CH|",
		"zoho-eu.reachmap.test mailbox":       "zoho|eu|mx.zoho.eu|EU|dns|low",
		"ses.reachmap.test mailbox":           "aws|eu-west-1|inbound-smtp.eu-west-1.amazonaws.com|IE|",
		"m365.reachmap.test mailbox":          "microsoft-365||m365-reachmap-test.mail.protection.outlook.com|",
		"bücher.reachmap.test mailbox":        "proton||mail.protonmail.ch|CH|",
		"mimecast.reachmap.test mailbox":      "microsoft-365||spf.protection.outlook.com|",
		"seppmail.reachmap.test mail-gateway": "seppmail||seppmail-reachmap-test.gate.seppmail.cloud|",
		"seppmail.reachmap.test mailbox":      "microsoft-365||autodiscover.outlook.com|",
		"hornet.reachmap.test mail-gateway":   "hornetsecurity||mx01.hornetsecurity.ch|",
		"hornet.reachmap.test mailbox":        "microsoft-365||spf.protection.outlook.com|",
		"srv.reachmap.test mail-gateway":      "spamexperts|eu|mx1-eu.spamexperts.com|EU|dns|low",
		"srv.reachmap.test mailbox":           "microsoft-365||autodiscover.outlook.com|",
	}
	// Confidence follows the signals, and the mailbox is reached through
	// the gateway in front of it (SEPPmail is Swiss).
	for _, a := range out.Assets {
		if a.Kind != "mailbox" {
			continue
		}
		wantConf := map[string]string{"seppmail.reachmap.test": "medium", "srv.reachmap.test": "medium",
			"hornet.reachmap.test": "low", "mimecast.reachmap.test": "low", "google.reachmap.test": "high"}[a.Account]
		if wantConf != "" && a.ProviderConfidence != wantConf {
			t.Errorf("%s: provider confidence %q, want %q (signals %+v)", a.Account, a.ProviderConfidence, wantConf, a.Signals)
		}
		if a.Account == "seppmail.reachmap.test" {
			probes := map[string]bool{}
			for _, sg := range a.Signals {
				probes[sg.Probe+"/"+sg.Provider] = true
			}
			if !probes["mx/seppmail"] || !probes["autodiscover/microsoft-365"] || !probes["dkim/microsoft-365"] || !probes["spf/microsoft-365"] {
				t.Errorf("seppmail signals %+v", a.Signals)
			}
			ch := false
			for _, j := range a.Reach {
				ch = ch || j.Country == "CH"
			}
			if !ch {
				t.Errorf("seppmail mailbox reach %+v, want the Swiss gateway's reach", a.Reach)
			}
		}
	}
	for k, w := range want {
		if !strings.HasPrefix(got[k], w) {
			t.Errorf("%s = %q, want prefix %q", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d assets, want %d: %v", len(got), len(want), got)
	}
	gapFor := func(account, has string) {
		t.Helper()
		for _, g := range out.Gaps {
			if g.Account == account && g.Provider == "mail" && strings.Contains(g.Error, has) {
				return
			}
		}
		t.Errorf("no gap for %s containing %q in %+v", account, has, out.Gaps)
	}
	gapFor("missing.reachmap.test", "NXDOMAIN")
	gapFor("nomail.reachmap.test", "receives no mail")
	gapFor("not a domain", "not a valid domain name")
	for _, a := range out.Assets {
		if a.Account == "m365.reachmap.test" && (len(a.Gaps) != 1 || !strings.Contains(a.Gaps[0].Error, EnvTenantDiscovery)) {
			t.Errorf("m365 gaps %+v, want the discovery switch named", a.Gaps)
		}
	}
}

func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

// startDnsmasq runs scripts/dns-server.sh on a free loopback port and
// returns its address once it answers. The script and dnsmasq run in their
// own process group, which the test ends.
func startDnsmasq(t *testing.T, root string) string {
	t.Helper()
	var lastErr error
	for range 3 {
		port := freePort(t)
		cmd := exec.Command("bash", filepath.Join(root, "scripts", "dns-server.sh"), fmt.Sprint(port))
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		var log bytes.Buffer
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		addr := net.JoinHostPort("127.0.0.1", fmt.Sprint(port))
		if err := waitForDNS(addr, exited); err != nil {
			syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
			<-exited
			lastErr = fmt.Errorf("%w\n%s", err, log.String())
			continue
		}
		t.Cleanup(func() {
			syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
			select {
			case <-exited:
			case <-time.After(5 * time.Second):
				syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				<-exited
			}
		})
		return addr
	}
	t.Fatalf("dnsmasq did not start: %v", lastErr)
	return ""
}

func freePort(t *testing.T) int {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	return pc.LocalAddr().(*net.UDPAddr).Port
}

// waitForDNS asks addr for a zone name until it answers (the script may
// first install dnsmasq), or the script exits.
func waitForDNS(addr string, exited <-chan struct{}) error {
	c := &dns.Client{Timeout: 300 * time.Millisecond}
	m := new(dns.Msg)
	m.SetQuestion("self.reachmap.test.", dns.TypeMX)
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return errors.New("dns-server.sh exited")
		default:
		}
		if in, _, err := c.Exchange(m, addr); err == nil && len(in.Answer) > 0 {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("no answer from %s", addr)
}
