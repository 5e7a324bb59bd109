package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/store"
)

// GDELTEventColumns returns the 61 columns of GDELT 2.0's event table, in
// order (GDELT Event Codebook V2.0, 2/19/2015).
func GDELTEventColumns() []string {
	cols := []string{"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"}
	for _, a := range []string{"Actor1", "Actor2"} {
		for _, c := range []string{"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
			"Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"} {
			cols = append(cols, a+c)
		}
	}
	cols = append(cols, "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
		"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
	for _, g := range []string{"Actor1Geo_", "Actor2Geo_", "ActionGeo_"} {
		for _, c := range []string{"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"} {
			cols = append(cols, g+c)
		}
	}
	return append(cols, "DATEADDED", "SOURCEURL")
}

// GDELTMentionColumns returns the 16 columns of GDELT 2.0's mentions table, in order.
func GDELTMentionColumns() []string {
	return []string{"GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType",
		"MentionSourceName", "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
		"ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
		"MentionDocTranslationInfo", "Extras"}
}

// RootSentences is how many leading sentences of an article count as its
// lead for GDELT's IsRootEvent: GDELT flags events found in the lead
// paragraph; dyad does not keep paragraphs, and a news lead is one or two
// sentences (three with a headline or dateline that dyad splits off).
const RootSentences = 3

// GDELT geographic match types (Actor1Geo_Type...).
const (
	geoNone      = 0
	geoCountry   = 1
	geoUSCity    = 3
	geoWorldCity = 4
)

// gdeltTime formats a time as GDELT's YYYYMMDDHHMMSS in UTC, "" if zero.
func gdeltTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("20060102150405")
}

// tsvField makes a string safe for a tab-separated line with no quoting.
func tsvField(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	return tsvSpaces.Replace(s)
}

var tsvSpaces = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

func itoa(n int) string { return strconv.Itoa(n) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// dateFields are GDELT's SQLDATE, MonthYear, Year and FractionDate for a
// YYYY-MM-DD date, all empty for an unknown date.
func dateFields(date string) [4]string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return [4]string{}
	}
	y, m, d := t.Date()
	// FractionDate is YYYY + (MONTH*30 + DAY)/365, as the codebook defines it
	frac := float64(y) + float64(int(m)*30+d)/365
	return [4]string{t.Format("20060102"), t.Format("200601"), t.Format("2006"), strconv.FormatFloat(frac, 'f', 4, 64)}
}

// baseCode is CAMEO's level-two code: the first three digits of a
// four-digit code, else the code itself.
func baseCode(code string) string {
	if len(code) > 3 {
		return code[:3]
	}
	return code
}

func rootCode(ev *model.Event) string {
	if ev.Root != "" {
		return ev.Root
	}
	if len(ev.Code) >= 2 {
		return ev.Code[:2]
	}
	return ev.Code
}

// gdeltGeo is GDELT's eight geographic columns for a location: Type,
// FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID.
//   - A place from dyad's gazetteer (a GeoNames city) is a city: type 3 in
//     the United States, else 4; FullName is "City, Admin1, Country"; Lat
//     and Long are the city's; FeatureID is its GeoNames id (GDELT uses
//     GNS/GNIS ids: a different gazetteer). ADM1Code is empty: dyad keeps
//     the ADM1 name, not its FIPS code.
//   - A country alone is type 1: FullName is the country's name, ADM1Code
//     and FeatureID its FIPS code as in GDELT; Lat and Long are empty (dyad
//     has no country centroids).
//   - No location is type 0 with every other column empty.
//
// CountryCode is FIPS 10-4, converted from dyad's ISO alpha-3 (data/fips.tsv).
// ADM2Code is always empty.
func gdeltGeo(l *model.Location) [8]string {
	if l == nil || (l.Name == "" && l.Country == "") {
		return [8]string{itoa(geoNone)}
	}
	c := countries[l.Country]
	cname := c.Name
	if cname == "" {
		cname = l.Country
	}
	city := l.GeonameID != 0 || l.Lat != 0 || l.Lon != 0
	if !city {
		return [8]string{itoa(geoCountry), tsvField(cname), c.FIPS, c.FIPS, "", "", "", c.FIPS}
	}
	typ := geoWorldCity
	if l.Country == "USA" {
		typ = geoUSCity
	}
	var parts []string
	for _, p := range []string{l.Name, l.Admin1, cname} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	fid := ""
	if l.GeonameID != 0 {
		fid = itoa(l.GeonameID)
	}
	return [8]string{itoa(typ), tsvField(strings.Join(parts, ", ")), c.FIPS, "", "",
		ftoa(l.Lat), ftoa(l.Lon), fid}
}

func appendActor(row []string, a *model.Actor) []string {
	if a == nil || a.Code == "" {
		return append(row, make([]string, 10)...)
	}
	p := splitActor(a)
	return append(row, tsvField(p.Code), tsvField(p.Name), p.Country, p.KnownGroup, "", "", "", p.Types[0], p.Types[1], p.Types[2])
}

// sourceURL is GDELT's SOURCEURL: the URL of the event's first report, or
// a citation when the article has none.
func sourceURL(a *article) string {
	if a.URL != "" {
		return tsvField(a.URL)
	}
	return tsvField(a.citation())
}

// gdeltEventRow is one event as GDELT 2.0's 61 event columns.
func gdeltEventRow(ev *store.Event, a *article) []string {
	row := make([]string, 0, 61)
	row = append(row, strconv.FormatInt(GlobalEventID(ev.ID), 10))
	d := dateFields(ev.Date)
	row = append(row, d[:]...)
	row = appendActor(row, &ev.Source)
	row = appendActor(row, ev.Target)
	root := "0"
	if ev.Sentence.Index < RootSentences {
		root = "1"
	}
	row = append(row, root, ev.Code, baseCode(ev.Code), rootCode(&ev.Event), itoa(ev.QuadClass), ftoa(ev.Goldstein),
		itoa(ev.NumMentions), itoa(ev.NumSources), itoa(ev.NumArticles), "0")
	none := gdeltGeo(nil)
	action := gdeltGeo(ev.Location)
	row = append(row, none[:]...)
	row = append(row, none[:]...)
	row = append(row, action[:]...)
	return append(row, gdeltTime(ev.FirstSeen), sourceURL(a))
}

// tsvWriter writes tab-separated lines.
type tsvWriter struct {
	bw *bufio.Writer
}

func (t *tsvWriter) line(fields []string) error {
	for i, f := range fields {
		if i > 0 {
			t.bw.WriteByte('\t')
		}
		t.bw.WriteString(f)
	}
	return t.bw.WriteByte('\n')
}

// gdeltWriter writes GDELT 2.0 event records.
type gdeltWriter struct{ tsvWriter }

func newGDELTWriter(w io.Writer) *gdeltWriter {
	return &gdeltWriter{tsvWriter{bufio.NewWriterSize(w, 64<<10)}}
}

func (g *gdeltWriter) write(r *eventRecord) (bool, error) {
	return true, g.line(gdeltEventRow(r.ev, r.art))
}

func (g *gdeltWriter) flush() error { return g.bw.Flush() }
func (g *gdeltWriter) close() error { return g.bw.Flush() }

// GDELT mention types.
const (
	mentionWeb          = 1
	mentionCitationOnly = 2
)

// gdeltMentionRow is one mention as GDELT 2.0's 16 mentions columns.
// eventAdded is the event's DATEADDED.
func gdeltMentionRow(m *store.Mention, a *article, eventAdded time.Time) []string {
	typ, ident, source := mentionCitationOnly, a.citation(), a.Outlet
	if a.URL != "" {
		typ, ident = mentionWeb, a.URL
		if h := model.Outlet(a.URL); h != "" {
			source = h
		}
	}
	offset := func(text string, start int) string {
		if text == "" {
			return "-1"
		}
		return itoa(a.chars(start))
	}
	a2 := "-1"
	if m.Target != nil {
		a2 = offset(m.Target.Text, m.Target.Start)
	}
	raw := "0"
	if a.spanIs(m.Trigger.Start, m.Trigger.End, m.Trigger.Text) && a.spanIs(m.Sentence.Start, m.Sentence.End, m.Sentence.Text) {
		raw = "1"
	}
	return []string{
		strconv.FormatInt(GlobalEventID(m.EventID), 10),
		gdeltTime(eventAdded),
		gdeltTime(a.Ingested),
		itoa(typ),
		tsvField(source),
		tsvField(ident),
		itoa(m.Sentence.Index + 1),
		offset(m.Event.Source.Text, m.Event.Source.Start),
		a2,
		offset(m.Trigger.Text, m.Trigger.Start),
		raw,
		"", // Confidence: dyad does not estimate one
		itoa(a.Chars),
		"0", // MentionDocTone: dyad does not score tone
		"",  // MentionDocTranslationInfo: dyad codes each language natively, no machine translation
		"",  // Extras
	}
}

// eventTimes remembers the DATEADDED of the events whose mentions were
// written, so that the mentions of one event look it up once. It forgets
// them all when it holds eventTimesSize, which bounds its memory.
type eventTimes struct {
	src   Source
	times map[string]time.Time
}

const eventTimesSize = 1 << 16

func (e *eventTimes) get(ctx context.Context, id string) (time.Time, error) {
	if t, ok := e.times[id]; ok {
		return t, nil
	}
	ev, _, err := e.src.Event(ctx, id)
	if err != nil {
		return time.Time{}, fmt.Errorf("load event: %w", err)
	}
	if len(e.times) >= eventTimesSize {
		clear(e.times)
	}
	e.times[id] = ev.FirstSeen
	return ev.FirstSeen, nil
}

// gdeltMentions pages through the mentions of the events the query selects
// and writes GDELT 2.0 mention records.
func (x *exporter) gdeltMentions(ctx context.Context, w io.Writer) error {
	tw := tsvWriter{bufio.NewWriterSize(w, 64<<10)}
	times := &eventTimes{src: x.src, times: map[string]time.Time{}}
	err := paginate(ctx, x.opt.Query, x.opt.PageSize, x.src.Mentions, func(page []store.Mention) error {
		for i := range page {
			m := &page[i]
			a, err := x.articles.get(ctx, m.ArticleID)
			if err != nil {
				return err
			}
			added, err := times.get(ctx, m.EventID)
			if err != nil {
				return err
			}
			if err := tw.line(gdeltMentionRow(m, a, added)); err != nil {
				return err
			}
			x.stats.Records++
		}
		return tw.bw.Flush()
	})
	if err != nil {
		return err
	}
	return tw.bw.Flush()
}
