// Package watch follows RSS/Atom feeds and web pages: it polls each source
// politely (conditional requests with ETag and Last-Modified, its own
// interval, exponential back-off with jitter after errors, a timeout and a
// size limit on every fetch, a descriptive User-Agent), codes the new items
// and stores them. When an item carries only a summary, the page it links
// to is fetched and its main text extracted. A source that fails keeps
// failing alone. What the watcher knows of each source (validators, the
// items already handled, failures, the next poll) is kept in a JSON state
// file written atomically, so a restart neither refetches nor recodes.
package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/ingest/feed"
	"github.com/dyad-events/dyad/internal/ingest/webpage"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
)

// Defaults of Options.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxFeedBytes = 8 << 20
	DefaultMaxPageBytes = 4 << 20
	DefaultMinBackoff   = 2 * time.Minute
	DefaultMaxBackoff   = 6 * time.Hour
	DefaultWorkers      = 4
	DefaultMaxSeen      = 2000
	DefaultSaveEvery    = 5 * time.Second
	// MaxItemsPerPoll bounds the items handled in one poll of a feed; the
	// rest wait for the next poll.
	MaxItemsPerPoll = 200
	// minContent is the length under which an item's content is taken for
	// a summary, and the linked page is read for the full text.
	minContent = 400
)

// Coder turns an article into what the store saves (its sentences and the
// events coded from them). PipelineCoder is the real one.
type Coder func(a *model.Article) (*store.Bundle, error)

// Saver stores coded articles; store.Store is one. It handles duplicates.
type Saver interface {
	SaveArticle(ctx context.Context, b *store.Bundle) (store.SaveResult, error)
}

// PipelineCoder codes articles with p.
func PipelineCoder(p *pipeline.Pipeline) Coder {
	return func(a *model.Article) (*store.Bundle, error) {
		res, err := p.Process(a, pipeline.ProcessOptions{})
		if err != nil {
			return nil, err
		}
		return &store.Bundle{Article: a, Sentences: res.Sentences(), Mentions: res.Events}, nil
	}
}

// Options configure a Watcher. The zero value of each field means its default.
type Options struct {
	// Client makes the requests (default: a client of its own; each request
	// is bounded by Timeout either way).
	Client *http.Client
	// UserAgent names dyad to the sites it polls.
	UserAgent string
	// Timeout bounds one fetch, body included.
	Timeout time.Duration
	// MaxFeedBytes and MaxPageBytes bound the body of a feed and of a page.
	MaxFeedBytes, MaxPageBytes int64
	// Interval is the time between polls of a source that gives none.
	Interval time.Duration
	// MinBackoff is the wait after a first failure; it doubles with each
	// failure in a row, up to MaxBackoff, with jitter.
	MinBackoff, MaxBackoff time.Duration
	// Workers bounds the sources polled at once.
	Workers int
	// StatePath is the JSON state file; "" keeps the state in memory.
	StatePath string
	// SaveEvery is how often a changed state is written (and always at the end).
	SaveEvery time.Duration
	// MaxSeen bounds the item keys remembered per source beyond those its
	// feed still lists.
	MaxSeen int
	// NoPages leaves linked pages unread: items with only a summary are
	// coded from their title and summary.
	NoPages bool
	// Spread delays each source's first poll by up to this much (default
	// 10 seconds, or the interval if shorter), so that they do not all start at once.
	Spread time.Duration
	Log    *slog.Logger
	// Now and Rand are the clock and the source of jitter (for tests).
	Now  func() time.Time
	Rand func() float64
}

// UserAgent is the default User-Agent.
const UserAgent = "dyad-watch/1.0 (political event coder; polls each feed at most every few minutes; +https://github.com/dyad-events/dyad)"

func (o *Options) defaults() {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: o.Timeout + 5*time.Second}
	}
	if o.UserAgent == "" {
		o.UserAgent = UserAgent
	}
	if o.MaxFeedBytes <= 0 {
		o.MaxFeedBytes = DefaultMaxFeedBytes
	}
	if o.MaxPageBytes <= 0 {
		o.MaxPageBytes = DefaultMaxPageBytes
	}
	if o.Interval <= 0 {
		o.Interval = DefaultInterval
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = DefaultMinBackoff
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	o.MaxBackoff = max(o.MaxBackoff, o.MinBackoff)
	if o.Workers <= 0 {
		o.Workers = DefaultWorkers
	}
	if o.SaveEvery <= 0 {
		o.SaveEvery = DefaultSaveEvery
	}
	if o.MaxSeen <= 0 {
		o.MaxSeen = DefaultMaxSeen
	}
	if o.Spread <= 0 {
		o.Spread = 10 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
}

// Watcher follows sources. Run it once; Status may be called at any time.
type Watcher struct {
	opt     Options
	code    Coder
	save    Saver
	sources []Source

	mu     sync.Mutex // guards state and dirty
	state  map[string]*FeedState
	dirty  bool
	saveMu sync.Mutex // one writer of the state file at a time
}

// New builds a watcher of sources that codes with code and stores with
// save. It reads the state file, if any; a state file it cannot read is set
// aside and logged, and the watcher starts afresh.
func New(sources []Source, code Coder, save Saver, opt Options) (*Watcher, error) {
	opt.defaults()
	if len(sources) == 0 {
		return nil, errors.New("watch: no sources")
	}
	w := &Watcher{opt: opt, code: code, save: save, sources: slices.Clone(sources)}
	for i := range w.sources {
		s := &w.sources[i]
		if s.Kind == "" {
			s.Kind = KindFeed
		}
		if s.Interval <= 0 {
			s.Interval = opt.Interval
		}
	}
	state, err := loadState(opt.StatePath, opt.Now())
	if state == nil {
		return nil, err
	}
	if err != nil {
		w.opt.Log.Warn("watch: state file not read; starting afresh", "err", err)
	}
	w.state = map[string]*FeedState{}
	for _, s := range w.sources {
		st := state[s.URL]
		if st == nil {
			st = &FeedState{URL: s.URL}
		}
		w.state[s.URL] = st
	}
	return w, nil
}

// Status is what the watcher knows of one source now.
type Status struct {
	URL string
	Source
	FeedState
}

// Status reports every source's state, in the order of the sources.
func (w *Watcher) Status() []Status {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]Status, len(w.sources))
	for i, s := range w.sources {
		st := *w.state[s.URL]
		st.Seen = nil
		out[i] = Status{URL: s.URL, Source: s, FeedState: st}
	}
	return out
}

// Run polls every source on its schedule until ctx ends, then writes the
// state and returns. Errors of sources are logged and counted in their
// state; Run returns only an error writing the state.
func (w *Watcher) Run(ctx context.Context) error {
	sem := make(chan struct{}, w.opt.Workers)
	var wg sync.WaitGroup
	now := w.opt.Now()
	for i, s := range w.sources {
		first := w.firstPoll(s, now)
		w.opt.Log.Info("watch: following", "url", s.URL, "kind", s.Kind, "interval", s.Interval, "first_poll_in", first.Sub(now).Round(time.Second), "n", i+1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.follow(ctx, s, first, sem)
		}()
	}
	tick := time.NewTicker(w.opt.SaveEvery)
	defer tick.Stop()
	for done := false; !done; {
		select {
		case <-ctx.Done():
			done = true
		case <-tick.C:
			if err := w.saveState(false); err != nil {
				w.opt.Log.Error("watch: state not saved", "path", w.opt.StatePath, "err", err)
			}
		}
	}
	wg.Wait()
	return w.saveState(true)
}

// PollAll polls every source once, now, at most Workers at a time, and
// writes the state: for a run from cron, or a test.
func (w *Watcher) PollAll(ctx context.Context) error {
	sem := make(chan struct{}, w.opt.Workers)
	var wg sync.WaitGroup
	for _, s := range w.sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			w.poll(ctx, s)
		}()
	}
	wg.Wait()
	return w.saveState(true)
}

// firstPoll is when a source is first polled: when its state says, but not
// in the past, and spread over the first seconds so that sources do not all
// start at once.
func (w *Watcher) firstPoll(s Source, now time.Time) time.Time {
	w.mu.Lock()
	next := w.state[s.URL].NextPoll
	w.mu.Unlock()
	spread := time.Duration(w.opt.Rand() * float64(min(w.opt.Spread, s.Interval)))
	if next.After(now) {
		return next
	}
	return now.Add(spread)
}

func (w *Watcher) follow(ctx context.Context, s Source, next time.Time, sem chan struct{}) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		timer.Reset(max(0, next.Sub(w.opt.Now())))
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return
		}
		next = w.poll(ctx, s)
		<-sem
	}
}

// poll fetches a source once, handles what is new, updates its state and
// returns when to poll it next.
func (w *Watcher) poll(ctx context.Context, s Source) time.Time {
	start := w.opt.Now()
	w.mu.Lock()
	st := *w.state[s.URL]
	w.mu.Unlock()
	var res pollResult
	var err error
	if s.Kind == KindPage {
		res, err = w.pollPage(ctx, s, &st)
	} else {
		res, err = w.pollFeed(ctx, s, &st)
	}
	now := w.opt.Now()
	if ctx.Err() != nil && err != nil {
		// shutting down: not the source's failure; poll it again at the next start
		return now
	}
	st.LastPoll = now
	log := w.opt.Log.With("url", s.URL)
	if err != nil {
		st.Failures++
		st.LastError = err.Error()
		wait := w.backoff(st.Failures, s.Interval)
		wait = max(wait, min(res.retryAfter, w.opt.MaxBackoff))
		st.NextPoll = now.Add(wait)
		log.Warn("watch: poll failed", "err", err, "failures", st.Failures, "retry_in", wait.Round(time.Second))
	} else {
		st.Failures, st.LastError = 0, ""
		st.LastSuccess = now
		st.NextPoll = now.Add(w.jitter(s.Interval))
		log.Info("watch: polled", "not_modified", res.notModified, "items", res.items, "new", res.new, "stored", res.stored,
			"duplicates", res.duplicates, "failed", res.failed, "took", now.Sub(start).Round(time.Millisecond))
	}
	st.Articles += res.stored
	w.mu.Lock()
	*w.state[s.URL] = st
	w.dirty = true
	w.mu.Unlock()
	return st.NextPoll
}

// backoff is the wait after the n-th failure in a row: MinBackoff doubled
// n-1 times, at most MaxBackoff and never less than the source's interval
// would give after a success, less a random part of up to a half (jitter
// spreads the retries of sources that failed together).
func (w *Watcher) backoff(n int, interval time.Duration) time.Duration {
	d := float64(w.opt.MinBackoff) * math.Pow(2, float64(min(n, 40)-1))
	d = math.Min(d, float64(w.opt.MaxBackoff))
	d = math.Max(d, float64(min(interval, w.opt.MaxBackoff)))
	return time.Duration(d * (1 - 0.5*w.opt.Rand()))
}

// jitter varies an interval by up to a tenth either way.
func (w *Watcher) jitter(d time.Duration) time.Duration {
	return time.Duration(float64(d) * (0.9 + 0.2*w.opt.Rand()))
}

type pollResult struct {
	notModified                            bool
	items, new, stored, duplicates, failed int
	retryAfter                             time.Duration
}

const feedAccept = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"

const pageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"

// fetchSource fetches a source, conditionally on the validators of its
// state, and keeps those it answers with. The answer is nil when there is
// nothing to read: after an error, or a 304.
func (w *Watcher) fetchSource(ctx context.Context, s Source, st *FeedState, accept string, limit int64) (*fetched, pollResult, error) {
	var res pollResult
	f, err := w.fetch(ctx, s.URL, accept, st.ETag, st.LastModified, limit)
	if err != nil {
		if f != nil {
			res.retryAfter = f.RetryAfter
		}
		return nil, res, err
	}
	st.ETag, st.LastModified = f.ETag, f.LastModified
	if f.NotModified {
		res.notModified = true
		return nil, res, nil
	}
	return f, res, nil
}

func (w *Watcher) pollFeed(ctx context.Context, s Source, st *FeedState) (pollResult, error) {
	f, res, err := w.fetchSource(ctx, s, st, feedAccept, w.opt.MaxFeedBytes)
	if f == nil {
		return res, err
	}
	// the body is already bounded by MaxFeedBytes: parse it where it is
	parsed, err := feed.ParseBytes(f.Body)
	if err != nil {
		// a feed that changed but cannot be read: forget its validators so
		// that the next poll reads it whole
		st.ETag, st.LastModified = "", ""
		return res, fmt.Errorf("feed %s: %w", s.URL, err)
	}
	base, _ := url.Parse(f.URL)
	seen := make(map[string]bool, len(st.Seen))
	for _, k := range st.Seen {
		seen[k] = true
	}
	res.items = len(parsed.Items)
	current := make([]string, 0, len(parsed.Items))
	// feeds list the newest first: handle the oldest first, so that the
	// articles are stored in the order they were published
	for i := len(parsed.Items) - 1; i >= 0; i-- {
		it := &parsed.Items[i]
		it.Link = resolve(base, it.Link)
		var key string
		if it.GUID == "" && it.Link == "" {
			key = itemKey("", "", it.Title, it.Summary)
		} else {
			key = itemKey(it.GUID, it.Link)
		}
		if seen[key] {
			current = append(current, key)
			continue
		}
		if res.new == MaxItemsPerPoll {
			continue // left for the next poll
		}
		res.new++
		ok, err := w.handleItem(ctx, s, parsed, it, &res)
		if err != nil {
			// the store failed: stop here and retry these items at the next poll
			st.Seen = mergeSeen(reverse(current), st.Seen, w.opt.MaxSeen)
			st.ETag, st.LastModified = "", ""
			return res, err
		}
		if ok {
			current = append(current, key)
		}
	}
	st.Seen = mergeSeen(reverse(current), st.Seen, w.opt.MaxSeen)
	if res.new == MaxItemsPerPoll {
		st.ETag, st.LastModified = "", "" // read the rest next time
	}
	return res, nil
}

func reverse(s []string) []string {
	slices.Reverse(s)
	return s
}

// handleItem codes and stores one feed item. When the linked page cannot be
// read, the item is coded from its title and summary. It returns false, with
// an error, only when the store fails: the item is tried again at the next
// poll. An item that cannot be coded is counted as failed and not retried.
func (w *Watcher) handleItem(ctx context.Context, s Source, fd *feed.Feed, it *feed.Item, res *pollResult) (bool, error) {
	log := w.opt.Log.With("feed", s.URL, "item", firstOf(it.Link, it.GUID, it.Title))
	var a *model.Article
	if len(it.Content) < minContent && !w.opt.NoPages && isWeb(it.Link) {
		p, err := w.readPage(ctx, it.Link)
		if err != nil {
			log.Info("watch: linked page not read; using the feed's text", "err", err)
		} else if text := ingest.Normalize(p.Text); text != "" {
			a = &model.Article{ID: ingest.ContentID(text), URL: it.Link, Title: firstOf(it.Title, p.Title), Lang: firstOf(it.Lang, p.Lang),
				Published: it.Published, Text: text, Source: model.Outlet(it.Link)}
			if a.Published.IsZero() {
				a.Published = p.Published
			}
		}
	}
	if a == nil {
		a = ingest.FromFeedItem(it, fd) // the item's content, else its summary, under its title
	}
	a.Origin = s.URL
	if a.Source == "" {
		a.Source = model.Outlet(s.URL)
	}
	if s.Lang != "" {
		a.Lang = s.Lang
	}
	if strings.TrimSpace(a.Text) == "" {
		res.failed++
		log.Info("watch: item without text")
		return true, nil
	}
	if len(a.Text) > ingest.MaxArticleBytes {
		res.failed++
		log.Info("watch: item too large", "bytes", len(a.Text))
		return true, nil
	}
	b, err := w.code(a)
	if err != nil {
		// the text cannot be coded (a language dyad does not read...): it
		// never will be, so it counts as handled
		res.failed++
		log.Info("watch: item not coded", "err", err)
		return true, nil
	}
	sr, err := w.save.SaveArticle(ctx, b)
	if err != nil {
		return false, fmt.Errorf("store %s: %w", firstOf(it.Link, it.GUID), err)
	}
	if sr.Duplicate {
		res.duplicates++
	} else {
		res.stored++
	}
	log.Debug("watch: stored", "id", a.ID, "duplicate", sr.Duplicate, "events", sr.Mentions)
	return true, nil
}

// readPage fetches a linked page and extracts its main text, within the
// same limits as feeds.
func (w *Watcher) readPage(ctx context.Context, u string) (*webpage.Page, error) {
	f, err := w.fetch(ctx, u, pageAccept, "", "", w.opt.MaxPageBytes)
	if err != nil {
		return nil, err
	}
	if ct := strings.ToLower(f.ContentType); ct != "" && !strings.Contains(ct, "html") && !strings.Contains(ct, "text/plain") {
		return nil, fmt.Errorf("page %s: not html but %s", u, f.ContentType)
	}
	p, err := webpage.Extractor{}.ExtractBytes(f.Body, f.URL) // f.Body is within MaxPageBytes
	if err != nil {
		return nil, fmt.Errorf("page %s: %w", u, err)
	}
	return p, nil
}

// pollPage fetches a followed page and codes its main text when it changed.
func (w *Watcher) pollPage(ctx context.Context, s Source, st *FeedState) (pollResult, error) {
	f, res, err := w.fetchSource(ctx, s, st, pageAccept, w.opt.MaxPageBytes)
	if f == nil {
		return res, err
	}
	p, err := webpage.Extractor{}.ExtractBytes(f.Body, f.URL) // f.Body is within MaxPageBytes
	if err != nil {
		return res, fmt.Errorf("page %s: %w", s.URL, err)
	}
	text := ingest.Normalize(p.Text)
	res.items = 1
	key := itemKey("page", text)
	if slices.Contains(st.Seen, key) {
		return res, nil
	}
	res.new = 1
	if text == "" { // clean trims it
		return res, fmt.Errorf("page %s: no main text", s.URL)
	}
	u := firstOf(p.Canonical, f.URL)
	a := &model.Article{ID: ingest.ContentID(text), URL: u, Title: p.Title, Lang: firstOf(s.Lang, p.Lang),
		Published: p.Published, Text: text, Origin: s.URL, Source: model.Outlet(u)}
	b, err := w.code(a)
	if err != nil {
		res.failed++
		w.opt.Log.Info("watch: page not coded", "url", s.URL, "err", err)
	} else {
		sr, err := w.save.SaveArticle(ctx, b)
		if err != nil {
			st.ETag, st.LastModified = "", ""
			return res, fmt.Errorf("store %s: %w", s.URL, err)
		}
		if sr.Duplicate {
			res.duplicates++
		} else {
			res.stored++
		}
	}
	st.Seen = mergeSeen([]string{key}, st.Seen, min(w.opt.MaxSeen, 50))
	return res, nil
}

// saveState writes the state file if it changed (or always, when force).
func (w *Watcher) saveState(force bool) error {
	if w.opt.StatePath == "" {
		return nil
	}
	w.saveMu.Lock()
	defer w.saveMu.Unlock()
	w.mu.Lock()
	if !w.dirty && !force {
		w.mu.Unlock()
		return nil
	}
	sf := &stateFile{Version: stateVersion, Saved: w.opt.Now().UTC(), Feeds: make(map[string]*FeedState, len(w.state))}
	for u, st := range w.state {
		c := *st
		c.Seen = slices.Clone(st.Seen)
		sf.Feeds[u] = &c
	}
	w.dirty = false
	w.mu.Unlock()
	if err := writeState(w.opt.StatePath, sf); err != nil {
		w.mu.Lock()
		w.dirty = true
		w.mu.Unlock()
		return err
	}
	return nil
}

func resolve(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" || base == nil {
		return link
	}
	u, err := base.Parse(link)
	if err != nil {
		return link
	}
	return u.String()
}

func isWeb(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
