package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/sqlite"
)

func newTestServer(t *testing.T, opt Options) (*Server, store.Store) {
	t.Helper()
	st := fixtureStore(t)
	if opt.Now == nil {
		opt.Now = func() time.Time { return fixtureNow }
	}
	s, err := New(st, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}

// get serves one request and returns the status and body.
func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(b)
}

func TestPages(t *testing.T) {
	s, st := newTestServer(t, Options{})
	visit := eventID(t, st, "RUSGOV", "CUB", "042")
	shell := eventID(t, st, "RUSMIL", "UKRMIL", "195")
	for _, tc := range []struct {
		name, path string
		want       []string
	}{
		{"home", "/", []string{"Country network", "<svg class=\"net\"", `href="/dyad/CHN/USA"`, "CHN · USA", "last 30 days", "Latest events"}},
		// the period ends at the latest event (31 March), not today (2 April)
		{"home period", "/?days=7", []string{"27 Mar 2024", "(7 days)", "from <strong>25 Mar 2024</strong> to <strong>31 Mar 2024</strong>"}},
		{"home quad", "/?quad=4", []string{"material conflict only", "RUS · UKR"}},
		{"home custom", "/?since=2024-03-01&until=2024-03-10", []string{"1 Mar 2024", "10 Mar 2024", "(10 days)"}},
		{"dyad", "/dyad/RUS/CUB", []string{"Cooperation and conflict by month", `<svg class="chart"`, `class="coop"`, "Make a visit", "RUSGOV → CUB", "Host a visit"}},
		{"dyad by day", "/dyad/USA/CHN?interval=day", []string{"by day", "US envoys"}},
		{"dyad one way", "/dyad/CUB/RUS?dir=one", []string{"CUBGOV", "→ RUS only"}},
		{"event", "/event/" + visit, []string{"Make a visit", `<mark class="src"`, `<mark class="trg"`, ">est arrivé</mark>",
			`<mark class="tgt" title="target: CUB (Cuba)">La Havane</mark>`, `href="/article/havana-fr#s0"`, `href="https://example.org/monde/kolokoltsev-la-havane"`, "verbal cooperation"}},
		{"event conflict", "/event/" + shell, []string{"material conflict", ">shelled</mark>", "Russian forces"}},
		{"article", "/article/havana-fr", []string{"Le ministre russe de l&#39;Intérieur en visite à Cuba", `id="s0"`, `class="sent has-ev"`,
			`class="evchip q1"`, "Moscou et La Havane multiplient", "Events in this article", "Original: example.org"}},
		// the 24 US-China talks, on one page of 50
		{"search words", "/search?q=envoys+talks", []string{`<mark class="hit">envoys</mark>`, `<mark class="hit">talks</mark>`, "24 events"}},
		{"search accents", "/search?q=arrive", []string{">arrivé</mark>"}},
		{"search prefix", "/search?q=shell*", []string{">shelled</mark>"}},
		{"search filters", "/search?actor=UKR&root=11", []string{"Criticize or denounce"}},
		{"search empty form", "/search", []string{"Search events", `name="q"`}},
		{"search nothing", "/search?q=zzzzzz", []string{"Nothing matches"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := get(t, s, tc.path)
			if code != http.StatusOK {
				t.Fatalf("GET %s: status %d\n%s", tc.path, code, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: missing %q", tc.path, w)
				}
			}
		})
	}
	for path, w := range map[string]string{
		"/?days=7":               "2 Apr 2024",   // today: the period ends at the latest event
		"/search?q=envoys+talks": "Older events", // 24 results fit on one page of 50
	} {
		if _, body := get(t, s, path); strings.Contains(body, w) {
			t.Errorf("GET %s: %q should not be there", path, w)
		}
	}
}

func TestStatus(t *testing.T) {
	s, st := newTestServer(t, Options{})
	visit := eventID(t, st, "RUSGOV", "CUB", "042")
	for _, tc := range []struct {
		path string
		want int
		text string
	}{
		{"/nowhere", 404, "no page at this address"},
		{"/event/0000000000000000", 404, "no event with this id"},
		{"/event/" + strings.Repeat("a", 100), 404, "no event"},
		{"/article/missing", 404, "no article with this id"},
		{"/event/" + visit + "?page=2", 404, "no page 2"},
		{"/event/" + visit + "?page=0", 400, "page"},
		{"/article/havana-fr?page=x", 400, "want a number"},
		{"/?days=1000", 400, "days"},
		{"/?since=2024-03-10&until=2024-03-01", 400, "run forward"},
		{"/?since=2020-01-01&until=2024-03-01", 400, "at most 366 days"},
		{"/?until=yesterday", 400, "want a date"},
		{"/?quad=5", 400, "quad"},
		{"/dyad/R$S/CUB", 400, "actor code"},
		{"/dyad/RUS/CUB?interval=year", 400, "interval"},
		{"/dyad/USA/CHN?interval=day&since=2000-01-01", 400, "more than 1000 periods"},
		{"/dyad/USA/CHN?after=garbage", 400, "not a position"},
		{"/search?q=*", 400, "no word to search for"},
		{"/search?since=2024-13-01", 400, "want a date"},
		{"/search?root=33", 400, "CAMEO root"},
		{"/search?q=" + strings.Repeat("x", 300), 400, "at most 200 characters"},
		{"/feeds", 404, "No feeds"},
		{"/static/style.css", 200, "--coop"},
		{"/static/nothing.css", 404, ""},
	} {
		code, body := get(t, s, tc.path)
		if code != tc.want {
			t.Errorf("GET %s: status %d, want %d", tc.path, code, tc.want)
		}
		if !strings.Contains(body, tc.text) {
			t.Errorf("GET %s: body lacks %q", tc.path, tc.text)
		}
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader("x")))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: status %d, want 405", rec.Code)
	}
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/", nil))
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Errorf("HEAD /: status %d, %d bytes", rec.Code, rec.Body.Len())
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("no content security policy: %q", csp)
	}
}

// TestEscaping: hostile text in a title, an outlet, a sentence, an actor's
// words and a URL must reach the page as text, never as markup or a link.
func TestEscaping(t *testing.T) {
	s, st := newTestServer(t, Options{})
	id := eventID(t, st, "FRA", "MLIGOV", "130")
	bad := regexp.MustCompile(`(?i)<script>alert|<img src=x|<b>evil|href="javascript:|<img[^>]*onerror`)
	for _, path := range []string{"/article/hostile", "/event/" + id, "/search?q=protesters", "/?since=2024-03-01&until=2024-03-31",
		"/search?q=%3Cscript%3E", "/search?actor=%3Cscript%3E", "/dyad/FRA/MLI"} {
		code, body := get(t, s, path)
		if code != 200 && code != 400 {
			t.Errorf("GET %s: status %d", path, code)
		}
		// the layout's own script tag is <script src=...>; any other is an injection
		if m := bad.FindString(body); m != "" {
			t.Errorf("GET %s: unescaped %q", path, m)
		}
	}
	_, body := get(t, s, "/article/hostile")
	for _, w := range []string{"&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; &amp; friends", "&lt;img src=x onerror=alert(1)&gt;",
		`<mark class="tgt" title="target: MLIGOV (Mali · government)">Mali&#39;s &lt;script&gt;alert(2)&lt;/script&gt; government</mark>`} {
		if !strings.Contains(body, w) {
			t.Errorf("article: missing escaped %q", w)
		}
	}
	if strings.Contains(body, "Original:") {
		t.Error("article: a javascript: URL is offered as the original")
	}
}

// TestPagination pages through the 24 US-China events five at a time.
func TestPagination(t *testing.T) {
	s, _ := newTestServer(t, Options{PageSize: 5})
	next := regexp.MustCompile(`<a class="next" href="([^"]+)" rel="next">`)
	ev := regexp.MustCompile(`href="/event/([0-9a-f]+)" title=`)
	seen := map[string]bool{}
	path := "/dyad/USA/CHN?interval=week"
	pages := 0
	for path != "" {
		pages++
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
		code, body := get(t, s, path)
		if code != 200 {
			t.Fatalf("GET %s: %d", path, code)
		}
		ids := ev.FindAllStringSubmatch(body, -1)
		if len(ids) > 5 {
			t.Fatalf("GET %s: %d events on a page of 5", path, len(ids))
		}
		for _, m := range ids {
			if seen[m[1]] {
				t.Errorf("event %s on two pages", m[1])
			}
			seen[m[1]] = true
		}
		if pages > 1 && !strings.Contains(body, "← Newest") {
			t.Errorf("GET %s: no link back to the first page", path)
		}
		path = ""
		if m := next.FindStringSubmatch(body); m != nil {
			path = strings.ReplaceAll(m[1], "&amp;", "&")
		}
	}
	if len(seen) != 24 || pages != 5 {
		t.Errorf("saw %d events on %d pages, want 24 on 5", len(seen), pages)
	}
}

func TestFeedsPage(t *testing.T) {
	now := fixtureNow
	s, _ := newTestServer(t, Options{Feeds: func() []FeedStatus {
		return []FeedStatus{
			{URL: "https://ok.example/rss", Kind: "feed", Lang: "fr", Interval: 15 * time.Minute, LastSuccess: now.Add(-5 * time.Minute), NextPoll: now.Add(10 * time.Minute), Articles: 12},
			{URL: "https://broken.example/<x>", Kind: "feed", Interval: time.Hour, Failures: 3, LastError: "fetch: status 500 <b>", NextPoll: now.Add(time.Hour)},
		}
	}})
	code, body := get(t, s, "/feeds")
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	for _, w := range []string{"2 feeds", "5m ago", "in 10m", "15m", "3 failures", "status 500 &lt;b&gt;", `href="/feeds"`, "broken.example/%3Cx%3E"} {
		if !strings.Contains(body, w) {
			t.Errorf("missing %q", w)
		}
	}
}

func TestToken(t *testing.T) {
	s, _ := newTestServer(t, Options{Token: "0123456789abcdef-secret"})
	for _, tc := range []struct {
		user, pass, bearer string
		want               int
	}{
		{want: 401},
		{user: "me", pass: "wrong", want: 401},
		{user: "me", pass: "0123456789abcdef-secret", want: 200},
		{user: "", pass: "0123456789abcdef-secret", want: 200},
		{bearer: "0123456789abcdef-secret", want: 200},
		{bearer: "0123456789abcdef", want: 401},
	} {
		req := httptest.NewRequest(http.MethodGet, "/search", nil)
		if tc.pass != "" {
			req.SetBasicAuth(tc.user, tc.pass)
		}
		if tc.bearer != "" {
			req.Header.Set("Authorization", "Bearer "+tc.bearer)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != tc.want {
			t.Errorf("%+v: status %d, want %d", tc, rec.Code, tc.want)
		}
		if rec.Code == 401 && !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Basic") {
			t.Errorf("%+v: no Basic challenge", tc)
		}
	}
}

func TestCache(t *testing.T) {
	c := newCache(time.Minute)
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	calls := 0
	f := func() (int, error) { calls++; return calls, nil }
	for _, tc := range []struct {
		at   time.Duration
		q    string
		want int
	}{{0, "a", 1}, {30 * time.Second, "a", 1}, {30 * time.Second, "b", 2}, {61 * time.Second, "a", 3}} {
		if got, _ := do(c, now.Add(tc.at), "k", tc.q, f); got != tc.want {
			t.Errorf("at %s, %s: got %d, want %d", tc.at, tc.q, got, tc.want)
		}
	}
	for i := range 3 * maxCached {
		do(c, now, "k", i, f)
	}
	if len(c.m) > maxCached {
		t.Errorf("cache holds %d entries, bound %d", len(c.m), maxCached)
	}
}

// TestEmptyStore: a fresh database gives pages that say there is nothing yet.
func TestEmptyStore(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "empty.db"), store.DefaultMergeOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := New(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{"/": "No events between two countries", "/dyad/RUS/CUB": "No events.", "/search?q=x": "Nothing matches", "/search": "No events"} {
		code, body := get(t, s, path)
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("GET %s: %d, want %q", path, code, want)
		}
	}
}

func TestNumberPages(t *testing.T) {
	for _, tc := range []struct {
		page, n, size int
		ok            bool
		pages, lo, hi int
		prev, next    string
	}{
		{1, 0, 5, true, 1, 0, 0, "", ""},
		{1, 12, 5, true, 3, 0, 5, "", "/event/x?page=2"},
		{2, 12, 5, true, 3, 5, 10, "/event/x", "/event/x?page=3"},
		{3, 12, 5, true, 3, 10, 12, "/event/x?page=2", ""},
		{4, 12, 5, false, 3, 0, 0, "", ""},
	} {
		r := httptest.NewRequest(http.MethodGet, "/event/x?page="+strconv.Itoa(tc.page), nil)
		p, lo, hi, ok := numberPages(r, tc.page, tc.n, tc.size)
		if ok != tc.ok || p.Page != tc.page || p.Pages != tc.pages || lo != tc.lo || hi != tc.hi || p.Prev != tc.prev || p.Next != tc.next {
			t.Errorf("numberPages(page %d, %d items, %d a page) = %+v, %d, %d, %v", tc.page, tc.n, tc.size, p, lo, hi, ok)
		}
	}
}
