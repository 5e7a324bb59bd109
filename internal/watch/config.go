package watch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"
)

// Kinds of source.
const (
	// KindFeed is an RSS, RDF or Atom feed whose new items are coded.
	KindFeed = "feed"
	// KindPage is a web page whose main text is coded each time it changes.
	KindPage = "page"
)

// Bounds of a configuration.
const (
	MinInterval     = time.Minute
	MaxInterval     = 7 * 24 * time.Hour
	DefaultInterval = 15 * time.Minute
	MaxSources      = 2000
	maxConfigLine   = 4096
)

// ErrConfig is wrapped by every error in a configuration file.
var ErrConfig = errors.New("bad feeds file")

// Source is one feed or page to follow.
type Source struct {
	URL      string
	Kind     string        // KindFeed or KindPage
	Interval time.Duration // time between polls; 0 means the watcher's default
	// Lang is the language of the source's articles when they do not say
	// it ("" to take the feed's word or detect it).
	Lang string
	// Line is where the source is in its configuration file, for messages.
	Line int
}

// ParseConfig reads a feeds file (docs/DESIGN.md, "Following feeds"): one
// source a line, its address first, then in any order an interval (a Go
// duration such as 10m or 2h), a two-letter language and the word "page"
// for a web page rather than a feed. # starts a comment; blank lines are
// skipped. name is used in messages.
//
//	# world news
//	https://www.example.org/international/rss.xml   15m  fr
//	https://news.example.com/world/atom.xml         10m
//	https://example.net/live/ukraine.html           1h   en  page
func ParseConfig(r io.Reader, name string) ([]Source, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxConfigLine)
	var out []Source
	seen := map[string]int{}
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			line = line[:i]
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		src, err := parseSource(fields)
		if err != nil {
			return nil, fmt.Errorf("%w: %s:%d: %v", ErrConfig, name, n, err)
		}
		src.Line = n
		if first, dup := seen[src.URL]; dup {
			return nil, fmt.Errorf("%w: %s:%d: %s is already on line %d", ErrConfig, name, n, src.URL, first)
		}
		seen[src.URL] = n
		if len(out) == MaxSources {
			return nil, fmt.Errorf("%w: %s:%d: more than %d sources", ErrConfig, name, n, MaxSources)
		}
		out = append(out, src)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%w: %s:%d: line longer than %d bytes", ErrConfig, name, n+1, maxConfigLine)
		}
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: %s: no feed in the file", ErrConfig, name)
	}
	return out, nil
}

func parseSource(fields []string) (Source, error) {
	u, err := checkURL(fields[0])
	if err != nil {
		return Source{}, err
	}
	src := Source{URL: u, Kind: KindFeed}
	var gotInterval, gotLang, gotKind bool
	for _, f := range fields[1:] {
		switch {
		case f == KindPage || f == KindFeed:
			if gotKind {
				return src, fmt.Errorf("%q: the kind is given twice", f)
			}
			src.Kind, gotKind = f, true
		case isLang(f):
			if gotLang {
				return src, fmt.Errorf("%q: the language is given twice", f)
			}
			src.Lang, gotLang = strings.ToLower(f), true
		case f != "" && f[0] >= '0' && f[0] <= '9':
			if gotInterval {
				return src, fmt.Errorf("%q: the interval is given twice", f)
			}
			d, err := time.ParseDuration(f)
			if err != nil {
				return src, fmt.Errorf("interval %q: want a duration such as 15m or 2h", f)
			}
			if d < MinInterval || d > MaxInterval {
				return src, fmt.Errorf("interval %s: want from %s to %s", f, fmtDuration(MinInterval), fmtDuration(MaxInterval))
			}
			src.Interval, gotInterval = d, true
		default:
			return src, fmt.Errorf("%q: want an interval (15m), a language (en, fr, es) or \"page\"", f)
		}
	}
	return src, nil
}

func checkURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("address %q: %v", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("address %q: want an http:// or https:// address", s)
	}
	if u.Host == "" {
		return "", fmt.Errorf("address %q: no host", s)
	}
	u.Fragment = ""
	return u.String(), nil
}

func isLang(s string) bool {
	if len(s) != 2 {
		return false
	}
	for _, c := range strings.ToLower(s) {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func fmtDuration(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

// LoadConfig reads a feeds file.
func LoadConfig(path string) ([]Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("feeds file: %w", err)
	}
	defer f.Close()
	return ParseConfig(io.LimitReader(f, int64(MaxSources+1)*maxConfigLine), path)
}
