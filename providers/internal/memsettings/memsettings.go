// Package memsettings is providers.Settings in memory, for the tests of
// the provider kinds: what a kind saves can be read back, and a test can
// check that no secret reached the preferences.
package memsettings

import (
	"errors"
	"maps"
	"slices"
	"sync"

	"github.com/reachmap/reachmap/providers"
)

// Settings holds preferences and secrets in maps. Safe for concurrent use.
type Settings struct {
	mu      sync.Mutex
	strs    map[string]string
	lists   map[string][]string
	secrets map[string]string
	// FailSecrets, when set, makes every secret method fail, as a locked
	// or missing keyring does.
	FailSecrets bool
}

// New returns empty settings.
func New() *Settings {
	return &Settings{strs: map[string]string{}, lists: map[string][]string{}, secrets: map[string]string{}}
}

// ErrKeyring is the error of a failing keyring.
var ErrKeyring = errors.New("the keyring is locked")

func (s *Settings) String(key string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.strs[key]
}

func (s *Settings) SetString(key, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.strs[key] = v
}

func (s *Settings) StringList(key string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.lists[key])
}

func (s *Settings) SetStringList(key string, v []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lists[key] = slices.Clone(v)
}

func (s *Settings) Secret(id string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.FailSecrets {
		return "", ErrKeyring
	}
	v, ok := s.secrets[id]
	if !ok {
		return "", errors.New("no secret for " + id)
	}
	return v, nil
}

func (s *Settings) SetSecret(id, v string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.FailSecrets {
		return ErrKeyring
	}
	s.secrets[id] = v
	return nil
}

func (s *Settings) DeleteSecret(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.FailSecrets {
		return ErrKeyring
	}
	delete(s.secrets, id)
	return nil
}

// Prefs returns every preference value, strings and lists, for a test
// that looks for a secret in them.
func (s *Settings) Prefs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Collect(maps.Values(s.strs))
	for _, l := range s.lists {
		out = append(out, l...)
	}
	return out
}

// SecretIDs lists the ids the keyring holds.
func (s *Settings) SecretIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.secrets))
}

var _ providers.Settings = (*Settings)(nil)
