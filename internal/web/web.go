// Package web is dyad's user interface for analysts: server-rendered pages
// (html/template) over a store, with the network of countries, the timeline
// of a dyad, every event with its evidence, articles with their events, and
// a search over evidence sentences. Charts are SVG computed on the server;
// CSS and a little optional script are embedded. Every page runs bounded,
// aggregated queries, so it stays fast over millions of events.
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Page sizes and bounds.
const (
	// DefaultPageSize is how many events or mentions a page lists.
	DefaultPageSize = 50
	// MaxPageSize bounds the page size a request may ask for.
	MaxPageSize = 200
	// ArticlePageSentences is how many sentences of an article one page shows.
	ArticlePageSentences = 400
	// DefaultQueryTimeout bounds the store queries of one page.
	DefaultQueryTimeout = 15 * time.Second
)

// FeedStatus is what the feeds page shows about one followed feed.
type FeedStatus struct {
	URL         string
	Kind        string // feed or page
	Lang        string
	Interval    time.Duration
	LastPoll    time.Time
	LastSuccess time.Time
	NextPoll    time.Time
	Failures    int
	LastError   string
	Articles    int // articles stored from it since the state began
}

// Options configure the web UI.
type Options struct {
	// Log receives errors; nil discards them.
	Log *slog.Logger
	// PageSize is how many events a page lists (default DefaultPageSize).
	PageSize int
	// QueryTimeout bounds the store queries of one page (default DefaultQueryTimeout).
	QueryTimeout time.Duration
	// Now is the clock (default time.Now); periods end at the latest event
	// but never after today.
	Now func() time.Time
	// Feeds, when set, lists the followed feeds for the feeds page.
	Feeds func() []FeedStatus
	// CacheTTL is how long aggregates (network, series, counts) are kept
	// (default DefaultCacheTTL; negative: not at all).
	CacheTTL time.Duration
	// Token, when set, must be given to read any page: as the password of
	// HTTP Basic authentication (which browsers ask for; any user name) or
	// as "Authorization: Bearer TOKEN". dyad serve sets it to the API's token.
	Token string
}

// Server serves the web UI. It is an http.Handler.
type Server struct {
	st     store.Store
	opt    Options
	log    *slog.Logger
	ont    *cameo.Ontology
	pages  map[string]*template.Template
	mux    *http.ServeMux
	static string // version of the static files, for cache busting
	cache  *cache
}

// New builds the web UI over st.
func New(st store.Store, opt Options) (*Server, error) {
	if opt.PageSize <= 0 || opt.PageSize > MaxPageSize {
		opt.PageSize = DefaultPageSize
	}
	if opt.QueryTimeout <= 0 {
		opt.QueryTimeout = DefaultQueryTimeout
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.CacheTTL == 0 {
		opt.CacheTTL = DefaultCacheTTL
	}
	s := &Server{st: st, opt: opt, log: opt.Log, ont: cameo.Default(), mux: http.NewServeMux(), cache: newCache(opt.CacheTTL)}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	v, err := staticVersion()
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	s.static = v
	if err := s.parseTemplates(); err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	files := http.FileServerFS(sub)
	s.mux.Handle("GET /static/", http.StripPrefix("/static", cacheFor(files, 7*24*time.Hour)))
	s.mux.HandleFunc("GET /{$}", s.home)
	s.mux.HandleFunc("GET /dyad/{a}/{b}", s.dyad)
	s.mux.HandleFunc("GET /event/{id}", s.event)
	s.mux.HandleFunc("GET /article/{id}", s.article)
	s.mux.HandleFunc("GET /search", s.search)
	s.mux.HandleFunc("GET /feeds", s.feeds)
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			s.fail(w, r, http.StatusMethodNotAllowed, "This page can only be read.")
			return
		}
		s.fail(w, r, http.StatusNotFound, "There is no page at this address.")
	})
	return s, nil
}

// ServeHTTP serves a page with the headers every page has.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	if s.opt.Token != "" && !s.authorized(r) {
		h.Set("WWW-Authenticate", `Basic realm="dyad", charset="UTF-8"`)
		s.fail(w, r, http.StatusUnauthorized, "This server asks for its token: give it as the password (any user name).")
		return
	}
	s.mux.ServeHTTP(w, r)
}

// authorized reports whether a request carries the token, comparing in
// constant time.
func (s *Server) authorized(r *http.Request) bool {
	given := ""
	if _, pw, ok := r.BasicAuth(); ok {
		given = pw
	} else if v, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		given = strings.TrimSpace(v)
	}
	a, b := sha256.Sum256([]byte(given)), sha256.Sum256([]byte(s.opt.Token))
	return given != "" && subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

func cacheFor(h http.Handler, d time.Duration) http.Handler {
	v := fmt.Sprintf("public, max-age=%d", int(d.Seconds()))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", v)
		h.ServeHTTP(w, r)
	})
}

func staticVersion() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(staticFS, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(path)
		if err != nil {
			return err
		}
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:10], err
}

// view is what the layout receives: the page's title and navigation, and
// the page's own data.
type view struct {
	Title    string
	Nav      string
	Q        string // the header's search box
	HasFeeds bool
	Data     any
}

// render writes a page, or a 500 if its template fails: a page is executed
// into a buffer first so that a failure never sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	t := s.pages[name]
	if t == nil {
		s.log.Error("web: no template", "page", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	v.HasFeeds = s.opt.Feeds != nil
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		s.log.Error("web: render", "page", name, "path", r.URL.Path, "err", err)
		if name != "error" {
			s.fail(w, r, http.StatusInternalServerError, "This page could not be drawn.")
			return
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if status == http.StatusOK {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

type errorData struct {
	Status  int
	Heading string
	Message string
}

// fail renders an error page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error", view{Title: http.StatusText(status), Data: errorData{Status: status, Heading: http.StatusText(status), Message: msg}})
}

// storeError turns a store error into the page a person should see: 404 for
// what does not exist, 400 (with what is wrong) for a bad query, 503 when the
// query ran out of time, 500 otherwise (logged, not shown).
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, what string, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.fail(w, r, http.StatusNotFound, "There is no "+what+" with this id.")
	case errors.Is(err, store.ErrBadQuery):
		s.fail(w, r, http.StatusBadRequest, "This query cannot be run: "+err.Error()+".")
	case errors.Is(err, context.DeadlineExceeded):
		s.log.Warn("web: query timed out", "path", r.URL.Path, "err", err)
		s.fail(w, r, http.StatusServiceUnavailable, "The database took too long to answer; try a shorter period or fewer filters.")
	case errors.Is(err, context.Canceled):
		// the client went away
	default:
		s.log.Error("web: query", "path", r.URL.Path, "err", err)
		s.fail(w, r, http.StatusInternalServerError, "The database could not answer this query.")
	}
}

// ctx is the request's context bounded by the query timeout.
func (s *Server) ctx(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.opt.QueryTimeout)
}
