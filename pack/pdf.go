package pack

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/reachmap/reachmap/assets"
	"github.com/reachmap/reachmap/internal/about"
	"github.com/reachmap/reachmap/report"
)

// The PDF is A4 portrait, in millimetres, set in Noto Sans (embedded, so
// that it reads the same on every machine and French accents render). It
// holds the View in the order a questionnaire reads it: the answer, the
// summary, every data store, the laws, what could not be checked, the
// accounts, a page of changes, and the notice with the manifest.

const (
	pageW, pageH = 210.0, 297.0
	margin       = 16.0
	textW        = pageW - 2*margin
	family       = "NotoSans"
	line         = 5.0 // the height of a line of body text
)

// Colours, those of the HTML report and the map.
var (
	colInk    = rgb{0x1b, 0x1f, 0x24}
	colMuted  = rgb{0x5b, 0x64, 0x70}
	colLine   = rgb{0xd9, 0xde, 0xe4}
	colCream  = rgb{0xfd, 0xf6, 0xe7}
	colAccent = rgb{0x00, 0x72, 0xb2}
	catColour = map[string]rgb{
		"home": {0x00, 0x9e, 0x73}, "homeforeign": {0xe6, 0x9f, 0x00},
		"foreign": {0xd5, 0x5e, 0x00}, "unknown": {0x99, 0x99, 0x99},
	}
	verdictColour = map[string]string{"yes": "home", "partly": "homeforeign", "no": "foreign"}
)

type rgb struct{ r, g, b int }

// doc wraps fpdf with the few layouts the pack uses.
type doc struct {
	*fpdf.Fpdf
	v report.View
}

// WritePDF lays out the view as a PDF.
func WritePDF(w io.Writer, v report.View) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(family, "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes(family, "B", assets.FontBold)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin+4)
	pdf.AliasNbPages("")
	pdf.SetLang(v.Lang)
	pdf.SetTitle(v.Title, true)
	pdf.SetSubject(v.Answer.Question, true)
	pdf.SetAuthor("Reachmap", true)
	pdf.SetCreator(about.Name+" "+about.Version, true)
	pdf.SetKeywords(manifestLine(v), true)
	// The same scan written twice gives the same file, but for the date.
	pdf.SetCatalogSort(true)
	if t, err := time.Parse(time.RFC3339, v.GeneratedISO); err == nil {
		pdf.SetCreationDate(t)
		pdf.SetModificationDate(t)
	}
	d := &doc{Fpdf: pdf, v: v}
	pdf.SetFooterFunc(d.footer)

	pdf.AddPage()
	d.front()
	d.summary()
	d.mapPage()
	d.items()
	d.laws()
	d.unchecked()
	d.accounts()
	d.changes()
	d.notice()

	if err := pdf.Error(); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// manifestLine is the manifest in one line, for the PDF's keywords.
func manifestLine(v report.View) string {
	c := v.W.Colon
	return v.W.ToolVersion + c + "Reachmap " + v.Version + "; " + v.W.KBDate + c + v.Reviewed + "; " + v.W.ScanID + c + v.ScanID
}

func (d *doc) colour(c rgb) { d.SetTextColor(c.r, c.g, c.b) }
func (d *doc) fill(c rgb)   { d.SetFillColor(c.r, c.g, c.b) }
func (d *doc) draw(c rgb)   { d.SetDrawColor(c.r, c.g, c.b) }
func (d *doc) font(b bool, size float64) {
	style := ""
	if b {
		style = "B"
	}
	d.SetFont(family, style, size)
}

// para writes wrapped text across the page from the left margin.
func (d *doc) para(text string, bold bool, size float64, c rgb) {
	d.font(bold, size)
	d.colour(c)
	d.SetX(margin)
	d.MultiCell(textW, size*0.45, text, "", "L", false)
}

// indented writes wrapped text a little in from the margin.
func (d *doc) indented(indent float64, text string, bold bool, size float64, c rgb) {
	d.font(bold, size)
	d.colour(c)
	d.SetX(margin + indent)
	d.MultiCell(textW-indent, size*0.45, text, "", "L", false)
}

// labelled writes "Label: text", the label in bold.
func (d *doc) labelled(indent float64, label, text string) {
	if text == "" {
		return
	}
	// Wrapped lines start at the indent, not at the page's margin.
	d.SetLeftMargin(margin + indent)
	d.SetX(margin + indent)
	d.font(true, 9)
	d.colour(colMuted)
	d.Write(4.2, label+d.v.W.Colon)
	d.font(false, 9)
	d.colour(colInk)
	d.Write(4.2, text)
	d.SetLeftMargin(margin)
	d.Ln(4.6)
}

// heading starts a section, on a new page when little room is left.
func (d *doc) heading(text string, newPage bool) {
	if newPage || d.GetY() > pageH-margin-40 {
		d.AddPage()
	} else {
		d.Ln(4)
	}
	d.Bookmark(text, 0, -1)
	d.font(true, 14)
	d.colour(colInk)
	d.SetX(margin)
	d.MultiCell(textW, 7, text, "", "L", false)
	d.draw(colInk)
	d.SetLineWidth(0.5)
	y := d.GetY() + 0.5
	d.Line(margin, y, pageW-margin, y)
	d.Ln(3)
}

// room starts a new page unless h millimetres are left.
func (d *doc) room(h float64) {
	if d.GetY()+h > pageH-margin-6 {
		d.AddPage()
	}
}

func (d *doc) footer() {
	d.SetY(-margin + 2)
	d.font(false, 7.5)
	d.colour(colMuted)
	left := "Reachmap " + d.v.Version + " · " + d.v.W.ScanID + d.v.W.Colon + d.v.ScanID + " · " + d.v.ScannedAt
	d.CellFormat(textW/2, 4, left, "", 0, "L", false, 0, "")
	d.CellFormat(textW/2, 4, fmt.Sprintf("%d / {nb}", d.PageNo()), "", 0, "R", false, 0, "")
}

// front is page 1: the question and the answer, the exceptions by name,
// the facts of the scan and the advisory notice in one line (the whole
// notice closes the document).
func (d *doc) front() {
	v := d.v
	d.para(v.W.Brand, true, 8, colAccent)
	d.Ln(1)
	d.para(v.Title, true, 19, colInk)
	d.Ln(3)
	d.facts([][2]string{
		{v.W.Scanned, v.ScannedAt}, {v.W.HomeJurisdiction, v.Home},
		{v.W.Reviewed, v.Reviewed}, {v.W.DataStores, fmt.Sprint(v.Total)},
	})
	d.fill(colCream)
	d.SetX(margin)
	d.font(true, 8.5)
	d.colour(colInk)
	d.CellFormat(textW, 6, v.Advisory, "", 1, "L", true, 0, "")
	d.Ln(4)

	d.para(v.W.Question, true, 8.5, colMuted)
	d.para(v.Answer.Question, false, 10.5, colInk)
	d.Ln(3)
	// The answer, with a bar in the colour of its verdict.
	y0 := d.GetY()
	d.indented(5, v.W.Answer, true, 8.5, colMuted)
	d.indented(5, v.Answer.Sentence, true, 12.5, colInk)
	c := catColour[verdictColour[string(v.Answer.Verdict)]]
	if c == (rgb{}) {
		c = catColour["unknown"]
	}
	d.fill(c)
	d.Rect(margin, y0, 2, d.GetY()-y0, "F")
	d.Ln(4)
	if len(v.Answer.Exceptions) > 0 {
		d.para(v.W.Exceptions, true, 10, colInk)
		d.Ln(1)
		for _, e := range v.Answer.Exceptions {
			d.bulletSize(8, e.Name, " ("+e.Kind+" · "+e.Provider+" · "+e.Account+")"+v.W.Colon+e.Why, catColour[report.CategoryKey(e.Category)])
		}
	}
}

// bullet writes one entry of a list: a coloured dot, a bold name, text.
func (d *doc) bullet(name, text string, c rgb) { d.bulletSize(9, name, text, c) }

func (d *doc) bulletSize(size float64, name, text string, c rgb) {
	h := size * 0.47
	d.room(2 * h)
	if c == (rgb{}) {
		c = colMuted
	}
	d.fill(c)
	d.Circle(margin+2, d.GetY()+h/2, size/9, "F")
	d.SetX(margin + 5)
	d.SetLeftMargin(margin + 5)
	d.font(true, size)
	d.colour(colInk)
	d.Write(h, name)
	d.font(false, size)
	d.Write(h, text)
	d.SetLeftMargin(margin)
	d.Ln(h + 0.9)
}

// facts writes a row of labelled boxes.
func (d *doc) facts(fs [][2]string) {
	w := textW / float64(len(fs))
	y := d.GetY()
	d.draw(colLine)
	d.SetLineWidth(0.2)
	d.Rect(margin, y, textW, 13, "D")
	for i, f := range fs {
		x := margin + float64(i)*w
		if i > 0 {
			d.Line(x, y, x, y+13)
		}
		d.SetXY(x+2.5, y+2)
		d.colour(colMuted)
		d.CellFormat(w-5, 3.5, d.fitLabel(strings.ToUpper(f[0]), w-5), "", 2, "L", false, 0, "")
		d.SetX(x + 2.5)
		d.font(true, 9)
		d.colour(colInk)
		d.CellFormat(w-5, 5, f[1], "", 0, "L", false, 0, "")
	}
	d.SetXY(margin, y+14)
}

// withTag adds a tag in parentheses to a name, inside the name's own when
// it ends with some: "European Union (exact country unknown, home)", not
// "… (exact country unknown) (home)".
func withTag(name, tag string) string {
	if strings.HasSuffix(name, ")") {
		return name[:len(name)-1] + ", " + tag + ")"
	}
	return name + " (" + tag + ")"
}

// fitLabel sets the font for a box's label, 7 points or smaller down to
// 5.5 so that it fits width (French labels run longer: "REVUE DE LA BASE
// DE CONNAISSANCES"), and cuts it with an ellipsis if even that is too
// wide, rather than letting it run into the next box.
func (d *doc) fitLabel(label string, width float64) string {
	for size := 7.0; size >= 5.5; size -= 0.5 {
		d.font(false, size)
		if d.GetStringWidth(label) <= width {
			return label
		}
	}
	r := []rune(label)
	for len(r) > 1 && d.GetStringWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

// advisory writes the advisory notice on cream, as the HTML report does.
func (d *doc) advisory() {
	v := d.v
	d.room(30)
	d.fill(colCream)
	d.SetX(margin)
	d.font(true, 9.5)
	d.colour(colInk)
	d.MultiCell(textW, 5, v.Advisory, "", "L", true)
	d.SetX(margin)
	d.font(false, 8.5)
	body := v.W.AdvisoryBody
	if v.KBChanged != "" {
		body += " " + v.KBChanged
	}
	d.MultiCell(textW, 4.2, body, "", "L", true)
}

// summary writes the counts by category and by territory.
func (d *doc) summary() {
	v := d.v
	d.heading(v.W.Summary, false)
	d.para(v.Headline, false, 10, colInk)
	d.Ln(2)
	for _, c := range v.Categories {
		d.bullet(fmt.Sprintf("%d · %s", c.Count, c.Label), " — "+c.Desc, catColour[c.Key])
	}
	d.Ln(2)
	d.para(v.W.WhereStored, true, 10, colInk)
	d.Ln(1)
	for _, c := range v.Countries {
		name := c.Name
		if c.HomeSoil {
			name = withTag(name, v.W.HomeTag)
		}
		d.indented(3, fmt.Sprintf("%s: %d", name, c.Total), false, 9, colInk)
	}
	d.Ln(2)
	d.para(v.W.JurisdictionsReach, true, 10, colInk)
	d.Ln(1)
	for _, j := range v.Jurisdictions {
		tag := v.W.HomeTag
		if j.Foreign {
			tag = v.W.ForeignTag
		}
		var laws []string
		for _, l := range j.Laws {
			laws = append(laws, l.Label)
		}
		d.indented(3, fmt.Sprintf("%s (%s, %s): %d — %s", j.Name, tag, j.Bases, j.Items, strings.Join(laws, "; ")), false, 9, colInk)
	}
}

// mapPage draws the map, when the pack has one.
func (d *doc) mapPage() {
	png := d.v.MapPNG
	if len(png) == 0 {
		return
	}
	opts := fpdf.ImageOptions{ImageType: "PNG", ReadDpi: false}
	d.RegisterImageOptionsReader("map", opts, bytes.NewReader(png))
	info := d.GetImageInfo("map")
	if info == nil || d.Err() {
		return
	}
	h := textW * info.Height() / info.Width()
	// The heading goes where the map fits under it, never alone at the
	// foot of a page (heading 14 mm, caption 12).
	d.room(h + 26)
	d.heading(d.v.W.Map, false)
	d.ImageOptions("map", margin, d.GetY(), textW, h, false, opts, 0, "")
	d.SetY(d.GetY() + h + 2)
	d.para(d.v.W.MapCaption, false, 8.5, colMuted)
}
