package web

import (
	"context"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/refdata"
)

var updateScreenshots = flag.Bool("update-screenshots", false, "write a screenshot of each page to docs/screenshots/")

// TestBrowser loads the pages in headless Chromium, follows links as a person
// would (home → dyad → event → article, and a search), and checks what is
// on the screen: texts, highlighted spans, charts drawn with a size. With
// -update-screenshots it saves a PNG of each page in docs/screenshots/.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: not in -short mode")
	}
	path, err := chromiumPath()
	if err != nil {
		t.Skipf("browser test skipped: %v", err)
	}
	now := fixtureNow
	s, _ := newTestServer(t, Options{Feeds: func() []FeedStatus {
		return []FeedStatus{
			{URL: "https://www.example.org/monde/rss.xml", Kind: "feed", Lang: "fr", Interval: 15 * time.Minute, LastPoll: now.Add(-4 * time.Minute), LastSuccess: now.Add(-4 * time.Minute), NextPoll: now.Add(11 * time.Minute), Articles: 214},
			{URL: "https://news.example.com/world/atom", Kind: "feed", Lang: "en", Interval: 10 * time.Minute, LastPoll: now.Add(-2 * time.Minute), LastSuccess: now.Add(-2 * time.Minute), NextPoll: now.Add(8 * time.Minute), Articles: 388},
			{URL: "https://diario.example.es/internacional/feed", Kind: "feed", Lang: "es", Interval: 30 * time.Minute, LastPoll: now.Add(-20 * time.Minute), LastSuccess: now.Add(-20 * time.Minute), NextPoll: now.Add(10 * time.Minute), Articles: 97},
			{URL: "https://broken.example.net/rss", Kind: "feed", Interval: 15 * time.Minute, LastPoll: now.Add(-3 * time.Minute), LastSuccess: now.Add(-26 * time.Hour), NextPoll: now.Add(37 * time.Minute), Failures: 5, LastError: "fetch https://broken.example.net/rss: status 503 Service Unavailable"},
		}
	}})
	srv := httptest.NewServer(s)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	b := startBrowser(t, path)
	tb := b.newTab(ctx, t)
	shots := map[string][]byte{}

	// Home: the network, the headline counts, the latest events.
	tb.open(srv.URL + "/")
	if h := tb.str(`document.querySelector("h1").textContent`); h != "Country network" {
		t.Errorf("home: heading %q", h)
	}
	tb.click(`nav.chips a[href*="days=90"]`)
	if n := tb.num(`document.querySelectorAll("svg.net a.edge").length`); n < 20 {
		t.Errorf("home: %v edges drawn", n)
	}
	if w := tb.num(`document.querySelector("svg.net").getBoundingClientRect().width`); w < 500 {
		t.Errorf("home: network is %vpx wide", w)
	}
	if n := tb.num(`[...document.querySelectorAll("svg.net a.node text")].filter(e => e.getBoundingClientRect().width > 0).length`); n < 15 {
		t.Errorf("home: %v country labels visible", n)
	}
	if n := tb.num(`document.querySelectorAll("svg.chart rect.conf").length`); n == 0 {
		t.Error("home: no conflict bars in the chart")
	}
	if s := tb.str(`document.querySelector(".stats").innerText`); !strings.Contains(s, "events in the period") {
		t.Errorf("home: counts %q", s)
	}
	shots["home"] = tb.screenshot(2000)

	// The strongest link between Russia and Ukraine leads to their dyad.
	tb.click(`table.pairs a[href="/dyad/RUS/UKR"]`)
	if !strings.HasSuffix(tb.str("location.pathname"), "/dyad/RUS/UKR") {
		t.Fatalf("dyad: at %s", tb.str("location.href"))
	}
	if h := tb.str(`document.querySelector("h1").innerText`); !strings.Contains(h, "RUS") || !strings.Contains(h, "UKR") {
		t.Errorf("dyad: heading %q", h)
	}
	if h := tb.num(`Math.max(...[...document.querySelectorAll("svg.chart rect.conf")].map(r => r.getBoundingClientRect().height))`); h < 20 {
		t.Errorf("dyad: tallest conflict bar is %vpx", h)
	}
	if h := tb.num(`Math.max(0, ...[...document.querySelectorAll("svg.chart rect.coop")].map(r => r.getBoundingClientRect().height))`); h != 0 {
		t.Errorf("dyad: a cooperation bar of %vpx where there is none", h)
	}
	tb.click(`a[href$="interval=week"]`)
	if n := tb.num(`document.querySelectorAll("svg.chart .bar").length`); n < 20 {
		t.Errorf("dyad by week: %v bars", n)
	}
	shots["dyad"] = tb.screenshot(2000)

	// An event of the dyad: its evidence with the actors and trigger marked.
	tb.click(`#events a.code`)
	if !strings.Contains(tb.str("location.pathname"), "/event/") {
		t.Fatalf("event: at %s", tb.str("location.href"))
	}
	if n := tb.num(`document.querySelectorAll("blockquote mark.trg").length`); n < 1 {
		t.Error("event: no trigger marked")
	}
	if bg := tb.str(`getComputedStyle(document.querySelector("blockquote mark.src")).backgroundColor`); bg == "" || bg == "rgba(0, 0, 0, 0)" {
		t.Errorf("event: source actor not highlighted (background %q)", bg)
	}

	// The Havana visit: a French article with three events.
	tb.open(srv.URL + "/search?q=Kolokoltsev")
	if n := tb.num(`document.querySelectorAll(".results li.ev").length`); n != 1 {
		t.Errorf("search: %v results for Kolokoltsev", n)
	}
	if m := tb.str(`document.querySelector(".results mark.hit").textContent`); m != "Kolokoltsev" {
		t.Errorf("search: marked %q", m)
	}
	shots["search"] = tb.screenshot(1400)
	tb.click(`.results a.code`)
	if got := tb.str(`document.querySelector("blockquote mark.trg").textContent`); got != "est arrivé" {
		t.Errorf("event: trigger %q, want est arrivé", got)
	}
	if got := tb.str(`document.querySelector("blockquote mark.tgt").textContent`); got != "La Havane" {
		t.Errorf("event: target %q, want La Havane", got)
	}
	if got := tb.str(`document.querySelector("blockquote mark.src").textContent`); got != "Le ministre russe de l'Intérieur, Vladimir Kolokoltsev" {
		t.Errorf("event: source %q", got)
	}
	if href := tb.str(`document.querySelector(".mention-meta a.ext").href`); href != "https://example.org/monde/kolokoltsev-la-havane" {
		t.Errorf("event: original link %q", href)
	}
	shots["event"] = tb.screenshot(1400)

	tb.click(`.mention-meta a[href^="/article/"]`)
	if got := tb.str(`document.querySelector("h1").textContent`); got != "Le ministre russe de l'Intérieur en visite à Cuba" {
		t.Errorf("article: heading %q", got)
	}
	if n := tb.num(`document.querySelectorAll(".doc-body .sent").length`); n != 4 {
		t.Errorf("article: %v sentences", n)
	}
	if n := tb.num(`document.querySelectorAll(".doc-body .sent.has-ev").length`); n != 3 {
		t.Errorf("article: %v sentences with events", n)
	}
	if n := tb.num(`document.querySelectorAll(".doc-body a.evchip").length`); n != 3 {
		t.Errorf("article: %v event links in the text", n)
	}
	if n := tb.num(`document.querySelectorAll(".doc-body p").length`); n != 2 {
		t.Errorf("article: %v paragraphs", n)
	}
	if c := tb.str(`document.querySelector("#s0").className`); !strings.Contains(c, "target") {
		t.Errorf("article: the linked sentence is not marked (%q)", c)
	}
	shots["article"] = tb.screenshot(1600)

	// The hostile article shows its markup as text and runs none of it.
	tb.open(srv.URL + "/article/hostile")
	if got := tb.str(`document.querySelector("h1").textContent`); got != `<script>alert("title")</script> & friends` {
		t.Errorf("hostile: heading %q", got)
	}
	if n := tb.num(`document.querySelectorAll(".doc-body img, .doc-body script").length`); n != 0 {
		t.Errorf("hostile: %v elements injected", n)
	}

	tb.open(srv.URL + "/feeds")
	if n := tb.num(`document.querySelectorAll("table.feeds tbody tr").length`); n != 4 {
		t.Errorf("feeds: %v rows", n)
	}
	shots["feeds"] = tb.screenshot(1000)

	tb.open(srv.URL + "/event/nothing")
	if got := tb.str(`document.querySelector(".status").textContent`); got != "404" {
		t.Errorf("404 page: status %q", got)
	}

	if *updateScreenshots {
		root := refdata.RepoRoot()
		if root == "" {
			t.Fatal("no repository root for docs/screenshots")
		}
		dir := filepath.Join(root, "docs", "screenshots")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, png := range shots {
			if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("wrote %d screenshots to %s", len(shots), dir)
	}
}
