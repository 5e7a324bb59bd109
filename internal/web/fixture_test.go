package web

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/sqlite"
)

// The tests run over a store filled with known articles and events, built
// directly (not by the coder), so that they check the pages and nothing else.

// fixtureNow is the clock of the tests: a few days after the last event.
var fixtureNow = time.Date(2024, 4, 2, 12, 0, 0, 0, time.UTC)

// doc is an article given as paragraphs of sentences.
type doc struct {
	id, url, outlet, title, lang, date string
	paras                              [][]string
	events                             []ev
}

// ev is an event in a doc: the sentence (by index), the actors and the
// trigger as the words of the sentence that name them.
type ev struct {
	sent                int
	src, srcText        string
	tgt, tgtText        string
	code, trigger, date string
}

func (d doc) bundle(t testing.TB) *store.Bundle {
	t.Helper()
	var b strings.Builder
	var sents []model.Sentence
	for pi, para := range d.paras {
		if pi > 0 {
			b.WriteString("\n\n")
		}
		for si, s := range para {
			if si > 0 {
				b.WriteString(" ")
			}
			start := b.Len()
			b.WriteString(s)
			sents = append(sents, model.Sentence{Index: len(sents), Text: s, Start: start, End: b.Len()})
		}
	}
	pub, _ := time.Parse(dateLayout, d.date)
	a := &model.Article{ID: d.id, URL: d.url, Source: d.outlet, Title: d.title, Lang: d.lang, Published: pub.Add(9 * time.Hour), Text: b.String(), Origin: d.url}
	var ms []model.Event
	for _, e := range d.events {
		s := sents[e.sent]
		find := func(words string) (int, int) {
			i := strings.Index(s.Text, words)
			if i < 0 {
				t.Fatalf("%s: %q not in sentence %d %q", d.id, words, e.sent, s.Text)
			}
			return s.Start + i, s.Start + i + len(words)
		}
		et, ok := cameo.Default().Lookup(e.code)
		if !ok {
			t.Fatalf("unknown code %s", e.code)
		}
		m := model.Event{ArticleID: d.id, Code: e.code, Root: e.code[:2], QuadClass: et.QuadClass, Goldstein: et.Goldstein,
			Plover: et.Plover, Sentence: s, Lang: d.lang, Pattern: d.lang + "/patterns.txt:1"}
		m.Date, m.DatePrecision = e.date, model.PrecisionDay
		if m.Date == "" {
			m.Date = d.date
		}
		ss, se := find(e.srcText)
		m.Source = model.Actor{Code: e.src, Country: e.src[:3], Agent: e.src[3:], Text: e.srcText, Start: ss, End: se}
		if e.tgt != "" {
			ts, te := find(e.tgtText)
			m.Target = &model.Actor{Code: e.tgt, Country: e.tgt[:3], Agent: e.tgt[3:], Text: e.tgtText, Start: ts, End: te}
		}
		gs, ge := find(e.trigger)
		m.Trigger = model.Span{Text: e.trigger, Start: gs, End: ge}
		ms = append(ms, m)
	}
	return &store.Bundle{Article: a, Sentences: sents, Mentions: ms}
}

// fixtureDocs are the articles of the test store.
func fixtureDocs() []doc {
	docs := []doc{
		{id: "havana-fr", url: "https://example.org/monde/kolokoltsev-la-havane", outlet: "example.org", lang: "fr", date: "2024-03-28",
			title: "Le ministre russe de l'Intérieur en visite à Cuba",
			paras: [][]string{
				{"LA HAVANE, 28 mars (AFP) - Le ministre russe de l'Intérieur, Vladimir Kolokoltsev, est arrivé jeudi à La Havane pour une visite officielle.",
					"Il a été accueilli par le ministre cubain de l'Intérieur, Lázaro Alberto Álvarez Casas."},
				{"Les deux hommes ont signé un accord de coopération contre le trafic de drogue.",
					"Moscou et La Havane multiplient les initiatives depuis 2023."},
			},
			events: []ev{
				{sent: 0, src: "RUSGOV", srcText: "Le ministre russe de l'Intérieur, Vladimir Kolokoltsev", tgt: "CUB", tgtText: "La Havane", code: "042", trigger: "est arrivé"},
				{sent: 1, src: "CUBGOV", srcText: "le ministre cubain de l'Intérieur, Lázaro Alberto Álvarez Casas", tgt: "RUSGOV", tgtText: "Il", code: "043", trigger: "accueilli"},
				{sent: 2, src: "RUSGOV", srcText: "Les deux hommes", tgt: "CUBGOV", tgtText: "Les deux hommes", code: "057", trigger: "ont signé un accord"},
			}},
		{id: "kharkiv-en", url: "https://news.example.com/world/kharkiv-shelling", outlet: "news.example.com", lang: "en", date: "2024-03-25",
			title: "Russian forces shell positions near Kharkiv",
			paras: [][]string{
				{"Russian forces shelled Ukrainian positions near Kharkiv on Monday, the regional governor said.",
					"Ukraine's foreign minister condemned the attack and asked the United Nations for help."},
			},
			events: []ev{
				{sent: 0, src: "RUSMIL", srcText: "Russian forces", tgt: "UKRMIL", tgtText: "Ukrainian positions", code: "195", trigger: "shelled"},
				{sent: 1, src: "UKRGOV", srcText: "Ukraine's foreign minister", tgt: "RUSMIL", tgtText: "the attack", code: "111", trigger: "condemned"},
				{sent: 1, src: "UKRGOV", srcText: "Ukraine's foreign minister", tgt: "IGOUNO", tgtText: "the United Nations", code: "020", trigger: "asked"},
			}},
		{id: "caracas-es", url: "https://diario.example.es/2024/03/20/reunion", outlet: "diario.example.es", lang: "es", date: "2024-03-20",
			title: "Petro y Maduro se reúnen en Caracas",
			paras: [][]string{
				{"El presidente de Colombia se reunió el miércoles con el presidente de Venezuela en Caracas.",
					"Ambos gobiernos firmaron un acuerdo sobre la frontera."},
			},
			events: []ev{
				{sent: 0, src: "COLGOV", srcText: "El presidente de Colombia", tgt: "VENGOV", tgtText: "el presidente de Venezuela", code: "040", trigger: "se reunió"},
				{sent: 0, src: "VENGOV", srcText: "el presidente de Venezuela", tgt: "COLGOV", tgtText: "El presidente de Colombia", code: "040", trigger: "se reunió"},
				{sent: 1, src: "COLGOV", srcText: "Ambos gobiernos", tgt: "VENGOV", tgtText: "Ambos gobiernos", code: "057", trigger: "firmaron un acuerdo"},
			}},
		{id: "hostile", url: "javascript:alert(1)", outlet: `<b>evil</b>`, lang: "en", date: "2024-03-15",
			title: `<script>alert("title")</script> & friends`,
			paras: [][]string{
				{`Protesters in <img src=x onerror=alert(1)> said "France" threatened Mali's <script>alert(2)</script> government.`},
			},
			events: []ev{
				{sent: 0, src: "FRA", srcText: `"France"`, tgt: "MLIGOV", tgtText: `Mali's <script>alert(2)</script> government`, code: "130", trigger: "threatened"},
			}},
	}
	// A month of talks between the United States and China, one article a
	// day, to page through.
	for i := 0; i < 24; i++ {
		day := fmt.Sprintf("2024-03-%02d", i+1)
		docs = append(docs, doc{id: fmt.Sprintf("talks-%02d", i), url: fmt.Sprintf("https://wire.example.net/talks/%02d", i), outlet: "wire.example.net",
			lang: "en", date: day, title: fmt.Sprintf("US and Chinese envoys hold talks, day %d", i+1),
			paras:  [][]string{{fmt.Sprintf("US envoys held talks with Chinese officials in Beijing for the %d. time this month.", i+1)}},
			events: []ev{{sent: 0, src: "USAGOV", srcText: "US envoys", tgt: "CHNGOV", tgtText: "Chinese officials", code: "040", trigger: "held talks"}}})
	}
	return append(docs, backgroundDocs()...)
}

// backgroundDocs are a quarter of events among a score of countries, so that
// the network and the timelines have something to show: one short article
// for each event, on days spread over January to March 2024.
func backgroundDocs() []doc {
	rels := []struct {
		src, tgt, code, verb, tail string
		n                          int
	}{
		{"RUSMIL", "UKR", "195", "shelled towns in", " overnight, regional officials said", 14},
		{"UKRMIL", "RUS", "190", "struck targets in", ", the general staff said", 8},
		{"UKRGOV", "RUSGOV", "111", "condemned", " at the United Nations", 6},
		{"USAGOV", "UKRGOV", "071", "sent economic aid to", "", 7},
		{"DEUGOV", "UKRGOV", "071", "delivered aid to", "", 4},
		{"FRAGOV", "UKRGOV", "040", "held talks with", " in Paris", 3},
		{"USAGOV", "RUSGOV", "172", "imposed sanctions on", "", 5},
		{"GBRGOV", "RUSGOV", "172", "imposed sanctions on", "", 3},
		{"CHNGOV", "RUSGOV", "040", "held talks with", " in Beijing", 6},
		{"RUSGOV", "CHNGOV", "057", "signed an agreement with", "", 2},
		{"ISRMIL", "PSE", "190", "carried out strikes in", "", 12},
		{"IRNGOV", "ISRGOV", "130", "threatened", "", 5},
		{"USAGOV", "ISRGOV", "040", "held talks with", "", 7},
		{"EGYGOV", "ISRGOV", "040", "held talks with", " in Cairo", 5},
		{"TURGOV", "SYRGOV", "112", "accused", " of shelling border villages", 3},
		{"INDGOV", "PAKGOV", "112", "accused", " of backing militants", 4},
		{"PAKGOV", "INDGOV", "111", "criticised", "", 3},
		{"PRKMIL", "KOR", "138", "threatened to attack", "", 4},
		{"JPNGOV", "KORGOV", "040", "held talks with", " in Seoul", 5},
		{"USAGOV", "JPNGOV", "057", "signed an agreement with", "", 3},
		{"BRAGOV", "ARGGOV", "040", "held talks with", "", 3},
		{"MEXGOV", "USAGOV", "040", "held talks with", "", 4},
		{"SAUGOV", "IRNGOV", "040", "held talks with", " in Riyadh", 3},
		{"CHNMIL", "TWN", "138", "threatened", " with drills near the island", 5},
	}
	start := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	var docs []doc
	for ri, r := range rels {
		src, tgt := countryName(r.src[:3]), countryName(r.tgt[:3])
		for k := 0; k < r.n; k++ {
			day := start.AddDate(0, 0, (ri*11+k*6)%90)
			sent := fmt.Sprintf("%s %s %s%s on %s.", src, r.verb, tgt, r.tail, day.Weekday())
			docs = append(docs, doc{id: fmt.Sprintf("bg-%02d-%02d", ri, k), url: fmt.Sprintf("https://wire.example.net/bg/%02d/%02d", ri, k),
				outlet: "wire.example.net", lang: "en", date: day.Format(dateLayout), title: sent, paras: [][]string{{sent}},
				events: []ev{{sent: 0, src: r.src, srcText: src, tgt: r.tgt, tgtText: tgt, code: r.code, trigger: strings.Fields(r.verb)[0]}}})
		}
	}
	return docs
}

// fixtureStore opens a SQLite store in a temporary directory and saves the
// fixture's articles into it.
func fixtureStore(t testing.TB) store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"), store.DefaultMergeOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var bs []*store.Bundle
	for _, d := range fixtureDocs() {
		bs = append(bs, d.bundle(t))
	}
	if _, err := st.SaveArticles(ctx, bs); err != nil {
		t.Fatalf("save the fixture: %v", err)
	}
	return st
}

// eventID finds the id of the stored event from src to tgt with code.
func eventID(t testing.TB, st store.Store, src, tgt, code string) string {
	t.Helper()
	evs, err := st.Events(context.Background(), store.Query{Source: src, Target: tgt, Code: code, Limit: 1})
	if err != nil || len(evs) != 1 {
		t.Fatalf("event %s → %s %s: %v (%d found)", src, tgt, code, err, len(evs))
	}
	return evs[0].ID
}
