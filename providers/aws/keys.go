package aws

import (
	"regexp"
	"slices"
	"strings"

	"github.com/reachmap/reachmap/providers"
)

// Access keys entered in the window, for people with no AWS CLI: a name,
// the key id and region in preferences, the secret in the system keyring
// only (under keySecretID), read back off the UI thread when a scan starts.

// prefKeys is the preference (a string list) of the saved key accounts,
// "name\x1fkey id\x1fregion" each.
const prefKeys = "accounts.aws_keys"

// KeyAccount is an AWS account reached with access keys. Its secret is
// never printed (String) and never saved with the rest.
type KeyAccount struct {
	Name, AccessKeyID, Region string
	secret                    string
}

// String names the account and its key id, never the secret.
func (k KeyAccount) String() string { return k.Name + " (key " + k.AccessKeyID + ")" }

// GoString is String for %#v.
func (k KeyAccount) GoString() string { return k.String() }

func keySecretID(name string) string { return "aws-keys:" + name }

// The fields of the access-key form.
const (
	fieldKeyName   = "name"
	fieldKeyAccess = "access-key-id"
	fieldKeySecret = "secret-access-key"
	fieldKeyRegion = "region"
)

// The texts of the access-key form's refusals.
const (
	msgKeyName      = "Give these keys a name, such as the client's (letters, digits, - and _)"
	msgKeyAccess    = "The access key id starts with AKIA and has 20 letters and digits"
	msgKeySecretNo  = "Enter the secret access key; it is kept in the system keyring only"
	msgKeyDuplicate = "Keys with this name, or a profile with it, are already listed"
	msgKeyRegion    = "Unknown AWS region {{.Region}}"
	msgKeyKeyring   = "The system keyring could not keep the secret, so nothing was saved: {{.Error}}"
	msgKeyKeyDel    = "Forgotten, but the secret could not be removed from the system keyring: {{.Error}}"
)

var (
	keyNameRE   = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	accessKeyRE = regexp.MustCompile(`^(AKIA|ASIA)[A-Z0-9]{16}$`)
)

// keyRecords is the access-key part of the AWS section.
func keyRecords() *providers.Records {
	return &providers.Records{
		Fields: []providers.Field{
			{Key: fieldKeyName, Label: providers.T("Name"), Placeholder: providers.Plain("client-a")},
			{Key: fieldKeyAccess, Label: providers.T("Access key ID"), Placeholder: providers.Plain("AKIA…")},
			{Key: fieldKeySecret, Label: providers.T("Secret access key"), Kind: providers.FieldSecret, SameRow: true, Placeholder: providers.T("Secret key (kept in the system keyring)")},
			{Key: fieldKeyRegion, Label: providers.T("Home region"), Placeholder: providers.Plain("eu-west-3")},
		},
		AddLabel: providers.T("Add access keys"),
		List:     listKeyRecords,
		Add:      addKeys,
		Remove:   removeKeys,
	}
}

func savedKeys(s providers.Settings) []KeyAccount {
	var out []KeyAccount
	for _, e := range s.StringList(prefKeys) {
		p := strings.Split(e, "\x1f")
		if len(p) == 3 && p[0] != "" {
			out = append(out, KeyAccount{Name: p[0], AccessKeyID: p[1], Region: p[2]})
		}
	}
	return out
}

func setSavedKeys(s providers.Settings, ks []KeyAccount) {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.Name + "\x1f" + k.AccessKeyID + "\x1f" + k.Region
	}
	s.SetStringList(prefKeys, out)
}

func listKeyRecords(s providers.Settings) []providers.Record {
	var out []providers.Record
	for _, k := range savedKeys(s) {
		parts := []providers.Text{providers.Plain(k.Name), providers.T("key {{.Key}}", "Key", k.AccessKeyID)}
		if k.Region != "" {
			parts = append(parts, providers.Plain(k.Region))
		}
		out = append(out, providers.Record{ID: k.Name, Parts: parts})
	}
	return out
}

// addKeys checks the form, puts the secret in the keyring and the rest in
// preferences; on any refusal it saves nothing.
func addKeys(s providers.Settings, v map[string]string) error {
	k := KeyAccount{Name: strings.TrimSpace(v[fieldKeyName]), AccessKeyID: strings.TrimSpace(v[fieldKeyAccess]),
		Region: strings.TrimSpace(v[fieldKeyRegion]), secret: v[fieldKeySecret]}
	switch {
	case !keyNameRE.MatchString(k.Name):
		return &providers.Problem{Field: fieldKeyName, Text: providers.T(msgKeyName)}
	case !accessKeyRE.MatchString(k.AccessKeyID):
		return &providers.Problem{Field: fieldKeyAccess, Text: providers.T(msgKeyAccess)}
	case k.secret == "":
		return &providers.Problem{Field: fieldKeySecret, Text: providers.T(msgKeySecretNo)}
	}
	if _, known := partitionOf(k.Region); k.Region != "" && !known {
		return &providers.Problem{Field: fieldKeyRegion, Text: providers.T(msgKeyRegion, "Region", k.Region)}
	}
	saved := savedKeys(s)
	if slices.ContainsFunc(saved, func(o KeyAccount) bool { return o.Name == k.Name }) {
		return &providers.Problem{Field: fieldKeyName, Text: providers.T(msgKeyDuplicate)}
	}
	if err := s.SetSecret(keySecretID(k.Name), k.secret); err != nil {
		return &providers.Problem{Field: fieldKeySecret, Text: providers.T(msgKeyKeyring, "Error", err.Error())}
	}
	setSavedKeys(s, append(saved, k))
	return nil
}

func removeKeys(s providers.Settings, name string) error {
	setSavedKeys(s, slices.DeleteFunc(savedKeys(s), func(k KeyAccount) bool { return k.Name == name }))
	if err := s.DeleteSecret(keySecretID(name)); err != nil {
		return &providers.Problem{Text: providers.T(msgKeyKeyDel, "Error", err.Error())}
	}
	return nil
}

// keyMessages are the access-key form's other texts, for Form.Messages.
var keyMessages = []providers.Text{
	providers.T(msgKeyName), providers.T(msgKeyAccess), providers.T(msgKeySecretNo), providers.T(msgKeyDuplicate),
	providers.T(msgKeyRegion), providers.T(msgKeyKeyring), providers.T(msgKeyKeyDel), providers.T("key {{.Key}}"),
}
