package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/model"
)

type collected struct {
	arts []*model.Article
	errs []error
}

func readAll(t *testing.T, paths []string, opt Options) collected {
	t.Helper()
	var c collected
	err := Read(context.Background(), paths, opt, func(a *model.Article, err error) error {
		if err != nil {
			c.errs = append(c.errs, err)
			return nil
		}
		c.arts = append(c.arts, a)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return c
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadText(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.txt", "\ufeffLe ministre russe\r\nest arrivé.\x07\n")
	c := readAll(t, []string{p}, Options{})
	if len(c.errs) != 0 || len(c.arts) != 1 {
		t.Fatalf("got %d articles, errors %v", len(c.arts), c.errs)
	}
	a := c.arts[0]
	if a.Text != "Le ministre russe\nest arrivé." {
		t.Errorf("text %q: want BOM, CR and control characters removed", a.Text)
	}
	if a.ID == "" || a.ID != ContentID(a.Text) || a.Origin != p {
		t.Errorf("id %q origin %q", a.ID, a.Origin)
	}
}

// TestBadInputs: each bad input gives one error naming it (and the line),
// and the good inputs of the same batch still come through.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "good.txt", "Cuba and China signed an agreement.")
	empty := write(t, dir, "empty.txt", "  \n\n")
	binary := write(t, dir, "binary.txt", "ELF\x00\x01\x02\x03 some text")
	latin1 := write(t, dir, "latin1.txt", "Le minist\xe8re a d\xe9clar\xe9")
	huge := filepath.Join(dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(200 << 20); err != nil { // a sparse 200 MB file
		t.Fatal(err)
	}
	f.Close()
	jsonl := write(t, dir, "batch.jsonl", `{"id": "a1", "text": "Russia and Cuba signed a deal.", "lang": "en", "published": "2024-03-08"}
not json at all
{"id": "a3", "title": "no text here"}
{"id": "a4", "text": "Venezuela protested.", "published": "yesterday"}

{"id": "a6", "text": "The last good line."}
{"id": "a7", "text": "truncated li`)
	missing := filepath.Join(dir, "missing.txt")
	c := readAll(t, []string{good, empty, binary, latin1, huge, jsonl, missing}, Options{})
	wantErrs := []struct {
		origin string
		is     error
		words  string
	}{
		{empty, ErrEmpty, "empty"},
		{binary, ErrBinary, "binary"},
		{latin1, ErrEncoding, "invalid UTF-8 at byte"},
		{huge, ErrTooLarge, "200 MB"},
		{jsonl + ":2", ErrFormat, "not a JSON object"},
		{jsonl + ":3", ErrFormat, `no "text" field`},
		{jsonl + ":4", ErrFormat, "unrecognised date"},
		{jsonl + ":7", ErrFormat, "truncated"},
		{missing, nil, "no such file"},
	}
	if len(c.errs) != len(wantErrs) {
		for _, e := range c.errs {
			t.Log(e)
		}
		t.Fatalf("got %d errors, want %d", len(c.errs), len(wantErrs))
	}
	for i, w := range wantErrs {
		err := c.errs[i]
		var ie *InputError
		if !errors.As(err, &ie) || ie.Origin != w.origin {
			t.Errorf("error %d %q: want it to name %s", i, err, w.origin)
		}
		if w.is != nil && !errors.Is(err, w.is) {
			t.Errorf("error %q: want %v", err, w.is)
		}
		if !strings.Contains(err.Error(), w.words) {
			t.Errorf("error %q: want it to say %q", err, w.words)
		}
		if strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("error %q is more than one line", err)
		}
	}
	var ids []string
	for _, a := range c.arts {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, ","); got != ContentID("Cuba and China signed an agreement.")+",a1,a6" {
		t.Errorf("articles %s: want the good file and JSONL lines 1 and 6", got)
	}
	if c.arts[1].Lang != "en" || c.arts[1].Published.Format("2006-01-02") != "2024-03-08" {
		t.Errorf("JSONL metadata lost: %+v", c.arts[1])
	}
}

func TestReadDirAndStdin(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b/one.txt", "Cuba and Russia met.")
	write(t, dir, "a/two.jsonl", `{"text": "Chile protested."}`+"\n")
	write(t, dir, "a/.hidden.txt", "ignored")
	write(t, dir, "a/notes.md", "ignored too")
	c := readAll(t, []string{dir}, Options{})
	if len(c.errs) != 0 || len(c.arts) != 2 {
		t.Fatalf("dir: %d articles, errors %v", len(c.arts), c.errs)
	}
	if c.arts[0].Text != "Chile protested." {
		t.Errorf("files are read in name order: got %q first", c.arts[0].Text)
	}
	c = readAll(t, []string{"-"}, Options{Stdin: strings.NewReader(`{"text": "one"}` + "\n" + `{"text": "two"}`)})
	if len(c.arts) != 2 || c.arts[1].Origin != "stdin:2" {
		t.Fatalf("stdin JSONL: %+v %v", c.arts, c.errs)
	}
	c = readAll(t, []string{"-"}, Options{Stdin: strings.NewReader("Plain text from a pipe.")})
	if len(c.arts) != 1 || c.arts[0].Text != "Plain text from a pipe." {
		t.Fatalf("stdin text: %+v %v", c.arts, c.errs)
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2024-03-08", "2024-03-08T10:00:00Z", "2024-03-08 10:00:00", "Fri, 08 Mar 2024 10:00:00 +0000"} {
		d, err := ParseDate(s)
		if err != nil || d.Format("2006-01-02") != "2024-03-08" {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	if _, err := ParseDate("last week"); err == nil {
		t.Error("ParseDate accepted nonsense")
	}
}

// FuzzJSONLine: no line of JSONL input makes the reader panic, and an
// article always has text and an id.
func FuzzJSONLine(f *testing.F) {
	f.Add([]byte(`{"text": "x", "id": 3}`), true)
	f.Add([]byte(`{"text": null}`), false)
	f.Add([]byte(`{"text": "a", "published": "2024-01-01"`), true)
	f.Add([]byte("\xff\xfe"), false)
	f.Fuzz(func(t *testing.T, line []byte, last bool) {
		a, err := parseJSONLine(line, "f:1", last)
		if err == nil && (a.ID == "" || strings.TrimSpace(a.Text) == "") {
			t.Fatalf("article without id or text: %+v", a)
		}
	})
}

func TestReadFeed(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "news.rss", `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Noticias</title><language>es</language>
<item><title>Colombia y Venezuela firman un acuerdo</title><link>https://example.org/a</link>
<description>&lt;p&gt;Los cancilleres de Colombia y Venezuela firmaron el viernes un acuerdo.&lt;/p&gt;</description>
<pubDate>Fri, 08 Mar 2024 10:00:00 +0000</pubDate></item>
<item><title></title><description></description></item>
</channel></rss>`)
	c := readAll(t, []string{p}, Options{})
	if len(c.arts) != 1 || len(c.errs) != 1 {
		t.Fatalf("articles %d errors %v", len(c.arts), c.errs)
	}
	a := c.arts[0]
	if a.Lang != "es" || a.URL != "https://example.org/a" || a.Published.Format("2006-01-02") != "2024-03-08" || a.Source != "example.org" {
		t.Errorf("feed item metadata: %+v", a)
	}
	if !strings.HasPrefix(a.Text, "Colombia y Venezuela firman un acuerdo\n\nLos cancilleres") || strings.Contains(a.Text, "<p>") {
		t.Errorf("feed item text %q: want the title then the description as text", a.Text)
	}
	if !strings.Contains(c.errs[0].Error(), "news.rss#2") {
		t.Errorf("empty item error %q should name the item", c.errs[0])
	}
	broken := write(t, dir, "broken.xml", `<rss><channel><item><title>x`)
	c = readAll(t, []string{broken}, Options{})
	if len(c.errs) != 1 || !strings.Contains(c.errs[0].Error(), "broken.xml") {
		t.Errorf("broken feed: %v", c.errs)
	}
}
