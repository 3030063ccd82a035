package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/pack"
)

// reachmap pack writes the pack of the last saved scan, or of --scan, in
// the language of --lang or of the system; bad input is a usage error.
func TestPackCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "scans.db")
	for range 2 {
		if code, _, errOut := run("scan", "--demo", "--db", db, "--out", os.DevNull); code != ExitOK {
			t.Fatalf("scan: exit %d: %s", code, errOut)
		}
	}
	out := filepath.Join(dir, "fr")
	code, stdout, stderr := run("pack", "--db", db, "--lang", "fr", "--out", out)
	if code != ExitOK {
		t.Fatalf("pack: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Dossier de preuves de l’analyse 2 écrit dans "+out) || !strings.Contains(stderr, "À titre indicatif, pas un avis juridique") {
		t.Errorf("pack --lang fr said:\n%s\n%s", stdout, stderr)
	}
	for _, f := range pack.Files {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	csv, err := os.ReadFile(filepath.Join(out, pack.FileRegister))
	if err != nil || !strings.HasPrefix(string(csv), "\ufeffLieu de stockage,Compte,Fournisseur,") {
		t.Errorf("the French register starts %q (%v)", csv[:min(len(csv), 60)], err)
	}

	// The system's language, and --scan.
	t.Setenv("LANG", "fr_FR.UTF-8")
	t.Chdir(dir)
	code, stdout, stderr = run("pack", "--db", db, "--scan", "1")
	if code != ExitOK || !strings.Contains(stdout, "Dossier de preuves de l’analyse 1") {
		t.Errorf("pack --scan 1 under LANG=fr: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "reachmap-pack-"+savedScans(t, db)[1].ScannedAt.UTC().Format("2006-01-02")+"-scan1", pack.FilePDF)); err != nil {
		t.Errorf("the default directory: %v", err)
	}
	t.Setenv("LANG", "C.UTF-8")
	if code, stdout, _ := run("pack", "--db", db, "--out", filepath.Join(dir, "en")); code != ExitOK || !strings.Contains(stdout, "Evidence pack of scan 2 written to") {
		t.Errorf("pack under LANG=C: exit %d\n%s", code, stdout)
	}

	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--db", db, "--lang", "de"}, ExitUsage, `language "de"`},
		{[]string{"--db", db, "--scan", "-3"}, ExitUsage, "positive"},
		{[]string{"--db", db, "extra"}, ExitUsage, "unexpected argument"},
		{[]string{"--db", db, "--scan", "9"}, ExitFailed, "has no scan 9"},
		{[]string{"--db", filepath.Join(dir, "none.db")}, ExitFailed, "no scan store at"},
	} {
		code, _, stderr := run(append([]string{"pack"}, tt.args...)...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("pack %v: exit %d, %q; want %d, %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}

// scan and diff speak French with --lang fr or a French system locale.
func TestFrenchCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "scans.db")
	code, _, stderr := run("scan", "--demo", "--db", db, "--lang", "fr", "--format", "html", "--out", filepath.Join(dir, "r.html"))
	if code != ExitOK {
		t.Fatalf("scan: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"enregistrée comme analyse 1 dans", "lacune : aws, account lumen-prod", "À titre indicatif, pas un avis juridique."} {
		if !strings.Contains(stderr, want) {
			t.Errorf("scan --lang fr lacks %q:\n%s", want, stderr)
		}
	}
	html, err := os.ReadFile(filepath.Join(dir, "r.html"))
	if err != nil || !strings.Contains(string(html), `<html lang="fr">`) {
		t.Errorf("scan --lang fr --format html is not French (%v)", err)
	}
	t.Setenv("LANG", "fr_FR.UTF-8")
	if code, _, stderr := run("scan", "--demo", "--db", db, "--out", os.DevNull); code != ExitOK || !strings.Contains(stderr, "enregistrée comme analyse 2") {
		t.Fatalf("scan under LANG=fr: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := run("diff", "--db", db)
	if code != ExitOK || !strings.Contains(stdout, "Changements de l’analyse 1 (") || !strings.Contains(stdout, "Aucun changement : 46 éléments, tous comme avant.") {
		t.Errorf("diff under LANG=fr: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := run("diff", "--db", db, "--lang", "xx"); code != ExitUsage || !strings.Contains(stderr, "--lang") {
		t.Errorf("diff --lang xx: exit %d: %s", code, stderr)
	}
}

// explain's sentences are English only: under a French locale it does
// not mix in French words.
func TestExplainStaysEnglish(t *testing.T) {
	t.Setenv("LANG", "fr_FR.UTF-8")
	code, stdout, _ := run("explain", "aws", "eu-west-1")
	if code != ExitOK || !strings.Contains(stdout, "is in Dublin, Ireland. How we know:") || strings.Contains(stdout, "Irlande") {
		t.Errorf("explain under LANG=fr: exit %d\n%s", code, stdout)
	}
}
