package watch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/store"
)

// item is a feed item for the test servers.
type item struct{ guid, link, title, summary, content string }

func rss(items ...item) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test</title><link>https://example.org/</link><language>en</language>`)
	for _, it := range items {
		fmt.Fprintf(&b, "<item><guid>%s</guid><link>%s</link><title>%s</title><description>%s</description>",
			html.EscapeString(it.guid), html.EscapeString(it.link), html.EscapeString(it.title), html.EscapeString(it.summary))
		if it.content != "" {
			fmt.Fprintf(&b, "<content:encoded>%s</content:encoded>", html.EscapeString(it.content))
		}
		b.WriteString("<pubDate>Mon, 25 Mar 2024 10:00:00 GMT</pubDate></item>")
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// long is a text long enough to be taken for an article's full content.
func long(s string) string {
	return s + " " + strings.Repeat("The ministers met again on Tuesday to discuss the border and trade. ", 8)
}

// sink is a coder and a store that remember what they were given.
type sink struct {
	mu     sync.Mutex
	coded  int
	saved  map[string]*model.Article
	order  []string
	failOn string // an article whose text contains this is refused by the store
}

func newSink() *sink { return &sink{saved: map[string]*model.Article{}} }

func (s *sink) code(a *model.Article) (*store.Bundle, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.coded++
	return &store.Bundle{Article: a}, nil
}

func (s *sink) SaveArticle(_ context.Context, b *store.Bundle) (store.SaveResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failOn != "" && strings.Contains(b.Article.Text, s.failOn) {
		return store.SaveResult{}, errors.New("database is locked")
	}
	if _, dup := s.saved[b.Article.ID]; dup {
		return store.SaveResult{Duplicate: true}, nil
	}
	s.saved[b.Article.ID] = b.Article
	s.order = append(s.order, b.Article.Title)
	return store.SaveResult{}, nil
}

func (s *sink) counts() (coded, saved int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.coded, len(s.saved)
}

func (s *sink) texts() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, a := range s.saved {
		b.WriteString(a.Text + "\n---\n")
	}
	return b.String()
}

func testOptions(t *testing.T) Options {
	return Options{Timeout: 2 * time.Second, Spread: time.Millisecond, MinBackoff: 20 * time.Millisecond, MaxBackoff: 200 * time.Millisecond,
		Interval: time.Hour, SaveEvery: 10 * time.Millisecond, StatePath: filepath.Join(t.TempDir(), "watch.json"),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func newWatcher(t *testing.T, srcs []Source, s *sink, opt Options) *Watcher {
	t.Helper()
	w, err := New(srcs, s.code, s, opt)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func stateOf(w *Watcher, u string) Status {
	for _, s := range w.Status() {
		if s.URL == u {
			return s
		}
	}
	return Status{}
}

// TestConditionalGet: the second poll sends the validators the first got,
// the server answers 304 and nothing is fetched or coded again.
func TestConditionalGet(t *testing.T) {
	var full, notModified atomic.Int32
	var ua atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.Header.Get("User-Agent"))
		if r.Header.Get("If-None-Match") == `"v1"` && r.Header.Get("If-Modified-Since") == "Mon, 25 Mar 2024 10:00:00 GMT" {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 25 Mar 2024 10:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, rss(item{guid: "a", title: "Talks in Paris", content: long("France and Germany held talks in Paris.")},
			item{guid: "b", title: "Talks in Rome", content: long("Italy and Spain held talks in Rome.")}))
	}))
	defer srv.Close()
	s := newSink()
	w := newWatcher(t, []Source{{URL: srv.URL + "/rss"}}, s, testOptions(t))
	ctx := context.Background()
	for range 3 {
		if err := w.PollAll(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if full.Load() != 1 || notModified.Load() != 2 {
		t.Errorf("%d full answers and %d 304s, want 1 and 2", full.Load(), notModified.Load())
	}
	if coded, saved := s.counts(); coded != 2 || saved != 2 {
		t.Errorf("coded %d, saved %d, want 2 and 2", coded, saved)
	}
	if s.order[0] != "Talks in Rome" {
		t.Errorf("stored %v: want the oldest item (last in the feed) first", s.order)
	}
	if got, _ := ua.Load().(string); !strings.HasPrefix(got, "dyad-watch/") {
		t.Errorf("User-Agent %q", got)
	}
	st := stateOf(w, srv.URL+"/rss")
	if st.ETag != `"v1"` || st.Failures != 0 || st.LastSuccess.IsZero() || st.Articles != 2 {
		t.Errorf("state %+v", st.FeedState)
	}
}

// TestSummaryReadsPage: an item with only a summary is coded from the main
// text of the page it links to; when that page fails, from its summary.
func TestSummaryReadsPage(t *testing.T) {
	var pages atomic.Int32
	mux := http.NewServeMux()
	var base string
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, rss(
			item{guid: "1", link: "/news/1", title: "Ministers meet", summary: "Short teaser."},
			item{guid: "2", link: base + "/news/missing", title: "Leaders talk", summary: "Leaders of Chile and Peru talked by phone."}))
	})
	mux.HandleFunc("/news/1", func(w http.ResponseWriter, r *http.Request) {
		pages.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!doctype html><html lang="en"><head><title>Ministers meet</title></head><body><nav>Home | World</nav>
<article><h1>Ministers meet</h1><p>The foreign ministers of Brazil and Argentina met in Brasilia on Monday to discuss trade.</p>
<p>`+long("They signed an agreement on border crossings.")+`</p></article><footer>Copyright</footer></body></html>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base = srv.URL
	s := newSink()
	w := newWatcher(t, []Source{{URL: srv.URL + "/rss", Lang: "en"}}, s, testOptions(t))
	if err := w.PollAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	txt := s.texts()
	if !strings.Contains(txt, "foreign ministers of Brazil and Argentina met in Brasilia") {
		t.Errorf("the linked page's text was not coded:\n%s", txt)
	}
	if strings.Contains(txt, "Home | World") || strings.Contains(txt, "Copyright") {
		t.Errorf("page furniture was coded:\n%s", txt)
	}
	if !strings.Contains(txt, "Leaders talk\n\nLeaders of Chile and Peru talked by phone.") {
		t.Errorf("an item whose page fails is not coded from its title and summary:\n%s", txt)
	}
	for _, a := range s.saved {
		if a.Lang != "en" || a.Origin != srv.URL+"/rss" || a.Published.IsZero() {
			t.Errorf("article %+v", a)
		}
		if strings.Contains(a.Text, "Brasilia") && a.URL != srv.URL+"/news/1" {
			t.Errorf("relative link not resolved: %q", a.URL)
		}
	}
	if pages.Load() != 1 {
		t.Errorf("page fetched %d times", pages.Load())
	}
}

// TestBackoff: a feed that answers 500 is polled less and less often.
func TestBackoff(t *testing.T) {
	var mu sync.Mutex
	var hits []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits = append(hits, time.Now())
		mu.Unlock()
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	defer srv.Close()
	opt := testOptions(t)
	opt.Interval = 10 * time.Millisecond
	opt.MinBackoff, opt.MaxBackoff = 20*time.Millisecond, 400*time.Millisecond
	opt.Rand = func() float64 { return 0 } // no jitter: the waits are exact
	s := newSink()
	w := newWatcher(t, []Source{{URL: srv.URL}}, s, opt)
	ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
	defer cancel()
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	// waits of 20, 40, 80, 160, 320 ms: 5 or 6 polls in 700 ms, where a
	// poll every 10 ms would make 70
	if len(hits) < 3 || len(hits) > 7 {
		t.Fatalf("%d polls in 700ms", len(hits))
	}
	for i := 2; i < len(hits); i++ {
		if a, b := hits[i-1].Sub(hits[i-2]), hits[i].Sub(hits[i-1]); b < a*3/2 {
			t.Errorf("wait %d (%s) is not about twice the one before (%s)", i, b, a)
		}
	}
	st := stateOf(w, srv.URL)
	if st.Failures != len(hits) || !strings.Contains(st.LastError, "500") {
		t.Errorf("state: %d failures (%q) after %d polls", st.Failures, st.LastError, len(hits))
	}
}

func TestBackoffDelays(t *testing.T) {
	w := &Watcher{opt: Options{MinBackoff: 2 * time.Minute, MaxBackoff: 6 * time.Hour}}
	for _, tc := range []struct {
		n        int
		interval time.Duration
		rand     float64
		want     time.Duration
	}{
		{1, time.Minute, 0, 2 * time.Minute},
		{2, time.Minute, 0, 4 * time.Minute},
		{5, time.Minute, 0, 32 * time.Minute},
		{9, time.Minute, 0, 6 * time.Hour},
		{1000, time.Minute, 0, 6 * time.Hour},
		{1, 15 * time.Minute, 0, 15 * time.Minute}, // never sooner than the interval
		{3, time.Minute, 1, 4 * time.Minute},       // jitter takes up to half
		{1, 24 * time.Hour, 0, 6 * time.Hour},
	} {
		w.opt.Rand = func() float64 { return tc.rand }
		if got := w.backoff(tc.n, tc.interval); got != tc.want {
			t.Errorf("backoff(%d, %s, rand %v) = %s, want %s", tc.n, tc.interval, tc.rand, got, tc.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}))
	defer srv.Close()
	opt := testOptions(t)
	opt.MaxBackoff = time.Hour
	w := newWatcher(t, []Source{{URL: srv.URL}}, newSink(), opt)
	if err := w.PollAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	st := stateOf(w, srv.URL)
	if wait := st.NextPoll.Sub(st.LastPoll); wait < 2*time.Minute {
		t.Errorf("next poll in %s despite Retry-After: 120", wait)
	}
}

// TestTimeout: a feed that does not answer in time fails; the others do not wait for it.
func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer slow.Close()
	trickle := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel>`)
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer trickle.Close()
	fast := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, rss(item{guid: "x", title: "Fast", content: long("Japan and Korea held talks.")}))
	}))
	defer fast.Close()
	opt := testOptions(t)
	opt.Timeout = 150 * time.Millisecond
	s := newSink()
	w := newWatcher(t, []Source{{URL: slow.URL}, {URL: trickle.URL}, {URL: fast.URL}}, s, opt)
	start := time.Now()
	if err := w.PollAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("polling took %s with a timeout of 150ms", d)
	}
	for _, u := range []string{slow.URL, trickle.URL} {
		st := stateOf(w, u)
		if st.Failures != 1 || !strings.Contains(st.LastError, "within 150ms") {
			t.Errorf("%s: %d failures, error %q", u, st.Failures, st.LastError)
		}
	}
	if _, saved := s.counts(); saved != 1 {
		t.Errorf("the fast feed gave %d articles", saved)
	}
}

// TestSizeLimit: a body over the limit is cut off and the poll fails,
// whether the server says its length or not.
func TestSizeLimit(t *testing.T) {
	var written atomic.Int64
	huge := func(declare bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			chunk := []byte(strings.Repeat("<!-- padding padding padding -->\n", 1000))
			const total = 256 << 20
			if declare {
				w.Header().Set("Content-Length", fmt.Sprint(total))
			}
			io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel>`)
			for n := 0; n < total; n += len(chunk) {
				m, err := w.Write(chunk)
				written.Add(int64(m))
				if err != nil {
					return
				}
			}
		}
	}
	declared := httptest.NewServer(huge(true))
	defer declared.Close()
	chunked := httptest.NewServer(huge(false))
	defer chunked.Close()
	opt := testOptions(t)
	opt.MaxFeedBytes = 64 << 10
	w := newWatcher(t, []Source{{URL: declared.URL}, {URL: chunked.URL}}, newSink(), opt)
	if err := w.PollAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{declared.URL, chunked.URL} {
		if st := stateOf(w, u); st.Failures != 1 || !strings.Contains(st.LastError, ErrTooLarge.Error()) {
			t.Errorf("%s: error %q", u, st.LastError)
		}
	}
	if n := written.Load(); n > 64<<20 {
		t.Errorf("the servers wrote %d MB: the body was read past the limit", n>>20)
	}
}

// TestBrokenFeedAlone: a feed that keeps failing does not hold up another
// whose new items keep being stored.
func TestBrokenFeedAlone(t *testing.T) {
	var n atomic.Int32
	good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k := n.Add(1)
		var items []item
		for i := k; i > 0 && i > k-5; i-- {
			items = append(items, item{guid: fmt.Sprint(i), title: fmt.Sprint("Story ", i), content: long(fmt.Sprint("Story number ", i, " of talks."))})
		}
		io.WriteString(w, rss(items...))
	}))
	defer good.Close()
	var brokenHits atomic.Int32
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		brokenHits.Add(1)
		io.WriteString(w, "<html><body>This is not a feed</body></html>")
	}))
	defer broken.Close()
	opt := testOptions(t)
	opt.Interval = 30 * time.Millisecond
	opt.MinBackoff, opt.MaxBackoff = 10*time.Millisecond, 60*time.Millisecond
	s := newSink()
	w := newWatcher(t, []Source{{URL: broken.URL}, {URL: good.URL}}, s, opt)
	ctx, cancel := context.WithTimeout(context.Background(), 600*time.Millisecond)
	defer cancel()
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	// the last poll may be cut off by the end of the run after the server
	// answered: its story is then not stored, which is right
	polls := int(n.Load())
	if _, saved := s.counts(); polls < 3 || saved != polls && saved != polls-1 {
		t.Errorf("good feed: %d polls, %d stories stored", polls, saved)
	}
	if b := stateOf(w, broken.URL); b.Failures < 2 || int(brokenHits.Load()) != b.Failures || !strings.Contains(b.LastError, "not an rss") {
		t.Errorf("broken feed: %d failures of %d polls, error %q", b.Failures, brokenHits.Load(), b.LastError)
	}
	if g := stateOf(w, good.URL); g.Failures != 0 || g.Articles != polls && g.Articles != polls-1 {
		t.Errorf("good feed: state %+v", g.FeedState)
	}
}

// TestRestartKeepsState: a new watcher over the same state file neither
// refetches the pages nor recodes the items the first one handled, even
// from a server that ignores conditional requests.
func TestRestartKeepsState(t *testing.T) {
	var pages atomic.Int32
	mux := http.NewServeMux()
	items := []item{{guid: "1", link: "/p/1", title: "One", summary: "Teaser one."},
		{guid: "2", title: "Two", content: long("Second story about talks.")}}
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, rss(items...)) })
	mux.HandleFunc("/p/1", func(w http.ResponseWriter, r *http.Request) {
		pages.Add(1)
		io.WriteString(w, `<html><body><article><p>`+long("The first story, from its page.")+`</p></article></body></html>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	opt := testOptions(t)
	src := []Source{{URL: srv.URL + "/rss", Interval: time.Hour}}
	s := newSink()
	w1 := newWatcher(t, src, s, opt)
	if err := w1.PollAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if coded, _ := s.counts(); coded != 2 || pages.Load() != 1 {
		t.Fatalf("first run: coded %d, %d page fetches", coded, pages.Load())
	}
	next := stateOf(w1, srv.URL+"/rss").NextPoll

	// the state file is complete JSON and no temporary file is left
	b, err := os.ReadFile(opt.StatePath)
	if err != nil {
		t.Fatal(err)
	}
	var sf stateFile
	if err := json.Unmarshal(b, &sf); err != nil || len(sf.Feeds[srv.URL+"/rss"].Seen) != 2 {
		t.Fatalf("state file: %v\n%s", err, b)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(opt.StatePath), ".*tmp*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}

	items = append([]item{{guid: "3", title: "Three", content: long("A third story about talks.")}}, items...)
	w2 := newWatcher(t, src, s, opt)
	if got := stateOf(w2, srv.URL+"/rss").NextPoll; !got.Equal(next) {
		t.Errorf("next poll after restart %s, want %s", got, next)
	}
	if first := w2.firstPoll(src[0], time.Now()); !first.Equal(next) {
		t.Errorf("first poll after restart at %s, want the saved %s", first, next)
	}
	if err := w2.PollAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if coded, saved := s.counts(); coded != 3 || saved != 3 || pages.Load() != 1 {
		t.Errorf("after restart: coded %d, saved %d, %d page fetches; want 3, 3, 1", coded, saved, pages.Load())
	}
	if st := stateOf(w2, srv.URL+"/rss"); st.Articles != 3 {
		t.Errorf("articles counted %d, want 3", st.Articles)
	}
}

// TestStoreFailureRetries: an item the store refuses is tried again at the
// next poll; the items before it are not.
func TestStoreFailureRetries(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, rss(item{guid: "b", title: "B", content: long("Story B.")}, item{guid: "a", title: "A", content: long("Story A.")}))
	}))
	defer srv.Close()
	s := newSink()
	s.failOn = "Story B."
	w := newWatcher(t, []Source{{URL: srv.URL}}, s, testOptions(t))
	w.PollAll(context.Background())
	if st := stateOf(w, srv.URL); st.Failures != 1 || !strings.Contains(st.LastError, "database is locked") {
		t.Errorf("state after a store failure: %+v", st.FeedState)
	}
	s.mu.Lock()
	s.failOn = ""
	s.mu.Unlock()
	w.PollAll(context.Background())
	if coded, saved := s.counts(); coded != 3 || saved != 2 {
		t.Errorf("coded %d (want A once, B twice), saved %d", coded, saved)
	}
}

func TestBadStateFileSetAside(t *testing.T) {
	opt := testOptions(t)
	if err := os.WriteFile(opt.StatePath, []byte(`{"version": 1, "feeds": {`), 0o644); err != nil {
		t.Fatal(err)
	}
	w := newWatcher(t, []Source{{URL: "http://127.0.0.1:1/feed"}}, newSink(), opt)
	if st := stateOf(w, "http://127.0.0.1:1/feed"); !st.NextPoll.IsZero() {
		t.Errorf("state %+v", st)
	}
	if bad, _ := filepath.Glob(opt.StatePath + ".bad-*"); len(bad) != 1 {
		t.Errorf("the unreadable state was not set aside: %v", bad)
	}
}

// TestPageSource: a followed page is coded when its text changes, not when
// it is fetched again unchanged.
func TestPageSource(t *testing.T) {
	var text atomic.Value
	text.Store("First version of the live page about the talks.")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, `<html lang="es"><head><title>En directo</title></head><body><article><p>`+long(text.Load().(string))+`</p></article></body></html>`)
	}))
	defer srv.Close()
	s := newSink()
	w := newWatcher(t, []Source{{URL: srv.URL + "/live", Kind: KindPage}}, s, testOptions(t))
	ctx := context.Background()
	w.PollAll(ctx)
	w.PollAll(ctx)
	text.Store("Second version of the live page about the talks.")
	w.PollAll(ctx)
	if coded, saved := s.counts(); coded != 2 || saved != 2 {
		t.Errorf("coded %d, saved %d; want 2 and 2", coded, saved)
	}
	for _, a := range s.saved {
		if a.Title != "En directo" || a.Lang != "es" {
			t.Errorf("page article %+v", a)
		}
	}
}

func TestMergeSeen(t *testing.T) {
	got := mergeSeen([]string{"c", "b", "a"}, []string{"b", "x", "y", "z"}, 5)
	if strings.Join(got, "") != "cbaxy" {
		t.Errorf("got %v", got)
	}
	// the keys the feed still lists are kept beyond the bound
	got = mergeSeen([]string{"a", "b", "c"}, []string{"x"}, 2)
	if strings.Join(got, "") != "abc" {
		t.Errorf("got %v", got)
	}
}

// TestItemsPerPoll: a feed longer than MaxItemsPerPoll is handled over two
// polls, and its validators are not kept in between so that the second poll
// reads it whole.
func TestItemsPerPoll(t *testing.T) {
	var conditional atomic.Int32
	var items []item
	for i := range MaxItemsPerPoll + 50 {
		items = append(items, item{guid: fmt.Sprint(i), title: fmt.Sprint("Story ", i), content: long(fmt.Sprint("Story number ", i, " of talks."))})
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") != "" {
			conditional.Add(1)
		}
		w.Header().Set("ETag", `"v1"`)
		io.WriteString(w, rss(items...))
	}))
	defer srv.Close()
	s := newSink()
	w := newWatcher(t, []Source{{URL: srv.URL}}, s, testOptions(t))
	w.PollAll(context.Background())
	if _, saved := s.counts(); saved != MaxItemsPerPoll {
		t.Errorf("first poll stored %d, want %d", saved, MaxItemsPerPoll)
	}
	if st := stateOf(w, srv.URL); st.ETag != "" {
		t.Errorf("ETag %q kept with items left to read", st.ETag)
	}
	w.PollAll(context.Background())
	if _, saved := s.counts(); saved != MaxItemsPerPoll+50 || conditional.Load() != 0 {
		t.Errorf("after two polls: stored %d, want %d; %d conditional requests", saved, MaxItemsPerPoll+50, conditional.Load())
	}
	if st := stateOf(w, srv.URL); st.ETag != `"v1"` {
		t.Errorf("state after the whole feed: %+v", st.FeedState)
	}
}
