// Package sqlite is dyad's embedded store: SQLite through the pure-Go
// modernc.org/sqlite driver, so the binary stays static.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"

	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/dyad-events/dyad/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Dialect is SQLite's: ? placeholders, FTS5 for search, no row locks (SQLite
// has one writer at a time: write transactions begin IMMEDIATE). It keeps no
// planner statistics (no ANALYZE): statistics sampled once go stale as the
// database grows and then mislead the planner (into skip-scans of the
// country indexes, say); the store's plan hints choose what matters, the
// same way on every database.
var Dialect = store.Dialect{
	Name:         "sqlite",
	Prepare:      true,
	PlanHints:    true,
	SearchInsert: "(?, ?, ?)",
	SearchMatch: func(words []store.SearchWord) (string, any) {
		return "e.id IN (SELECT event_id FROM mention_search WHERE mention_search MATCH ?)", store.FTS5Query(words)
	},
	Retryable: func(err error) bool {
		var se *sqlite.Error
		return errors.As(err, &se) && (se.Code()&0xff == sqlite3.SQLITE_BUSY || se.Code()&0xff == sqlite3.SQLITE_LOCKED)
	},
}

// Open opens (creating if needed) the SQLite database at path and brings its
// schema up to date. Writes go through one connection whose transactions
// take the write lock when they begin, so concurrent writers (in this
// process or others) wait for each other instead of failing; queries use a
// pool of read-only connections.
func Open(ctx context.Context, path string, merge store.MergeOptions) (*store.SQL, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}
	dsn := func(extra ...string) string {
		v := url.Values{}
		v.Add("_pragma", "busy_timeout(10000)")
		v.Add("_pragma", "journal_mode(WAL)")
		v.Add("_pragma", "foreign_keys(1)")
		v.Add("_pragma", "synchronous(NORMAL)")
		v.Add("_pragma", "cache_size(-32768)") // 32 MiB a connection, at most
		// pages read through a memory map rather than a system call each:
		// half the CPU of a query over a large database
		v.Add("_pragma", "mmap_size(1073741824)")
		for i := 0; i+1 < len(extra); i += 2 {
			v.Add(extra[i], extra[i+1])
		}
		return "file:" + path + "?" + v.Encode()
	}
	db, err := sql.Open("sqlite", dsn("_txlock", "immediate"))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db.SetMaxOpenConns(1) // SQLite has one writer at a time
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	sub, _ := fs.Sub(migrations, "migrations")
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: migrations: %w", path, err)
	}
	if _, err := p.Up(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: migrate: %w", path, err)
	}
	rd, err := sql.Open("sqlite", dsn("_pragma", "query_only(1)"))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	rd.SetMaxOpenConns(n)
	rd.SetMaxIdleConns(n)
	return &store.SQL{DB: db, Read: rd, Dialect: Dialect, Merge: merge}, nil
}

var _ store.Store = (*store.SQL)(nil)
