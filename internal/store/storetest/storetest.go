package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/simhash"
	"github.com/dyad-events/dyad/internal/store"
)

// Run runs the suite every store backend passes. open returns a new, empty
// store whose clock is Now and whose merge options are the defaults; it
// closes it when the test ends.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open func(t *testing.T) store.Store)
	}{
		{"SaveArticle", testSaveArticle},
		{"FailureLeavesNothing", testFailureLeavesNothing},
		{"ResaveAddsNothing", testResave},
		{"SameTextOtherSource", testSameTextOtherSource},
		{"NearCopy", testNearCopy},
		{"MergeMentions", testMerge},
		{"MergeOrderIndependent", testMergeOrder},
		{"QueryFilters", testFilters},
		{"Paging", testPaging},
		{"EventWithMentions", testEvent},
		{"ArticleWithSourcesAndSentences", testArticle},
		{"Dyads", testDyads},
		{"Stats", testStats},
		{"Series", testSeries},
		{"Network", testNetwork},
		{"LargerCorpus", testLargerCorpus},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

// Load saves bundles one by one and fails the test on an error.
func Load(t testing.TB, st store.Store, bs []*store.Bundle) []store.SaveResult {
	t.Helper()
	var out []store.SaveResult
	for _, b := range bs {
		r, err := st.SaveArticle(context.Background(), b)
		if err != nil {
			t.Fatalf("save %s: %v", b.Article.ID, err)
		}
		out = append(out, r)
	}
	return out
}

// key names an event by what merges it: dyad, code, date.
func key(e *store.Event) string {
	tgt := "-"
	if e.Target != nil {
		tgt = e.Target.Code
	}
	return fmt.Sprintf("%s>%s %s %s", e.Source.Code, tgt, e.Code, e.Date)
}

func keys(evs []store.Event) []string {
	out := make([]string, len(evs))
	for i := range evs {
		out[i] = key(&evs[i])
	}
	return out
}

func events(t *testing.T, st store.Store, q store.Query) []store.Event {
	t.Helper()
	evs, err := st.Events(context.Background(), q)
	if err != nil {
		t.Fatalf("events %+v: %v", q, err)
	}
	return evs
}

func find(t *testing.T, st store.Store, k string) *store.Event {
	t.Helper()
	for _, e := range events(t, st, store.Query{Limit: store.MaxLimit}) {
		if key(&e) == k {
			return &e
		}
	}
	t.Fatalf("no event %s", k)
	return nil
}

func stats(t *testing.T, st store.Store) store.Stats {
	t.Helper()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	return s
}

type counts struct{ Mentions, Articles, Sources int }

func countsOf(e *store.Event) counts { return counts{e.NumMentions, e.NumArticles, e.NumSources} }

func testSaveArticle(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	ctx := context.Background()
	b := Sample()[0]
	r, err := st.SaveArticle(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if want := (store.SaveResult{Sentences: 3, Mentions: 3, NewEvents: 3}); r != want {
		t.Errorf("result %+v, want %+v", r, want)
	}
	if ok, err := st.HasArticle(ctx, "ru-cu-visit"); !ok || err != nil {
		t.Errorf("HasArticle = %v, %v; want true", ok, err)
	}
	if s := stats(t, st); s != (store.Stats{Articles: 1, Sources: 1, Mentions: 3, Events: 3}) {
		t.Errorf("stats %+v", s)
	}
	ms, err := st.ArticleMentions(ctx, "ru-cu-visit")
	if err != nil || len(ms) != 3 {
		t.Fatalf("article mentions: %d, %v; want 3", len(ms), err)
	}
	for i, m := range ms {
		if m.Sentence.Index != i || m.Sentence.Text != b.Sentences[i].Text || m.EventID == "" || m.ArticleURL != b.Article.URL || m.Source != "Prensa Latina" {
			t.Errorf("mention %d: %+v", i, m)
		}
	}
	// a second article whose one mention merges into a stored event
	r, err = st.SaveArticle(ctx, Sample()[2])
	if err != nil {
		t.Fatal(err)
	}
	if want := (store.SaveResult{Sentences: 2, Mentions: 1, NewEvents: 0}); r != want {
		t.Errorf("merging article: result %+v, want %+v", r, want)
	}
}

func testFailureLeavesNothing(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	ctx := context.Background()
	bad := Sample()[0]
	// two sentences with one index: the second insert fails, after the
	// article, its source and the first sentence were written
	bad.Sentences = append(bad.Sentences, bad.Sentences[0])
	if _, err := st.SaveArticle(ctx, bad); err == nil {
		t.Fatal("saving an article with a repeated sentence index succeeded")
	}
	good := Sample()[3]
	if _, err := st.SaveArticles(ctx, []*store.Bundle{good, bad}); err == nil {
		t.Fatal("saving a batch with a bad article succeeded")
	}
	if s := stats(t, st); s != (store.Stats{}) {
		t.Errorf("after failed saves the store holds %+v; want nothing", s)
	}
	for _, id := range []string{bad.Article.ID, good.Article.ID} {
		if ok, _ := st.HasArticle(ctx, id); ok {
			t.Errorf("article %s stored by a failed save", id)
		}
	}
	if evs := events(t, st, store.Query{}); len(evs) != 0 {
		t.Errorf("failed saves left events %v", keys(evs))
	}
	// and the store still works
	Load(t, st, Sample()[:1])
	if s := stats(t, st); s.Articles != 1 || s.Events != 3 {
		t.Errorf("after a good save: %+v", s)
	}
}

func testResave(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	ctx := context.Background()
	Load(t, st, Sample())
	before := stats(t, st)
	evBefore := events(t, st, store.Query{})
	r, err := st.SaveArticle(ctx, Sample()[0])
	if err != nil {
		t.Fatal(err)
	}
	if !r.Duplicate || r.DuplicateOf != "ru-cu-visit" || r.Mentions != 0 || r.NewEvents != 0 {
		t.Errorf("re-save result %+v; want a duplicate of ru-cu-visit", r)
	}
	rs, err := st.SaveArticles(ctx, Sample())
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		if !r.Duplicate {
			t.Errorf("batch re-save %d not a duplicate: %+v", i, r)
		}
	}
	if after := stats(t, st); after != before {
		t.Errorf("re-saving changed the store: %+v → %+v", before, after)
	}
	if d := diffEvents(evBefore, events(t, st, store.Query{}), false); d != "" {
		t.Errorf("re-saving changed the events: %s", d)
	}
}

func testSameTextOtherSource(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	ctx := context.Background()
	s := Sample()
	Load(t, st, s[:1])
	host := "CUBGOV>RUSGOV 043 2024-03-04"
	if c := countsOf(find(t, st, host)); c != (counts{1, 1, 1}) {
		t.Fatalf("one article: counts %+v", c)
	}
	r, err := st.SaveArticle(ctx, s[1]) // same text, Granma
	if err != nil {
		t.Fatal(err)
	}
	if !r.Duplicate || r.DuplicateOf != "ru-cu-visit" {
		t.Errorf("same text from another outlet: %+v; want a duplicate of ru-cu-visit", r)
	}
	if c := countsOf(find(t, st, host)); c != (counts{1, 2, 2}) {
		t.Errorf("after another outlet: counts %+v; want 1 mention, 2 articles, 2 sources", c)
	}
	// the same outlet at a third address: one more article, no new outlet
	again := Sample()[1]
	again.Article.ID, again.Article.URL, again.Article.Origin = "granma-amp", "https://amp.granma.example/ru-cu-visit", "amp"
	if _, err := st.SaveArticle(ctx, again); err != nil {
		t.Fatal(err)
	}
	if c := countsOf(find(t, st, host)); c != (counts{1, 3, 2}) {
		t.Errorf("after the same outlet elsewhere: counts %+v; want 1 mention, 3 articles, 2 sources", c)
	}
	// an updated text at a stored address is the same article
	upd := Sample()[0]
	upd.Article.ID = "ru-cu-visit-updated"
	upd.Article.Text += " Mise à jour."
	r, err = st.SaveArticle(ctx, upd)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Duplicate || r.DuplicateOf != "ru-cu-visit" {
		t.Errorf("new text at a stored URL: %+v; want a duplicate", r)
	}
	if st := stats(t, st); st != (store.Stats{Articles: 1, Sources: 3, Mentions: 3, Events: 3}) {
		t.Errorf("stats %+v", st)
	}
}

// longText is a text long enough for near-duplicate detection.
var longText = []string{
	"The foreign ministers of Brazil and Argentina met in Brasilia on Tuesday to discuss trade, energy and the security of their long shared border.",
	"Both governments said the talks had been frank and constructive, and that they expected to sign a framework agreement on electricity exchanges before the end of the year.",
	"Officials from the two delegations also reviewed joint patrols along the Parana river, where smuggling of goods and weapons has increased over the last decade.",
	"The Argentine minister invited his Brazilian counterpart to Buenos Aires for a second round of talks, which is expected to take place in the autumn.",
	"Analysts in both capitals described the meeting as a sign of warmer relations after several years of disagreements over tariffs and regional policy.",
}

func brArMention() M {
	return M{Sent: 0, Source: "BRAGOV", SourceText: "The foreign ministers of Brazil", Target: "ARGGOV", TargetText: "Argentina", Code: "040", Trigger: "met", Date: "2024-03-05"}
}

func testNearCopy(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	orig := Article(A{ID: "br-ar", URL: "https://a.example/br-ar", Outlet: "Agencia A", Lang: "en", Published: "2024-03-05", Sentences: longText}, brArMention())
	edited := slices.Clone(longText)
	edited[4] = strings.Replace(edited[4], "several years", "many years", 1)
	near := Article(A{ID: "br-ar-b", URL: "https://b.example/br-ar", Outlet: "Agencia B", Lang: "en", Published: "2024-03-05", Sentences: edited}, brArMention())
	if d := simhash.Distance(simhash.Fingerprint(orig.Article.Text), simhash.Fingerprint(near.Article.Text)); d > simhash.NearDuplicate {
		t.Fatalf("test data: the edited copy is %d bits away, more than %d", d, simhash.NearDuplicate)
	}
	other := []string{
		"Chile and Peru agreed on Thursday to reopen two border crossings in the Atacama desert that were closed during the pandemic.",
		"Traders in Arica and Tacna had long complained that the closures cost them a large share of their business.",
		"The interior ministers of both countries will meet next month to set out new rules for inspections, customs and migration.",
		"Human rights groups asked both governments to guarantee access to asylum procedures for migrants crossing the border on foot.",
	}
	unrelated := Article(A{ID: "ar-br", URL: "https://c.example/ar-br", Outlet: "Agencia C", Lang: "en", Published: "2024-03-05", Sentences: other}, brArMention())
	if d := simhash.Distance(simhash.Fingerprint(orig.Article.Text), simhash.Fingerprint(unrelated.Article.Text)); d <= simhash.NearDuplicate {
		t.Fatalf("test data: the reordered text is only %d bits away", d)
	}
	rs := Load(t, st, []*store.Bundle{orig, near, unrelated})
	if !rs[1].Duplicate || rs[1].DuplicateOf != "br-ar" {
		t.Errorf("near copy: %+v; want a duplicate of br-ar", rs[1])
	}
	if rs[2].Duplicate {
		t.Errorf("a different text was taken for a copy of %s", rs[2].DuplicateOf)
	}
	e := find(t, st, "BRAGOV>ARGGOV 040 2024-03-05")
	if c := countsOf(e); c != (counts{2, 3, 3}) {
		t.Errorf("counts %+v; want 2 mentions (two articles), 3 sources carrying them, 3 outlets", c)
	}
	// short texts are compared exactly only
	short := Sample()[4]
	shortEdit := Sample()[4]
	shortEdit.Article.ID, shortEdit.Article.URL = "ua-strike-2", "https://other.example/ua"
	shortEdit.Article.Text = strings.Replace(shortEdit.Article.Text, "overnight", "at night", 1)
	rs = Load(t, st, []*store.Bundle{short, shortEdit})
	if rs[1].Duplicate {
		t.Errorf("an edited short text was taken for a copy")
	}
}

func testMerge(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	base := func(id string, ms ...M) *store.Bundle {
		return Article(A{ID: id, URL: "https://x.example/" + id, Outlet: "Outlet " + id, Lang: "en", Published: "2024-05-02",
			Sentences: []string{"Ukraine accused Russia of shelling Kharkiv, " + id + " reported.", "It also accused Moscow of crimes."}}, ms...)
	}
	accuse := func(sent int, code, date, target, place string) M {
		return M{Sent: sent, Source: "UKR", SourceText: "Ukraine", Target: target, TargetText: "Russia", Code: code, Trigger: "accused", Date: date, PlaceCountry: place}
	}
	Load(t, st, []*store.Bundle{
		base("a", accuse(0, "112", "2024-05-01", "RUS", ""), accuse(1, "1121", "2024-05-01", "RUS", "")), // two mentions, one article
		base("b", accuse(0, "112", "2024-05-01", "RUS", "")),
		base("c", accuse(0, "112", "2024-05-02", "RUS", "")),                        // another day
		base("d", accuse(0, "112", "2024-05-01", "RUSGOV", "")),                     // another target
		base("e", accuse(0, "112", "2024-05-01", "RUS", "UKR")),                     // another place
		base("f", accuse(0, "111", "2024-05-01", "RUS", "")),                        // another code
		base("g", accuse(0, "112", "", "RUS", ""), accuse(1, "112", "", "RUS", "")), // no date: one bucket
	})
	got := map[string]counts{}
	for _, e := range events(t, st, store.Query{Limit: 100}) {
		got[key(&e)+" "+placeOf(&e)] = countsOf(&e)
	}
	want := map[string]counts{
		"UKR>RUS 112 2024-05-01 ":    {3, 2, 2}, // a (112 and 1121 share the base code) and b
		"UKR>RUS 112 2024-05-02 ":    {1, 1, 1},
		"UKR>RUSGOV 112 2024-05-01 ": {1, 1, 1},
		"UKR>RUS 112 2024-05-01 UKR": {1, 1, 1},
		"UKR>RUS 111 2024-05-01 ":    {1, 1, 1},
		"UKR>RUS 112  ":              {2, 1, 1},
	}
	if !mapsEqual(got, want) {
		t.Errorf("events:\n got %v\nwant %v", got, want)
	}
}

func placeOf(e *store.Event) string {
	if e.Location == nil {
		return ""
	}
	return e.Location.Country
}

func mapsEqual[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// diffEvents compares two event lists as JSON, without the article id when
// noArticle (which copy of a text is the stored article depends on which
// came first).
func diffEvents(a, b []store.Event, noArticle bool) string {
	norm := func(evs []store.Event) []string {
		out := make([]string, len(evs))
		for i, e := range evs {
			if noArticle {
				e.ArticleID = ""
			}
			j, _ := json.Marshal(e)
			out[i] = string(j)
		}
		return out
	}
	na, nb := norm(a), norm(b)
	if len(na) != len(nb) {
		return fmt.Sprintf("%d events, then %d: %v / %v", len(na), len(nb), keys(a), keys(b))
	}
	for i := range na {
		if na[i] != nb[i] {
			return fmt.Sprintf("event %d:\n %s\n %s", i, na[i], nb[i])
		}
	}
	return ""
}

func testMergeOrder(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	type outcome struct {
		name   string
		stats  store.Stats
		events []store.Event
		dyads  []store.DyadCount
	}
	run := func(name string, load func(st store.Store)) outcome {
		st := open(t)
		load(st)
		d, err := st.Dyads(ctx, store.Query{})
		if err != nil {
			t.Fatal(err)
		}
		return outcome{name, stats(t, st), events(t, st, store.Query{Limit: 100}), d}
	}
	all := run("one by one", func(st store.Store) { Load(t, st, Sample()) })
	rng := rand.New(rand.NewPCG(1, 2))
	others := []outcome{
		run("reversed", func(st store.Store) {
			s := Sample()
			slices.Reverse(s)
			Load(t, st, s)
		}),
		run("one batch", func(st store.Store) {
			if _, err := st.SaveArticles(ctx, Sample()); err != nil {
				t.Fatal(err)
			}
		}),
	}
	for i := range 4 {
		others = append(others, run(fmt.Sprintf("shuffled in batches %d", i), func(st store.Store) {
			s := Sample()
			rng.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
			for len(s) > 0 {
				n := 1 + rng.IntN(len(s))
				if _, err := st.SaveArticles(ctx, s[:n]); err != nil {
					t.Fatal(err)
				}
				s = s[n:]
			}
		}))
	}
	if len(all.events) != 10 {
		t.Fatalf("sample: %d events, want 10: %v", len(all.events), keys(all.events))
	}
	for _, o := range others {
		if o.stats != all.stats {
			t.Errorf("%s: stats %+v; one by one %+v", o.name, o.stats, all.stats)
		}
		if d := diffEvents(all.events, o.events, true); d != "" {
			t.Errorf("%s: events differ from one by one: %s", o.name, d)
		}
		if !slices.Equal(o.dyads, all.dyads) {
			t.Errorf("%s: dyads %v; one by one %v", o.name, o.dyads, all.dyads)
		}
	}
}

func testFilters(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	Load(t, st, Sample())
	const (
		visit   = "RUSGOV>CUB 042 2024-03-04"
		host    = "CUBGOV>RUSGOV 043 2024-03-04"
		sign    = "RUSGOV>CUBGOV 057 2024-03-04"
		meet    = "CUBGOV>CHNGOV 040 2024-03-11"
		aid     = "CHN>CUB 070 2024-03-11"
		shell   = "RUSMIL>UKR 190 2024-03-20"
		accuse  = "UKR>RUS 112 2024-03-20"
		appeal  = "UKRGOV>- 020 2024-03-20"
		ceasefr = "COLGOV>COLREB 057 2024-02-14"
		usaid   = "USA>COL 070 2024-02-14"
	)
	tests := []struct {
		name string
		q    store.Query
		want []string
	}{
		{"all", store.Query{}, nil}, // checked below: all ten, ordered
		{"actor prefix", store.Query{Actor: "RUS"}, []string{visit, host, sign, shell, accuse}},
		{"actor code", store.Query{Actor: "rusgov"}, []string{visit, host, sign}},
		{"dyad", store.Query{Source: "RUS", Target: "CUB"}, []string{visit, sign}},
		{"dyad both ways", store.Query{Source: "RUS", Target: "CUB", Both: true}, []string{visit, host, sign}},
		{"source only", store.Query{Source: "UKR"}, []string{accuse, appeal}},
		{"target only", store.Query{Target: "CUB"}, []string{visit, sign, aid}},
		{"country", store.Query{Country: "ukr"}, []string{shell, accuse, appeal}},
		{"root", store.Query{Root: "19"}, []string{shell}},
		{"code prefix", store.Query{Code: "05"}, []string{sign, ceasefr}},
		{"code", store.Query{Code: "070"}, []string{aid, usaid}},
		{"quad class", store.Query{Quad: 2}, []string{aid, usaid}},
		{"quad class 3", store.Query{Quad: 3}, []string{accuse}},
		{"since", store.Query{Since: "2024-03-11"}, []string{meet, aid, shell, accuse, appeal}},
		{"until", store.Query{Until: "2024-03-04"}, []string{visit, host, sign, ceasefr, usaid}},
		{"since and until", store.Query{Since: "2024-03-05", Until: "2024-03-11"}, []string{meet, aid}},
		{"place name", store.Query{Place: "kharkiv"}, []string{shell}},
		{"place country", store.Query{Place: "CUB"}, []string{visit, host, sign, ceasefr}},
		{"text", store.Query{Text: "havane"}, []string{visit}},
		{"text in another language", store.Query{Text: "Habana"}, []string{ceasefr}},
		{"text without accents", store.Query{Text: "alvarez"}, []string{host}},
		{"text with accents", store.Query{Text: "coopération"}, []string{sign}},
		{"text whole words", store.Query{Text: "arrive"}, []string{visit}},
		{"text all words", store.Query{Text: "ministre CUBAIN"}, []string{meet}},
		{"text prefix", store.Query{Text: "accus*"}, []string{accuse}},
		{"text no match", store.Query{Text: "zanzibar"}, []string{}},
		{"lang", store.Query{Lang: "es"}, []string{ceasefr, usaid}},
		{"filters combined", store.Query{Actor: "RUS", Quad: 1, Text: "ministres"}, []string{sign}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := keys(events(t, st, tc.q))
			if tc.want == nil {
				if len(got) != 10 {
					t.Fatalf("got %d events, want 10", len(got))
				}
				return
			}
			// the order within a date is by id, which is a hash: compare as sets
			slices.Sort(got)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("got  %v\nwant %v", got, want)
			}
		})
	}
	all := events(t, st, store.Query{})
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if a.Date < b.Date || (a.Date == b.Date && a.ID < b.ID) {
			t.Errorf("events out of order: %s %s before %s %s", a.Date, a.ID, b.Date, b.ID)
		}
	}
	bad := []struct {
		name, field string
		q           store.Query
	}{
		{"quad class", "quad", store.Query{Quad: 9}},
		{"since", "since", store.Query{Since: "2024-13-01"}},
		{"until", "until", store.Query{Until: "yesterday"}},
		{"text without words", "text", store.Query{Text: "!!!"}},
		{"short prefix", "text", store.Query{Text: "a*"}},
		{"too many words", "text", store.Query{Text: "a b c d e f g h i"}},
	}
	for _, tc := range bad {
		t.Run("bad "+tc.name, func(t *testing.T) {
			_, err := st.Events(context.Background(), tc.q)
			if !errors.Is(err, store.ErrBadQuery) || !strings.Contains(err.Error(), tc.field) {
				t.Errorf("got %v; want ErrBadQuery naming %s", err, tc.field)
			}
		})
	}
	// Mentions takes the same filters
	ms, err := st.Mentions(context.Background(), store.Query{Source: "RUSGOV", Target: "CUB"})
	if err != nil || len(ms) != 3 {
		t.Errorf("mentions of RUSGOV→CUB*: %d, %v; want 3", len(ms), err)
	}
}

func testPaging(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	Load(t, st, Sample())
	all := keys(events(t, st, store.Query{}))
	for _, size := range []int{1, 3, 4, 10} {
		var byCursor, byOffset []string
		q := store.Query{Limit: size}
		for range 20 {
			page := events(t, st, q)
			byCursor = append(byCursor, keys(page)...)
			if len(page) < size {
				break
			}
			c := page[len(page)-1].Cursor()
			q.After = &c
		}
		for off := 0; off < 20; off += size {
			page := events(t, st, store.Query{Limit: size, Offset: off})
			byOffset = append(byOffset, keys(page)...)
			if len(page) < size {
				break
			}
		}
		if !slices.Equal(byCursor, all) || !slices.Equal(byOffset, all) {
			t.Errorf("pages of %d:\ncursor %v\noffset %v\n   all %v", size, byCursor, byOffset, all)
		}
	}
	// a page after the last event is empty; new events do not shift a cursor
	first := events(t, st, store.Query{Limit: 2})
	c := first[1].Cursor()
	before := keys(events(t, st, store.Query{Limit: 3, After: &c}))
	Load(t, st, []*store.Bundle{Article(A{ID: "late", URL: "https://late.example", Outlet: "Late", Lang: "en", Published: "2024-03-30",
		Sentences: []string{"Cuba hosted Russia's foreign minister."}},
		M{Sent: 0, Source: "CUB", SourceText: "Cuba", Target: "RUSGOV", TargetText: "Russia's foreign minister", Code: "043", Trigger: "hosted", Date: "2024-03-30"})})
	if after := keys(events(t, st, store.Query{Limit: 3, After: &c})); !slices.Equal(before, after) {
		t.Errorf("page after a cursor moved when an event was added: %v → %v", before, after)
	}
	if got := events(t, st, store.Query{Limit: store.MaxLimit + 5}); len(got) != 11 {
		t.Errorf("a limit over the maximum: %d events", len(got))
	}
}

func testEvent(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	ctx := context.Background()
	Load(t, st, Sample())
	v := find(t, st, "RUSGOV>CUB 042 2024-03-04")
	e, ms, err := st.Event(ctx, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c := countsOf(e); c != (counts{2, 3, 3}) {
		t.Errorf("counts %+v; want 2 mentions, 3 articles (one carried by two outlets), 3 outlets", c)
	}
	// the representative mention is the earliest dated, then the smallest id
	if e.ArticleID != "ru-cu-visit-en" || e.Sentence.Index != 0 || !strings.HasPrefix(e.Sentence.Text, "Russia's interior minister") ||
		e.Trigger.Text != "arrived" || e.Source.Text != "Russia's interior minister" || e.Target == nil || e.Target.Text != "Havana" ||
		e.Location == nil || e.Location.Name != "Havana" || e.Location.Lat == 0 || e.Goldstein != 1.9 || e.QuadClass != 1 || e.Root != "04" ||
		e.Lang != "en" || !e.FirstSeen.Equal(Now()) {
		j, _ := json.MarshalIndent(e, "", "  ")
		t.Errorf("event:\n%s", j)
	}
	if len(ms) != 2 {
		t.Fatalf("%d mentions, want 2", len(ms))
	}
	wantArt := []string{"ru-cu-visit", "ru-cu-visit-en"}
	wantOutlet := []string{"Prensa Latina", "Reuters"}
	for i, m := range ms {
		if m.ArticleID != wantArt[i] || m.Source != wantOutlet[i] || m.EventID != e.ID || m.ArticleURL == "" || m.Sentence.Text == "" || m.Trigger.Text == "" {
			t.Errorf("mention %d: %+v", i, m)
		}
	}
	if _, _, err := st.Event(ctx, "no-such-event"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown event: %v; want ErrNotFound", err)
	}
}

func testArticle(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	ctx := context.Background()
	s := Sample()
	Load(t, st, s)
	a, err := st.Article(ctx, "ru-cu-visit")
	if err != nil {
		t.Fatal(err)
	}
	want := s[0]
	if a.Text != want.Article.Text || a.Title != want.Article.Title || a.Lang != "fr" || a.URL != want.Article.URL ||
		!a.Published.Equal(want.Article.Published) || !a.IngestedAt.Equal(Now()) {
		t.Errorf("article %+v", a.Article)
	}
	var outlets []string
	for _, src := range a.Sources {
		outlets = append(outlets, src.Source+" "+src.URL)
	}
	if w := []string{"Granma https://www.granma.example/mundo/ru-cu-visit", "Prensa Latina https://www.prensa-latina.example/ru-cu-visit"}; !slices.Equal(outlets, w) {
		t.Errorf("sources %v, want %v", outlets, w)
	}
	if !slices.Equal(a.Sentences, want.Sentences) {
		t.Errorf("sentences %+v", a.Sentences)
	}
	for _, st := range a.Sentences {
		if a.Text[st.Start:st.End] != st.Text {
			t.Errorf("sentence %d offsets %d-%d do not point at its text", st.Index, st.Start, st.End)
		}
	}
	ms, err := st.ArticleMentions(ctx, "ru-cu-visit")
	if err != nil || len(ms) != 3 {
		t.Fatalf("mentions: %d, %v", len(ms), err)
	}
	if ms[0].Code != "042" || ms[1].Code != "043" || ms[2].Code != "057" {
		t.Errorf("mention codes %s %s %s", ms[0].Code, ms[1].Code, ms[2].Code)
	}
	if _, err := st.Article(ctx, "ru-cu-visit-granma"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a copy is not stored as an article: got %v, want ErrNotFound", err)
	}
	if _, err := st.Article(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown article: %v; want ErrNotFound", err)
	}
}

func testDyads(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	Load(t, st, Sample())
	ds, err := st.Dyads(context.Background(), store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%s>%s %d/%d %+.1f %d/%d", d.Source, d.Target, d.Events, d.Mentions, d.Goldstein, d.Coop, d.Conflict))
	}
	want := []string{
		"RUSGOV>CUB 1/2 +1.9 1/0", // most mentions first among equals
		"CHN>CUB 1/1 +7.0 1/0",
		"COLGOV>COLREB 1/1 +8.0 1/0",
		"CUBGOV>CHNGOV 1/1 +1.0 1/0",
		"CUBGOV>RUSGOV 1/1 +2.8 1/0",
		"RUSGOV>CUBGOV 1/1 +8.0 1/0",
		"RUSMIL>UKR 1/1 -10.0 0/1",
		"UKR>RUS 1/1 -2.0 0/1",
		"USA>COL 1/1 +7.0 1/0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("dyads\n got %v\nwant %v", got, want)
	}
	ds, err = st.Dyads(context.Background(), store.Query{Actor: "RUS", Limit: 2})
	if err != nil || len(ds) != 2 || ds[0].Source != "RUSGOV" || ds[0].Target != "CUB" {
		t.Errorf("dyads of RUS, 2: %+v, %v", ds, err)
	}
}

func testStats(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	if s := stats(t, st); s != (store.Stats{}) {
		t.Errorf("empty store: %+v", s)
	}
	Load(t, st, Sample())
	if s := stats(t, st); s != (store.Stats{Articles: 5, Sources: 6, Mentions: 11, Events: 10}) {
		t.Errorf("stats %+v; want 5 articles, 6 sources, 11 mentions, 10 events", s)
	}
	if err := st.Ping(context.Background()); err != nil {
		t.Errorf("ping: %v", err)
	}
}

func point(p store.SeriesPoint) string {
	return fmt.Sprintf("%s %d/%d %+.1f %d/%d %v", p.Period, p.Events, p.Mentions, p.Goldstein, p.Cooperation, p.Conflict, p.Quad)
}

func testSeries(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	ctx := context.Background()
	Load(t, st, Sample())
	nonZero := func(s *store.Series) []string {
		var out []string
		for _, p := range s.Points {
			if p.Events > 0 {
				out = append(out, point(p))
			}
		}
		return out
	}
	tests := []struct {
		name         string
		q            store.SeriesQuery
		since, until string
		points       int
		want         []string // the periods with events
	}{
		{"dyad by day", store.SeriesQuery{Query: store.Query{Source: "RUS", Target: "CUB", Since: "2024-03-01", Until: "2024-03-10"}, Interval: "day"},
			"2024-03-01", "2024-03-10", 10, []string{"2024-03-04 2/3 +9.9 2/0 [2 0 0 0]"}},
		{"dyad both ways", store.SeriesQuery{Query: store.Query{Source: "RUS", Target: "CUB", Both: true, Since: "2024-03-01", Until: "2024-03-10"}, Interval: "day"},
			"2024-03-01", "2024-03-10", 10, []string{"2024-03-04 3/4 +12.7 3/0 [3 0 0 0]"}},
		{"actor by week", store.SeriesQuery{Query: store.Query{Actor: "RUS", Since: "2024-03-01", Until: "2024-03-20"}, Interval: "week"},
			"2024-02-26", "2024-03-24", 4, []string{"2024-03-04 3/4 +12.7 3/0 [3 0 0 0]", "2024-03-18 2/2 -12.0 0/2 [0 0 1 1]"}},
		{"all by month", store.SeriesQuery{Query: store.Query{Since: "2024-01-15", Until: "2024-03-31"}, Interval: "month"},
			"2024-01-01", "2024-03-31", 3, []string{"2024-02-01 2/2 +15.0 2/0 [1 1 0 0]", "2024-03-01 8/9 +11.7 6/2 [5 1 1 1]"}},
		{"filtered", store.SeriesQuery{Query: store.Query{Quad: 4, Since: "2024-03-01", Until: "2024-03-31"}, Interval: "month"},
			"2024-03-01", "2024-03-31", 1, []string{"2024-03-01 1/1 -10.0 0/1 [0 0 0 1]"}},
		{"default range", store.SeriesQuery{}, "2022-05-01", "2024-04-30", 24,
			[]string{"2024-02-01 2/2 +15.0 2/0 [1 1 0 0]", "2024-03-01 8/9 +11.7 6/2 [5 1 1 1]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := st.Series(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if s.Since != tc.since || s.Until != tc.until || len(s.Points) != tc.points {
				t.Errorf("range %s..%s with %d points; want %s..%s with %d", s.Since, s.Until, len(s.Points), tc.since, tc.until, tc.points)
			}
			if got := nonZero(s); !slices.Equal(got, tc.want) {
				t.Errorf("got  %v\nwant %v", got, tc.want)
			}
			for i := 1; i < len(s.Points); i++ {
				if s.Points[i].Period <= s.Points[i-1].Period {
					t.Errorf("periods out of order: %s after %s", s.Points[i].Period, s.Points[i-1].Period)
				}
			}
		})
	}
	bad := []struct {
		name, field string
		q           store.SeriesQuery
	}{
		{"interval", "interval", store.SeriesQuery{Interval: "year"}},
		{"too long", "since", store.SeriesQuery{Query: store.Query{Since: "2020-01-01", Until: "2024-01-01"}, Interval: "day"}},
		{"reversed", "since", store.SeriesQuery{Query: store.Query{Since: "2024-03-10", Until: "2024-03-01"}}},
		{"bad date", "until", store.SeriesQuery{Query: store.Query{Until: "2024-02-30"}}},
	}
	for _, tc := range bad {
		t.Run("bad "+tc.name, func(t *testing.T) {
			_, err := st.Series(ctx, tc.q)
			if !errors.Is(err, store.ErrBadQuery) || !strings.Contains(err.Error(), tc.field) {
				t.Errorf("got %v; want ErrBadQuery naming %s", err, tc.field)
			}
		})
	}
}

func testNetwork(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	ctx := context.Background()
	Load(t, st, Sample())
	edge := func(e store.NetworkEdge) string {
		return fmt.Sprintf("%s>%s %d/%d %d/%d %+.1f", e.Source, e.Target, e.Events, e.Mentions, e.Cooperation, e.Conflict, e.Goldstein)
	}
	node := func(n store.NetworkNode) string {
		return fmt.Sprintf("%s %d %d/%d", n.ID, n.Events, n.Cooperation, n.Conflict)
	}
	march := store.Query{Since: "2024-03-01", Until: "2024-03-31"}
	tests := []struct {
		name         string
		q            store.NetworkQuery
		edges, nodes []string
	}{
		{"march", store.NetworkQuery{Query: march},
			[]string{"RUS>CUB 2/3 2/0 +9.9", "CHN>CUB 1/1 1/0 +7.0", "CUB>CHN 1/1 1/0 +1.0", "CUB>RUS 1/1 1/0 +2.8", "RUS>UKR 1/1 0/1 -10.0", "UKR>RUS 1/1 0/1 -2.0"},
			[]string{"CUB 5 5/0", "RUS 5 3/2", "CHN 2 2/0", "UKR 2 0/2"}},
		{"min weight", store.NetworkQuery{Query: march, MinWeight: 2}, []string{"RUS>CUB 2/3 2/0 +9.9"}, []string{"CUB 2 2/0", "RUS 2 2/0"}},
		{"top", store.NetworkQuery{Query: march, Top: 2}, []string{"RUS>CUB 2/3 2/0 +9.9", "CHN>CUB 1/1 1/0 +7.0"}, []string{"CUB 3 3/0", "CHN 1 1/0", "RUS 2 2/0"}},
		{"filtered", store.NetworkQuery{Query: store.Query{Since: "2024-03-01", Until: "2024-03-31", Quad: 4}}, []string{"RUS>UKR 1/1 0/1 -10.0"}, []string{"RUS 1 0/1", "UKR 1 0/1"}},
		// within one country (COL→COL) is left out
		{"february", store.NetworkQuery{Query: store.Query{Since: "2024-02-01", Until: "2024-02-29"}}, []string{"USA>COL 1/1 1/0 +7.0"}, []string{"COL 1 1/0", "USA 1 1/0"}},
		{"nothing", store.NetworkQuery{Query: store.Query{Since: "2023-01-01", Until: "2023-01-31"}}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := st.Network(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var edges, nodes []string
			for _, e := range n.Edges {
				edges = append(edges, edge(e))
			}
			for _, x := range n.Nodes {
				nodes = append(nodes, node(x))
			}
			if !slices.Equal(edges, tc.edges) {
				t.Errorf("edges\n got %v\nwant %v", edges, tc.edges)
			}
			slices.Sort(nodes)
			wantNodes := slices.Clone(tc.nodes)
			slices.Sort(wantNodes)
			if !slices.Equal(nodes, wantNodes) {
				t.Errorf("nodes\n got %v\nwant %v", nodes, wantNodes)
			}
			for i := 1; i < len(n.Nodes); i++ {
				if n.Nodes[i].Events > n.Nodes[i-1].Events {
					t.Errorf("nodes not heaviest first: %v", n.Nodes)
				}
			}
		})
	}
	n, err := st.Network(ctx, store.NetworkQuery{})
	if err != nil || n.Since != "2024-03-03" || n.Until != "2024-04-01" {
		t.Errorf("default period: %v, %v; want the 30 days to today (2024-04-01)", n, err)
	}
	bad := []struct {
		name, field string
		q           store.NetworkQuery
	}{
		{"too long", "since", store.NetworkQuery{Query: store.Query{Since: "2022-01-01", Until: "2024-01-01"}}},
		{"top", "top", store.NetworkQuery{Top: store.MaxNetworkTop + 1}},
		{"min weight", "min_weight", store.NetworkQuery{MinWeight: -1}},
	}
	for _, tc := range bad {
		t.Run("bad "+tc.name, func(t *testing.T) {
			_, err := st.Network(ctx, tc.q)
			if !errors.Is(err, store.ErrBadQuery) || !strings.Contains(err.Error(), tc.field) {
				t.Errorf("got %v; want ErrBadQuery naming %s", err, tc.field)
			}
		})
	}
}

// matches is the meaning of a query's filters, for checking the store's
// answers on a corpus too large to reason about by hand.
func matches(q store.Query, e *store.Event) bool {
	tgt, tgtCountry := "", ""
	if e.Target != nil {
		tgt, tgtCountry = e.Target.Code, e.Target.Country
	}
	dyad := func(s, t string) bool {
		return (s == "" || strings.HasPrefix(e.Source.Code, s)) && (t == "" || (tgt != "" && strings.HasPrefix(tgt, t)))
	}
	switch {
	case q.Actor != "" && !strings.HasPrefix(e.Source.Code, q.Actor) && !(tgt != "" && strings.HasPrefix(tgt, q.Actor)):
		return false
	case (q.Source != "" || q.Target != "") && !dyad(q.Source, q.Target) && !(q.Both && dyad(q.Target, q.Source)):
		return false
	case q.Country != "" && e.Source.Country != q.Country && tgtCountry != q.Country:
		return false
	case q.Quad != 0 && e.QuadClass != q.Quad:
		return false
	case q.Since != "" && e.Date < q.Since, q.Until != "" && (e.Date == "" || e.Date > q.Until):
		return false
	}
	return true
}

// testLargerCorpus checks the filters on a generated corpus against their
// meaning: the store may plan a query differently when an actor has many
// events, and must answer the same.
func testLargerCorpus(t *testing.T, open func(t *testing.T) store.Store) {
	st := open(t)
	ctx := context.Background()
	if _, err := Generate(ctx, st, GenerateOptions{Events: 8000, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	all := events(t, st, store.Query{Limit: store.MaxLimit})
	common, rare := Countries[0], Countries[len(Countries)-1]
	n := 0
	for i := range all {
		if matches(store.Query{Actor: common}, &all[i]) {
			n++
		}
	}
	if n < 2000 { // the store reads a query by date from 2000 events (store.probeRows)
		t.Fatalf("test data: %s has only %d events; too few to be a common actor", common, n)
	}
	queries := []store.Query{
		{Actor: common},
		{Actor: common + "GOV"},
		{Actor: rare},
		{Source: common, Target: Countries[2]},
		{Source: Countries[1], Target: Countries[3], Both: true},
		{Target: common},
		{Country: common},
		{Country: Countries[20], Quad: 4},
		{Actor: common, Since: "2022-03-01", Until: "2022-06-30"},
		{Actor: rare, Quad: 1},
	}
	for _, q := range queries {
		var want []string
		for i := range all {
			if matches(q, &all[i]) {
				want = append(want, all[i].ID)
			}
		}
		for _, limit := range []int{50, store.MaxLimit} {
			q.Limit = limit
			var got []string
			for _, e := range events(t, st, q) {
				got = append(got, e.ID)
			}
			w := want[:min(len(want), limit)]
			if !slices.Equal(got, w) {
				t.Errorf("%+v: %d events, want %d (first differences: %v / %v)", q, len(got), len(w), head(got), head(w))
			}
		}
		if len(want) == 0 {
			t.Errorf("%+v selects nothing in the test data", q)
		}
	}
	// a series counts what the filter selects, whatever plan reads it
	for _, q := range queries[:6] {
		sq := store.SeriesQuery{Query: q, Interval: store.IntervalMonth}
		sq.Since, sq.Until = GenerateFrom.Format("2006-01-02"), GenerateUntil.Format("2006-01-02")
		ser, err := st.Series(ctx, sq)
		if err != nil {
			t.Fatal(err)
		}
		perMonth := map[string]int{}
		for i := range all {
			if matches(q, &all[i]) {
				perMonth[all[i].Date[:7]+"-01"]++
			}
		}
		for _, p := range ser.Points {
			if p.Events != perMonth[p.Period] {
				t.Errorf("series %+v: %s has %d events, want %d", q, p.Period, p.Events, perMonth[p.Period])
			}
		}
	}
}

func head(s []string) []string { return s[:min(len(s), 3)] }
