package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/dyad-events/dyad/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

func run(t *testing.T, src Source, opt Options) (string, Stats) {
	t.Helper()
	var buf bytes.Buffer
	stats, err := Export(context.Background(), src, &buf, opt)
	if err != nil {
		t.Fatalf("export %s: %v", opt.Format, err)
	}
	return buf.String(), stats
}

func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func allEvents(t *testing.T, st store.Store) []store.Event {
	t.Helper()
	evs, err := st.Events(context.Background(), store.Query{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func allMentions(t *testing.T, st store.Store) []store.Mention {
	t.Helper()
	ms, err := st.Mentions(context.Background(), store.Query{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// fixture facts the tests check the exports against
var (
	articleText = map[string]string{"art-fr-1": textFR, "art-es-1": textES, "art-en-1": textEN}
	articleURL  = map[string]string{
		"art-fr-1": "https://www.lemonde.fr/international/article/2024/03/08/visite.html",
		"art-es-1": "https://elpais.com/internacional/2024-03-08/visita.html",
	}
	reutersCitation = `Reuters, "UN refugee agency appeals for aid", 2024-03-10`
	added           = "20240309100000"
)

func TestFixture(t *testing.T) {
	st := fixtureStore(t)
	evs := allEvents(t, st)
	if len(evs) != 8 {
		t.Fatalf("%d events, want 8", len(evs))
	}
	for _, ev := range evs {
		if ev.Code == "042" && (ev.NumMentions != 2 || ev.NumArticles != 3 || ev.NumSources != 3) {
			t.Errorf("the visit: %d mentions, %d articles, %d sources, want 2, 3, 3", ev.NumMentions, ev.NumArticles, ev.NumSources)
		}
	}
	if ms := allMentions(t, st); len(ms) != 9 {
		t.Fatalf("%d mentions, want 9", len(ms))
	}
}

// gdeltWant are the event columns that do not come straight from the store, by CAMEO code.
var gdeltWant = map[string]map[string]string{
	"042": {"FractionDate": "2024.2685", "IsRootEvent": "1",
		"Actor1CountryCode": "RUS", "Actor1Type1Code": "GOV", "Actor2Name": "Cuba", "Actor2CountryCode": "CUB",
		"ActionGeo_Type": "4", "ActionGeo_CountryCode": "CU",
		"ActionGeo_Lat": "23.13302", "ActionGeo_Long": "-82.38304", "ActionGeo_FeatureID": "3553478"},
	"043": {"FractionDate": "2024.2685", "IsRootEvent": "1",
		"Actor1CountryCode": "CUB", "Actor1Type1Code": "GOV", "Actor2CountryCode": "RUS", "Actor2Type1Code": "GOV",
		"ActionGeo_Type": "4", "ActionGeo_CountryCode": "CU",
		"ActionGeo_Lat": "23.13302", "ActionGeo_Long": "-82.38304", "ActionGeo_FeatureID": "3553478"},
	"057": {"FractionDate": "2024.2685", "IsRootEvent": "1",
		"Actor1CountryCode": "RUS", "Actor1Type1Code": "GOV", "Actor2CountryCode": "CUB", "Actor2Type1Code": "GOV",
		"ActionGeo_Type": "4", "ActionGeo_CountryCode": "CU",
		"ActionGeo_Lat": "23.13302", "ActionGeo_Long": "-82.38304", "ActionGeo_FeatureID": "3553478"},
	"010": {"FractionDate": "2024.2685", "IsRootEvent": "1", "Actor1CountryCode": "CUB", "Actor1Type1Code": "GOV"},
	"173": {"FractionDate": "2024.2658", "IsRootEvent": "0", // the sixth sentence: not the lead
		"Actor1CountryCode": "COL", "Actor1Type1Code": "COP",
		"ActionGeo_Type": "1", "ActionGeo_FullName": "Colombia", "ActionGeo_CountryCode": "CO",
		"ActionGeo_ADM1Code": "CO", "ActionGeo_FeatureID": "CO"},
	"0233": {"FractionDate": "2024.2740", "IsRootEvent": "1",
		"Actor1KnownGroupCode": "UNO", "Actor1Type1Code": "IGO", "Actor2Name": "Syria", "Actor2CountryCode": "SYR",
		"ActionGeo_Type": "3", "ActionGeo_FullName": "Washington D.C., District of Columbia, United States",
		"ActionGeo_CountryCode": "US", "ActionGeo_Lat": "38.89511", "ActionGeo_Long": "-77.03637", "ActionGeo_FeatureID": "4140963"},
	"036": {"IsRootEvent": "1", // unknown date: the date columns are empty
		"Actor1CountryCode": "USA", "Actor1Type1Code": "GOV", "Actor2KnownGroupCode": "UNO", "Actor2Type1Code": "IGO"},
	"138": {"FractionDate": "2024.2493", "IsRootEvent": "1",
		"Actor1CountryCode": "USA", "Actor1Type1Code": "GOV", "Actor2CountryCode": "SYR", "Actor2Type1Code": "GOV"},
}

// sourceURL is the SOURCEURL GDELT export of an event whose representative
// (first) mention the store says comes from this article.
func fixtureSourceURL(articleID string) string {
	if u, ok := articleURL[articleID]; ok {
		return u
	}
	return reutersCitation
}

func TestGDELTEvents(t *testing.T) {
	st := fixtureStore(t)
	out, stats := run(t, st, Options{Format: GDELT})
	cols := GDELTEventColumns()
	if len(cols) != 61 {
		t.Fatalf("%d GDELT event columns, want 61", len(cols))
	}
	got := map[string]map[string]string{}
	for i, line := range lines(out) {
		f := strings.Split(line, "\t")
		if len(f) != 61 {
			t.Fatalf("line %d: %d columns, want 61", i+1, len(f))
		}
		row := map[string]string{}
		for j, c := range cols {
			row[c] = f[j]
		}
		got[row["GLOBALEVENTID"]] = row
	}
	evs := allEvents(t, st)
	if stats.Records != len(evs) || len(got) != len(evs) {
		t.Fatalf("%d records, %d distinct ids, want %d", stats.Records, len(got), len(evs))
	}
	for _, ev := range evs {
		want := map[string]string{}
		for _, c := range cols {
			want[c] = ""
		}
		id := strconv.FormatInt(GlobalEventID(ev.ID), 10)
		want["GLOBALEVENTID"] = id
		if ev.Date != "" {
			want["SQLDATE"] = strings.ReplaceAll(ev.Date, "-", "")
			want["MonthYear"] = want["SQLDATE"][:6]
			want["Year"] = want["SQLDATE"][:4]
		}
		// what comes from the event's representative mention, which the store chooses
		want["Actor1Code"], want["Actor1Name"] = ev.Source.Code, ev.Source.Name
		if ev.Target != nil {
			want["Actor2Code"], want["Actor2Name"] = ev.Target.Code, ev.Target.Name
		}
		if l := ev.Location; l != nil && l.Country == "CUB" {
			want["ActionGeo_FullName"] = l.Name + ", Havana, Cuba"
		}
		want["SOURCEURL"] = fixtureSourceURL(ev.ArticleID)
		want["EventCode"] = ev.Code
		want["EventBaseCode"] = ev.Code[:3]
		want["EventRootCode"] = ev.Code[:2]
		want["QuadClass"] = strconv.Itoa(ev.QuadClass)
		want["GoldsteinScale"] = strconv.FormatFloat(ev.Goldstein, 'f', -1, 64)
		want["NumMentions"] = strconv.Itoa(ev.NumMentions)
		want["NumSources"] = strconv.Itoa(ev.NumSources)
		want["NumArticles"] = strconv.Itoa(ev.NumArticles)
		want["AvgTone"] = "0"
		want["Actor1Geo_Type"], want["Actor2Geo_Type"], want["ActionGeo_Type"] = "0", "0", "0"
		want["DATEADDED"] = added
		for k, v := range gdeltWant[ev.Code] {
			want[k] = v
		}
		if diff := cmp.Diff(want, got[id]); diff != "" {
			t.Errorf("event %s (%s) (-want +got):\n%s", ev.ID, ev.Code, diff)
		}
	}
}

func TestGDELTMentions(t *testing.T) {
	st := fixtureStore(t)
	out, stats := run(t, st, Options{Format: GDELTMentions})
	cols := GDELTMentionColumns()
	if len(cols) != 16 {
		t.Fatalf("%d GDELT mention columns, want 16", len(cols))
	}
	type key struct{ id, action string }
	got := map[key]map[string]string{}
	for i, line := range lines(out) {
		f := strings.Split(line, "\t")
		if len(f) != 16 {
			t.Fatalf("line %d: %d columns, want 16", i+1, len(f))
		}
		row := map[string]string{}
		for j, c := range cols {
			row[c] = f[j]
		}
		got[key{row["GLOBALEVENTID"], row["ActionCharOffset"]}] = row
	}
	ms := allMentions(t, st)
	if stats.Records != len(ms) || len(got) != len(ms) {
		t.Fatalf("%d records, %d distinct, want %d", stats.Records, len(got), len(ms))
	}
	off := func(text, words string) string {
		if words == "" {
			return "-1"
		}
		return strconv.Itoa(runeIndex(text, words))
	}
	for _, m := range ms {
		text := articleText[m.ArticleID]
		want := map[string]string{
			"GLOBALEVENTID":             strconv.FormatInt(GlobalEventID(m.EventID), 10),
			"EventTimeDate":             added,
			"MentionTimeDate":           added,
			"SentenceID":                strconv.Itoa(m.Sentence.Index + 1),
			"Actor1CharOffset":          off(text, m.Event.Source.Text),
			"Actor2CharOffset":          "-1",
			"ActionCharOffset":          off(text, m.Trigger.Text),
			"InRawText":                 "1",
			"Confidence":                "",
			"MentionDocLen":             strconv.Itoa(chars(text)),
			"MentionDocTone":            "0",
			"MentionDocTranslationInfo": "",
			"Extras":                    "",
		}
		if m.Target != nil {
			want["Actor2CharOffset"] = off(text, m.Target.Text)
		}
		switch m.ArticleID {
		case "art-fr-1":
			want["MentionType"], want["MentionSourceName"], want["MentionIdentifier"] = "1", "lemonde.fr", articleURL[m.ArticleID]
		case "art-es-1":
			want["MentionType"], want["MentionSourceName"], want["MentionIdentifier"] = "1", "elpais.com", articleURL[m.ArticleID]
		case "art-en-1":
			want["MentionType"], want["MentionSourceName"], want["MentionIdentifier"] = "2", "Reuters", reutersCitation
		}
		k := key{want["GLOBALEVENTID"], want["ActionCharOffset"]}
		if diff := cmp.Diff(want, got[k]); diff != "" {
			t.Errorf("mention %s %q (-want +got):\n%s", m.ID, m.Trigger.Text, diff)
		}
	}
	// byte and character offsets differ in the French text: check one by hand
	if i := runeIndex(textFR, "atterri"); i == strings.Index(textFR, "atterri") {
		t.Fatal("fixture: the French text should have multi-byte characters before the trigger")
	}
}

func TestPLOVER(t *testing.T) {
	st := fixtureStore(t)
	out, stats := run(t, st, Options{Format: PLOVER, Coder: "dyad test"})
	got := map[string]PloverRecord{}
	for _, line := range lines(out) {
		var r PloverRecord
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		got[r.ID] = r
	}
	if stats.Records != 7 || stats.Skipped != 1 || len(got) != 7 {
		t.Fatalf("records %d, skipped %d, lines %d; want 7, 1 (the statement, 010), 7", stats.Records, stats.Skipped, len(got))
	}
	f := func(v float64) *float64 { return &v }
	havanaLoc := &PloverLoc{GeonameID: 3553478, Name: "La Havane", Latitude: f(23.13302), Longitude: f(-82.38304),
		FeatureClass: "P", CountryCode: "CU", CC3: "CUB", Admin1: "Havana"}
	cites := map[string]PloverCite{
		"art-fr-1": {URL: articleURL["art-fr-1"], Title: "Visite à La Havane", Language: "fr", Publication: "Le Monde", Coder: "dyad test"},
		"art-es-1": {URL: articleURL["art-es-1"], Title: "Visita en La Habana", Language: "es", Publication: "El País", Coder: "dyad test"},
		"art-en-1": {Citation: `Reuters, "UN refugee agency appeals` + "\t" + `for aid", 2024-03-10`, Title: "UN refugee agency appeals\tfor aid",
			Language: "en", Publication: "Reuters", Coder: "dyad test"},
	}
	// the PLOVER codes and sectors of each side, the contexts, quad and
	// location by CAMEO code; the words come from the event's mention
	type want struct {
		actor, recipient *PloverEntity
		context          []string
		loc              *PloverLoc
		quad             int
	}
	wants := map[string]want{
		"042": {actor: &PloverEntity{Code: "RUS", Sector: "GOV"}, recipient: &PloverEntity{Code: "CUB"}, context: []string{}, loc: havanaLoc, quad: 1},
		"043": {actor: &PloverEntity{Code: "CUB", Sector: "GOV"}, recipient: &PloverEntity{Code: "RUS", Sector: "GOV"}, context: []string{}, loc: havanaLoc, quad: 1},
		"057": {actor: &PloverEntity{Code: "RUS", Sector: "GOV"}, recipient: &PloverEntity{Code: "CUB", Sector: "GOV"},
			context: []string{"diplomatic"}, loc: havanaLoc, quad: 1},
		"173": {actor: &PloverEntity{Code: "COL", Sector: "COP"}, context: []string{"legal"},
			loc: &PloverLoc{Name: "Colombia", CountryCode: "CO", CC3: "COL"}, quad: 4},
		"0233": {actor: &PloverEntity{Code: "UNO"}, recipient: &PloverEntity{Code: "SYR"}, context: []string{},
			loc: &PloverLoc{GeonameID: 4140963, Name: "Washington D.C.", Latitude: f(38.89511), Longitude: f(-77.03637), FeatureClass: "P",
				CountryCode: "US", CC3: "USA", Admin1: "District of Columbia"}, quad: 3},
		"036": {actor: &PloverEntity{Code: "USA", Sector: "GOV"}, recipient: &PloverEntity{Code: "UNO"}, context: []string{"diplomatic"}, quad: 1},
		"138": {actor: &PloverEntity{Code: "USA", Sector: "GOV"}, recipient: &PloverEntity{Code: "SYR", Sector: "GOV"}, context: []string{"military"}, quad: 3},
	}
	for _, ev := range allEvents(t, st) {
		w, ok := wants[ev.Code]
		if !ok {
			if _, in := got[ev.ID]; in {
				t.Errorf("event %s (%s) exported, want it left out", ev.ID, ev.Code)
			}
			continue
		}
		text := articleText[ev.ArticleID]
		start := runeIndex(text, ev.Sentence.Text)
		actor := *w.actor
		actor.EntityText, actor.IdentifierText, actor.CAMEOCode = ev.Source.Text, ev.Source.Name, ev.Source.Code
		recipient := []PloverEntity{}
		if w.recipient != nil {
			r := *w.recipient
			r.EntityText, r.IdentifierText, r.CAMEOCode = ev.Target.Text, ev.Target.Name, ev.Target.Code
			recipient = append(recipient, r)
		}
		loc := w.loc
		if loc != nil && loc.CC3 == "CUB" {
			l := *loc
			l.Name = ev.Location.Name
			loc = &l
		}
		want := PloverRecord{ID: ev.ID, Date: ev.Date, Actor: []PloverEntity{actor}, Recipient: recipient,
			Event: ev.Plover.Type, Mode: ev.Plover.Mode, Context: w.context, EventLoc: loc,
			EventText: []string{ev.Trigger.Text}, QuadCode: w.quad, Text: ev.Sentence.Text,
			TextInfo: PloverTextInfo{Sequence: ev.Sentence.Index + 1, Start: start, End: start + chars(ev.Sentence.Text)},
			CiteInfo: cites[ev.ArticleID], CodedDate: "2024-03-09", Modality: ev.Mode, DatePrecision: ev.DatePrecision,
			CAMEOCode: ev.Code, Goldstein: ev.Goldstein, NumMentions: ev.NumMentions, NumArticles: ev.NumArticles,
			NumSources: ev.NumSources, ArticleID: ev.ArticleID}
		if diff := cmp.Diff(want, got[ev.ID]); diff != "" {
			t.Errorf("event %s (%s) (-want +got):\n%s", ev.ID, ev.Code, diff)
		}
	}
}

func TestCSV(t *testing.T) {
	st := fixtureStore(t)
	out, stats := run(t, st, Options{Format: CSV})
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(TableColumns(), recs[0]); diff != "" {
		t.Fatalf("header (-want +got):\n%s", diff)
	}
	cols := recs[0]
	got := map[string]map[string]string{}
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for j, c := range cols {
			row[c] = rec[j]
		}
		got[row["id"]] = row
	}
	evs := allEvents(t, st)
	if stats.Records != len(evs) || len(got) != len(evs) {
		t.Fatalf("%d records, %d rows, want %d", stats.Records, len(got), len(evs))
	}
	itoa := strconv.Itoa
	for _, ev := range evs {
		want := map[string]string{
			"id": ev.ID, "global_event_id": strconv.FormatInt(GlobalEventID(ev.ID), 10), "date": ev.Date, "date_precision": ev.DatePrecision,
			"source_code": ev.Source.Code, "source_country": ev.Source.Country, "source_agent": ev.Source.Agent,
			"source_name": ev.Source.Name, "source_text": ev.Source.Text,
			"target_code": "", "target_country": "", "target_agent": "", "target_name": "", "target_text": "",
			"code": ev.Code, "base_code": ev.Code[:3], "root": ev.Code[:2], "quad_class": itoa(ev.QuadClass),
			"goldstein": strconv.FormatFloat(ev.Goldstein, 'f', -1, 64), "plover_type": ev.Plover.Type, "plover_mode": ev.Plover.Mode,
			"mode": ev.Mode, "num_mentions": itoa(ev.NumMentions), "num_articles": itoa(ev.NumArticles), "num_sources": itoa(ev.NumSources),
			"first_seen": "2024-03-09T10:00:00Z", "last_seen": "2024-03-09T10:00:00Z",
			"location_name": "", "location_country": "", "location_admin1": "", "latitude": "", "longitude": "", "geoname_id": "",
			"article_id": ev.ArticleID, "source_url": articleURL[ev.ArticleID], "sentence_index": itoa(ev.Sentence.Index),
			"sentence": ev.Sentence.Text, "trigger": ev.Trigger.Text, "lang": ev.Lang,
		}
		if tg := ev.Target; tg != nil {
			want["target_code"], want["target_country"], want["target_agent"], want["target_name"], want["target_text"] =
				tg.Code, tg.Country, tg.Agent, tg.Name, tg.Text
		}
		switch ev.Code {
		case "042", "043", "057":
			want["location_name"], want["location_country"], want["location_admin1"] = ev.Location.Name, "CUB", "Havana"
			want["latitude"], want["longitude"], want["geoname_id"] = "23.13302", "-82.38304", "3553478"
		case "173":
			want["location_name"], want["location_country"] = "Colombia", "COL"
		case "0233":
			want["location_name"], want["location_country"], want["location_admin1"] = "Washington D.C.", "USA", "District of Columbia"
			want["latitude"], want["longitude"], want["geoname_id"] = "38.89511", "-77.03637", "4140963"
		}
		if diff := cmp.Diff(want, got[ev.ID]); diff != "" {
			t.Errorf("event %s (%s) (-want +got):\n%s", ev.ID, ev.Code, diff)
		}
	}
}

func TestJSONL(t *testing.T) {
	st := fixtureStore(t)
	out, stats := run(t, st, Options{Format: JSONL})
	var got []JSONLRecord
	for _, line := range lines(out) {
		var r JSONLRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	var want []JSONLRecord
	for _, ev := range allEvents(t, st) {
		want = append(want, JSONLRecord{Event: ev, SourceURL: articleURL[ev.ArticleID]})
	}
	if stats.Records != len(want) {
		t.Errorf("%d records, want %d", stats.Records, len(want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParquet(t *testing.T) {
	st := fixtureStore(t)
	path := filepath.Join(t.TempDir(), "events.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := Export(context.Background(), st, f, Options{Format: Parquet, PageSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := parquet.ReadFile[Row](path)
	if err != nil {
		t.Fatal(err)
	}
	evs := allEvents(t, st)
	if stats.Records != len(evs) {
		t.Errorf("%d records, want %d", stats.Records, len(evs))
	}
	var want []Row
	for i := range evs {
		want = append(want, RowOf(&evs[i], articleURL[evs[i].ArticleID]))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// what the rows hold, checked by hand
	for _, r := range got {
		switch r.Code {
		case "042":
			if r.Date == nil || *r.Date != int32(time.Date(2024, 3, 8, 0, 0, 0, 0, time.UTC).Unix()/86400) || *r.TargetCode != "CUB" || *r.GeonameID != 3553478 {
				t.Errorf("042: date %v, target %v, geoname %v", r.Date, r.TargetCode, r.GeonameID)
			}
		case "173":
			if r.TargetCode != nil || r.Latitude != nil || *r.LocationCountry != "COL" {
				t.Errorf("173: target %v, latitude %v: want nulls", r.TargetCode, r.Latitude)
			}
		case "036":
			if r.Date != nil || r.LocationName != nil {
				t.Errorf("036: date %v, location %v: want nulls", r.Date, r.LocationName)
			}
		}
	}
	// the schema types a loader sees
	pf, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	fi, _ := pf.Stat()
	file, err := parquet.OpenFile(pf, fi.Size())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(file.RowGroups()); n != 3 {
		t.Errorf("%d row groups, want 3 (one per page of 3 events)", n)
	}
	for _, c := range []struct {
		col      string
		optional bool
		check    func(parquet.Type) bool
	}{
		{"date", true, func(t parquet.Type) bool { return isLogical[*format.DateType](t) }},
		{"first_seen", false, func(t parquet.Type) bool { return isLogical[*format.TimestampType](t) }},
		{"target_code", true, func(t parquet.Type) bool { return t.Kind() == parquet.ByteArray }},
		{"latitude", true, func(t parquet.Type) bool { return t.Kind() == parquet.Double }},
		{"global_event_id", false, func(t parquet.Type) bool { return t.Kind() == parquet.Int64 }},
		{"code", false, func(t parquet.Type) bool { return t.Kind() == parquet.ByteArray }},
	} {
		leaf, ok := file.Schema().Lookup(c.col)
		if !ok {
			t.Errorf("no column %s", c.col)
			continue
		}
		if leaf.Node.Optional() != c.optional || !c.check(leaf.Node.Type()) {
			t.Errorf("column %s: optional %v, type %v", c.col, leaf.Node.Optional(), leaf.Node.Type())
		}
	}
	var names []string
	for _, f := range file.Schema().Fields() {
		names = append(names, f.Name())
	}
	if diff := cmp.Diff(TableColumns(), names); diff != "" {
		t.Errorf("parquet columns differ from the CSV header (-csv +parquet):\n%s", diff)
	}
}

// TestPaging checks that an export is the same whatever the page size, and
// that Limit and Offset count records.
func TestPaging(t *testing.T) {
	st := fixtureStore(t)
	for _, f := range []Format{GDELT, GDELTMentions, PLOVER, CSV, JSONL} {
		whole, _ := run(t, st, Options{Format: f})
		for _, size := range []int{1, 2, 3, 5} {
			if got, _ := run(t, st, Options{Format: f, PageSize: size}); got != whole {
				t.Errorf("%s, pages of %d: output differs from one page", f, size)
			}
		}
		if f == CSV || f == PLOVER {
			continue // a header, or left-out events, shift the lines
		}
		all := lines(whole)
		q := store.Query{Limit: 3, Offset: 2}
		got, stats := run(t, st, Options{Format: f, Query: q, PageSize: 2})
		if diff := cmp.Diff(all[2:5], lines(got)); diff != "" || stats.Records != 3 {
			t.Errorf("%s, limit 3 offset 2: %d records (-want +got):\n%s", f, stats.Records, diff)
		}
	}
	got, _ := run(t, st, Options{Format: GDELT, Query: store.Query{Root: "04"}})
	if n := len(lines(got)); n != 2 {
		t.Errorf("root 04: %d events, want 2", n)
	}
	got, _ = run(t, st, Options{Format: CSV, Query: store.Query{Root: "20"}})
	if got != strings.Join(TableColumns(), ",")+"\n" {
		t.Errorf("no events: CSV %q, want the header alone", got)
	}
}

func TestGolden(t *testing.T) {
	st := fixtureStore(t)
	for _, f := range []Format{GDELT, GDELTMentions, PLOVER, CSV, JSONL} {
		t.Run(string(f), func(t *testing.T) {
			got, _ := run(t, st, Options{Format: f, Coder: "dyad test"})
			path := filepath.Join("testdata", "fixture."+string(f)+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/export -run TestGolden -update to write it)", err)
			}
			if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(got, "\n")); diff != "" {
				t.Errorf("%s differs from %s (-want +got):\n%s", f, path, diff)
			}
		})
	}
}

// failing is a Source whose queries fail after a number of pages.
type failing struct {
	Source
	pages int
}

func (f *failing) Events(ctx context.Context, q store.Query) ([]store.Event, error) {
	if f.pages == 0 {
		return nil, errors.New("disk on fire")
	}
	f.pages--
	return f.Source.Events(ctx, q)
}

func TestErrors(t *testing.T) {
	st := fixtureStore(t)
	var buf bytes.Buffer
	if _, err := Export(context.Background(), st, &buf, Options{Format: "xml"}); !errors.Is(err, ErrFormat) {
		t.Errorf("format xml: %v, want ErrFormat", err)
	}
	_, err := Export(context.Background(), &failing{Source: st, pages: 1}, &buf, Options{Format: GDELT, PageSize: 2})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") || !strings.HasPrefix(err.Error(), "export gdelt: ") {
		t.Errorf("failing store: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Export(ctx, st, &buf, Options{Format: CSV}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func isLogical[L format.LogicalTypeValue](t parquet.Type) bool {
	lt := t.LogicalType()
	if lt == nil {
		return false
	}
	_, ok := lt.Value.(L)
	return ok
}
