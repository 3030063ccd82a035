package ui

import (
	"log"
	"path/filepath"

	"fyne.io/fyne/v2"

	"github.com/reachmap/reachmap/internal/about"
	"github.com/reachmap/reachmap/internal/appmigrate"
)

// migrateAppID copies the preferences an earlier version kept under its
// app id (about.OldAppIDs) to the current one, the first time this id
// starts. It runs before the app is made, since Fyne reads the
// preferences then; keyring entries follow on first read (keyringSecrets).
func migrateAppID() {
	root, err := appmigrate.FyneRoot()
	if err != nil {
		fyne.LogError("finding the settings folder", err)
		return
	}
	from, err := appmigrate.Storage(root, about.AppID, about.OldAppIDs)
	if err != nil {
		fyne.LogError("copying the settings of "+from+" to "+about.AppID, err)
	} else if from != "" {
		log.Printf("Reachmap: settings copied from %s to %s", filepath.Join(root, from), filepath.Join(root, about.AppID))
	}
}

// checkStorageRoot warns when Fyne keeps its storage elsewhere than
// appmigrate.FyneRoot says: a Fyne upgrade moved it, and the migration
// would look in the wrong place.
func checkStorageRoot(a fyne.App) {
	root, err := appmigrate.FyneRoot()
	if err != nil {
		return
	}
	if got, want := a.Storage().RootURI().Path(), filepath.Join(root, about.AppID); filepath.Clean(got) != want {
		log.Printf("Reachmap: Fyne stores settings in %s, not %s: the app id migration looks in the wrong place", got, want)
	}
}
