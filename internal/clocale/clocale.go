// Package clocale makes Fyne read the C locale as English. Under
// LANG=C.UTF-8, the default of Debian containers and of many cron
// environments, fyne.io/fyne/v2/lang fails to parse "C" as a language in
// its package init and logs "Fyne error: Error parsing user locale C" on
// stderr (fyne-io/fyne#5271); every command would print it, since main
// links the window in.
//
// Its init runs before Fyne's: Go initialises packages in the order of
// their import paths among those whose imports are ready, and this one
// imports only os, which Fyne's lang needs too, so it is always ready
// before fyne.io/fyne/v2/lang. When the messages' locale is C or POSIX
// (with or without an encoding) and LANGUAGE is unset, it sets LANGUAGE
// to "en": what the C locale means for messages, and the variable the
// locale library Fyne uses reads next. gettext ignores LANGUAGE under
// the C locale, so programs started from Reachmap see no change.
//
// Main imports it first; the command line calls Restore to leave the
// environment as it found it, the window keeps it (Fyne reads the locale
// again when the window's translations are added).
package clocale

import (
	"os"
	"strings"
)

// set is whether init set LANGUAGE.
var set bool

func init() { set = apply(os.Getenv, os.Setenv) }

// apply sets LANGUAGE=en when the messages' locale is the C locale and
// LANGUAGE is unset; it reports whether it did.
func apply(getenv func(string) string, setenv func(string, string) error) bool {
	if getenv("LANGUAGE") != "" || !IsC(messagesLocale(getenv)) {
		return false
	}
	return setenv("LANGUAGE", "en") == nil
}

// messagesLocale is the locale of messages, by POSIX precedence: LC_ALL,
// then LC_MESSAGES, then LANG.
func messagesLocale(getenv func(string) string) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			return v
		}
	}
	return ""
}

// IsC reports whether a locale name is the C or POSIX locale, with or
// without an encoding or modifier: "C", "C.UTF-8", "C.utf8", "POSIX".
func IsC(loc string) bool {
	name, _, _ := strings.Cut(loc, ".")
	name, _, _ = strings.Cut(name, "@")
	return name == "C" || name == "POSIX"
}

// Restore unsets LANGUAGE if init set it.
func Restore() {
	if set {
		os.Unsetenv("LANGUAGE")
		set = false
	}
}
