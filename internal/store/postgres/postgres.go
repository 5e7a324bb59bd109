// Package postgres is dyad's shared store: PostgreSQL through pgx, for a
// server (dyad serve) and several ingest workers writing at once. It runs
// the same SQL as store/sqlite; what it adds is the locking that makes
// concurrent writers safe (docs/DESIGN.md, "Store").
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/dyad-events/dyad/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options tune the connection pool.
type Options struct {
	MaxConns int // open connections at most (default 16)
}

// DefaultOptions are the pool settings dyad uses unless told otherwise.
func DefaultOptions() Options { return Options{MaxConns: 16} }

// Dialect is PostgreSQL's: $n placeholders, transaction-scoped advisory
// locks, row locks on recounted events, tsvector search.
var Dialect = store.Dialect{
	Name:        "postgres",
	Placeholder: func(n int) string { return "$" + strconv.Itoa(n) },
	LockKeys: func(ctx context.Context, tx *sql.Tx, keys []int64) error {
		// one round trip; the sorted subquery feeds the locks in key order
		_, err := tx.ExecContext(ctx, `SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT k FROM unnest($1::bigint[]) AS k ORDER BY k) AS s`, keys)
		return err
	},
	LockRows: "FOR NO KEY UPDATE",
	// VACUUM also marks pages all-visible, for index-only scans; it names
	// the tables, else it would visit every table of the database
	Optimize:     "VACUUM (ANALYZE) articles, article_sources, sentences, events, mentions, mention_search",
	SearchInsert: "(?, ?, to_tsvector('simple', ?))",
	SearchMatch: func(words []store.SearchWord) (string, any) {
		return "e.id IN (SELECT event_id FROM mention_search WHERE body @@ to_tsquery('simple', ?))", store.TSQuery(words)
	},
	Retryable: func(err error) bool {
		var pe *pgconn.PgError
		if !errors.As(err, &pe) {
			return false
		}
		switch pe.Code {
		case "40P01", "40001": // deadlock detected, serialization failure
			return true
		case "23505": // a unique key the locks should have kept: run again, the duplicate check will see it
			return pe.ConstraintName == "articles_pkey" || pe.ConstraintName == "articles_text_hash"
		}
		return false
	},
}

// Open connects to the PostgreSQL database at dsn (postgres://...; a
// search_path parameter picks the schema) and brings its schema up to date.
// Several processes may open one database at once: migrations take a lock.
func Open(ctx context.Context, dsn string, merge store.MergeOptions, opt Options) (*store.SQL, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres store: %w", err)
	}
	if opt.MaxConns <= 0 {
		opt.MaxConns = DefaultOptions().MaxConns
	}
	db.SetMaxOpenConns(opt.MaxConns)
	db.SetMaxIdleConns(opt.MaxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres store: %w", err)
	}
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres store: migrations: %w", err)
	}
	sub, _ := fs.Sub(migrations, "migrations")
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub, goose.WithSessionLocker(locker))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres store: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres store: migrate: %w", err)
	}
	return &store.SQL{DB: db, Dialect: Dialect, Merge: merge}, nil
}

var _ store.Store = (*store.SQL)(nil)
