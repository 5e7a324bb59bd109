package cli

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestWatchOnce follows a feed end to end: the item is coded by the real
// pipeline and stored; a second run stores nothing new and keeps its state
// beside the database.
func TestWatchOnce(t *testing.T) {
	text, err := samples.ReadFile("samples/ru-cu-interior-visit.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	var polls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		polls.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Monde</title><language>fr</language><item><guid>ru-cu-1</guid><link>https://example.org/ru-cu</link>
<title>Kolokoltsev à La Havane</title><pubDate>Thu, 28 Mar 2024 10:00:00 +0100</pubDate><description>Visite.</description>
<content:encoded>%s</content:encoded></item></channel></rss>`, html.EscapeString(string(text)))
	}))
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	feeds := filepath.Join(dir, "feeds.txt")
	if err := os.WriteFile(feeds, []byte("# test\n"+srv.URL+"/rss 15m fr\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "", "watch", "--once", "--db", db, "--feeds", feeds)
	if code != 0 || !strings.Contains(out, "polled 1 sources (0 failed); 1 articles stored") {
		t.Fatalf("watch: %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = run(t, "", "events", "--db", db, "--dyad", "RUS:CUB", "--format", "jsonl")
	if code != 0 || !strings.Contains(out, `"code":"042"`) || !strings.Contains(out, `"article_id"`) {
		t.Errorf("events after watch: %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "w.watch.json")); err != nil {
		t.Errorf("no state beside the database: %v", err)
	}
	code, out, errs = run(t, "", "watch", "--once", "--db", db, "--feeds", feeds)
	if code != 0 || !strings.Contains(out, "1 articles stored from them so far") || polls.Load() != 2 {
		t.Errorf("second watch: %d (%d polls)\n%s\n%s", code, polls.Load(), out, errs)
	}

	if err := os.WriteFile(feeds, []byte("https://example.org/feed 10s\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = run(t, "", "watch", "--once", "--db", db, "--feeds", feeds)
	if code != exitFailed || !strings.Contains(errs, "feeds.txt:1: interval 10s") {
		t.Errorf("bad feeds file: %d %q", code, errs)
	}
	code, _, errs = run(t, "", "watch", "--db", db)
	if code != exitFailed || !strings.Contains(errs, "--feeds FILE is required") {
		t.Errorf("no feeds file: %d %q", code, errs)
	}
}
