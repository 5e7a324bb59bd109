package httpapi

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/store"
)

func (s *Server) healthz(r *http.Request, _ url.Values) (*response, error) {
	if err := s.st.Ping(r.Context()); err != nil {
		s.opt.Log.Error("healthz: database", "err", err)
		return nil, &apiError{http.StatusServiceUnavailable, "database unavailable"}
	}
	return &response{data: map[string]string{"status": "ok"}}, nil
}

func (s *Server) stats(r *http.Request, _ url.Values) (*response, error) {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		return nil, err
	}
	return &response{data: st}, nil
}

// events answers a page of events, newest first, with the cursor of the next.
func (s *Server) events(r *http.Request, qv url.Values) (*response, error) {
	q, err := eventFilters(qv)
	if err != nil {
		return nil, err
	}
	if q.Limit, err = intParam(qv, "limit", DefaultPageSize, 1, MaxPageSize); err != nil {
		return nil, err
	}
	if v := qv.Get("cursor"); v != "" {
		if q.After, err = decodeCursor(v); err != nil {
			return nil, err
		}
	}
	evs, err := s.st.Events(r.Context(), q)
	if err != nil {
		return nil, err
	}
	res := &response{data: nonNil(evs)}
	if len(evs) == q.Limit {
		res.next = encodeCursor(evs[len(evs)-1].Cursor())
	}
	return res, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// eventDetail is an event with every mention of it: the evidence.
type eventDetail struct {
	Event    *store.Event    `json:"event"`
	Mentions []store.Mention `json:"mentions"`
}

func (s *Server) event(r *http.Request, _ url.Values) (*response, error) {
	id := r.PathValue("id")
	if !validEventID(id) {
		return nil, notFound("no event %q: an event id is 16 hexadecimal digits", id)
	}
	ev, ms, err := s.st.Event(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("no event %q", id)
	}
	if err != nil {
		return nil, err
	}
	return &response{data: eventDetail{Event: ev, Mentions: nonNil(ms)}}, nil
}

// articleDetail is an article with its sentences and what was coded in each.
type articleDetail struct {
	Article   articleView    `json:"article"`
	Sentences []sentenceView `json:"sentences"`
}

type articleView struct {
	ID         string       `json:"id"`
	URL        string       `json:"url,omitempty"`
	Outlet     string       `json:"outlet,omitempty"`
	Title      string       `json:"title,omitempty"`
	Lang       string       `json:"lang"`
	Published  time.Time    `json:"published,omitzero"`
	Place      string       `json:"place,omitempty"`
	Text       string       `json:"text"`
	Sources    []sourceView `json:"sources"`
	IngestedAt time.Time    `json:"ingested_at"`
}

// sourceView is one address and outlet that carried an article's text.
// (Where dyad read it, a file name say, stays on the server.)
type sourceView struct {
	URL    string    `json:"url,omitempty"`
	Outlet string    `json:"outlet,omitempty"`
	SeenAt time.Time `json:"seen_at"`
}

type sentenceView struct {
	model.Sentence
	Events []sentenceEvent `json:"events"`
}

// sentenceEvent is one event coded from a sentence: the mention, without
// the sentence it is listed under.
type sentenceEvent struct {
	EventID       string          `json:"event_id"`
	Code          string          `json:"code"`
	Root          string          `json:"root"`
	QuadClass     int             `json:"quad_class"`
	Goldstein     float64         `json:"goldstein"`
	Plover        model.Plover    `json:"plover"`
	Source        model.Actor     `json:"source"`
	Target        *model.Actor    `json:"target"`
	Trigger       model.Span      `json:"trigger"`
	Date          string          `json:"date,omitempty"`
	DatePrecision string          `json:"date_precision"`
	Location      *model.Location `json:"location,omitempty"`
	Mode          string          `json:"mode,omitempty"`
}

func (s *Server) article(r *http.Request, _ url.Values) (*response, error) {
	id := r.PathValue("id")
	a, err := s.st.Article(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("no article %q", id)
	}
	if err != nil {
		return nil, err
	}
	ms, err := s.st.ArticleMentions(r.Context(), id)
	if err != nil {
		return nil, err
	}
	out := articleDetail{
		Article: articleView{ID: a.ID, URL: a.URL, Outlet: a.Source, Title: a.Title, Lang: a.Lang, Published: a.Published,
			Place: a.Place, Text: a.Text, Sources: []sourceView{}, IngestedAt: a.IngestedAt},
		Sentences: make([]sentenceView, len(a.Sentences)),
	}
	for _, src := range a.Sources {
		out.Article.Sources = append(out.Article.Sources, sourceView{URL: src.URL, Outlet: src.Source, SeenAt: src.SeenAt})
	}
	at := map[int]int{}
	for i, st := range a.Sentences {
		out.Sentences[i] = sentenceView{Sentence: st, Events: []sentenceEvent{}}
		at[st.Index] = i
	}
	for _, m := range ms {
		i, ok := at[m.Sentence.Index]
		if !ok {
			continue
		}
		out.Sentences[i].Events = append(out.Sentences[i].Events, sentenceEvent{
			EventID: m.EventID, Code: m.Code, Root: m.Root, QuadClass: m.QuadClass, Goldstein: m.Goldstein, Plover: m.Plover,
			Source: m.Event.Source, Target: m.Target, Trigger: m.Trigger, Date: m.Date, DatePrecision: m.DatePrecision,
			Location: m.Location, Mode: m.Mode,
		})
	}
	return &response{data: out}, nil
}

func (s *Server) dyads(r *http.Request, qv url.Values) (*response, error) {
	q, err := eventFilters(qv)
	if err != nil {
		return nil, err
	}
	if q.Limit, err = intParam(qv, "limit", 20, 1, 100); err != nil {
		return nil, err
	}
	ds, err := s.st.Dyads(r.Context(), q)
	if err != nil {
		return nil, err
	}
	return &response{data: nonNil(ds)}, nil
}

// seriesView is a series with what it is of.
type seriesView struct {
	Source string `json:"source,omitempty"`
	Target string `json:"target,omitempty"`
	Actor  string `json:"actor,omitempty"`
	Both   bool   `json:"both,omitempty"`
	*store.Series
}

func seriesQuery(qv url.Values) (store.SeriesQuery, error) {
	var q store.SeriesQuery
	var err error
	q.Interval = qv.Get("interval")
	if q.Interval != "" && q.Interval != store.IntervalDay && q.Interval != store.IntervalWeek && q.Interval != store.IntervalMonth {
		return q, badParam("interval", "%q: want day, week or month", q.Interval)
	}
	if q.Since, err = dateParam(qv, "since"); err != nil {
		return q, err
	}
	if q.Until, err = dateParam(qv, "until"); err != nil {
		return q, err
	}
	if err := codeFilters(qv, &q.Query); err != nil {
		return q, err
	}
	return q, nil
}

func (s *Server) dyadSeries(r *http.Request, qv url.Values) (*response, error) {
	q, err := seriesQuery(qv)
	if err != nil {
		return nil, err
	}
	if q.Source, err = code("source", r.PathValue("a")); err != nil {
		return nil, err
	}
	if q.Target, err = code("target", r.PathValue("b")); err != nil {
		return nil, err
	}
	if q.Both, err = boolParam(qv, "both"); err != nil {
		return nil, err
	}
	ser, err := s.st.Series(r.Context(), q)
	if err != nil {
		return nil, err
	}
	return &response{data: seriesView{Source: q.Source, Target: q.Target, Both: q.Both, Series: ser}}, nil
}

func (s *Server) actorSeries(r *http.Request, qv url.Values) (*response, error) {
	q, err := seriesQuery(qv)
	if err != nil {
		return nil, err
	}
	if qv.Has("both") {
		return nil, badParam("both", "is for a dyad's series")
	}
	if q.Actor, err = code("actor", r.PathValue("code")); err != nil {
		return nil, err
	}
	ser, err := s.st.Series(r.Context(), q)
	if err != nil {
		return nil, err
	}
	return &response{data: seriesView{Actor: q.Actor, Series: ser}}, nil
}

// networkView is the country network, its nodes named.
type networkView struct {
	Since string              `json:"since"`
	Until string              `json:"until"`
	Nodes []networkNode       `json:"nodes"`
	Edges []store.NetworkEdge `json:"edges"`
}

type networkNode struct {
	store.NetworkNode
	Name string `json:"name,omitempty"`
}

func (s *Server) network(r *http.Request, qv url.Values) (*response, error) {
	var q store.NetworkQuery
	var err error
	get := qv.Get
	if p := get("period"); p != "" {
		if get("since") != "" || get("until") != "" {
			return nil, badParam("period", "or since and until: not both")
		}
		if q.Since, q.Until, err = period(p); err != nil {
			return nil, err
		}
	} else {
		if q.Since, err = dateParam(qv, "since"); err != nil {
			return nil, err
		}
		if q.Until, err = dateParam(qv, "until"); err != nil {
			return nil, err
		}
	}
	if q.MinWeight, err = intParam(qv, "min_weight", 1, 1, 1_000_000); err != nil {
		return nil, err
	}
	if q.Top, err = intParam(qv, "top", store.DefaultNetworkTop, 1, store.MaxNetworkTop); err != nil {
		return nil, err
	}
	if err := codeFilters(qv, &q.Query); err != nil {
		return nil, err
	}
	n, err := s.st.Network(r.Context(), q)
	if err != nil {
		return nil, err
	}
	out := networkView{Since: n.Since, Until: n.Until, Nodes: make([]networkNode, len(n.Nodes)), Edges: nonNil(n.Edges)}
	for i, nd := range n.Nodes {
		out.Nodes[i] = networkNode{NetworkNode: nd}
		if s.opt.Names != nil {
			if name := s.opt.Names.CountryName(nd.ID); name != nd.ID {
				out.Nodes[i].Name = name
			}
		}
	}
	return &response{data: out}, nil
}

// actorView is one phrase of the actor lexicon.
type actorView struct {
	Code    string `json:"code"`
	Country string `json:"country,omitempty"`
	Agent   string `json:"agent,omitempty"`
	Kind    string `json:"kind"`
	Phrase  string `json:"phrase"`
	Lang    string `json:"lang"`
	From    string `json:"from,omitempty"`
	Until   string `json:"until,omitempty"`
	Source  string `json:"source"` // the lexicon file and line
}

func yyyymmdd(d int32) string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d/10000, d/100%100, d%100)
}

func (s *Server) actors(_ *http.Request, qv url.Values) (*response, error) {
	get := qv.Get
	langs := s.opt.Langs
	if v := get("lang"); v != "" {
		if !slices.Contains(langs, v) {
			return nil, badParam("lang", "%q: want one of %s", v, strings.Join(langs, ", "))
		}
		langs = []string{v}
	}
	var kind lexicon.Kind // 0: any
	if v := get("kind"); v != "" {
		if kind = lexiconKind(v); kind == 0 {
			return nil, badParam("kind", "%q: want country, demonym, capital, seat, org, group, agent, title, portfolio or person", v)
		}
	}
	prefix := ""
	if v := get("code"); v != "" {
		var err error
		if prefix, err = code("code", v); err != nil {
			return nil, err
		}
	}
	phrase, err := textParam(qv, "q", 100)
	if err != nil {
		return nil, err
	}
	phrase = store.Fold(phrase)
	limit, err := intParam(qv, "limit", 100, 1, MaxPageSize)
	if err != nil {
		return nil, err
	}
	skip := 0
	if v := get("cursor"); v != "" {
		if skip, err = decodeOffset(v); err != nil {
			return nil, err
		}
	}
	out := []actorView{}
	n := 0 // matching entries seen
	var lexicons []*lexicon.Lexicon
	if s.opt.Lexicons != nil {
		for _, lang := range langs {
			lexicons = append(lexicons, s.opt.Lexicons.For(lang))
		}
	}
	for i, lex := range lexicons {
		if lex == nil {
			continue
		}
		for j := range lex.Entries {
			e := &lex.Entries[j]
			if e.Kind == lexicon.KindPlace || (kind != 0 && e.Kind != kind) || !strings.HasPrefix(e.Code, prefix) ||
				(phrase != "" && !strings.Contains(store.Fold(e.Phrase), phrase)) {
				continue
			}
			if n++; n <= skip {
				continue
			}
			if len(out) == limit {
				return &response{data: out, next: encodeOffset(skip + limit)}, nil
			}
			out = append(out, actorView{Code: e.Code, Country: e.Country, Agent: e.Agent, Kind: e.Kind.String(), Phrase: e.Phrase,
				Lang: langs[i], From: yyyymmdd(e.From), Until: yyyymmdd(e.Until), Source: e.Source})
		}
	}
	return &response{data: out}, nil
}

func lexiconKind(name string) lexicon.Kind {
	for k := lexicon.KindCountry; k < lexicon.KindPlace; k++ {
		if k.String() == name {
			return k
		}
	}
	return 0
}
