package ui

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reachmap/reachmap/assets"
	"github.com/reachmap/reachmap/geo/geoip"
	"github.com/reachmap/reachmap/internal/about"
)

// aboutScreen states what Reachmap is built from: its versions, the date
// of its legal knowledge base, the data it embeds with their sources and
// licences, and the keyboard shortcuts.
type aboutScreen struct {
	root fyne.CanvasObject
}

func newAboutScreen() *aboutScreen {
	title := &widget.Label{Text: about.Name + " " + about.Current().String(), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	intro := para(tr("Reachmap shows where your cloud data is stored and which governments' laws can reach it. It works offline apart from the read-only calls to the accounts you connect."))
	versions := widget.NewCard(tr("Versions"), "", para(versionsText()))
	kb := widget.NewCard(tr("Legal knowledge base"), "", container.NewVBox(
		para(tr("Every law cited comes with a link to its text, and every entry of the knowledge base with the date a person last checked it.")),
		advisoryNotice()))
	data := widget.NewCard(tr("Data sources"), "", para(dataSourcesText(geoip.Embedded())))
	notice := &widget.Label{Text: strings.TrimSpace(assets.Notice), TextStyle: fyne.TextStyle{Monospace: true},
		SizeName: theme.SizeNameCaptionText, Wrapping: fyne.TextWrapWord}
	licences := widget.NewCard(tr("Licences of the embedded data"), "", notice)
	keys := widget.NewCard(tr("Keyboard shortcuts"), "", widget.NewForm(shortcutItems()...))
	body := container.NewVBox(title, intro, versions, kb, data, licencesCard(), keys, licences)
	return &aboutScreen{root: container.NewVScroll(container.NewPadded(readable(body, 820, false)))}
}

// versionsText lists Reachmap's, Go's and Fyne's versions.
func versionsText() string {
	fyneV := "?"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "fyne.io/fyne/v2" {
				fyneV = d.Version
			}
		}
	}
	return fmt.Sprintf("Reachmap %s · Go %s (%s/%s) · Fyne %s", about.Version, strings.TrimPrefix(runtime.Version(), "go"), runtime.GOOS, runtime.GOARCH, fyneV)
}

// dataSourcesText describes the embedded map and GeoIP databases.
func dataSourcesText(info geoip.Info) string {
	var b strings.Builder
	b.WriteString(tr("World map: Natural Earth 1:50m countries (public domain), packaged by world-atlas (ISC licence), drawn offline in the Equal Earth projection."))
	for _, db := range info.Databases {
		b.WriteString("\n\n")
		b.WriteString(tr("GeoIP {{.Kind}} database: {{.Origin}}, from {{.Package}} {{.Version}}, licence {{.Licence}}.", "Kind", db.Kind, "Origin", db.Origin, "Package", db.Package, "Version", db.Version, "Licence", db.Licence))
		if db.Attribution != "" {
			b.WriteString(" " + db.Attribution)
		}
	}
	if !info.Built.IsZero() {
		b.WriteString("\n\n")
		b.WriteString(tr("GeoIP data of {{.Date}}.", "Date", info.Built.Format("2006-01-02")))
	}
	return b.String()
}

// shortcutItems lists the keyboard shortcuts.
func shortcutItems() []*widget.FormItem {
	rows := [][2]string{
		{"Ctrl+R", tr("Scan the configured accounts")},
		{"Ctrl+F", tr("Search the items")},
		{"Ctrl+= / Ctrl+-", tr("Zoom the map in / out")},
		{"Ctrl+0", tr("Fit the map to the data")},
		{"Ctrl+E", tr("Export")},
		{"Esc", tr("Clear the selection")},
		{tr("On the map"), tr("drag to pan, wheel to zoom, + and - to zoom, 0 to fit, arrow keys to pan")},
	}
	var out []*widget.FormItem
	for _, r := range rows {
		out = append(out, widget.NewFormItem(r[0], para(r[1])))
	}
	return out
}
