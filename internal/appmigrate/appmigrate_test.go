package appmigrate

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/zalando/go-keyring"
)

const (
	oldID = "eu.reachmap.desktop"
	newID = "io.github.reachmap.Reachmap"
)

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStorageCopiesOldFolderOnce(t *testing.T) {
	root := t.TempDir()
	prefs := `{"home":"FR","aws.profiles":["client-a"]}`
	write(t, filepath.Join(root, oldID, "preferences.json"), prefs)
	write(t, filepath.Join(root, oldID, "sub", "state.txt"), "x")

	from, err := Storage(root, newID, []string{oldID})
	if err != nil || from != oldID {
		t.Fatalf("Storage = %q, %v; want %q", from, err, oldID)
	}
	if got := read(t, filepath.Join(root, newID, "preferences.json")); got != prefs {
		t.Errorf("new preferences %q, want %q", got, prefs)
	}
	if got := read(t, filepath.Join(root, newID, "sub", "state.txt")); got != "x" {
		t.Errorf("nested file %q", got)
	}
	if got := read(t, filepath.Join(root, oldID, "preferences.json")); got != prefs {
		t.Errorf("the old folder must stay for an older version, got %q", got)
	}

	// The next start: the new folder is the user's now, even once they
	// change it; the old one is never copied over it again.
	write(t, filepath.Join(root, newID, "preferences.json"), `{"home":"DE"}`)
	if from, err := Storage(root, newID, []string{oldID}); err != nil || from != "" {
		t.Fatalf("second Storage = %q, %v; want nothing done", from, err)
	}
	if got := read(t, filepath.Join(root, newID, "preferences.json")); got != `{"home":"DE"}` {
		t.Errorf("second start overwrote the new preferences: %q", got)
	}
}

func TestStorageFreshInstall(t *testing.T) {
	root := t.TempDir()
	from, err := Storage(root, newID, []string{oldID})
	if err != nil || from != "" {
		t.Fatalf("Storage = %q, %v", from, err)
	}
	if _, err := os.Stat(filepath.Join(root, newID)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a fresh install gets no folder from the migration: %v", err)
	}
}

func TestStorageLeftoverOfCutCopy(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, oldID, "preferences.json"), `{"a":1}`)
	write(t, filepath.Join(root, newID+".migrating", "junk"), "half")
	if from, err := Storage(root, newID, []string{oldID}); err != nil || from != oldID {
		t.Fatalf("Storage = %q, %v", from, err)
	}
	if _, err := os.Stat(filepath.Join(root, newID, "junk")); !errors.Is(err, os.ErrNotExist) {
		t.Error("the leftover of a cut copy was kept")
	}
}

func TestFyneRootEndsInFyne(t *testing.T) {
	r, err := FyneRoot()
	if err != nil {
		t.Skip(err)
	}
	if filepath.Base(r) != "fyne" {
		t.Errorf("FyneRoot = %s", r)
	}
}

func TestKeyringMovesOldSecretOnRead(t *testing.T) {
	keyring.MockInit()
	k := Keyring{ID: newID, Old: []string{oldID}}
	if err := keyring.Set(oldID, "s3:https://fsn1.example", "s3cr3t"); err != nil {
		t.Fatal(err)
	}
	v, err := k.Get("s3:https://fsn1.example")
	if err != nil || v != "s3cr3t" {
		t.Fatalf("Get = %q, %v", v, err)
	}
	if v, err := keyring.Get(newID, "s3:https://fsn1.example"); err != nil || v != "s3cr3t" {
		t.Errorf("not moved to the new id: %q, %v", v, err)
	}
	if _, err := keyring.Get(oldID, "s3:https://fsn1.example"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("still under the old id: %v", err)
	}
	if _, err := k.Get("nobody"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("a missing secret: %v, want ErrNotFound", err)
	}
}

func TestKeyringNewWinsAndSetDeleteClearOld(t *testing.T) {
	keyring.MockInit()
	k := Keyring{ID: newID, Old: []string{oldID}}
	_ = keyring.Set(oldID, "u", "old")
	_ = keyring.Set(newID, "u", "new")
	if v, _ := k.Get("u"); v != "new" {
		t.Errorf("Get = %q; the new id's secret wins", v)
	}
	if err := k.Set("u", "newer"); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.Get(oldID, "u"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("Set left the old copy: %v", err)
	}
	_ = keyring.Set(oldID, "u", "stale")
	if err := k.Delete("u"); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get("u"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("a deleted secret came back from the old id: %v", err)
	}
	if err := k.Delete("never-there"); err != nil {
		t.Errorf("deleting nothing: %v", err)
	}
}
