package ingest

import (
	"fmt"
	"io"
	"strings"

	"github.com/dyad-events/dyad/internal/ingest/feed"
	"github.com/dyad-events/dyad/internal/model"
)

func readFeed(name string, r io.Reader, size int64, opt Options, h Handler) error {
	if size > MaxFileBytes {
		return h(nil, &InputError{Origin: name, Err: fmt.Errorf("%w: feed of %s is over the %s limit", ErrTooLarge, humanBytes(size), humanBytes(MaxFileBytes))})
	}
	fd, err := feed.Parse(r) // which reads at most feed.DefaultMaxBytes
	if err != nil {
		return h(nil, &InputError{Origin: name, Err: fmt.Errorf("%w: %v", ErrFormat, err)})
	}
	if len(fd.Items) == 0 {
		return h(nil, &InputError{Origin: name, Err: fmt.Errorf("%w: the feed has no items", ErrEmpty)})
	}
	for i := range fd.Items {
		origin := fmt.Sprintf("%s#%d", name, i+1)
		a := FromFeedItem(&fd.Items[i], fd)
		a.Origin = origin
		if a.Lang == "" {
			a.Lang = opt.Lang
		}
		if strings.TrimSpace(a.Text) == "" {
			if err := h(nil, &InputError{Origin: origin, Err: fmt.Errorf("%w: item has no text", ErrEmpty)}); err != nil {
				return err
			}
			continue
		}
		if err := h(a, nil); err != nil {
			return err
		}
	}
	return nil
}

// FromFeedItem makes an article of a feed item: its content, else its
// summary, with the title as the first line when the text lacks it.
func FromFeedItem(it *feed.Item, fd *feed.Feed) *model.Article {
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Summary
	}
	txt := Normalize(body)
	if it.Title != "" && !strings.HasPrefix(txt, it.Title) {
		txt = Normalize(it.Title + "\n\n" + body)
	}
	// it.Lang is already the feed's language when the item gives none
	a := &model.Article{Text: txt, Title: it.Title, URL: it.Link, Lang: it.Lang, Published: it.Published, Source: outletOf(it.Link, fd.Title)}
	a.ID = ContentID(txt)
	return a
}
