package feed

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// item is Item with the time as text, to compare.
type item struct {
	GUID, Link, Title, Author, Lang, Published, Summary, Content string
	HTML                                                         bool
}

func flatten(it Item) item {
	pub := ""
	if !it.Published.IsZero() {
		pub = it.Published.Format(time.RFC3339)
	}
	return item{it.GUID, it.Link, it.Title, it.Author, it.Lang, pub, it.Summary, it.Content, it.HTML}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		file              string
		title, link, lang string
		items             []item
	}{
		{
			file: "rss2.xml", title: "Le Journal d’essai — International", link: "https://journal.example/international", lang: "fr",
			items: []item{
				{
					GUID: "journal-42001", Link: "https://journal.example/international/budget-2024",
					Title: "Le Parlement européen adopte le budget 2024", Author: "Marie Lefèvre", Lang: "fr",
					Published: "2023-11-14T18:30:00+01:00",
					Summary:   "Les députés ont voté mardi à Strasbourg.\n\nLe texte doit encore être approuvé par le Conseil.",
					Content: "Les députés européens ont adopté mardi, à Strasbourg, le budget de l’Union pour 2024, par 411 voix contre 120.\n\n" +
						"Le Conseil doit encore l’approuver.\n\nUn vote est prévu le 22 novembre.",
					HTML: true,
				},
				{
					GUID: "https://journal.example/international/madrid-rabat", Link: "https://journal.example/international/madrid-rabat",
					Title: "Madrid y Rabat firman un acuerdo migratorio", Author: "Ana Ruiz", Lang: "es",
					Published: "2023-11-13T09:00:00Z",
					Summary:   "El ministro del Interior firmó el lunes en Rabat un acuerdo de cooperación.\n\nEntrará en vigor en enero.",
				},
				{Link: "https://journal.example/international/breves", Title: "Brèves", Lang: "fr"},
			},
		},
		{
			file: "atom.xml", title: "World desk", link: "https://news.example/world", lang: "en",
			items: []item{
				{
					GUID: "tag:news.example,2023:doha-talks", Link: "https://news.example/world/doha-talks",
					Title: "Ceasefire talks resume in Doha", Author: "Sam Carter, Priya Nair", Lang: "en",
					Published: "2023-11-15T07:45:00+03:00",
					Summary:   "Negotiators met again on Wednesday.",
					Content:   "Negotiators from both sides met again in Doha on Wednesday, officials said.\n\nA statement is expected tonight.",
					HTML:      true,
				},
				{
					GUID: "tag:news.example,2023:peru", Link: "https://news.example/world/peru-emergencia",
					Title: "Perú declara el estado de emergencia en Lima", Lang: "es",
					Published: "2023-11-14T22:10:00-05:00",
					Summary:   "El Gobierno declaró el estado de emergencia por sesenta días.",
					HTML:      true,
				},
				{
					GUID: "tag:news.example,2023:quebec", Link: "https://news.example/world/quebec-greve",
					Title: "Québec : grève dans les écoles", Lang: "fr",
					Published: "2023-11-14T12:00:00-05:00",
					Content:   "Les enseignants ont débrayé mardi. Le mouvement doit durer trois jours.",
				},
			},
		},
		{
			file: "rdf.xml", title: "Noticias de prueba", link: "https://noticias.example/", lang: "es",
			items: []item{
				{
					Link: "https://noticias.example/a", Title: "El Senado aprueba la reforma electoral", Author: "Luis García", Lang: "es",
					Published: "2023-11-10T14:00:00-06:00",
					Summary:   "La reforma fue aprobada con 70 votos a favor y 50 en contra.",
				},
				{
					Link: "https://noticias.example/b", Title: "Protestas en Oaxaca", Lang: "es",
					Published: "2023-11-09T00:00:00Z",
					Summary:   "Maestros bloquean carreteras & exigen aumento salarial.",
					HTML:      true,
				},
			},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := Parse(f)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tc.title || got.Link != tc.link || got.Lang != tc.lang {
				t.Errorf("feed %q %q %q, want %q %q %q", got.Title, got.Link, got.Lang, tc.title, tc.link, tc.lang)
			}
			if len(got.Items) != len(tc.items) {
				t.Fatalf("%d items, want %d", len(got.Items), len(tc.items))
			}
			for i, want := range tc.items {
				if g := flatten(got.Items[i]); g != want {
					t.Errorf("item %d:\n got %+v\nwant %+v", i, g, want)
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	truncated, err := os.ReadFile(filepath.Join("testdata", "truncated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		in   []byte
		is   error  // sentinel expected, or nil
		msg  string // substring of the message
	}{
		{"truncated feed", truncated, nil, "truncated: XML syntax error on line 26: unexpected EOF"},
		{"empty", nil, ErrNotFeed, "not an rss, atom or rdf feed"},
		{"html page", []byte("<!DOCTYPE html><html><body><p>Hello</p></body></html>"), ErrNotFeed, "parse feed"},
		{"json", []byte(`{"version": "https://jsonfeed.org/version/1", "items": []}`), ErrNotFeed, "parse feed"},
		{"broken markup", []byte("<rss version=\"2.0\"><channel><title>T</title><item <<< </channel></rss>"), nil, "parse feed"},
		{"unclosed comment", []byte("<!-- never closed <rss>"), ErrNotFeed, "parse feed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseBytes(tc.in)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v, want %v", err, tc.is)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "parse feed: ") || !strings.Contains(msg, tc.msg) || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line starting with \"parse feed: \" and containing %q", msg, tc.msg)
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	big := padded("<rss version=\"2.0\"><channel>", "<!-- padding -->", DefaultMaxBytes)
	_, err := Parse(bytes.NewReader(big))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}
}

// padded returns head followed by pad repeated until the result is longer
// than n bytes.
func padded(head, pad string, n int) []byte {
	b := make([]byte, 0, n+len(head)+len(pad))
	b = append(b, head...)
	for len(b) <= n {
		b = append(b, pad...)
	}
	return b
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name string
		head string
		want bool
	}{
		{"rss", `<?xml version="1.0"?><rss version="2.0">`, true},
		{"atom", "\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", true},
		{"rdf", `<?xml version="1.0"?><!-- x --><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, true},
		{"bom and stylesheet", "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"a.xsl\"?>\n<rss>", true},
		{"doctype", `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x.dtd"><rss version="0.91">`, true},
		{"utf-16", "\xff\xfe<\x00r\x00s\x00s\x00>\x00", true},
		{"cut after root name", `<rss`, true},
		{"html", `<!DOCTYPE html><html lang="en">`, false},
		{"xhtml", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`, false},
		{"other xml", `<?xml version="1.0"?><urlset>`, false},
		{"rss-like name", `<rssfeed>`, false},
		{"json feed", `{"version":"https://jsonfeed.org/version/1.1"}`, false},
		{"cut in declaration", `<?xml version="1.0" enc`, false},
		{"empty", ``, false},
	} {
		if got := Detect([]byte(tc.head)); got != tc.want {
			t.Errorf("%s: Detect(%q) = %v, want %v", tc.name, tc.head, got, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom.xml", "rdf.xml", "truncated.xml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<rss><channel><item><description>&lt;p&gt;x</description></item></channel></rss>`))
	f.Add([]byte(`<feed><entry xml:lang="zz-ZZ"><content type="xhtml"><div><p>a</p></div></content></entry></feed>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		start := time.Now()
		feed, err := ParseBytes(b)
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("ParseBytes took %v on %d bytes", d, len(b))
		}
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "parse feed: ") || strings.Contains(msg, "\n") {
				t.Fatalf("error %q is not one line starting with \"parse feed: \"", msg)
			}
			return
		}
		for _, it := range feed.Items {
			for _, s := range []string{it.Title, it.Summary, it.Content, it.Author, it.Lang} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %q", s)
				}
			}
		}
	})
}
