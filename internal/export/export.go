// Package export writes stored events in formats other tools load: GDELT
// 2.0's event and mentions tables, PLOVER JSONL, and flat CSV, JSONL and
// Parquet tables for pandas, DuckDB and Spark.
//
// Every writer streams: it pages through a store query (Options.PageSize
// rows a query) and writes each page before asking for the next, so an
// export never holds the whole store in memory. docs/EXPORT.md describes
// each format column by column.
package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dyad-events/dyad/internal/store"
)

// Format names an export format.
type Format string

// The export formats.
const (
	// GDELT is GDELT 2.0's event table: 61 tab-separated columns, no header.
	GDELT Format = "gdelt"
	// GDELTMentions is GDELT 2.0's mentions table: 16 tab-separated columns, no header.
	GDELTMentions Format = "gdelt-mentions"
	// PLOVER is one PLOVER JSON record a line.
	PLOVER Format = "plover"
	// CSV is a flat table of events with a header line (RFC 4180).
	CSV Format = "csv"
	// JSONL is dyad's event record, one JSON object a line.
	JSONL Format = "jsonl"
	// Parquet is the flat table of CSV as a typed Parquet file.
	Parquet Format = "parquet"
)

// Formats lists the export formats in the order help text shows them.
func Formats() []Format { return []Format{GDELT, GDELTMentions, PLOVER, CSV, JSONL, Parquet} }

// FormatNames are the names of Formats, in the same order.
func FormatNames() []string {
	names := make([]string, 0, len(Formats()))
	for _, f := range Formats() {
		names = append(names, string(f))
	}
	return names
}

// ErrFormat is returned for a format name export does not know.
var ErrFormat = errors.New("unknown export format")

// ParseFormat returns the format a name stands for.
func ParseFormat(name string) (Format, error) {
	for _, f := range Formats() {
		if string(f) == name {
			return f, nil
		}
	}
	return "", fmt.Errorf("%w %q: want %s", ErrFormat, name, strings.Join(FormatNames(), ", "))
}

// Binary reports whether the format's output is not text.
func (f Format) Binary() bool { return f == Parquet }

// Source is the part of store.Store an export reads; every store.Store is one.
type Source interface {
	// Events returns merged events, in a stable order, q.Limit from q.Offset.
	Events(ctx context.Context, q store.Query) ([]store.Event, error)
	// Mentions returns the mentions of the events q selects, q.Limit from q.Offset.
	Mentions(ctx context.Context, q store.Query) ([]store.Mention, error)
	// Event returns one event with its mentions.
	Event(ctx context.Context, id string) (*store.Event, []store.Mention, error)
	// Article returns a stored article.
	Article(ctx context.Context, id string) (*store.ArticleRecord, error)
}

// Options set what an export writes.
type Options struct {
	Format Format
	// Query selects the events (and, for GDELTMentions, their mentions).
	// Its Limit is the most records to write, 0 for all of them, and its
	// Offset how many to skip; unlike a store query, Limit is not capped
	// at store.MaxLimit.
	Query store.Query
	// PageSize is how many rows one store query returns; 0 means
	// store.MaxLimit.
	PageSize int
	// Coder names the program that coded the events, for PLOVER's
	// cite_info.coder, e.g. "dyad v1.2.0". Empty means "dyad".
	Coder string
}

// Stats says what an export wrote.
type Stats struct {
	// Records is how many records (rows, lines) were written.
	Records int
	// Skipped counts the events the format cannot represent and left out:
	// for PLOVER, the events whose CAMEO code has no PLOVER type (CAMEO
	// 01, public statements, which PLOVER dropped).
	Skipped int
}

// Export writes the events (or mentions) opt selects from src to w in
// opt.Format. It stops at the first error, which may leave w with part of
// the output; write to a temporary file and rename it to publish only
// complete exports.
func Export(ctx context.Context, src Source, w io.Writer, opt Options) (Stats, error) {
	if _, err := ParseFormat(string(opt.Format)); err != nil {
		return Stats{}, err
	}
	x := &exporter{src: src, opt: opt, articles: newArticleCache(src)}
	if x.opt.PageSize <= 0 || x.opt.PageSize > store.MaxLimit {
		x.opt.PageSize = store.MaxLimit
	}
	if x.opt.Coder == "" {
		x.opt.Coder = "dyad"
	}
	var err error
	switch opt.Format {
	case GDELTMentions:
		err = x.gdeltMentions(ctx, w)
	default:
		var ew eventWriter
		switch opt.Format {
		case GDELT:
			ew = newGDELTWriter(w)
		case PLOVER:
			ew = newPLOVERWriter(w, x.opt.Coder)
		case CSV:
			ew = newCSVWriter(w)
		case JSONL:
			ew = newJSONLWriter(w)
		case Parquet:
			ew = newParquetWriter(w)
		}
		err = x.events(ctx, ew)
	}
	if err != nil {
		return x.stats, fmt.Errorf("export %s: %w", opt.Format, err)
	}
	return x.stats, nil
}

// exporter is one export run.
type exporter struct {
	src      Source
	opt      Options
	articles *articleCache
	stats    Stats
}

// eventRecord is what an event format writes for one event: the event and
// the article of its first mention.
type eventRecord struct {
	ev  *store.Event
	art *article
}

// eventWriter writes event records in one format.
type eventWriter interface {
	// write writes one event; it reports false when the format cannot
	// represent the event and left it out.
	write(r *eventRecord) (bool, error)
	// flush ends a page: buffered rows are written out.
	flush() error
	// close ends the output.
	close() error
}

// events pages through the events the query selects and writes each.
func (x *exporter) events(ctx context.Context, ew eventWriter) error {
	err := paginate(ctx, x.opt.Query, x.opt.PageSize, x.src.Events, func(page []store.Event) error {
		for i := range page {
			a, err := x.articles.get(ctx, page[i].ArticleID)
			if err != nil {
				return err
			}
			ok, err := ew.write(&eventRecord{ev: &page[i], art: a})
			if err != nil {
				return err
			}
			if ok {
				x.stats.Records++
			} else {
				x.stats.Skipped++
			}
		}
		return ew.flush()
	})
	if err != nil {
		return err
	}
	return ew.close()
}

// paginate calls each with successive pages of the rows fetch returns for
// q: q.Limit rows in all (0: every row) from q.Offset, at most pageSize a
// page. It stops after a short page.
func paginate[T any](ctx context.Context, q store.Query, pageSize int, fetch func(context.Context, store.Query) ([]T, error), each func([]T) error) error {
	limit, done := max(q.Limit, 0), 0
	start := max(q.Offset, 0)
	for {
		n := pageSize
		if limit > 0 && limit-done < n {
			n = limit - done
		}
		if n <= 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		pq := q
		pq.Limit, pq.Offset = n, start+done
		rows, err := fetch(ctx, pq)
		if err != nil {
			return err
		}
		if len(rows) > 0 {
			if err := each(rows); err != nil {
				return err
			}
		}
		done += len(rows)
		if len(rows) < n {
			return nil
		}
	}
}
