package ui

import (
	"errors"

	"github.com/zalando/go-keyring"

	"github.com/reachmap/reachmap/internal/about"
)

// secretStore keeps secrets out of preferences and logs.
type secretStore interface {
	Set(id, secret string) error
	Get(id string) (string, error)
	Delete(id string) error
}

// keyringSecrets is the OS keyring (Secret Service, macOS Keychain,
// Windows Credential Manager) under Reachmap's app id.
type keyringSecrets struct{}

func (keyringSecrets) Set(id, secret string) error {
	return keyring.Set(about.AppID, id, secret)
}

func (keyringSecrets) Get(id string) (string, error) {
	return keyring.Get(about.AppID, id)
}

func (keyringSecrets) Delete(id string) error {
	err := keyring.Delete(about.AppID, id)
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return err
}
