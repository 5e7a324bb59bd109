// Package storetest is the suite every store.Store backend passes (Run,
// RunConcurrent), with the known data it and the API tests load (Sample)
// and a fast generator of synthetic data for benchmarks (Generate).
package storetest

import (
	"fmt"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/store"
)

// Now is the clock a store under test must use (store.SQL.Now), so that
// stored times are known.
func Now() time.Time { return time.Date(2024, 4, 1, 12, 0, 0, 0, time.UTC) }

// M describes one mention for Article: Sent is the sentence index; Source,
// Target (empty for none) are actor codes whose words are SourceText and
// TargetText in the sentence; Trigger the words that made the event.
type M struct {
	Sent                   int
	Source, Target         string
	SourceText, TargetText string
	Code                   string
	Trigger                string
	Date                   string // YYYY-MM-DD, day precision; "" for unknown
	Precision              string // default day (unknown without a date)
	Place, PlaceCountry    string
	Lat, Lon               float64
}

// A describes one article for Article.
type A struct {
	ID, URL, Outlet, Lang, Title, Published string // Published YYYY-MM-DD
	Sentences                               []string
}

// Article builds the bundle of an article: its text is its sentences joined
// by spaces, and every offset points into it.
func Article(a A, ms ...M) *store.Bundle {
	var text strings.Builder
	var sents []model.Sentence
	for i, s := range a.Sentences {
		if i > 0 {
			text.WriteByte(' ')
		}
		start := text.Len()
		text.WriteString(s)
		sents = append(sents, model.Sentence{Index: i, Text: s, Start: start, End: text.Len()})
	}
	art := &model.Article{ID: a.ID, URL: a.URL, Source: a.Outlet, Title: a.Title, Lang: a.Lang, Text: text.String(), Origin: a.URL}
	if a.Published != "" {
		t, err := time.Parse("2006-01-02", a.Published)
		if err != nil {
			panic(fmt.Sprintf("storetest: article %s: %v", a.ID, err))
		}
		art.Published = t
	}
	b := &store.Bundle{Article: art, Sentences: sents}
	for i, m := range ms {
		b.Mentions = append(b.Mentions, mention(a, sents, i, m))
	}
	return b
}

func actor(code, words string, s model.Sentence) model.Actor {
	country, agent := code, ""
	if len(code) > 3 {
		country, agent = code[:3], code[3:]
	}
	if len(code) == 3 && (code == "GOV" || code == "MIL" || code == "REB" || code == "COP") {
		country, agent = "", code
	}
	a := model.Actor{Code: code, Country: country, Agent: agent, Text: words}
	if i := strings.Index(s.Text, words); words != "" && i >= 0 {
		a.Start, a.End = s.Start+i, s.Start+i+len(words)
	}
	return a
}

func mention(a A, sents []model.Sentence, i int, m M) model.Event {
	if m.Sent >= len(sents) {
		panic(fmt.Sprintf("storetest: article %s: mention %d in sentence %d of %d", a.ID, i, m.Sent, len(sents)))
	}
	s := sents[m.Sent]
	et, ok := cameo.Default().Lookup(m.Code)
	if !ok {
		panic(fmt.Sprintf("storetest: article %s: no CAMEO code %s", a.ID, m.Code))
	}
	ev := model.Event{
		ID:        fmt.Sprintf("m%d", i),
		ArticleID: a.ID,
		Date:      m.Date,
		Source:    actor(m.Source, m.SourceText, s),
		Code:      et.Code,
		Root:      et.Root(),
		QuadClass: et.QuadClass,
		Goldstein: et.Goldstein,
		Plover:    et.Plover,
		Sentence:  s,
		Lang:      a.Lang,
	}
	ev.DatePrecision = m.Precision
	if ev.DatePrecision == "" {
		ev.DatePrecision = model.PrecisionDay
		if m.Date == "" {
			ev.DatePrecision = model.PrecisionUnknown
		}
	}
	if m.Target != "" {
		t := actor(m.Target, m.TargetText, s)
		ev.Target = &t
	}
	if m.Trigger != "" {
		if j := strings.Index(s.Text, m.Trigger); j >= 0 {
			ev.Trigger = model.Span{Text: m.Trigger, Start: s.Start + j, End: s.Start + j + len(m.Trigger)}
		}
	}
	if m.Place != "" || m.PlaceCountry != "" {
		ev.Location = &model.Location{Name: m.Place, Country: m.PlaceCountry, Lat: m.Lat, Lon: m.Lon}
	}
	return ev
}

// Sample is a small known corpus: six articles in three languages, one
// carried by two outlets, one reporting an event another also reports.
// Its events (by dyad, code and date):
//
//	RUSGOV→CUB     042 2024-03-04  Havana  2 mentions, 3 articles, 3 outlets
//	CUBGOV→RUSGOV  043 2024-03-04  Havana
//	RUSGOV→CUBGOV  057 2024-03-04  Havana
//	CUBGOV→CHNGOV  040 2024-03-11  Beijing
//	CHN→CUB        070 2024-03-11
//	RUSMIL→UKR     190 2024-03-20  Kharkiv
//	UKR→RUS        112 2024-03-20
//	UKRGOV         020 2024-03-20  (no target)
//	COLGOV→COLREB  057 2024-02-14  Havana
//	USA→COL        070 2024-02-14
//
// Every call returns fresh bundles.
func Sample() []*store.Bundle {
	havana := func(name string) (string, string, float64, float64) { return name, "CUB", 23.13302, -82.38304 }
	hv, hc, hlat, hlon := havana("La Havane")
	ruCu := A{ID: "ru-cu-visit", URL: "https://www.prensa-latina.example/ru-cu-visit", Outlet: "Prensa Latina", Lang: "fr",
		Title: "Le ministre russe de l'Intérieur à La Havane", Published: "2024-03-04",
		Sentences: []string{
			"Le ministre russe de l'Intérieur, Vladimir Kolokoltsev, est arrivé lundi à La Havane pour une visite officielle.",
			"Il a été reçu par son homologue cubain, Lázaro Alberto Álvarez Casas.",
			"Les deux ministres ont signé un accord de coopération contre le crime organisé.",
		}}
	ruCuMentions := []M{
		{Sent: 0, Source: "RUSGOV", SourceText: "Le ministre russe de l'Intérieur", Target: "CUB", TargetText: "La Havane", Code: "042", Trigger: "est arrivé",
			Date: "2024-03-04", Place: hv, PlaceCountry: hc, Lat: hlat, Lon: hlon},
		{Sent: 1, Source: "CUBGOV", SourceText: "son homologue cubain", Target: "RUSGOV", TargetText: "Il", Code: "043", Trigger: "a été reçu",
			Date: "2024-03-04", Place: hv, PlaceCountry: hc, Lat: hlat, Lon: hlon},
		{Sent: 2, Source: "RUSGOV", SourceText: "Les deux ministres", Target: "CUBGOV", TargetText: "Les deux ministres", Code: "057", Trigger: "ont signé",
			Date: "2024-03-04", Place: hv, PlaceCountry: hc, Lat: hlat, Lon: hlon},
	}
	granma := ruCu
	granma.ID, granma.URL, granma.Outlet = "ru-cu-visit-granma", "https://www.granma.example/mundo/ru-cu-visit", "Granma"
	hvEn, _, _, _ := havana("Havana")
	hvEs, _, _, _ := havana("La Habana")
	return []*store.Bundle{
		Article(ruCu, ruCuMentions...),
		// the same text from another outlet: one article, two sources
		Article(granma, ruCuMentions...),
		Article(A{ID: "ru-cu-visit-en", URL: "https://www.reuters.example/world/ru-cu-visit", Outlet: "Reuters", Lang: "en",
			Title: "Russian interior minister visits Cuba", Published: "2024-03-05",
			Sentences: []string{
				"Russia's interior minister Vladimir Kolokoltsev arrived in Havana on Monday for an official visit.",
				"The visit follows months of closer security ties between the two countries.",
			}},
			M{Sent: 0, Source: "RUSGOV", SourceText: "Russia's interior minister", Target: "CUB", TargetText: "Havana", Code: "042", Trigger: "arrived",
				Date: "2024-03-04", Place: hvEn, PlaceCountry: hc, Lat: hlat, Lon: hlon}),
		Article(A{ID: "cu-cn-meeting", URL: "https://www.prensa-latina.example/cu-cn-meeting", Outlet: "Prensa Latina", Lang: "fr",
			Title: "Les ministres cubain et chinois de l'Intérieur réunis à Pékin", Published: "2024-03-11",
			Sentences: []string{
				"Le ministre cubain de l'Intérieur a rencontré à Pékin le ministre chinois de la Sécurité publique, Wang Xiaohong.",
				"La Chine a promis une aide matérielle à Cuba.",
			}},
			M{Sent: 0, Source: "CUBGOV", SourceText: "Le ministre cubain de l'Intérieur", Target: "CHNGOV", TargetText: "le ministre chinois de la Sécurité publique",
				Code: "040", Trigger: "a rencontré", Date: "2024-03-11", Place: "Pékin", PlaceCountry: "CHN", Lat: 39.9075, Lon: 116.39723},
			M{Sent: 1, Source: "CHN", SourceText: "La Chine", Target: "CUB", TargetText: "Cuba", Code: "070", Trigger: "a promis une aide", Date: "2024-03-11"}),
		Article(A{ID: "ua-strike", URL: "https://www.ap.example/ua-strike", Outlet: "AP", Lang: "en",
			Title: "Russian shelling hits Kharkiv", Published: "2024-03-20",
			Sentences: []string{
				"Russian forces shelled the Ukrainian city of Kharkiv overnight, officials said.",
				"Ukraine accused Moscow of targeting civilians.",
				"The Ukrainian government called for more air defence.",
			}},
			M{Sent: 0, Source: "RUSMIL", SourceText: "Russian forces", Target: "UKR", TargetText: "the Ukrainian city of Kharkiv", Code: "190", Trigger: "shelled",
				Date: "2024-03-20", Place: "Kharkiv", PlaceCountry: "UKR", Lat: 49.98081, Lon: 36.25272},
			M{Sent: 1, Source: "UKR", SourceText: "Ukraine", Target: "RUS", TargetText: "Moscow", Code: "112", Trigger: "accused", Date: "2024-03-20"},
			M{Sent: 2, Source: "UKRGOV", SourceText: "The Ukrainian government", Code: "020", Trigger: "called for", Date: "2024-03-20"}),
		Article(A{ID: "co-acuerdo", URL: "https://www.eltiempo.example/co-acuerdo", Outlet: "El Tiempo", Lang: "es",
			Title: "Gobierno y guerrilla firman un alto el fuego en La Habana", Published: "2024-02-14",
			Sentences: []string{
				"El Gobierno de Colombia y la guerrilla firmaron un acuerdo de alto el fuego en La Habana.",
				"Estados Unidos anunció una ayuda de diez millones de dólares a Colombia.",
			}},
			M{Sent: 0, Source: "COLGOV", SourceText: "El Gobierno de Colombia", Target: "COLREB", TargetText: "la guerrilla", Code: "057", Trigger: "firmaron",
				Date: "2024-02-14", Place: hvEs, PlaceCountry: hc, Lat: hlat, Lon: hlon},
			M{Sent: 1, Source: "USA", SourceText: "Estados Unidos", Target: "COL", TargetText: "Colombia", Code: "070", Trigger: "anunció una ayuda", Date: "2024-02-14"}),
	}
}
