package ui

import (
	"context"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/reachmap/reachmap/internal/estate"
	"github.com/reachmap/reachmap/reach"
	"github.com/reachmap/reachmap/store"
)

func TestFitScreen(t *testing.T) {
	want := fyne.NewSize(1440, 900)
	if got := fitScreen(want, fyne.NewSize(1280, 720)); got != fyne.NewSize(1280, 720-titleBarRoom) {
		t.Errorf("1440x900 on a 1280x720 work area: %v", got)
	}
	if got := fitScreen(want, fyne.NewSize(2560, 1440)); got != want {
		t.Errorf("on a large screen the size changed: %v", got)
	}
	if got := fitScreen(want, fyne.Size{}); got != want {
		t.Errorf("no screen known: %v", got)
	}
}

// The window must be able to shrink to a 1280x720 screen: its content
// asks for no more, in English and in French, with the demo shown.
func TestWindowFitsSmallScreen(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		setLanguage(t, lang)
		h := newHarness(t, harnessOpts{})
		h.start(true)
		min := h.m.root.MinSize()
		if min.Width > 1280 || min.Height > 720-titleBarRoom {
			t.Errorf("%s: the window needs at least %v", lang, min)
		}
		h.win.Resize(fyne.NewSize(1280, 720-titleBarRoom))
		// The key columns fit the table's share of a 1280-wide window.
		w := float32(0)
		for _, c := range columns[:colProvider] {
			w += c.Width
		}
		if tw := h.m.dash.table.root.Size().Width; w > tw {
			t.Errorf("%s: name, place, reach and category need %v, the table is %v wide", lang, w, tw)
		}
	}
}

func TestLegendFoldsOnSmallMap(t *testing.T) {
	test.NewTempApp(t)
	l := newLegend(true, &fyne.Container{})
	if !l.SetRoom(fyne.NewSize(880, 300)) || l.shown || !l.open {
		t.Errorf("small map: shown %v, open %v; want folded, the choice kept", l.shown, l.open)
	}
	if !l.SetRoom(fyne.NewSize(1200, 500)) || !l.shown {
		t.Error("large map again: the key is not back")
	}
	l.onToggle()
	if l.SetRoom(fyne.NewSize(880, 300)) || l.shown {
		t.Error("a legend the person folded changed on a small map")
	}
}

func TestHomeForRegion(t *testing.T) {
	for region, want := range map[string]reach.Home{"CH": "CH", "DE": reach.HomeEU, "NO": reach.HomeEU, "GB": "GB",
		"US": "US", "": reach.HomeEU, "ZZ": reach.HomeEU, "419": reach.HomeEU} {
		if got := homeForRegion(region); got != want {
			t.Errorf("homeForRegion(%q) = %q, want %q", region, got, want)
		}
	}
}

// On first start the home is proposed from the system's region and shown
// on the first-run card; starting the demo from the card confirms it.
func TestFirstRunProposesHome(t *testing.T) {
	h := newHarness(t, harnessOpts{region: "CH"})
	h.start(false)
	e := h.m.dash.empty
	if !e.root.Visible() || e.homeSel.Selected != "Switzerland (CH)" || h.m.set.HomeChosen() {
		t.Fatalf("first-run card: visible %v, home %q, chosen %v", e.root.Visible(), e.homeSel.Selected, h.m.set.HomeChosen())
	}
	if !strings.Contains(e.homeNote.Text, "Switzerland") {
		t.Errorf("note %q", e.homeNote.Text)
	}
	test.Tap(findButton(t, e.root, "Show the demo estate"))
	h.settle()
	if !h.m.set.HomeChosen() || h.m.set.Home() != "CH" || h.m.scan == nil || h.m.scan.Home != "CH" {
		t.Errorf("after the demo: chosen %v, home %q", h.m.set.HomeChosen(), h.m.set.Home())
	}
}

// 10,000 buckets that nobody placed are not "out of foreign reach".
func TestUnplacedHeadline(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	scan, err := estate.Unplaced(context.Background(), 10000, reach.HomeEU)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(h.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Save(context.Background(), scan); err != nil {
		t.Fatal(err)
	}
	st.Close()
	h.start(false)
	if got := h.m.headline.Text; got != "Reachmap cannot tell who can reach these 10000 items: their place and operator are unknown" {
		t.Errorf("headline %q", got)
	}
	if got := h.m.dash.summary.countries.Text; !strings.HasPrefix(got, "Why unknown (10000 items): s3.nas.example is an S3 server Reachmap does not recognise") {
		t.Errorf("summary %q", got)
	}
	if got := columns[colProvider].Text(h.m.dash.view, 0); got != "S3 server" {
		t.Errorf("provider column %q", got)
	}
}

// setLanguage makes the window speak lang until the test ends.
func setLanguage(t *testing.T, lang string) {
	t.Cleanup(func() {
		os.Setenv("LANGUAGE", "en")
		os.Setenv("LC_ALL", "en_US.UTF-8")
		loadTranslations()
	})
	os.Setenv("LANGUAGE", lang)
	os.Setenv("LC_ALL", lang+"_FR.UTF-8")
	loadTranslations()
}
