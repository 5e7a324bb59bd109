package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/httpapi"
	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/postgres"
	"github.com/dyad-events/dyad/internal/store/sqlite"
	"github.com/dyad-events/dyad/internal/store/storetest"
)

const testToken = "4f1c8e0b9a7d2e6f5c3b1a09d8e7f6a5"

// lexicons is a small known lexicon for /actors.
type lexicons map[string]*lexicon.Lexicon

func (l lexicons) For(lang string) *lexicon.Lexicon { return l[lang] }

func (l lexicons) CountryName(code string) string {
	names := map[string]string{"CUB": "Cuba", "RUS": "Russia", "CHN": "China", "UKR": "Ukraine", "USA": "United States", "COL": "Colombia"}
	if n, ok := names[code]; ok {
		return n
	}
	return code
}

func testLexicons() lexicons {
	en := []lexicon.Entry{
		{Code: "RUS", Country: "RUS", Kind: lexicon.KindCountry, Phrase: "Russia", Source: "lexicon/en/countries.txt:610"},
		{Code: "RUS", Country: "RUS", Kind: lexicon.KindDemonym, Phrase: "Russian", Source: "lexicon/en/countries.txt:611"},
		{Code: "RUSGOV", Country: "RUS", Agent: "GOV", Kind: lexicon.KindSeat, Phrase: "Kremlin", Source: "lexicon/en/countries.txt:615"},
		{Code: "RUSGOV", Country: "RUS", Agent: "GOV", Kind: lexicon.KindPerson, Phrase: "Vladimir Kolokoltsev", From: 20120521, Source: "lexicon/persons/europe.txt:120"},
		{Code: "CUB", Country: "CUB", Kind: lexicon.KindCountry, Phrase: "Cuba", Source: "lexicon/en/countries.txt:190"},
		{Code: "CUB", Country: "CUB", Kind: lexicon.KindCapital, Phrase: "Havana", Source: "lexicon/en/countries.txt:192"},
		{Code: "GOV", Agent: "GOV", Kind: lexicon.KindAgent, Phrase: "government", Source: "lexicon/en/agents.txt:12"},
		{Code: "CUB", Country: "CUB", Kind: lexicon.KindPlace, Phrase: "Santiago de Cuba", Source: "places.tsv.gz"},
	}
	fr := []lexicon.Entry{
		{Code: "RUS", Country: "RUS", Kind: lexicon.KindCountry, Phrase: "Russie", Source: "lexicon/fr/countries.txt:598"},
		{Code: "CUB", Country: "CUB", Kind: lexicon.KindCapital, Phrase: "La Havane", Source: "lexicon/fr/countries.txt:201"},
		{Code: "RUSGOV", Country: "RUS", Agent: "GOV", Kind: lexicon.KindPerson, Phrase: "Vladimir Kolokoltsev", From: 20120521, Source: "lexicon/persons/europe.txt:120"},
	}
	return lexicons{"en": {Entries: en}, "fr": {Entries: fr}, "es": {}}
}

// backend opens an empty store on which the tests load known data.
type backend struct {
	name string
	open func(t testing.TB) *store.SQL
}

// backends are SQLite always and PostgreSQL when storetest.PostgresEnv
// names a server.
func backends() []backend {
	bs := []backend{{"sqlite", func(t testing.TB) *store.SQL {
		st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"), store.DefaultMergeOptions())
		if err != nil {
			t.Fatal(err)
		}
		return st
	}}}
	if os.Getenv(storetest.PostgresEnv) != "" {
		bs = append(bs, backend{"postgres", func(t testing.TB) *store.SQL {
			st, err := postgres.Open(context.Background(), storetest.PostgresSchema(t), store.DefaultMergeOptions(), postgres.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			return st
		}})
	}
	return bs
}

// loaded opens a store of the backend holding the sample corpus
// (storetest.Sample), stored at storetest.Now.
func loaded(t testing.TB, b backend) store.Store {
	t.Helper()
	st := b.open(t)
	st.Now = storetest.Now
	t.Cleanup(func() { st.Close() })
	storetest.Load(t, st, storetest.Sample())
	return st
}

// newStore is a SQLite store holding the sample corpus.
func newStore(t testing.TB) store.Store { return loaded(t, backends()[0]) }

func newServer(t testing.TB, st store.Store, token string) *httptest.Server {
	lx := testLexicons()
	srv := httptest.NewServer(httpapi.New(st, httpapi.Options{Token: token, Lexicons: lx, Names: lx}))
	t.Cleanup(srv.Close)
	return srv
}

type reply struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func do(t *testing.T, req *http.Request) reply {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := reply{status: resp.StatusCode, header: resp.Header, raw: string(b)}
	if req.Method != http.MethodHead {
		if err := json.Unmarshal(b, &r.body); err != nil {
			t.Fatalf("%s %s: not JSON: %q", req.Method, req.URL, b)
		}
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("%s %s: content type %q", req.Method, req.URL, ct)
	}
	return r
}

func get(t *testing.T, url string) reply {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	return do(t, req)
}

func TestErrors(t *testing.T) {
	srv := newServer(t, newStore(t), "")
	tests := []struct {
		name, method, path string
		body               string
		status             int
		errPart            string // the error must contain this
	}{
		{"bad quad", "GET", "/api/v1/events?quad=9", "", 400, `quad "9"`},
		{"bad date", "GET", "/api/v1/events?since=2024-02-30", "", 400, `since "2024-02-30"`},
		{"bad actor", "GET", "/api/v1/events?actor=R%27S", "", 400, `actor "R'S"`},
		{"bad dyad", "GET", "/api/v1/events?dyad=RUS", "", 400, `dyad "RUS"`},
		{"both without dyad", "GET", "/api/v1/events?both=true", "", 400, "both needs a dyad"},
		{"bad root", "GET", "/api/v1/events?root=25", "", 400, `root "25"`},
		{"bad limit", "GET", "/api/v1/events?limit=100000", "", 400, `limit "100000": want a whole number from 1 to 500`},
		{"bad cursor", "GET", "/api/v1/events?cursor=xyz", "", 400, `cursor "xyz"`},
		{"search without words", "GET", "/api/v1/events?q=%21%21", "", 400, `q "!!": no word`},
		{"unknown parameter", "GET", "/api/v1/events?acter=RUS", "", 400, `"acter": unknown parameter`},
		{"repeated parameter", "GET", "/api/v1/events?actor=RUS&actor=CUB", "", 400, "actor given 2 times"},
		{"parameter where none is taken", "GET", "/api/v1/stats?x=1", "", 400, `"x": unknown parameter; this endpoint takes none`},
		{"bad interval", "GET", "/api/v1/dyads/RUS/CUB/series?interval=year", "", 400, `interval "year"`},
		{"series too long", "GET", "/api/v1/dyads/RUS/CUB/series?interval=day&since=2010-01-01&until=2024-01-01", "", 400, "more than 1000 periods"},
		{"series reversed", "GET", "/api/v1/actors/RUS/series?since=2024-03-10&until=2024-03-01", "", 400, "since 2024-03-10 is after until"},
		{"both on an actor", "GET", "/api/v1/actors/RUS/series?both=true", "", 400, "both is for a dyad"},
		{"bad series actor", "GET", "/api/v1/actors/R-S/series", "", 400, `actor "R-S"`},
		{"network too long", "GET", "/api/v1/network?since=2020-01-01&until=2024-01-01", "", 400, "at most 366"},
		{"network period and since", "GET", "/api/v1/network?period=2024&since=2024-01-01", "", 400, "period or since and until"},
		{"bad period", "GET", "/api/v1/network?period=2024-3", "", 400, `period "2024-3"`},
		{"bad top", "GET", "/api/v1/network?top=501", "", 400, `top "501"`},
		{"bad lang", "GET", "/api/v1/actors?lang=de", "", 400, `lang "de": want one of en, fr, es`},
		{"bad kind", "GET", "/api/v1/actors?kind=planet", "", 400, `kind "planet"`},
		{"unknown event", "GET", "/api/v1/events/0123456789abcdef", "", 404, `no event "0123456789abcdef"`},
		{"malformed event id", "GET", "/api/v1/events/..%2Fetc", "", 404, "no event"},
		{"unknown article", "GET", "/api/v1/articles/nope", "", 404, `no article "nope"`},
		{"a copy is not an article", "GET", "/api/v1/articles/ru-cu-visit-granma", "", 404, "no article"},
		{"unknown endpoint", "GET", "/api/v1/eventz", "", 404, "no such endpoint: /api/v1/eventz"},
		{"unknown version", "GET", "/api/v2/events", "", 404, "no such endpoint"},
		{"post", "POST", "/api/v1/events", "{}", 405, "method POST not allowed"},
		{"delete", "DELETE", "/api/v1/events/0123456789abcdef", "", 405, "method DELETE not allowed"},
		{"large body", "GET", "/api/v1/events", strings.Repeat("x", httpapi.MaxBodyBytes+1), 413, "request body of 65537 bytes"},
		{"long query", "GET", "/api/v1/events?place=" + strings.Repeat("x", httpapi.MaxQueryBytes), "", 414, "query string of"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			req, _ := http.NewRequest(tc.method, srv.URL+tc.path, body)
			r := do(t, req)
			if r.status != tc.status {
				t.Errorf("status %d, want %d: %s", r.status, tc.status, r.raw)
			}
			msg, _ := r.body["error"].(string)
			if !strings.Contains(msg, tc.errPart) || len(r.body) != 1 {
				t.Errorf("body %s; want only an error containing %q", r.raw, tc.errPart)
			}
			if tc.status == 405 && r.header.Get("Allow") != "GET, HEAD" {
				t.Errorf("405 without Allow: %v", r.header)
			}
		})
	}
}

func TestChunkedBodyTooLarge(t *testing.T) {
	srv := newServer(t, newStore(t), "")
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte(strings.Repeat("y", httpapi.MaxBodyBytes+10)))
		pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/stats", pr) // unknown length: sent chunked
	r := do(t, req)
	if r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413: %s", r.status, r.raw)
	}
}

func TestToken(t *testing.T) {
	srv := newServer(t, newStore(t), testToken)
	tests := []struct {
		name, path, auth string
		status           int
	}{
		{"no token", "/api/v1/stats", "", 401},
		{"wrong token", "/api/v1/stats", "Bearer " + strings.Repeat("0", len(testToken)), 401},
		{"token prefix", "/api/v1/stats", "Bearer " + testToken[:20], 401},
		{"not bearer", "/api/v1/stats", "Basic " + testToken, 401},
		{"token", "/api/v1/stats", "Bearer " + testToken, 200},
		{"unknown endpoint without token", "/api/v1/secret", "", 401},
		{"health check needs none", "/healthz", "", 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+tc.path, nil)
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			r := do(t, req)
			if r.status != tc.status {
				t.Errorf("status %d, want %d: %s", r.status, tc.status, r.raw)
			}
			if tc.status == 401 && (r.header.Get("WWW-Authenticate") == "" || r.body["error"] != "missing or wrong bearer token") {
				t.Errorf("401 answer: %v %s", r.header, r.raw)
			}
		})
	}
}

func TestCheckBind(t *testing.T) {
	tests := []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true},
		{"[::1]:8080", "", true},
		{"localhost:8080", "", true},
		{"127.0.0.2:0", "", true},
		{"0.0.0.0:8080", "", false},
		{":8080", "", false},
		{"192.168.1.10:8080", "", false},
		{"[::]:8080", "", false},
		{"0.0.0.0:8080", testToken, true},
		{"0.0.0.0:8080", "short", false},
		{"127.0.0.1", "", false}, // no port
	}
	for _, tc := range tests {
		if err := httpapi.CheckBind(tc.addr, tc.token); (err == nil) != tc.ok {
			t.Errorf("CheckBind(%q, %q) = %v; want ok %v", tc.addr, tc.token, err, tc.ok)
		}
	}
}

// failing is a store whose queries fail or hang.
type failing struct {
	store.Store
	err  error
	hang bool
}

func (f failing) Events(ctx context.Context, q store.Query) ([]store.Event, error) {
	if f.hang {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return nil, f.err
}

func (f failing) Ping(ctx context.Context) error { return f.err }

func TestServerErrorsDoNotLeak(t *testing.T) {
	secret := errors.New(`pq: relation "internal_secret_table" does not exist at 10.0.0.7`)
	srv := httptest.NewServer(httpapi.New(failing{err: secret}, httpapi.Options{}))
	defer srv.Close()
	r := get(t, srv.URL+"/api/v1/events")
	if r.status != 500 || r.body["error"] != "internal error" || strings.Contains(r.raw, "secret") {
		t.Errorf("store failure: %d %s", r.status, r.raw)
	}
	r = get(t, srv.URL+"/healthz")
	if r.status != 503 || r.body["error"] != "database unavailable" {
		t.Errorf("health with a failing store: %d %s", r.status, r.raw)
	}
	slow := httptest.NewServer(httpapi.New(failing{hang: true}, httpapi.Options{Timeout: 50 * time.Millisecond}))
	defer slow.Close()
	r = get(t, slow.URL+"/api/v1/events")
	if r.status != 503 || !strings.Contains(r.raw, "narrow it") {
		t.Errorf("slow query: %d %s", r.status, r.raw)
	}
}

func TestHead(t *testing.T) {
	srv := newServer(t, newStore(t), "")
	req, _ := http.NewRequest(http.MethodHead, srv.URL+"/api/v1/events", nil)
	r := do(t, req)
	if r.status != 200 || r.raw != "" {
		t.Errorf("HEAD: %d %q", r.status, r.raw)
	}
}

// TestPaging follows the next cursors of /events and /actors to the end.
func TestPaging(t *testing.T) {
	srv := newServer(t, newStore(t), "")
	ids := func(path string) []string {
		var out []string
		r := get(t, srv.URL+path)
		if r.status != 200 {
			t.Fatalf("%s: %d %s", path, r.status, r.raw)
		}
		for _, e := range r.body["data"].([]any) {
			m := e.(map[string]any)
			id, _ := m["id"].(string)
			if id == "" {
				id = m["lang"].(string) + ":" + m["phrase"].(string)
			}
			out = append(out, id)
		}
		return out
	}
	for _, ep := range []struct{ path, all string }{
		{"/api/v1/events?limit=3", "/api/v1/events?limit=500"},
		{"/api/v1/actors?limit=2", "/api/v1/actors?limit=500"},
	} {
		want := ids(ep.all)
		var got []string
		path := ep.path
		for range 20 {
			got = append(got, ids(path)...)
			next, _ := get(t, srv.URL+path).body["next"].(string)
			if next == "" {
				break
			}
			path = ep.path + "&cursor=" + next
		}
		if !slices.Equal(got, want) || len(want) < 5 {
			t.Errorf("%s by pages: %v\nall at once: %v", ep.path, got, want)
		}
	}
}

func TestArticleEventsBySentence(t *testing.T) {
	srv := newServer(t, newStore(t), "")
	r := get(t, srv.URL+"/api/v1/articles/ua-strike")
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	var got struct {
		Data struct {
			Article struct {
				Text    string `json:"text"`
				Sources []any  `json:"sources"`
			} `json:"article"`
			Sentences []struct {
				Index  int    `json:"index"`
				Text   string `json:"text"`
				Start  int    `json:"start"`
				End    int    `json:"end"`
				Events []struct {
					EventID string `json:"event_id"`
					Code    string `json:"code"`
				} `json:"events"`
			} `json:"sentences"`
		} `json:"data"`
	}
	json.Unmarshal([]byte(r.raw), &got)
	var codes []string
	for _, s := range got.Data.Sentences {
		if got.Data.Article.Text[s.Start:s.End] != s.Text {
			t.Errorf("sentence %d offsets do not point at its text", s.Index)
		}
		for _, e := range s.Events {
			codes = append(codes, e.Code)
			ev := get(t, srv.URL+"/api/v1/events/"+e.EventID)
			if ev.status != 200 {
				t.Errorf("event %s of sentence %d: %d", e.EventID, s.Index, ev.status)
			}
		}
	}
	if !slices.Equal(codes, []string{"190", "112", "020"}) || len(got.Data.Article.Sources) != 1 {
		t.Errorf("events by sentence %v, sources %v", codes, got.Data.Article.Sources)
	}
}
