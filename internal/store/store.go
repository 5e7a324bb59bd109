// Package store keeps articles, their sentences, the event mentions coded
// from them and the events those mentions merge into. Store is the
// interface; store/sqlite (embedded, the default) and store/postgres (a
// shared server) implement it, and store/storetest is the suite both pass.
package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dyad-events/dyad/internal/model"
)

// ErrNotFound is returned when a record does not exist.
var ErrNotFound = errors.New("not found")

// ErrBadQuery is matched by the error (a *QueryError) a query returns when it
// asks for something invalid or too costly: a date range too long for its
// interval, an unknown interval, a search with no words.
var ErrBadQuery = errors.New("bad query")

// QueryError says what is wrong with one field of a query.
type QueryError struct {
	Field string // quad, since, until, text, interval, top, min_weight
	Msg   string // what is wrong, starting with the field and its value
}

func (e *QueryError) Error() string { return "bad query: " + e.Msg }

// Is makes a QueryError match ErrBadQuery.
func (e *QueryError) Is(target error) bool { return target == ErrBadQuery }

func badQuery(field, format string, args ...any) error {
	return &QueryError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Bundle is everything stored for one article, written in one transaction.
type Bundle struct {
	Article   *model.Article
	Sentences []model.Sentence
	Mentions  []model.Event // the events coded from the article's sentences
}

// SaveResult says what SaveArticle did.
type SaveResult struct {
	// Duplicate is set when the article (or a near-copy of it) was already
	// stored: only its source was added. DuplicateOf is the stored article.
	Duplicate   bool
	DuplicateOf string
	Sentences   int
	Mentions    int
	NewEvents   int // events created by this article's mentions
}

// Query selects events.
type Query struct {
	Actor   string // an actor code or its prefix on either side: RUS, RUSGOV, IGO
	Source  string // the source's code or prefix
	Target  string // the target's code or prefix
	Country string // either side's country
	Root    string // CAMEO root, two digits
	Code    string // CAMEO code or prefix
	Quad    int    // GDELT quad class 1-4
	Since   string // YYYY-MM-DD, inclusive
	Until   string // YYYY-MM-DD, inclusive
	Place   string // location name or country code
	// Text is a full-text search of the evidence sentences: every word must
	// occur, case and accents aside; a word ending in * matches words that
	// start with it (docs/API.md).
	Text string
	Lang string
	// Both, with Source and Target, also selects events from Target to Source.
	Both bool
	// Limit bounds the rows returned (default 100, at most MaxLimit).
	Limit int
	// Offset skips rows; After is the cheaper way to page: the events that
	// come after this one in the order Events returns.
	Offset int
	After  *Cursor
}

// Cursor is a position in the order Events returns (newest date first, then
// id descending): stable however many events are added meanwhile.
type Cursor struct {
	Date string
	ID   string
}

// Event is a merged event: one or more mentions of the same act.
type Event struct {
	model.Event
	NumMentions int       `json:"num_mentions"`
	NumArticles int       `json:"num_articles"`
	NumSources  int       `json:"num_sources"`
	FirstSeen   time.Time `json:"first_seen"`
	LastSeen    time.Time `json:"last_seen"`
}

// Cursor is the event's position in the order Events returns.
func (e *Event) Cursor() Cursor { return Cursor{Date: e.Date, ID: e.ID} }

// Mention is one coded sentence-level event, with the article it came from.
type Mention struct {
	model.Event
	EventID    string `json:"event_id"`
	ArticleURL string `json:"article_url,omitempty"`
	Source     string `json:"outlet,omitempty"`
}

// ArticleRecord is a stored article with every source that carried it.
type ArticleRecord struct {
	model.Article
	Sources    []ArticleSource  `json:"sources"`
	Sentences  []model.Sentence `json:"sentences,omitempty"`
	IngestedAt time.Time        `json:"ingested_at"`
}

// ArticleSource is one document that carried an article's text.
type ArticleSource struct {
	URL    string    `json:"url,omitempty"`
	Source string    `json:"source,omitempty"`
	Origin string    `json:"origin,omitempty"`
	SeenAt time.Time `json:"seen_at"`
}

// DyadCount summarises the events between two actors.
type DyadCount struct {
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	Events    int     `json:"events"`
	Mentions  int     `json:"mentions"`
	Goldstein float64 `json:"goldstein"` // sum over events
	Coop      int     `json:"cooperation"`
	Conflict  int     `json:"conflict"`
}

// Stats counts what the store holds.
type Stats struct {
	Articles int `json:"articles"`
	Sources  int `json:"sources"`
	Mentions int `json:"mentions"`
	Events   int `json:"events"`
}

// Store is dyad's storage.
type Store interface {
	// SaveArticle stores an article, its sentences and mentions in one
	// transaction and merges the mentions into events. An article already
	// stored (same id, same text, or a near-copy) only gains a source.
	SaveArticle(ctx context.Context, b *Bundle) (SaveResult, error)
	// SaveArticles stores several articles in one transaction, all or none,
	// as SaveArticle would one after the other (an article may duplicate one
	// earlier in the same batch); it is the fast way to load many.
	SaveArticles(ctx context.Context, bs []*Bundle) ([]SaveResult, error)
	// HasArticle reports whether an article with this id is stored.
	HasArticle(ctx context.Context, id string) (bool, error)
	// Events returns merged events, newest first (date descending, then id
	// descending).
	Events(ctx context.Context, q Query) ([]Event, error)
	// Event returns one event with its mentions.
	Event(ctx context.Context, id string) (*Event, []Mention, error)
	// Article returns a stored article with its sources and sentences.
	Article(ctx context.Context, id string) (*ArticleRecord, error)
	// ArticleMentions returns the mentions coded from an article.
	ArticleMentions(ctx context.Context, id string) ([]Mention, error)
	// Mentions returns the mentions of the events q selects.
	Mentions(ctx context.Context, q Query) ([]Mention, error)
	// Dyads returns the dyads with most events among those q selects.
	Dyads(ctx context.Context, q Query) ([]DyadCount, error)
	// Series counts the events q selects per day, week or month.
	Series(ctx context.Context, q SeriesQuery) (*Series, error)
	// Network returns the countries and the weighted edges between them of
	// the events q selects over a period.
	Network(ctx context.Context, q NetworkQuery) (*Network, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	Close() error
}

// MergeOptions set how mentions merge into events.
type MergeOptions struct {
	// WindowDays is the width of the date window, in days, within which
	// day-precise mentions of the same dyad and code are one event. Windows
	// are fixed (days since 1970 divided by the width), so merging does not
	// depend on the order articles arrive in.
	WindowDays int
}

// DefaultMergeOptions are the merge settings dyad uses unless told otherwise.
func DefaultMergeOptions() MergeOptions { return MergeOptions{WindowDays: 1} }
