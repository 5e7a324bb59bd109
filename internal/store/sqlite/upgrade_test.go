package sqlite

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/pressly/goose/v3"

	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/storetest"
)

// TestUpgrade opens a database written by the first schema (before search
// and the keyset indexes): the upgrade keeps its data and indexes its
// evidence for search.
func TestUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	sub, _ := fs.Sub(migrations, "migrations")
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 1); err != nil {
		t.Fatal(err)
	}
	old := &store.SQL{DB: db, Merge: store.DefaultMergeOptions(), Now: storetest.Now} // no search index yet
	storetest.Load(t, old, storetest.Sample())
	db.Close()

	st, err := Open(ctx, path, store.DefaultMergeOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil || s != (store.Stats{Articles: 5, Sources: 6, Mentions: 11, Events: 10}) {
		t.Errorf("after the upgrade: %+v, %v", s, err)
	}
	evs, err := st.Events(ctx, store.Query{Text: "coopération"})
	if err != nil || len(evs) != 1 || evs[0].Code != "057" {
		t.Errorf("search after the upgrade: %v, %v", evs, err)
	}
	// and it goes on storing: the same article again only is a duplicate,
	// a new one adds its events
	if rs := storetest.Load(t, st, storetest.Sample()[:1]); !rs[0].Duplicate {
		t.Errorf("re-saving an upgraded article: %+v; want a duplicate", rs[0])
	}
	late := storetest.Article(storetest.A{ID: "late", URL: "https://late.example", Outlet: "Late", Lang: "en", Published: "2024-03-30",
		Sentences: []string{"Cuba hosted Russia's foreign minister."}},
		storetest.M{Sent: 0, Source: "CUB", SourceText: "Cuba", Target: "RUSGOV", TargetText: "Russia's foreign minister", Code: "043", Trigger: "hosted", Date: "2024-03-30"})
	if rs := storetest.Load(t, st, []*store.Bundle{late}); rs[0].Duplicate || rs[0].NewEvents != 1 {
		t.Errorf("saving a new article after the upgrade: %+v; want one new event", rs[0])
	}
	if evs, err := st.Events(ctx, store.Query{Text: "hosted"}); err != nil || len(evs) != 1 {
		t.Errorf("search for the new article's evidence: %v, %v", evs, err)
	}
}
