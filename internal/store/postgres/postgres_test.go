package postgres_test

import (
	"context"
	"testing"

	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/postgres"
	"github.com/dyad-events/dyad/internal/store/storetest"
)

func open(t *testing.T, dsn string) *store.SQL {
	t.Helper()
	st, err := postgres.Open(context.Background(), dsn, store.DefaultMergeOptions(), postgres.Options{MaxConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	st.Now = storetest.Now
	t.Cleanup(func() { st.Close() })
	return st
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t, storetest.PostgresSchema(t)) })
}

func TestConcurrentWriters(t *testing.T) {
	storetest.RunConcurrent(t, func(t *testing.T) func(t *testing.T) store.Store {
		dsn := storetest.PostgresSchema(t)
		return func(t *testing.T) store.Store { return open(t, dsn) }
	})
}

func TestReopen(t *testing.T) {
	dsn := storetest.PostgresSchema(t)
	st := open(t, dsn)
	storetest.Load(t, st, storetest.Sample())
	st.Close()
	again := open(t, dsn) // the schema is up to date: nothing to migrate, the data is kept
	s, err := again.Stats(context.Background())
	if err != nil || s.Events != 10 {
		t.Errorf("after reopening: %+v, %v", s, err)
	}
}
