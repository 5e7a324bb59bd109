package export

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"github.com/dyad-events/dyad/internal/model"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/store"
)

// article is what the exports need of a stored article.
type article struct {
	ID        string
	URL       string
	Outlet    string // the source name, else the URL's host
	Title     string
	Lang      string
	Published time.Time
	Ingested  time.Time
	Text      string
	Chars     int // the length of Text in characters (code points)
}

// chars converts a byte offset into the text to a character offset, -1 when
// it does not fall on a character boundary of the text.
func (a *article) chars(off int) int {
	if off < 0 || off > len(a.Text) || (off < len(a.Text) && !utf8.RuneStart(a.Text[off])) {
		return -1
	}
	return utf8.RuneCountInString(a.Text[:off])
}

// spanIs reports whether the text holds want at bytes [start, end).
func (a *article) spanIs(start, end int, want string) bool {
	return want != "" && start >= 0 && start <= end && end <= len(a.Text) && a.Text[start:end] == want
}

// citation names an article that has no URL, as GDELT's CITATIONONLY
// mentions do: outlet, title and publication date, whichever are known,
// else dyad's article id.
func (a *article) citation() string {
	var parts []string
	if a.Outlet != "" {
		parts = append(parts, a.Outlet)
	}
	if a.Title != "" {
		parts = append(parts, `"`+a.Title+`"`)
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.UTC().Format("2006-01-02"))
	}
	if len(parts) == 0 {
		return "dyad article " + a.ID
	}
	return strings.Join(parts, ", ")
}

// Bounds of the article cache: entries and bytes of text held.
const (
	cacheEntries = 2048
	cacheBytes   = 64 << 20
)

// articleCache keeps the most recently used articles, within cacheEntries
// and cacheBytes, so that events and mentions of one article load it once.
type articleCache struct {
	src   Source
	lru   *list.List // of *article, most recent first
	index map[string]*list.Element
	bytes int
}

func newArticleCache(src Source) *articleCache {
	return &articleCache{src: src, lru: list.New(), index: map[string]*list.Element{}}
}

// get returns the article with this id, loading it if needed. A missing
// article (which a consistent store never has) gives an article with only
// its id.
func (c *articleCache) get(ctx context.Context, id string) (*article, error) {
	if el, ok := c.index[id]; ok {
		c.lru.MoveToFront(el)
		return el.Value.(*article), nil
	}
	a := &article{ID: id}
	if id != "" {
		rec, err := c.src.Article(ctx, id)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return nil, fmt.Errorf("load article: %w", err)
		default:
			a = articleOf(rec)
		}
	}
	c.index[id] = c.lru.PushFront(a)
	c.bytes += len(a.Text)
	for c.lru.Len() > 1 && (c.lru.Len() > cacheEntries || c.bytes > cacheBytes) {
		old := c.lru.Back()
		oa := old.Value.(*article)
		c.lru.Remove(old)
		delete(c.index, oa.ID)
		c.bytes -= len(oa.Text)
	}
	return a, nil
}

func articleOf(rec *store.ArticleRecord) *article {
	a := &article{ID: rec.ID, URL: rec.URL, Outlet: rec.Article.Source, Title: rec.Title, Lang: rec.Lang,
		Published: rec.Published, Ingested: rec.IngestedAt, Text: rec.Text, Chars: utf8.RuneCountInString(rec.Text)}
	// the article row keeps the first document's URL and outlet; fall back
	// to the first source that has them
	for _, s := range rec.Sources {
		if a.URL == "" && s.URL != "" {
			a.URL = s.URL
		}
		if a.Outlet == "" && s.Source != "" {
			a.Outlet = s.Source
		}
	}
	if a.Outlet == "" {
		a.Outlet = model.Outlet(a.URL)
	}
	return a
}
