package webpage

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenURLs are the addresses the test pages came from.
var goldenURLs = map[string]string{
	"fr-ledevoir-trottinettes": "https://www.ledevoir.com/politique/montreal/573258/la-fin-des-trottinettes-en-libre-service-a-montreal",
	"es-24horas-boric":         "https://www.24horas.cl/politica/presidente-boric-inicia-gira-por-magallanes-este-miercoles-5287894",
	"en-wsvn-crash":            "https://wsvn.com/news/local/miami-dade/15-year-old-driver-killed-14-year-old-passenger-critical-in-sw-miami-dade-crash/",
	"jsonld-only":              "https://diario.example/mundo/cumbre-lima",
}

func goldenText(p *Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", p.Title)
	fmt.Fprintf(&b, "lang: %s\n", p.Lang)
	pub := ""
	if !p.Published.IsZero() {
		pub = p.Published.Format(time.RFC3339)
	}
	fmt.Fprintf(&b, "published: %s\n", pub)
	fmt.Fprintf(&b, "canonical: %s\n", p.Canonical)
	fmt.Fprintf(&b, "best_effort: %v\n", p.BestEffort)
	b.WriteString("\n")
	b.WriteString(p.Text)
	b.WriteString("\n")
	return b.String()
}

func TestGolden(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatal("no test pages")
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(page)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			p, err := Extract(f, goldenURLs[name])
			if err != nil {
				t.Fatal(err)
			}
			got := goldenText(p)
			golden := filepath.Join("testdata", name+".golden.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from what Extract returns; got:\n%s", golden, got)
			}
		})
	}
}

func TestExtractBadInput(t *testing.T) {
	navOnly := `<html><body><nav><a href="/">Home</a> <a href="/a">A</a></nav>` +
		`<ul><li><a href="/b">Bee</a></li><li><a href="/c">Sea</a></li></ul></body></html>`
	for _, tc := range []struct {
		name    string
		in      string
		wantErr error  // nil: no error expected
		want    string // substring of the text when no error
		best    bool
	}{
		{name: "empty", in: "", wantErr: ErrNotHTML},
		{name: "whitespace", in: " \n\t ", wantErr: ErrNotHTML},
		{name: "binary", in: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", wantErr: ErrNotHTML},
		{name: "plain text", in: "This is just a line of text, not a page.", wantErr: ErrNotHTML},
		{name: "navigation only", in: navOnly, wantErr: ErrNoText},
		{name: "empty body", in: "<!doctype html><html><head><title>T</title></head><body></body></html>", wantErr: ErrNoText},
		{
			name: "markup soup",
			in:   "<div><p>Unclosed <b>bold <i>and <table><td>cell text that is long enough to be taken as the prose of this page</div></b>",
			want: "cell text that is long enough", best: true,
		},
		{
			name: "nested too deep for the parser",
			in: "<html><head><title>Deep</title></head><body>" + strings.Repeat("<div>", 600) +
				"<p>The committee met on Tuesday and agreed to publish its report before the end of the month.</p>",
			want: "The committee met on Tuesday", best: true,
		},
		{
			name: "invalid utf-8 and control characters",
			in: "<html><head><meta charset=utf-8></head><body><p>Les ministres se sont r\xe9unis \x01\x02\x7f" +
				"lundi \xff\xfe pour discuter du budget de l'année prochaine et des réformes.</p></body></html>",
			want: "discuter du budget", best: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Extract(strings.NewReader(tc.in), "")
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("error %v, want %v", err, tc.wantErr)
				}
				if msg := err.Error(); msg != strings.ToLower(msg[:1])+msg[1:] {
					t.Errorf("error %q does not start in lower case", msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(p.Text, tc.want) {
				t.Errorf("text %q does not contain %q", p.Text, tc.want)
			}
			if p.BestEffort != tc.best {
				t.Errorf("BestEffort %v, want %v", p.BestEffort, tc.best)
			}
			for _, r := range p.Text {
				if r != '\n' && (r < 0x20 || r == 0x7f || r == '\uFFFD') {
					t.Errorf("text has control or replacement character %U: %q", r, p.Text)
					break
				}
			}
		})
	}
}

func TestExtractTooLarge(t *testing.T) {
	page := "<html><body><p>" + strings.Repeat("word ", 300) + "</p></body></html>"
	_, err := Extractor{MaxBytes: 1000}.Extract(strings.NewReader(page), "")
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}
	if !strings.Contains(err.Error(), "1000 bytes") {
		t.Errorf("error %q does not say the limit", err)
	}
	if _, err := (Extractor{MaxBytes: 10000}).Extract(strings.NewReader(page), ""); err != nil {
		t.Errorf("page under the limit: %v", err)
	}
}

// TestBoilerplateKinds checks each kind of boilerplate on a small page: the
// article paragraph stays, the boilerplate goes.
func TestBoilerplateKinds(t *testing.T) {
	const para = "The finance ministers of the euro area met in Brussels on Monday to discuss the budget rules, and agreed to meet again in March after a long night of talks."
	page := func(article string) string {
		return `<html><body><header><nav><a href="/">Home</a></nav></header><article><h1>Ministers meet</h1>` +
			"<p>" + para + "</p>" + article + "<p>" + para + "</p></article>" +
			`<footer>Contact us</footer></body></html>`
	}
	for _, tc := range []struct {
		name, article, gone string
	}{
		{"share buttons by class", `<div class="social-share"><span>Share on Facebook</span></div>`, "Share on Facebook"},
		{"related box by class", `<div class="related-articles"><p>Other story with a long teaser text here</p></div>`, "Other story"},
		{"lire aussi", `<p>Lire aussi : <a href="/x">Le budget européen</a></p>`, "Lire aussi"},
		{"te puede interesar", `<p>Te puede interesar: Otra noticia del día</p>`, "Te puede interesar"},
		{"read more box", `<div><h4>Keep Reading</h4><p>The latest on politics, from Brussels and beyond</p></div>`, "The latest on politics"},
		{"caption", `<figure><img src="x.jpg"><figcaption>The ministers in Brussels. Photo: AFP</figcaption></figure>`, "Photo: AFP"},
		{"byline", `<p>By Jane Doe</p>`, "Jane Doe"},
		{"date line", `<p>Published on March 3, 2021</p>`, "March 3"},
		{"list of links", `<ul><li><a href="/a">One link</a></li><li><a href="/b">Another link</a></li></ul>`, "One link"},
		{"newsletter", `<div class="newsletter-box"><p>Get our daily newsletter in your inbox</p></div>`, "daily newsletter"},
		{"comments", `<section id="comments"><p>Great article, thanks for writing it!</p></section>`, "Great article"},
		{"tags", `<div class="tags"><a href="/t/eu">EU</a> <a href="/t/budget">Budget</a></div>`, "Budget"},
		{"cookie banner", `<div id="cookie-consent"><p>We use cookies to give you the best experience on our site.</p></div>`, "cookies"},
		{"hidden", `<p style="display:none">Hidden teaser text for robots</p>`, "Hidden teaser"},
		{"vidéos associées", `<div><h3>Vidéos associées</h3><p>Une autre vidéo</p></div>`, "Vidéos associées"},
		{"archivé dans", `<p>Archivé dans : Europe, Budget</p>`, "Archivé dans"},
		{"reading time", `<p>4 min read</p>`, "4 min read"},
		{"copyright", `<p>© 2021 The Example Times. All rights reserved.</p>`, "All rights reserved"},
		{"author box", `<div class="author-bio"><p>Jane Doe has covered European affairs for the paper since 2015.</p></div>`, "covered European affairs"},
		{"tags list", `<div class="tags-list"><span>EU budget rules</span></div>`, "EU budget rules"},
		{"breadcrumb", `<div class="entry-crumbs"><span>Home</span> › <span>World</span></div>`, "World"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Extract(strings.NewReader(page(tc.article)), "")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(p.Text, para) {
				t.Errorf("article paragraph lost:\n%s", p.Text)
			}
			if strings.Contains(p.Text, tc.gone) {
				t.Errorf("boilerplate %q kept:\n%s", tc.gone, p.Text)
			}
			if strings.Contains(p.Text, "Contact us") || strings.Contains(p.Text, "Home") {
				t.Errorf("page furniture kept:\n%s", p.Text)
			}
		})
	}
}

// TestTaxonomyClasses checks that the classes a content system puts on an
// article ("tag-share", "category-comments") do not make it boilerplate.
func TestTaxonomyClasses(t *testing.T) {
	const para = "The central bank raised its main rate by half a point on Thursday, the third rise this year, citing prices that keep climbing faster than wages."
	page := `<html><body><div class="post-12 post type-post status-publish tag-share tag-comments category-sidebar">` +
		"<p>" + para + "</p><p>" + para + "</p></div>" +
		`<div class="sidebar"><p>Other news of the day, in a box beside the article, with some words.</p></div></body></html>`
	p, err := Extract(strings.NewReader(page), "")
	if err != nil {
		t.Fatal(err)
	}
	if want := para + "\n\n" + para; p.Text != want {
		t.Errorf("text\n%q\nwant\n%q", p.Text, want)
	}
}

func TestTextLayout(t *testing.T) {
	page := `<html><body><article>
<h2>Sub  heading</h2>
<p>First   paragraph
 of the text, with a soft­hyphen and a&nbsp;no-break space.</p>
<p>Second<br>paragraph after a line break.</p>
<ul><li>One item of a list that is prose rather than links</li><li>Another item of that list</li></ul>
<p>Nobody said <a href="/x">this</a> was <b>hard</b>.</p>
</article></body></html>`
	p, err := Extract(strings.NewReader(page), "")
	if err != nil {
		t.Fatal(err)
	}
	want := "Sub heading\n\nFirst paragraph of the text, with a softhyphen and a no-break space.\n\n" +
		"Second\n\nparagraph after a line break.\n\nOne item of a list that is prose rather than links\n\n" +
		"Another item of that list\n\nNobody said this was hard."
	if p.Text != want {
		t.Errorf("text\n%q\nwant\n%q", p.Text, want)
	}
}

func TestPlainText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain words", "plain words"},
		{"<p>One</p><p>Two</p>", "One\n\nTwo"},
		{"Line<br/>break", "Line\n\nbreak"},
		{"<script>x()</script><style>p{}</style>Text", "Text"},
		{"Caf&eacute; &amp; th&#233;", "Café & thé"},
		{"<div><p>Unclosed <b>tags", "Unclosed tags"},
		{"a\u00ad b\u200b c", "a b c"},
	} {
		if got := PlainText(tc.in); got != tc.want {
			t.Errorf("PlainText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      []byte
		want    string // substring of the decoded text
		charset string
	}{
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, "<p>été</p>"...), "<p>été</p>", "utf-8"},
		{"utf-16le bom", []byte{0xFF, 0xFE, '<', 0, 'p', 0, '>', 0, 0xE9, 0, '<', 0}, "<p>é<", "utf-16le"},
		{"meta charset", []byte("<meta charset=\"iso-8859-1\"><p>\xe9t\xe9</p>"), "été", "windows-1252"},
		{"http-equiv", []byte(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>l` + "\x92\xe9t\xe9 \x80</p>"), "l’été €", "windows-1252"},
		{"undeclared utf-8", []byte("<p>année</p>"), "année", "utf-8"},
		{"undeclared legacy", []byte("<p>ann\xe9e</p>"), "année", "windows-1252"},
		{"stale latin-1 declaration", []byte("<meta charset=iso-8859-1><p>année</p>"), "année", "utf-8"},
		{"declared utf-8 but legacy bytes", []byte("<meta charset=utf-8><p>ann\xe9e \xe0 la f\xeate</p>"), "année à la fête", "windows-1252"},
		{"meta charset after 1024 bytes", []byte("<head>" + strings.Repeat(" ", 2000) + "<meta charset=\"windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>"), "Привет", "windows-1251"},
		{"unknown charset", []byte("<meta charset=x-nonsense><p>année</p>"), "année", "utf-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, cs := decode(tc.in)
			if !strings.Contains(got, tc.want) {
				t.Errorf("decode = %q, want it to contain %q", got, tc.want)
			}
			if cs != tc.charset {
				t.Errorf("charset %q, want %q", cs, tc.charset)
			}
		})
	}
}

func TestMetadata(t *testing.T) {
	for _, tc := range []struct {
		name, head, url string
		want            Page
	}{
		{
			name: "open graph",
			head: `<html lang="fr-FR"><head><meta property="og:title" content="Le titre | Le Journal">` +
				`<meta property="og:site_name" content="Le Journal"><meta property="article:published_time" content="2020-01-14T10:30:00+01:00">` +
				`<link rel="canonical" href="/a/b"><meta name="author" content="Par Marie Curie"></head>`,
			url:  "https://journal.example/x?y=1",
			want: Page{Title: "Le titre", SiteName: "Le Journal", Lang: "fr", Author: "Marie Curie", Canonical: "https://journal.example/a/b", Published: time.Date(2020, 1, 14, 9, 30, 0, 0, time.UTC)},
		},
		{
			name: "og:locale and og:url",
			head: `<head><meta property="og:locale" content="es_AR"><meta property="og:url" content="https://diario.example/nota"><title>Titular</title></head>`,
			want: Page{Title: "Titular", Lang: "es", Canonical: "https://diario.example/nota"},
		},
		{
			name: "content-language and dc.date",
			head: `<head><meta http-equiv="Content-Language" content="en-GB"><meta name="DC.date" content="2019-06-01"></head>`,
			want: Page{Lang: "en", Published: time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC)},
		},
		{
			name: "time element",
			head: `<body><time datetime="2021-03-04T05:06:07Z">4 March</time></body>`,
			want: Page{Published: time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)},
		},
		{
			name: "json-ld in broken json",
			head: "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Two\nlines\",\"inLanguage\":\"fr\",\"datePublished\":\"2022-05-04\"}</script>",
			want: Page{Title: "Two lines", Lang: "fr", Published: time.Date(2022, 5, 4, 0, 0, 0, 0, time.UTC)},
		},
		{
			name: "site name in title",
			head: `<head><title>Minister resigns over leak - The Daily Example</title><meta property="og:site_name" content="The Daily Example"></head>`,
			want: Page{Title: "Minister resigns over leak", SiteName: "The Daily Example"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := tc.head + "<p>" + strings.Repeat("Some words of the article body. ", 20) + "</p>"
			p, err := Extract(strings.NewReader(page), tc.url)
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tc.want.Title || p.Lang != tc.want.Lang || p.Author != tc.want.Author ||
				p.SiteName != tc.want.SiteName || p.Canonical != tc.want.Canonical || !p.Published.Equal(tc.want.Published) {
				t.Errorf("got title %q lang %q author %q site %q canonical %q published %v\nwant title %q lang %q author %q site %q canonical %q published %v",
					p.Title, p.Lang, p.Author, p.SiteName, p.Canonical, p.Published,
					tc.want.Title, tc.want.Lang, tc.want.Author, tc.want.SiteName, tc.want.Canonical, tc.want.Published)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // RFC 3339, "" for no date
	}{
		{"2020-01-14T10:30:00+01:00", "2020-01-14T10:30:00+01:00"},
		{"2020-01-14T10:30:00.123Z", "2020-01-14T10:30:00Z"},
		{"2020-01-14T10:30:00+0100", "2020-01-14T10:30:00+01:00"},
		{"2020-01-14 10:30:00", "2020-01-14T10:30:00Z"},
		{"2020-01-14", "2020-01-14T00:00:00Z"},
		{"Tue, 14 Jan 2020 10:30:00 GMT", "2020-01-14T10:30:00Z"},
		{"1579000000", "2020-01-14T11:06:40Z"},
		{"January 14, 2020", "2020-01-14T00:00:00Z"},
		{"14/01/2020", ""}, // day or month first: not guessed
		{"hier", ""},
		{"0001-01-01", ""},
	} {
		got := ""
		if d, ok := parseDate(tc.in); ok {
			got = d.Format(time.RFC3339)
		}
		if got != tc.want {
			t.Errorf("parseDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLabels(t *testing.T) {
	for _, tc := range []struct {
		text string
		date bool
		boil bool
	}{
		{"Publié le 12 janvier 2020 à 10h30", true, false},
		{"Actualizado el 4 de mayo de 2022 - 00:38", true, false},
		{"Posted on April 29, 2022", true, false},
		{"04.05.2022", true, false},
		{"8 de agosto a 7 de octubre", false, false},
		{"+81 158-23-2012", false, false},
		{"The meeting on May 4 ended early.", false, false},
		{"By Jane Doe and John Roe", false, true},
		{"Por Juan Pérez", false, true},
		{"Por eso la reunión terminó tarde", false, false},
		{"Lire aussi : Le budget", false, true},
		{"Te puede interesar", false, true},
		{"Crédits photos : AFP", false, true},
		{"12 comments", false, true},
		{"Share", false, true},
		{"Ministers met on Monday.", false, false},
	} {
		if got := dateLine(tc.text); got != tc.date {
			t.Errorf("dateLine(%q) = %v, want %v", tc.text, got, tc.date)
		}
		if got := boilerText(tc.text); got != tc.boil {
			t.Errorf("boilerText(%q) = %v, want %v", tc.text, got, tc.boil)
		}
	}
}

func TestSplitWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"shareButtons", "share buttons"},
		{"article-body__content", "article body content"},
		{"post-123 type_post", "post type post"},
		{"", ""},
	} {
		if got := strings.Join(splitWords(tc.in), " "); got != tc.want {
			t.Errorf("splitWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLangTag(t *testing.T) {
	for in, want := range map[string]string{"fr-FR": "fr", "es_AR": "es", "EN": "en", "en-US,fr": "en", "x": "", "français": "", "": ""} {
		if got := LangTag(in); got != want {
			t.Errorf("LangTag(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	page, err := os.ReadFile(filepath.Join("testdata", "fr-ledevoir-trottinettes.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(bytes.NewReader(page), ""); err != nil {
			b.Fatal(err)
		}
	}
}
