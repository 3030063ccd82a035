package ui

import (
	"github.com/reachmap/reachmap/internal/about"
	"github.com/reachmap/reachmap/internal/appmigrate"
)

// secretStore keeps secrets out of preferences and logs.
type secretStore interface {
	Set(id, secret string) error
	Get(id string) (string, error)
	Delete(id string) error
}

// keyringSecrets is the OS keyring (Secret Service, macOS Keychain,
// Windows Credential Manager) under Reachmap's app id; a secret an earlier
// version filed under its old id moves to the current one when first read.
type keyringSecrets struct{}

var keyringAtAppID = appmigrate.Keyring{ID: about.AppID, Old: about.OldAppIDs}

func (keyringSecrets) Set(id, secret string) error { return keyringAtAppID.Set(id, secret) }

func (keyringSecrets) Get(id string) (string, error) { return keyringAtAppID.Get(id) }

// Delete removes the secret; one that is nowhere is not an error.
func (keyringSecrets) Delete(id string) error { return keyringAtAppID.Delete(id) }
