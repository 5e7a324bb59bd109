package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/store"
)

// eventRow is an event in a list, with its evidence sentence cut into
// highlighted runs.
type eventRow struct {
	*store.Event
	Segs []segment
}

func (s *Server) rows(evs []store.Event, words []store.SearchWord) []eventRow {
	out := make([]eventRow, len(evs))
	for i := range evs {
		e := &evs[i]
		var spans []span
		if len(words) > 0 {
			spans = searchSpans(e.Sentence.Text, words)
		} else {
			spans = mentionSpans(&e.Event, e.Sentence.Text, e.Sentence.Start)
		}
		out[i] = eventRow{Event: e, Segs: segments(e.Sentence.Text, spans)}
	}
	return out
}

// today is the current date (midnight UTC).
func (s *Server) today() time.Time {
	return s.opt.Now().UTC().Truncate(24 * time.Hour)
}

// anchor is the date periods end on by default: the date of the latest
// event q selects, but not after today (a misdated event in the future
// must not hide the present); today when q selects nothing.
func (s *Server) anchor(ctx context.Context, q store.Query) (time.Time, error) {
	today := s.today()
	q.Until, q.Limit, q.Offset, q.After = today.Format(dateLayout), 1, 0, nil
	evs, err := s.st.Events(ctx, q)
	if err != nil {
		return today, err
	}
	if len(evs) == 1 {
		if t, err := time.Parse(dateLayout, evs[0].Date); err == nil {
			return t, nil
		}
	}
	return today, nil
}

// page of a list: the rows and the links to the next page and back to the first.
func (s *Server) pageOf(evs []store.Event, r *http.Request, after *store.Cursor) (rows []store.Event, next, first string) {
	q := r.URL.Query()
	if len(evs) > s.opt.PageSize {
		evs = evs[:s.opt.PageSize]
		next = with(r.URL.Path, q, "after", cursorParam(evs[len(evs)-1].Cursor()))
	}
	if after != nil {
		first = with(r.URL.Path, q, "after", "")
	}
	return evs, next, first
}

type link struct {
	Label  string
	Href   string
	Active bool
}

type homeData struct {
	Since, Until string
	Days         int
	Presets      []link
	Quads        []link
	Quad         int
	Stats        store.Stats
	Mentions     int // in the period; its events are counted by Chart
	Graph        *netGraph
	Pairs        []pairRow
	Chart        *barChart
	Latest       []eventRow
	Custom       bool
}

type pairRow struct {
	A, B           string
	Coop, Conflict int
	Events         int
	Href           string
	CoopW, ConfW   float64 // bar widths, percent of the busiest pair
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	days := p.intIn("days", 1, store.MaxNetworkDays, defaultDays)
	since, until := p.date("since"), p.date("until")
	quad := p.intIn("quad", 0, 4, 0)
	if p.err != nil {
		s.fail(w, r, http.StatusBadRequest, p.err.Error()+".")
		return
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	d := homeData{Quad: quad, Custom: since != "" || until != ""}
	end := s.today()
	if until != "" {
		end, _ = time.Parse(dateLayout, until)
	} else {
		t, err := s.anchor(ctx, store.Query{})
		if err != nil {
			s.storeError(w, r, "event", err)
			return
		}
		end = t
	}
	start := end.AddDate(0, 0, -days+1)
	if since != "" {
		start, _ = time.Parse(dateLayout, since)
		days = int(end.Sub(start).Hours()/24) + 1
	}
	if days > store.MaxNetworkDays || days < 1 {
		s.fail(w, r, http.StatusBadRequest, "The period must run forward and be at most "+strconv.Itoa(store.MaxNetworkDays)+" days long.")
		return
	}
	d.Since, d.Until, d.Days = start.Format(dateLayout), end.Format(dateLayout), days
	base := store.Query{Since: d.Since, Until: d.Until, Quad: quad}

	net, err := s.network(ctx, store.NetworkQuery{Query: base, Top: homeTopEdges})
	if err != nil {
		s.storeError(w, r, "network", err)
		return
	}
	pairs := pairsOf(net)
	d.Graph = layoutNetwork(net, pairs, 760, 600)
	for _, pt := range pairs {
		if len(d.Pairs) == 12 {
			break
		}
		d.Pairs = append(d.Pairs, pairRow{A: pt.key.a, B: pt.key.b, Coop: pt.coop, Conflict: pt.conflict, Events: pt.events, Href: dyadHref(pt.key.a, pt.key.b)})
	}
	if len(d.Pairs) > 0 {
		most := float64(max(1, d.Pairs[0].Coop+d.Pairs[0].Conflict))
		for i := range d.Pairs {
			d.Pairs[i].CoopW = round1(100 * float64(d.Pairs[i].Coop) / most)
			d.Pairs[i].ConfW = round1(100 * float64(d.Pairs[i].Conflict) / most)
		}
	}
	interval := store.IntervalDay
	if days > 62 {
		interval = store.IntervalWeek
	}
	series, err := s.series(ctx, store.SeriesQuery{Query: base, Interval: interval})
	if err != nil {
		s.storeError(w, r, "series", err)
		return
	}
	for _, pt := range series.Points {
		d.Mentions += pt.Mentions
	}
	d.Chart = seriesChart(series, 1160, 220, func(pt store.SeriesPoint, until string) string {
		v := url.Values{"since": {pt.Period}, "until": {until}}
		if quad != 0 {
			v.Set("quad", strconv.Itoa(quad))
		}
		return "/search?" + v.Encode()
	})
	if d.Stats, err = s.stats(ctx); err != nil {
		s.storeError(w, r, "statistics", err)
		return
	}
	latest, err := s.st.Events(ctx, store.Query{Since: d.Since, Until: d.Until, Quad: quad, Limit: 12})
	if err != nil {
		s.storeError(w, r, "event", err)
		return
	}
	d.Latest = s.rows(latest, nil)
	q := r.URL.Query()
	for _, n := range []int{7, 30, 90, 365} {
		d.Presets = append(d.Presets, link{Label: "last " + strconv.Itoa(n) + " days", Active: !d.Custom && days == n,
			Href: with("/", q, "days", strconv.Itoa(n), "since", "", "until", "")})
	}
	d.Quads = append(d.Quads, link{Label: "all", Href: with("/", q, "quad", ""), Active: quad == 0})
	for i := 1; i <= 4; i++ {
		d.Quads = append(d.Quads, link{Label: quadName(i), Href: with("/", q, "quad", strconv.Itoa(i)), Active: quad == i})
	}
	s.render(w, r, http.StatusOK, "home", view{Title: "Network", Nav: "home", Data: d})
}

type dyadData struct {
	A, B      string
	Both      bool
	Interval  string
	Intervals []link
	Direction []link
	Chart     *barChart
	Since     string
	Until     string
	Actors    []store.DyadCount
	Events    []eventRow
	Next      string
	First     string
	Reverse   string
}

func (s *Server) dyad(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	a := checkCode(p, "first actor", r.PathValue("a"))
	b := checkCode(p, "second actor", r.PathValue("b"))
	interval := p.oneOf("interval", store.IntervalMonth, store.IntervalDay, store.IntervalWeek, store.IntervalMonth)
	dir := p.oneOf("dir", "both", "both", "one")
	since, until := p.date("since"), p.date("until")
	after := p.cursor("after")
	if p.err != nil {
		s.fail(w, r, http.StatusBadRequest, p.err.Error()+".")
		return
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	d := dyadData{A: a, B: b, Both: dir == "both", Interval: interval}
	base := store.Query{Source: a, Target: b, Both: d.Both}
	if until == "" {
		t, err := s.anchor(ctx, base)
		if err != nil {
			s.storeError(w, r, "event", err)
			return
		}
		until = t.Format(dateLayout)
	}
	sq := base
	sq.Since, sq.Until = since, until
	series, err := s.series(ctx, store.SeriesQuery{Query: sq, Interval: interval})
	if err != nil {
		s.storeError(w, r, "series", err)
		return
	}
	d.Since, d.Until = series.Since, series.Until
	d.Chart = seriesChart(series, 1160, 280, func(pt store.SeriesPoint, end string) string {
		v := url.Values{"since": {pt.Period}, "until": {end}, "interval": {interval}}
		if !d.Both {
			v.Set("dir", "one")
		}
		return dyadHref(a, b) + "?" + v.Encode() + "#events"
	})
	lq := base
	lq.Since, lq.Until, lq.Limit, lq.After = d.Since, d.Until, s.opt.PageSize+1, after
	evs, err := s.st.Events(ctx, lq)
	if err != nil {
		s.storeError(w, r, "event", err)
		return
	}
	evs, d.Next, d.First = s.pageOf(evs, r, after)
	d.Events = s.rows(evs, nil)
	aq := base
	aq.Since, aq.Until, aq.Limit = d.Since, d.Until, 10
	if d.Actors, err = s.dyads(ctx, aq); err != nil {
		s.storeError(w, r, "dyad", err)
		return
	}
	q := r.URL.Query()
	q.Del("after")
	for _, iv := range []string{store.IntervalDay, store.IntervalWeek, store.IntervalMonth} {
		// a finer interval over the same end date: let the store choose its default span
		d.Intervals = append(d.Intervals, link{Label: "by " + iv, Href: with(r.URL.Path, q, "interval", iv, "since", ""), Active: iv == interval})
	}
	d.Direction = []link{
		{Label: "both directions", Href: with(r.URL.Path, q, "dir", ""), Active: d.Both},
		{Label: a + " → " + b + " only", Href: with(r.URL.Path, q, "dir", "one"), Active: !d.Both},
	}
	d.Reverse = with(dyadHref(b, a), q)
	s.render(w, r, http.StatusOK, "dyad", view{Title: a + " · " + b, Nav: "dyad", Data: d})
}

// mentionRow is one mention with its sentence cut into highlighted runs.
type mentionRow struct {
	*store.Mention
	Segs []segment
	URL  string // the original address, when it is a web address
}

type eventData struct {
	E        *store.Event
	Mentions []mentionRow
	Total    int
	numbered
	Related  []eventRow // other events between the same actors
	DyadHref string
}

// numbered is one page of a list shown by numbered pages, with the links
// to the pages before and after it.
type numbered struct {
	Page, Pages int
	Prev, Next  string
}

// numberPages places page among the pages of n items, size a page; lo and
// hi are the items it shows. ok is false when there is no such page.
func numberPages(r *http.Request, page, n, size int) (p numbered, lo, hi int, ok bool) {
	p = numbered{Page: page, Pages: max(1, (n+size-1)/size)}
	if page > p.Pages {
		return p, 0, 0, false
	}
	q := r.URL.Query()
	if page > 1 {
		p.Prev = with(r.URL.Path, q, "page", pageParam(page-1))
	}
	if page < p.Pages {
		p.Next = with(r.URL.Path, q, "page", strconv.Itoa(page+1))
	}
	lo = (page - 1) * size
	return p, lo, min(n, lo+size), true
}

// pageAndID reads the page parameter and the id of /event/{id} or
// /article/{id}; ok is false when a 400 or 404 page (an id longer than
// maxID, which the store cannot hold) has been written.
func (s *Server) pageAndID(w http.ResponseWriter, r *http.Request, what string, maxID int) (page int, id string, ok bool) {
	p := newParams(r)
	page = p.intIn("page", 1, maxPage, 1)
	id = r.PathValue("id")
	if p.err != nil {
		s.fail(w, r, http.StatusBadRequest, p.err.Error()+".")
		return 0, "", false
	}
	if len(id) > maxID {
		s.fail(w, r, http.StatusNotFound, "There is no "+what+" with this id.")
		return 0, "", false
	}
	return page, id, true
}

func (s *Server) event(w http.ResponseWriter, r *http.Request) {
	page, id, ok := s.pageAndID(w, r, "event", 64)
	if !ok {
		return
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	e, ms, err := s.st.Event(ctx, id)
	if err != nil {
		s.storeError(w, r, "event", err)
		return
	}
	d := eventData{E: e, Total: len(ms)}
	var lo, hi int
	if d.numbered, lo, hi, ok = numberPages(r, page, len(ms), s.opt.PageSize); !ok {
		s.fail(w, r, http.StatusNotFound, "This event has no page "+strconv.Itoa(page)+" of mentions.")
		return
	}
	ms = ms[lo:hi]
	d.Mentions = make([]mentionRow, len(ms))
	for i := range ms {
		m := &ms[i]
		d.Mentions[i] = mentionRow{Mention: m, URL: webURL(m.ArticleURL),
			Segs: segments(m.Sentence.Text, mentionSpans(&m.Event, m.Sentence.Text, m.Sentence.Start))}
	}
	title := e.Source.Code
	if e.Target != nil {
		title += " → " + e.Target.Code
		rel, err := s.st.Events(ctx, store.Query{Source: e.Source.Code, Target: e.Target.Code, Both: true, Limit: 9})
		if err != nil {
			s.storeError(w, r, "event", err)
			return
		}
		rel = slices.DeleteFunc(rel, func(x store.Event) bool { return x.ID == e.ID })
		d.Related = s.rows(rel[:min(len(rel), 8)], nil)
		d.DyadHref = dyadHref(e.Source.Code, e.Target.Code)
	}
	s.render(w, r, http.StatusOK, "event", view{Title: title + " · " + e.Code, Nav: "event", Data: d})
}

func pageParam(n int) string {
	if n <= 1 {
		return ""
	}
	return strconv.Itoa(n)
}

type articleData struct {
	A        *store.ArticleRecord
	URL      string
	Paras    [][]sentView
	Mentions []mentionRow
	Events   int
	numbered
}

// sentView is a sentence of an article (Index < 0 for text between
// sentences) with the events coded from it.
type sentView struct {
	Index    int
	Segs     []segment
	Mentions []*store.Mention
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	page, id, ok := s.pageAndID(w, r, "article", 200)
	if !ok {
		return
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	a, err := s.st.Article(ctx, id)
	if err != nil {
		s.storeError(w, r, "article", err)
		return
	}
	ms, err := s.st.ArticleMentions(ctx, id)
	if err != nil {
		s.storeError(w, r, "article", err)
		return
	}
	d := articleData{A: a, URL: webURL(a.URL)}
	for _, src := range a.Sources {
		if d.URL != "" {
			break
		}
		d.URL = webURL(src.URL)
	}
	events := map[string]bool{}
	for i := range ms {
		events[ms[i].EventID] = true
	}
	d.Events = len(events)
	sents := slices.Clone(a.Sentences)
	slices.SortStableFunc(sents, func(x, y model.Sentence) int { return x.Start - y.Start })
	var lo, hi int
	if d.numbered, lo, hi, ok = numberPages(r, page, len(sents), ArticlePageSentences); !ok {
		s.fail(w, r, http.StatusNotFound, "This article has no page "+strconv.Itoa(page)+".")
		return
	}
	d.Paras = paragraphs(a.Text, sents, lo, hi, ms)
	for i := range ms {
		m := &ms[i]
		if len(sents) > 0 && (m.Sentence.Index < sents[lo].Index || m.Sentence.Index > sents[hi-1].Index) {
			continue
		}
		d.Mentions = append(d.Mentions, mentionRow{Mention: m, URL: webURL(m.ArticleURL)})
	}
	title := a.Title
	if title == "" {
		title = "Article " + a.ID
	}
	s.render(w, r, http.StatusOK, "article", view{Title: clip(80, title), Nav: "article", Data: d})
}

type searchData struct {
	Q, Actor, Source, Target string
	Root, Since, Until, Lang string
	Quad                     int
	Both                     bool
	Roots                    []rootOption
	Quads                    []rootOption
	Results                  []eventRow
	Searched                 bool
	Error                    string
	Next, First              string
}

type rootOption struct {
	Value, Label string
	Selected     bool
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	d := searchData{Q: p.text("q"), Actor: p.code("actor"), Source: p.code("source"), Target: p.code("target"),
		Root: p.root("root"), Since: p.date("since"), Until: p.date("until"), Lang: p.lang("lang"),
		Quad: p.intIn("quad", 0, 4, 0), Both: p.str("both") != ""}
	after := p.cursor("after")
	for i := 1; i <= 20; i++ {
		v := strconv.Itoa(100 + i)[1:]
		d.Roots = append(d.Roots, rootOption{Value: v, Label: v + " " + s.ont.RootName(v), Selected: v == d.Root})
	}
	for i := 1; i <= 4; i++ {
		d.Quads = append(d.Quads, rootOption{Value: strconv.Itoa(i), Label: quadName(i), Selected: i == d.Quad})
	}
	// a bad query shows the form again, with what is wrong
	bad := func(msg string) {
		d.Error = msg
		s.render(w, r, http.StatusBadRequest, "search", view{Title: "Search", Nav: "search", Q: d.Q, Data: d})
	}
	if p.err != nil {
		bad(p.err.Error())
		return
	}
	q := store.Query{Text: d.Q, Actor: d.Actor, Source: d.Source, Target: d.Target, Both: d.Both, Root: d.Root,
		Since: d.Since, Until: d.Until, Lang: d.Lang, Quad: d.Quad, Limit: s.opt.PageSize + 1, After: after}
	var words []store.SearchWord
	if d.Q != "" {
		var err error
		if words, err = store.ParseSearch(d.Q); err != nil {
			bad(strings.TrimPrefix(err.Error(), store.ErrBadQuery.Error()+": "))
			return
		}
	}
	d.Searched = true
	ctx, cancel := s.ctx(r)
	defer cancel()
	evs, err := s.st.Events(ctx, q)
	if err != nil {
		if errors.Is(err, store.ErrBadQuery) {
			bad(err.Error())
			return
		}
		s.storeError(w, r, "event", err)
		return
	}
	evs, d.Next, d.First = s.pageOf(evs, r, after)
	d.Results = s.rows(evs, words)
	title := "Search"
	if d.Q != "" {
		title = "Search: " + clip(60, d.Q)
	}
	s.render(w, r, http.StatusOK, "search", view{Title: title, Nav: "search", Q: d.Q, Data: d})
}

type feedsData struct{ Feeds []FeedStatus }

func (s *Server) feeds(w http.ResponseWriter, r *http.Request) {
	if s.opt.Feeds == nil {
		s.fail(w, r, http.StatusNotFound, "No feeds are followed by this server (start it with --feeds FILE).")
		return
	}
	s.render(w, r, http.StatusOK, "feeds", view{Title: "Feeds", Nav: "feeds", Data: feedsData{Feeds: s.opt.Feeds()}})
}
