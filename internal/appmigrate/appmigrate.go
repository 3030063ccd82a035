// Package appmigrate carries a user's settings over when the application
// id changes (eu.reachmap.desktop became io.github.reachmap.Reachmap):
// Fyne keeps preferences in a folder named after the id, and the keyring
// files secrets under a service named after it. Without this, the first
// start under a new id would look like a fresh install: accounts, home
// country and S3 secrets gone.
package appmigrate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/zalando/go-keyring"
)

// FyneRoot is the folder Fyne keeps each app's storage folder in (the id is
// the subfolder). It mirrors fyne.io/fyne/v2/internal/app.rootConfigDir,
// which Fyne does not export; ui checks at start that it still agrees.
func FyneRoot() (string, error) {
	switch runtime.GOOS {
	case "darwin":
		home, err := os.UserHomeDir()
		return filepath.Join(home, "Library", "Preferences", "fyne"), err
	case "windows":
		home, err := os.UserHomeDir()
		return filepath.Join(home, "AppData", "Roaming", "fyne"), err
	default:
		cfg, err := os.UserConfigDir()
		return filepath.Join(cfg, "fyne"), err
	}
}

// Storage copies the storage folder (preferences.json and whatever the
// app saved there) of the newest old id that has one to the new id's
// folder, if the new id has none yet. It returns the old id it copied
// from, or "". It copies rather than moves, so that an older version
// started again still finds its settings. Run it before the app is made:
// Fyne reads preferences.json when it starts.
func Storage(root, newID string, oldIDs []string) (string, error) {
	dst := filepath.Join(root, newID)
	if _, err := os.Stat(dst); err == nil {
		return "", nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	for _, old := range oldIDs {
		src := filepath.Join(root, old)
		if fi, err := os.Stat(src); err != nil || !fi.IsDir() {
			continue
		}
		// Copied to a temporary name and renamed: a copy cut short does
		// not count as done, and is tried again at the next start.
		tmp := dst + ".migrating"
		if err := os.RemoveAll(tmp); err != nil {
			return "", err
		}
		if err := copyTree(src, tmp); err != nil {
			return "", fmt.Errorf("copying settings from %s: %w", src, err)
		}
		if err := os.Rename(tmp, dst); err != nil {
			return "", err
		}
		return old, nil
	}
	return "", nil
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o700)
		}
		if !d.Type().IsRegular() {
			return nil // no links or devices in a settings folder
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o600)
	})
}

// Keyring is the system keyring under the service ID. A secret missing
// there is looked for under the old ids; found, it is moved to ID. The
// keyring cannot list a service's entries, so each secret moves the first
// time it is read, which the first scan after the upgrade does.
type Keyring struct {
	ID  string
	Old []string
}

// Get returns the secret stored for user, moving it from an old id if
// that is where it is.
func (k Keyring) Get(user string) (string, error) {
	v, err := keyring.Get(k.ID, user)
	if !errors.Is(err, keyring.ErrNotFound) {
		return v, err
	}
	for _, old := range k.Old {
		v, oerr := keyring.Get(old, user)
		if oerr != nil {
			continue
		}
		if serr := keyring.Set(k.ID, user, v); serr != nil {
			return v, nil // readable where it is; moved at a later read
		}
		_ = keyring.Delete(old, user)
		return v, nil
	}
	return "", err
}

// Set stores a secret under ID and removes any copy under an old id,
// which would otherwise outlive it.
func (k Keyring) Set(user, secret string) error {
	if err := keyring.Set(k.ID, user, secret); err != nil {
		return err
	}
	k.deleteOld(user)
	return nil
}

// Delete removes a secret under ID and the old ids; a secret that is
// nowhere is not an error.
func (k Keyring) Delete(user string) error {
	err := keyring.Delete(k.ID, user)
	k.deleteOld(user)
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return err
}

func (k Keyring) deleteOld(user string) {
	for _, old := range k.Old {
		_ = keyring.Delete(old, user)
	}
}
