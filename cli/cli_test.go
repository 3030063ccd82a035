package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/internal/about"
	"github.com/reachmap/reachmap/inventory"
)

func run(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Main(args, &o, &e)
	return code, o.String(), e.String()
}

func TestScanDemoJSON(t *testing.T) {
	code, out, errOut := run("scan", "--demo", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	s, err := inventory.ReadJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Assets) < 40 || s.Home != "EU" {
		t.Errorf("%d assets, home %s", len(s.Assets), s.Home)
	}
	if !strings.Contains(errOut, "gap: aws, account lumen-legacy") || !strings.Contains(errOut, "aws sso login --profile lumen-legacy") {
		t.Errorf("stderr must list each gap with what to do:\n%s", errOut)
	}
	if strings.Count(errOut, "not legal advice") != 1 {
		t.Errorf("the advisory notice must appear once:\n%s", errOut)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil || raw["assets"] == nil {
		t.Errorf("stdout is not the JSON contract: %v", err)
	}
}

func TestScanDemoCSVToFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "estate.csv")
	code, out, errOut := run("scan", "--demo", "--format", "csv", "--out", path, "--home", "fr")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != "" {
		t.Errorf("--out must keep stdout empty, got %q", out[:min(len(out), 80)])
	}
	rows, err := readCSV(path)
	if err != nil {
		t.Fatal(err)
	}
	home := slices.Index(rows[0], "home")
	if len(rows) < 41 || rows[0][0] != "provider" || home < 0 || rows[1][home] != "FR" {
		t.Errorf("csv has %d rows; first %v", len(rows), rows[1])
	}
}

func readCSV(path string) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return csv.NewReader(bytes.NewReader(b)).ReadAll()
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string // expected on stdout or stderr
	}{
		{[]string{"version"}, ExitOK, about.Version},
		{[]string{"--help"}, ExitOK, "reachmap scan"},
		{[]string{"scan", "--help"}, ExitOK, "--aws-profile"},
		{[]string{}, ExitUsage, "Usage"},
		{[]string{"frobnicate"}, ExitUsage, `unknown command "frobnicate"`},
		{[]string{"scan"}, ExitUsage, "nothing to scan"},
		{[]string{"scan", "--demo", "--format", "yaml"}, ExitUsage, "--format"},
		{[]string{"scan", "--demo", "--home", "XX"}, ExitUsage, "--home"},
		{[]string{"scan", "--bogus"}, ExitUsage, "bogus"},
		{[]string{"scan", "--demo", "extra"}, ExitUsage, "unexpected argument"},
		{[]string{"scan", "--help"}, ExitOK, "--s3-endpoint"},
		{[]string{"scan", "--demo", "--s3-region", "fsn1"}, ExitUsage, "--s3-endpoint, which is missing"},
		{[]string{"scan", "--s3-endpoint", "https://s3.example", "--s3-provider", "hetznr"}, ExitUsage, `unknown provider "hetznr"; did you mean hetzner`},
		{[]string{"scan", "--s3-endpoint", "https://s3.example", "--s3-provider", "hetzner", "--s3-region", "fsn2"}, ExitUsage, "did you mean fsn1"},
		{[]string{"scan", "--demo", "--out", "/nonexistent/dir/x.json"}, ExitFailed, "nonexistent"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := run(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if !strings.Contains(out+errOut, tt.out) {
				t.Errorf("output lacks %q:\n%s%s", tt.out, out, errOut)
			}
		})
	}
}
