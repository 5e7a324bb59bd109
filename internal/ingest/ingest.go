// Package ingest turns outside input into articles: text files, HTML pages,
// RSS/Atom feeds, JSONL (one article a line), directories and standard
// input. Every problem with an input is reported as one error naming the
// input (and line) and what is wrong; the rest of the batch goes on.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/dyad-events/dyad/internal/ingest/feed"
	"github.com/dyad-events/dyad/internal/ingest/webpage"
	"github.com/dyad-events/dyad/internal/model"
)

// Limits on what one input may hold.
const (
	// MaxArticleBytes bounds the text of one article (a .txt file, an HTML
	// page, a JSONL line).
	MaxArticleBytes = 16 << 20
	// MaxFileBytes bounds a text or HTML file; JSONL and feeds are read as
	// streams and bounded per line or item.
	MaxFileBytes = 32 << 20
)

// Errors callers can test for.
var (
	ErrEmpty    = errors.New("empty input")
	ErrBinary   = errors.New("binary data, not text")
	ErrEncoding = errors.New("invalid UTF-8")
	ErrTooLarge = errors.New("too large")
	ErrFormat   = errors.New("bad format")
)

// InputError is a problem with one input: a file, or a line of a JSONL file.
type InputError struct {
	Origin string // file name, or file:line
	Err    error
}

func (e *InputError) Error() string { return e.Origin + ": " + e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Format is the kind of an input.
type Format string

// Input formats.
const (
	FormatAuto  Format = ""
	FormatText  Format = "text"
	FormatHTML  Format = "html"
	FormatJSONL Format = "jsonl"
	FormatFeed  Format = "feed"
)

// Options steer reading.
type Options struct {
	// Format forces the format of every input; "" detects it from the file
	// name and content.
	Format Format
	// Lang is a language to give articles that do not say theirs ("" to detect).
	Lang string
	// Stdin is read for the path "-".
	Stdin io.Reader
}

// Handler receives each article, or the error of an input that gave none.
// Returning an error stops reading.
type Handler func(a *model.Article, err error) error

// Read reads every path (files, directories recursively, "-" for standard
// input) and calls h for each article or bad input.
func Read(ctx context.Context, paths []string, opt Options, h Handler) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p == "-" {
			in := opt.Stdin
			if in == nil {
				in = os.Stdin
			}
			if err := readStream(ctx, "stdin", in, opt, h); err != nil {
				return err
			}
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			if err := h(nil, &InputError{Origin: p, Err: errors.Unwrap(err)}); err != nil {
				return err
			}
			continue
		}
		if st.IsDir() {
			if err := readDir(ctx, p, opt, h); err != nil {
				return err
			}
			continue
		}
		if err := readFile(ctx, p, st.Size(), opt, h); err != nil {
			return err
		}
	}
	return nil
}

// Files lists the files Read would read under paths, for progress bars.
func Files(paths []string) (n int, size int64) {
	for _, p := range paths {
		if p == "-" {
			continue
		}
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && wanted(path) {
				n++
				if info, err := d.Info(); err == nil {
					size += info.Size()
				}
			}
			return nil
		})
	}
	return n, size
}

func wanted(path string) bool {
	base := filepath.Base(path)
	if strings.HasPrefix(base, ".") {
		return false
	}
	return detectByName(path) != FormatAuto
}

func readDir(ctx context.Context, dir string, opt Options, h Handler) error {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return h(nil, &InputError{Origin: path, Err: err})
		}
		if d.IsDir() {
			if path != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if wanted(path) || opt.Format != FormatAuto {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			if err := h(nil, &InputError{Origin: f, Err: err}); err != nil {
				return err
			}
			continue
		}
		if err := readFile(ctx, f, st.Size(), opt, h); err != nil {
			return err
		}
	}
	return nil
}

func detectByName(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text":
		return FormatText
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".jsonl", ".ndjson", ".json":
		return FormatJSONL
	case ".rss", ".atom", ".xml":
		return FormatFeed
	}
	return FormatAuto
}

// detect sniffs the format from the first bytes.
func detect(head []byte) Format {
	h := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	switch {
	case len(h) > 0 && h[0] == '{':
		return FormatJSONL
	case feed.Detect(h):
		return FormatFeed
	case bytes.HasPrefix(bytes.ToLower(h), []byte("<!doctype html")), bytes.HasPrefix(bytes.ToLower(h), []byte("<html")),
		bytes.Contains(bytes.ToLower(h[:min(len(h), 1024)]), []byte("<body")), bytes.Contains(bytes.ToLower(h[:min(len(h), 1024)]), []byte("<p>")):
		return FormatHTML
	}
	return FormatText
}

func readFile(ctx context.Context, path string, size int64, opt Options, h Handler) error {
	f, err := os.Open(path)
	if err != nil {
		return h(nil, &InputError{Origin: path, Err: err})
	}
	defer f.Close()
	format := opt.Format
	if format == FormatAuto {
		format = detectByName(path)
	}
	if format == FormatAuto || format == FormatJSONL && strings.EqualFold(filepath.Ext(path), ".json") {
		br := bufio.NewReader(f)
		head, _ := br.Peek(4096)
		if format == FormatAuto {
			format = detect(head)
		}
		return readAs(ctx, path, br, size, format, opt, h)
	}
	return readAs(ctx, path, f, size, format, opt, h)
}

func readStream(ctx context.Context, name string, r io.Reader, opt Options, h Handler) error {
	br := bufio.NewReader(r)
	format := opt.Format
	if format == FormatAuto {
		head, _ := br.Peek(4096)
		format = detect(head)
	}
	return readAs(ctx, name, br, -1, format, opt, h)
}

func readAs(ctx context.Context, name string, r io.Reader, size int64, format Format, opt Options, h Handler) error {
	switch format {
	case FormatJSONL:
		return readJSONL(ctx, name, r, opt, h)
	case FormatFeed:
		return readFeed(name, r, size, opt, h)
	}
	if size > MaxFileBytes {
		return h(nil, &InputError{Origin: name, Err: fmt.Errorf("%w: %s is over the %s limit for one article", ErrTooLarge, humanBytes(size), humanBytes(MaxFileBytes))})
	}
	b, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return h(nil, &InputError{Origin: name, Err: err})
	}
	if len(b) > MaxFileBytes {
		return h(nil, &InputError{Origin: name, Err: fmt.Errorf("%w: over the %s limit for one article", ErrTooLarge, humanBytes(MaxFileBytes))})
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return h(nil, &InputError{Origin: name, Err: ErrEmpty})
	}
	if format == FormatHTML {
		a, err := fromHTML(name, b)
		if err != nil {
			return h(nil, &InputError{Origin: name, Err: err})
		}
		if a.Lang == "" {
			a.Lang = opt.Lang
		}
		return h(a, nil)
	}
	txt, err := cleanText(b)
	if err != nil {
		return h(nil, &InputError{Origin: name, Err: err})
	}
	a := &model.Article{Text: txt, Origin: name, Lang: opt.Lang, Source: "file"}
	a.Title = firstLine(txt)
	a.ID = ContentID(txt)
	return h(a, nil)
}

func fromHTML(name string, b []byte) (*model.Article, error) {
	if isBinary(b) {
		return nil, ErrBinary
	}
	p, err := webpage.Extract(bytes.NewReader(b), "")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	txt := Normalize(p.Text)
	if strings.TrimSpace(txt) == "" {
		return nil, fmt.Errorf("%w: no main text found in the page", ErrEmpty)
	}
	a := &model.Article{Text: txt, Title: p.Title, URL: p.Canonical, Lang: p.Lang, Published: p.Published, Origin: name, Source: p.SiteName}
	if a.URL != "" {
		a.Source = outletOf(a.URL, a.Source)
	}
	a.ID = ContentID(txt)
	return a, nil
}

// jsonArticle is one line of a JSONL input.
type jsonArticle struct {
	ID        *json.RawMessage `json:"id"`
	URL       string           `json:"url"`
	Title     string           `json:"title"`
	Lang      string           `json:"lang"`
	Published string           `json:"published"`
	Date      string           `json:"date"`
	Source    string           `json:"source"`
	Text      *string          `json:"text"`
}

func readJSONL(ctx context.Context, name string, r io.Reader, opt Options, h Handler) error {
	br := bufio.NewReaderSize(r, 1<<16)
	n := 0
	any := false
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, err := readLine(br, MaxArticleBytes)
		if err != nil && !errors.Is(err, io.EOF) {
			n++
			if errors.Is(err, ErrTooLarge) {
				if herr := h(nil, &InputError{Origin: fmt.Sprintf("%s:%d", name, n), Err: err}); herr != nil {
					return herr
				}
				continue
			}
			return h(nil, &InputError{Origin: fmt.Sprintf("%s:%d", name, n), Err: err})
		}
		if len(line) == 0 && errors.Is(err, io.EOF) {
			break
		}
		n++
		origin := fmt.Sprintf("%s:%d", name, n)
		last := errors.Is(err, io.EOF)
		if len(bytes.TrimSpace(line)) == 0 {
			if last {
				break
			}
			continue
		}
		any = true
		a, perr := parseJSONLine(line, origin, last)
		if perr != nil {
			if herr := h(nil, &InputError{Origin: origin, Err: perr}); herr != nil {
				return herr
			}
		} else {
			if a.Lang == "" {
				a.Lang = opt.Lang
			}
			if herr := h(a, nil); herr != nil {
				return herr
			}
		}
		if last {
			break
		}
	}
	if !any {
		return h(nil, &InputError{Origin: name, Err: ErrEmpty})
	}
	return nil
}

// readLine reads one line, refusing lines longer than max (the rest of the
// line is skipped).
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > max {
			// skip to the end of the line
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			return nil, fmt.Errorf("%w: line over the %s limit for one article", ErrTooLarge, humanBytes(int64(max)))
		}
		buf = append(buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			return buf, err
		}
		return buf, nil
	}
}

func parseJSONLine(line []byte, origin string, last bool) (*model.Article, error) {
	if !utf8.Valid(line) {
		return nil, fmt.Errorf("%w in the line", ErrEncoding)
	}
	var ja jsonArticle
	if err := json.Unmarshal(line, &ja); err != nil {
		msg := err.Error()
		var se *json.SyntaxError
		if errors.As(err, &se) && last && !bytes.HasSuffix(bytes.TrimSpace(line), []byte("}")) || strings.Contains(msg, "unexpected end") {
			return nil, fmt.Errorf("%w: truncated JSON line (%s)", ErrFormat, msg)
		}
		return nil, fmt.Errorf("%w: not a JSON object (%s)", ErrFormat, msg)
	}
	if ja.Text == nil {
		return nil, fmt.Errorf("%w: no \"text\" field", ErrFormat)
	}
	txt := Normalize(*ja.Text)
	if strings.TrimSpace(txt) == "" {
		return nil, fmt.Errorf("%w: \"text\" is empty", ErrEmpty)
	}
	a := &model.Article{Text: txt, URL: ja.URL, Title: ja.Title, Lang: ja.Lang, Source: ja.Source, Origin: origin}
	if ja.ID != nil {
		var s string
		if err := json.Unmarshal(*ja.ID, &s); err == nil {
			a.ID = s
		} else {
			a.ID = strings.Trim(string(*ja.ID), `"`)
		}
	}
	pub := ja.Published
	if pub == "" {
		pub = ja.Date
	}
	if pub != "" {
		t, err := ParseDate(pub)
		if err != nil {
			return nil, fmt.Errorf("%w: \"published\": %v", ErrFormat, err)
		}
		a.Published = t
	}
	if a.Source == "" && a.URL != "" {
		a.Source = outletOf(a.URL, "")
	}
	if a.ID == "" {
		a.ID = ContentID(txt)
	}
	return a, nil
}

// cleanText checks and normalises the bytes of a text file.
func cleanText(b []byte) (string, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if isBinary(b) {
		return "", ErrBinary
	}
	if !utf8.Valid(b) {
		off := 0
		for off < len(b) {
			r, n := utf8.DecodeRune(b[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		return "", fmt.Errorf("%w at byte %d (convert the file to UTF-8, e.g. iconv -f windows-1252 -t utf-8)", ErrEncoding, off)
	}
	return Normalize(string(b)), nil
}

// isBinary: NUL bytes, or many control characters, in the first 8 KB.
func isBinary(b []byte) bool {
	head := b
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	return len(head) > 0 && ctrl*100/len(head) > 5
}

// Normalize makes text NFC, turns CRLF into LF, drops control characters
// and trailing spaces, and trims the whole: what every article's text goes through
// before coding, from a file, a feed or the watcher.
func Normalize(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\r':
			continue
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == utf8.RuneError:
			b.WriteRune(' ')
		case unicode.IsControl(r):
			continue
		default:
			b.WriteRune(r)
		}
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// ContentID is the id of an article that brings none: a hash of its text.
func ContentID(txt string) string {
	h := sha1.Sum([]byte(txt))
	return hex.EncodeToString(h[:8])
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return strings.TrimSpace(s)
}

// outletOf is the outlet of an address, else fallback.
func outletOf(u, fallback string) string {
	if o := model.Outlet(u); o != "" {
		return o
	}
	return fallback
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ParseDate reads a publication date in the forms news data uses.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123, "20060102", "2006/01/02", "02/01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised date %q (want YYYY-MM-DD or RFC 3339)", s)
}
