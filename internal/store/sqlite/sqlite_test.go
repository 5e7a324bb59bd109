package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/sqlite"
	"github.com/dyad-events/dyad/internal/store/storetest"
)

func open(t *testing.T, path string) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path, store.DefaultMergeOptions())
	if err != nil {
		t.Fatal(err)
	}
	st.Now = storetest.Now
	t.Cleanup(func() { st.Close() })
	return st
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return open(t, filepath.Join(t.TempDir(), "dyad.db"))
	})
}

func TestConcurrentWriters(t *testing.T) {
	storetest.RunConcurrent(t, func(t *testing.T) func(t *testing.T) store.Store {
		path := filepath.Join(t.TempDir(), "dyad.db")
		return func(t *testing.T) store.Store { return open(t, path) }
	})
}
