// Package httpapi is dyad's JSON API over a store (docs/API.md): events,
// their evidence, articles, dyad and actor series, the country network, and
// what dyad knows of actors, under /api/v1/, with /healthz. It is a plain
// http.Handler; dyad serve mounts it beside the web UI.
package httpapi

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/store"
)

// Limits of one request.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
	MaxBodyBytes    = 64 << 10 // no endpoint reads a body; anything larger is refused
	MaxQueryBytes   = 4 << 10
	DefaultTimeout  = 10 * time.Second
	MinTokenLen     = 16
)

// statusClientClosed is logged for a request whose client went away before
// the answer (nginx's convention); the client never sees it.
const statusClientClosed = 499

// Lexicons is what the server knows of actors: the lexicon of a language
// (*lexicon.Set is one). Read only.
type Lexicons interface {
	For(lang string) *lexicon.Lexicon
}

// Names gives countries' names (*lexicon.Set is one).
type Names interface {
	CountryName(code string) string
}

// Options configure a Server.
type Options struct {
	// Token, if set, must be sent by every /api/ request as
	// "Authorization: Bearer TOKEN".
	Token string
	// Lexicons backs /api/v1/actors; nil answers an empty list.
	Lexicons Lexicons
	// Langs are the languages /api/v1/actors lists (default en, fr, es).
	Langs []string
	// Names, if set, names the countries of /api/v1/network.
	Names Names
	// Timeout bounds the store's work for one request (default DefaultTimeout).
	Timeout time.Duration
	Log     *slog.Logger
}

// Server answers the API. It is safe for concurrent use.
type Server struct {
	st    store.Store
	opt   Options
	mux   *http.ServeMux
	token [32]byte
}

// New returns the API server over st.
func New(st store.Store, opt Options) *Server {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if len(opt.Langs) == 0 {
		opt.Langs = []string{"en", "fr", "es"}
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{st: st, opt: opt, mux: http.NewServeMux(), token: sha256.Sum256([]byte(opt.Token))}
	s.handle("/healthz", nil, s.healthz)
	s.handle("/api/v1/events", eventParams, s.events)
	s.handle("/api/v1/events/{id}", nil, s.event)
	s.handle("/api/v1/articles/{id}", nil, s.article)
	s.handle("/api/v1/dyads", dyadsParams, s.dyads)
	s.handle("/api/v1/dyads/{a}/{b}/series", seriesParams, s.dyadSeries)
	s.handle("/api/v1/actors", actorParams, s.actors)
	s.handle("/api/v1/actors/{code}/series", seriesParams, s.actorSeries)
	s.handle("/api/v1/network", networkParams, s.network)
	s.handle("/api/v1/stats", nil, s.stats)
	s.handle("/api/", nil, func(r *http.Request, _ url.Values) (*response, error) {
		return nil, &apiError{http.StatusNotFound, fmt.Sprintf("no such endpoint: %s (see docs/API.md)", r.URL.Path)}
	})
	return s
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func tokenOK(r *http.Request, want [32]byte) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	h := sha256.Sum256([]byte(strings.TrimSpace(got)))
	return subtle.ConstantTimeCompare(h[:], want[:]) == 1
}

// CheckBind refuses to listen beyond this machine without a token: an
// address whose host is not a loopback address (or is empty, meaning every
// interface) needs one.
func CheckBind(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: want HOST:PORT, such as 127.0.0.1:8080", addr)
	}
	if token != "" && len(token) < MinTokenLen {
		return fmt.Errorf("the token is %d characters: use at least %d (openssl rand -hex 16 makes one)", len(token), MinTokenLen)
	}
	if token != "" || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("address %q is reachable from other machines: give a token (--token or DYAD_TOKEN) that clients must send, or listen on 127.0.0.1", addr)
}

// response is what a handler answers: the data, and for a page of a list
// the cursor of the next page.
type response struct {
	data any
	next string
}

// envelope is every successful response's body.
type envelope struct {
	Data any    `json:"data"`
	Next string `json:"next,omitempty"`
}

// apiError is an error the client is told about as it is.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func badParam(name, format string, args ...any) error {
	return &apiError{http.StatusBadRequest, name + " " + fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) error {
	return &apiError{http.StatusNotFound, fmt.Sprintf(format, args...)}
}

// handler answers one request, given its query parameters (parsed once, and
// checked against those the endpoint takes).
type handler func(r *http.Request, qv url.Values) (*response, error)

// handle registers a handler behind the one wrapper that checks the method,
// the token, the body and the parameters, bounds the time, and writes every
// response and error.
func (s *Server) handle(pattern string, params []string, h handler) {
	api := strings.HasPrefix(pattern, "/api/")
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		status, err := s.serve(w, r, api, params, h)
		lvl := slog.LevelDebug
		if status >= 500 && status != statusClientClosed {
			lvl = slog.LevelError
		}
		s.opt.Log.Log(r.Context(), lvl, "api", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", status), slog.Duration("took", time.Since(start)), slog.Any("err", err))
	})
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, api bool, params []string, h handler) (int, error) {
	fail := func(err error) (int, error) {
		status, msg := s.errorOf(r, err)
		if status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", "GET, HEAD")
		}
		if status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dyad"`)
		}
		writeJSON(w, r, status, map[string]string{"error": msg})
		return status, err
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return fail(&apiError{http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed: the API is read only (GET)", r.Method)})
	}
	if api && s.opt.Token != "" && !tokenOK(r, s.token) {
		return fail(&apiError{http.StatusUnauthorized, "missing or wrong bearer token"})
	}
	if r.ContentLength > MaxBodyBytes {
		return fail(&apiError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body of %d bytes: at most %d", r.ContentLength, MaxBodyBytes)})
	}
	if r.ContentLength != 0 {
		// no endpoint takes a body: read what comes, within bounds, and drop it
		if _, err := io.Copy(io.Discard, http.MaxBytesReader(w, r.Body, MaxBodyBytes)); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return fail(&apiError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", MaxBodyBytes)})
			}
			return fail(&apiError{http.StatusBadRequest, "unreadable request body"})
		}
	}
	if len(r.URL.RawQuery) > MaxQueryBytes {
		return fail(&apiError{http.StatusRequestURITooLong, fmt.Sprintf("query string of %d bytes: at most %d", len(r.URL.RawQuery), MaxQueryBytes)})
	}
	qv := r.URL.Query()
	if err := checkParams(qv, params); err != nil {
		return fail(err)
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
	defer cancel()
	res, err := h(r.WithContext(ctx), qv)
	if err != nil {
		return fail(err)
	}
	writeJSON(w, r, http.StatusOK, envelope{Data: res.data, Next: res.next})
	return http.StatusOK, nil
}

// errorOf is the status and message a client sees for err: its own mistakes
// in full, the server's without their details.
func (s *Server) errorOf(r *http.Request, err error) (int, string) {
	var ae *apiError
	var qe *store.QueryError
	switch {
	case errors.As(err, &ae):
		return ae.status, ae.msg
	case errors.As(err, &qe):
		msg := qe.Msg
		if qe.Field == "text" { // the API calls it q
			msg = "q" + strings.TrimPrefix(msg, "text")
		}
		return http.StatusBadRequest, msg
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "not found"
	case r.Context().Err() != nil:
		return statusClientClosed, "request canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, fmt.Sprintf("the query took over %s: narrow it (a shorter date range, more filters)", s.opt.Timeout)
	}
	return http.StatusInternalServerError, "internal error"
}

func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		b.Reset()
		b.WriteString(`{"error":"internal error"}` + "\n")
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		io.WriteString(w, b.String())
	}
}

// checkParams refuses unknown and repeated query parameters, naming them.
func checkParams(qv url.Values, allowed []string) error {
	names := make([]string, 0, len(qv))
	for k := range qv {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if !slices.Contains(allowed, k) {
			if len(allowed) == 0 {
				return badParam(fmt.Sprintf("%q:", k), "unknown parameter; this endpoint takes none")
			}
			return badParam(fmt.Sprintf("%q:", k), "unknown parameter; want one of %s", strings.Join(allowed, ", "))
		}
		if len(qv[k]) > 1 {
			return badParam(k, "given %d times; give it once", len(qv[k]))
		}
	}
	return nil
}
