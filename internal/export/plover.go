package export

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"

	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/model"
)

// PloverRecord is one event as a PLOVER JSON record: the field names of the
// PLOVER manual (2024 draft, openeventdata/PLOVER, CC BY-SA 4.0) for the
// record, actor, location and citation objects, then dyad's own fields,
// which the manual lets a provider add under its own names.
type PloverRecord struct {
	ID   string `json:"id"`
	Date string `json:"date,omitempty"` // YYYY-MM-DD; absent when dyad does not know it
	// Actor and Recipient are lists, as PLOVER wants; dyad codes one actor
	// a side, so each has at most one entity. Recipient is [] for an event
	// without a target.
	Actor     []PloverEntity `json:"actor"`
	Recipient []PloverEntity `json:"recipient"`
	Event     string         `json:"event"`
	Mode      string         `json:"mode,omitempty"`
	Context   []string       `json:"context"`
	EventLoc  *PloverLoc     `json:"event_loc,omitempty"`
	// EventText is the words that made the event (dyad's trigger).
	EventText []string       `json:"event_text,omitempty"`
	QuadCode  int            `json:"quad_code,omitempty"`
	Text      string         `json:"text"` // the sentence the event was coded from
	TextInfo  PloverTextInfo `json:"text_info"`
	CiteInfo  PloverCite     `json:"cite_info"`
	CodedDate string         `json:"coded_date,omitempty"` // when dyad first stored the event, YYYY-MM-DD

	// Modality is PLOVER's auxiliary mode (future, hypothetical) when dyad
	// kept an unsure event, apart from Mode so that Mode stays one value.
	Modality      string  `json:"modality,omitempty"`
	DatePrecision string  `json:"date_precision"`
	CAMEOCode     string  `json:"cameo_code"`
	Goldstein     float64 `json:"goldstein"`
	NumMentions   int     `json:"num_mentions"`
	NumArticles   int     `json:"num_articles"`
	NumSources    int     `json:"num_sources"`
	ArticleID     string  `json:"article_id"`
}

// PloverEntity is PLOVER's actor object.
type PloverEntity struct {
	// Code is the top-level code: a country (RUS), or for organisations
	// PLOVER's non-state codes UNO (the UN system), EUR (the EU) or the
	// organisation type (IGO, NGO, IMG, MNC).
	Code   string `json:"code,omitempty"`
	Sector string `json:"sector,omitempty"`
	// EntityText is the words of the sentence that name the actor.
	EntityText string `json:"entity_text,omitempty"`
	// IdentifierText is dyad's canonical name of a known person or body.
	IdentifierText string `json:"identifier_text,omitempty"`
	// CAMEOCode is dyad's full CAMEO actor code (dyad's own field).
	CAMEOCode string `json:"cameo_code"`
}

// PloverLoc is PLOVER's location object: GeoNames field names (with
// underscores for the spaces of "country code" and "feature class").
type PloverLoc struct {
	GeonameID    int      `json:"geonameid,omitempty"`
	Name         string   `json:"name"`
	Latitude     *float64 `json:"latitude,omitempty"`
	Longitude    *float64 `json:"longitude,omitempty"`
	FeatureClass string   `json:"feature_class,omitempty"` // P: every place in dyad's gazetteer is a populated place
	CountryCode  string   `json:"country_code,omitempty"`  // ISO alpha-2
	CC3          string   `json:"cc3,omitempty"`           // ISO alpha-3
	Admin1       string   `json:"admin1,omitempty"`        // the first-level division's name (GeoNames has its code here)
}

// PloverTextInfo is PLOVER's text object for the sentence.
type PloverTextInfo struct {
	Sequence int `json:"sequence"` // the sentence's number in the article, from 1
	Start    int `json:"start"`    // character offsets of the sentence in the article
	End      int `json:"end"`
}

// PloverCite is PLOVER's citation object.
type PloverCite struct {
	URL         string `json:"url,omitempty"`
	Citation    string `json:"citation,omitempty"` // for an article without a URL
	Title       string `json:"title,omitempty"`
	Language    string `json:"language,omitempty"` // ISO 639-1
	Publication string `json:"publication,omitempty"`
	Coder       string `json:"coder"`
}

// ploverSector maps a CAMEO agent code to a PLOVER sector. PLOVER keeps
// most CAMEO codes but renames two (CAMEO's MED, media, is PLOVER's JRN;
// CAMEO's HLH, health, is PLOVER's MED), folds insurgents and separatists
// into REB, and has no sector for CAMEO's modifiers (MOD, RAD) or for the
// organisation types, which are top-level codes. CAMEO's human-rights,
// environment and development groups become SOC (civil society).
func ploverSector(agent string) string {
	switch agent {
	case "MED":
		return "JRN"
	case "HLH":
		return "MED"
	case "INS", "SEP":
		return "REB"
	case "HRI", "ENV", "DEV":
		return "SOC"
	case "MOD", "RAD", "IGO", "NGO", "IMG", "MNC":
		return ""
	}
	return agent
}

// ploverQuad is the PLOVER manual's quad category of an event type:
// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
// 4 material conflict; 0 if unknown. SANCTION is material conflict, as
// the manual's section on it says (its quad table says verbal).
func ploverQuad(typ string) int {
	switch typ {
	case "AGREE", "CONSULT", "SUPPORT", "CONCEDE":
		return 1
	case "COOPERATE", "AID", "RETREAT":
		return 2
	case "REQUEST", "ACCUSE", "REJECT", "THREATEN", "DEMAND":
		return 3
	case "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT":
		return 4
	}
	return 0
}

func ploverEntity(a *model.Actor) PloverEntity {
	p := splitActor(a)
	e := PloverEntity{Code: p.Country, EntityText: a.Text, IdentifierText: a.Name, CAMEOCode: a.Code}
	if segs := segments(a.Code); len(segs) > 0 && isOrgPrefix(segs[0]) {
		switch {
		case p.KnownGroup == "UNO":
			e.Code = "UNO"
		case strings.HasPrefix(a.Code, "IGOEUREEC"):
			e.Code = "EUR"
		default:
			e.Code = segs[0]
		}
	}
	for _, t := range p.Types {
		if e.Sector = ploverSector(t); e.Sector != "" {
			break
		}
	}
	if e.Sector == "" && p.Types[0] == "" && cameo.IsAgent(a.Agent) {
		e.Sector = ploverSector(a.Agent) // an actor whose code does not spell its agent
	}
	return e
}

// ploverContexts are the event's PLOVER contexts: the coder's, else those
// dyad's CAMEO→PLOVER table gives the event's code.
func ploverContexts(ev *model.Event) []string {
	c := ev.Plover.Context
	if c == "" {
		if et, ok := cameo.Default().Lookup(ev.Code); ok {
			c = et.Plover.Context
		}
	}
	out := []string{}
	for _, s := range strings.Split(c, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func ploverLoc(l *model.Location) *PloverLoc {
	if l == nil || (l.Name == "" && l.Country == "") {
		return nil
	}
	c := countries[l.Country]
	loc := &PloverLoc{GeonameID: l.GeonameID, Name: l.Name, CountryCode: c.ISO2, CC3: l.Country, Admin1: l.Admin1}
	if l.GeonameID != 0 || l.Lat != 0 || l.Lon != 0 {
		lat, lon := l.Lat, l.Lon
		loc.Latitude, loc.Longitude, loc.FeatureClass = &lat, &lon, "P"
	}
	return loc
}

// ploverRecord is an event as a PLOVER record; ok is false for an event
// whose code has no PLOVER type (CAMEO 01, statements, which PLOVER drops).
func ploverRecord(r *eventRecord, coder string) (rec PloverRecord, ok bool) {
	ev, a := r.ev, r.art
	if ev.Plover.Type == "" {
		return rec, false
	}
	rec = PloverRecord{
		ID: ev.ID, Date: ev.Date,
		Actor:     []PloverEntity{ploverEntity(&ev.Source)},
		Recipient: []PloverEntity{},
		Event:     ev.Plover.Type, Mode: ev.Plover.Mode, Context: ploverContexts(&ev.Event),
		EventLoc: ploverLoc(ev.Location), QuadCode: ploverQuad(ev.Plover.Type),
		Text:     ev.Sentence.Text,
		TextInfo: PloverTextInfo{Sequence: ev.Sentence.Index + 1, Start: a.chars(ev.Sentence.Start), End: a.chars(ev.Sentence.End)},
		CiteInfo: PloverCite{URL: a.URL, Title: a.Title, Language: ev.Lang, Publication: a.Outlet, Coder: coder},
		Modality: ev.Mode, DatePrecision: ev.DatePrecision, CAMEOCode: ev.Code, Goldstein: ev.Goldstein,
		NumMentions: ev.NumMentions, NumArticles: ev.NumArticles, NumSources: ev.NumSources, ArticleID: ev.ArticleID,
	}
	if ev.Target != nil && ev.Target.Code != "" {
		rec.Recipient = append(rec.Recipient, ploverEntity(ev.Target))
	}
	if ev.Trigger.Text != "" {
		rec.EventText = []string{ev.Trigger.Text}
	}
	if a.URL == "" {
		rec.CiteInfo.Citation = a.citation()
	}
	if rec.CiteInfo.Language == "" {
		rec.CiteInfo.Language = a.Lang
	}
	if !ev.FirstSeen.IsZero() {
		rec.CodedDate = ev.FirstSeen.UTC().Format("2006-01-02")
	}
	return rec, true
}

// ploverWriter writes PLOVER JSONL.
type ploverWriter struct {
	bw    *bufio.Writer
	enc   *json.Encoder
	coder string
}

func newPLOVERWriter(w io.Writer, coder string) *ploverWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &ploverWriter{bw: bw, enc: enc, coder: coder}
}

func (p *ploverWriter) write(r *eventRecord) (bool, error) {
	rec, ok := ploverRecord(r, p.coder)
	if !ok {
		return false, nil
	}
	return true, p.enc.Encode(&rec)
}

func (p *ploverWriter) flush() error { return p.bw.Flush() }
func (p *ploverWriter) close() error { return p.bw.Flush() }
