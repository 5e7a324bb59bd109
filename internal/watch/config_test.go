package watch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadConfig(t *testing.T) {
	got, err := LoadConfig("testdata/good.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []Source{
		{URL: "https://www.example.org/international/rss.xml", Kind: KindFeed, Interval: 15 * time.Minute, Lang: "fr", Line: 3},
		{URL: "https://news.example.com/world/atom.xml", Kind: KindFeed, Line: 4},
		{URL: "https://diario.example.es/internacional/feed", Kind: KindFeed, Interval: 30 * time.Minute, Lang: "es", Line: 5},
		{URL: "https://example.net/live/ukraine.html", Kind: KindPage, Interval: time.Hour, Lang: "en", Line: 6},
		{URL: "https://example.net/a", Kind: KindFeed, Interval: 2 * time.Hour, Line: 7},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d sources, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("source %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestBadConfigs reads every testdata/*.bad.txt and expects an error naming
// the file, the line and what is wrong.
func TestBadConfigs(t *testing.T) {
	want := map[string]string{
		"scheme":         "scheme.bad.txt:1: address \"ftp://example.org/feed.xml\": want an http:// or https:// address",
		"short-interval": "short-interval.bad.txt:1: interval 30s: want from 1m to 168h",
		"two-intervals":  "two-intervals.bad.txt:1: \"20m\": the interval is given twice",
		"word":           "word.bad.txt:1: \"hourly\": want an interval (15m), a language (en, fr, es) or \"page\"",
		"duplicate":      "duplicate.bad.txt:3: https://example.org/a.xml is already on line 1",
		"empty":          "empty.bad.txt: no feed in the file",
		"no-host":        "no-host.bad.txt:1: address \"https:///feed.xml\": no host",
		"bad-duration":   "bad-duration.bad.txt:1: interval \"1x\": want a duration such as 15m or 2h",
	}
	files, _ := filepath.Glob("testdata/*.bad.txt")
	if len(files) != len(want) {
		t.Errorf("%d bad files, %d expectations", len(files), len(want))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".bad.txt")
		_, err := LoadConfig(f)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v does not wrap ErrConfig", name, err)
		}
		if w := want[name]; w == "" || !strings.Contains(err.Error(), w) {
			t.Errorf("%s: error %q, want it to contain %q", name, err, w)
		}
	}
	if _, err := LoadConfig(filepath.Join(t.TempDir(), "missing.txt")); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func FuzzParseConfig(f *testing.F) {
	b, _ := os.ReadFile("testdata/good.txt")
	f.Add(string(b))
	f.Add("https://a.example/x 1m en page # c\n")
	f.Add("http://[::1]:80/ 9999999h\n")
	f.Fuzz(func(t *testing.T, s string) {
		srcs, err := ParseConfig(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		for _, src := range srcs {
			if !isWeb(src.URL) || (src.Interval != 0 && (src.Interval < MinInterval || src.Interval > MaxInterval)) {
				t.Fatalf("accepted a bad source %+v", src)
			}
		}
	})
}
