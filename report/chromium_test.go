package report

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium finds a Chromium-family browser, or returns "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// runChromium runs a headless browser with a throwaway profile and no
// background traffic, and returns its combined output for error messages.
func runChromium(t *testing.T, bin string, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir=" + t.TempDir(),
	}, extra...)
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", bin, strings.Join(extra, " "), err, out)
	}
	return string(out)
}

// The HTML report opens in a real browser, renders its summary, table and
// map, and prints to PDF on several pages. The screenshot is kept in
// $REACHMAP_SHOTS when that is set, for a person to look at.
func TestHTMLInChromium(t *testing.T) {
	bin := chromium()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed, so the HTML report cannot be checked in a browser: " +
				"run `make test-deps` (scripts/install-deps.sh installs the Debian package chromium) or `apt-get install -y chromium`")
		}
		t.Skip("chromium is not installed (apt-get install -y chromium)")
	}
	if testing.Short() {
		t.Skip("starts a browser")
	}
	dir := t.TempDir()
	s := demoScan(t)
	page := filepath.Join(dir, "report.html")
	var buf bytes.Buffer
	if err := WriteHTML(&buf, s, testMapPNG(t, s, 1600, 780)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	url := "file://" + page

	shotDir := dir
	if d := os.Getenv("REACHMAP_SHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		shotDir = d
	}
	shot := filepath.Join(shotDir, "report.png")
	runChromium(t, bin, "--screenshot="+shot, "--window-size=1280,2000", url)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2000 {
		t.Errorf("screenshot is %v, want 1280×2000", b)
	}
	// The category colours of the summary cards, the table's chips and the
	// map's markers must be on screen: the page rendered, styles and all.
	want := map[string]color.RGBA{
		"home green":       {0x00, 0x9e, 0x73, 0xff},
		"orange":           {0xe6, 0x9f, 0x00, 0xff},
		"vermillion":       {0xd5, 0x5e, 0x00, 0xff},
		"map land (grey)":  {0xd5, 0xda, 0xe0, 0xff},
		"advisory (cream)": {0xfd, 0xf6, 0xe7, 0xff},
	}
	for name, n := range countNear(img, want, 6) {
		if n < 200 {
			t.Errorf("only %d pixels of %s in the screenshot", n, name)
		}
	}
	if t.Failed() {
		t.Logf("screenshot kept in %s", shot)
	}

	// The browser's own DOM names every item and the advisory.
	dom := runChromium(t, bin, "--dump-dom", url)
	for _, it := range s.Assets {
		if !strings.Contains(dom, it.Name) && !strings.Contains(dom, htmlEscape(it.Name)) {
			t.Errorf("the rendered DOM lacks %q", it.Name)
		}
	}

	// Printing (A4 landscape) gives a PDF of several pages.
	pdf := filepath.Join(dir, "report.pdf")
	runChromium(t, bin, "--print-to-pdf="+pdf, "--no-pdf-header-footer", url)
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatal("--print-to-pdf did not write a PDF")
	}
	if pages := len(pdfPage.FindAll(b, -1)); pages < 4 {
		t.Errorf("the printed report has %d pages; the summary, map, table and laws cannot fit in fewer than 4", pages)
	}
	if os.Getenv("REACHMAP_SHOTS") != "" {
		os.WriteFile(filepath.Join(shotDir, "report.pdf"), b, 0o644)
		os.WriteFile(filepath.Join(shotDir, "report.html"), buf.Bytes(), 0o644)
	}
}

// pdfPage finds the page objects of a PDF (not the /Pages tree nodes).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// countNear counts, for each named colour, the pixels within tol of it in
// every channel, in one pass over the image.
func countNear(img image.Image, want map[string]color.RGBA, tol int) map[string]int {
	rgba, ok := img.(*image.RGBA)
	if !ok {
		rgba = image.NewRGBA(img.Bounds())
		draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	}
	out := map[string]int{}
	for name := range want {
		out[name] = 0
	}
	for i := 0; i+3 < len(rgba.Pix); i += 4 {
		r, g, b := int(rgba.Pix[i]), int(rgba.Pix[i+1]), int(rgba.Pix[i+2])
		for name, c := range want {
			if near(r, int(c.R), tol) && near(g, int(c.G), tol) && near(b, int(c.B), tol) {
				out[name]++
			}
		}
	}
	return out
}

func near(a, b, tol int) bool { return a-b <= tol && b-a <= tol }

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
