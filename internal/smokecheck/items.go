package main

import (
	"bufio"
	"fmt"
	"image"
	"os"
	"strings"

	"github.com/reachmap/reachmap/internal/smoke"
)

// checkItems compares the scan the window shows with EXPECT, one line per
// item the scanned accounts hold: "provider account kind name region
// country category". Every expected item must be listed in the table with
// that place and reach, and drawn on the map (its disc's fill in the
// screenshot); the expected accounts must hold nothing else, so an item
// found twice or invented fails too.
func checkItems(shotPath, reportPath, expectPath string) error {
	rep, img, err := readShot(shotPath, reportPath)
	if err != nil {
		return err
	}
	want, err := readExpect(expectPath)
	if err != nil {
		return err
	}
	if fails := compareItems(rep, img, want); len(fails) > 0 {
		return failed(fails, "the window's items differ from the expected ones in %d ways (%d expected, %d on screen)", len(fails), len(want), len(rep.Items))
	}
	fmt.Printf("smokecheck: the %d items of the scanned accounts are listed in the table and drawn on the map\n", len(want))
	return nil
}

// compareItems says what differs between the items expected and those on
// screen, one sentence each.
func compareItems(rep *smoke.Report, img image.Image, want []smoke.Item) []string {
	var fails []string
	failf := func(format string, a ...any) { fails = append(fails, fmt.Sprintf(format, a...)) }
	if rep.Scanning {
		failf("the report was written while a scan was still running")
	}
	accounts, expected := map[string]bool{}, map[string]bool{}
	for _, w := range want {
		accounts[w.Provider+"/"+w.Account] = true
		expected[key(w)] = true
		got, n := find(rep.Items, w)
		if n == 0 {
			failf("missing: %s (the window lists no such item)", describe(w))
			continue
		}
		if n > 1 {
			failf("%s: listed %d times", describe(w), n)
		}
		if got.Region != w.Region || got.Country != w.Country || got.Category != w.Category {
			failf("%s: listed in %s, %s, %s; want %s, %s, %s", describe(w),
				got.Region, got.Country, got.Category, w.Region, w.Country, w.Category)
		}
		if got.Row < 0 {
			failf("%s: in the scan but not in the table", describe(w))
		}
		if got.Marker == nil {
			failf("%s: no marker in view on the map", describe(w))
		} else if !discNear(img, got.Marker) {
			m := got.Marker
			failf("%s: the map shows no %v disc at (%d,%d) (count %d), got %v", describe(w), m.Fill, m.X, m.Y, m.Count, at(img, m.X, m.Y))
		}
	}
	for _, it := range rep.Items {
		if accounts[it.Provider+"/"+it.Account] && !expected[key(it)] {
			failf("unexpected: %s (the account was seeded without it)", describe(it))
		}
	}
	return fails
}

// readExpect parses EXPECT: blank lines and # comments are skipped.
func readExpect(path string) ([]smoke.Item, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []smoke.Item
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w := strings.Fields(line)
		if len(w) != 7 {
			return nil, fmt.Errorf("%s:%d: want 7 fields (provider account kind name region country category), got %q", path, n, line)
		}
		out = append(out, smoke.Item{Provider: w[0], Account: w[1], Kind: w[2], Name: w[3], Region: w[4], Country: w[5], Category: w[6]})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no items expected", path)
	}
	return out, nil
}

// key identifies an item as the scan does: the same store found twice
// would have the same key.
func key(it smoke.Item) string {
	return strings.Join([]string{it.Provider, it.Account, it.Kind, it.Name}, "/")
}

// find returns the listed item with w's key and how many there are.
func find(items []smoke.Item, w smoke.Item) (smoke.Item, int) {
	var got smoke.Item
	n := 0
	for _, it := range items {
		if key(it) == key(w) {
			got, n = it, n+1
		}
	}
	return got, n
}

func describe(it smoke.Item) string {
	return fmt.Sprintf("%s %s %s %q in %s", it.Provider, it.Account, it.Kind, it.Name, it.Region)
}

// discNear reports whether the disc's fill is within two pixels of its
// centre: a cluster's centre carries its count in another colour, the
// dominant fill around it.
func discNear(img image.Image, m *smoke.Marker) bool {
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			if near(at(img, m.X+dx, m.Y+dy), m.Fill, 24) {
				return true
			}
		}
	}
	return false
}
