package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/dyad-events/dyad/internal/store"
)

// Row is one event as a flat table row: the columns of the CSV and Parquet
// exports, in order. Pointer fields are null (an empty CSV cell) when the
// event has no target, no location or no known date.
type Row struct {
	ID            string `parquet:"id"`
	GlobalEventID int64  `parquet:"global_event_id"` // GlobalEventID(ID), to join with the GDELT exports
	// Date is the event's date as days since 1970-01-01: a Parquet DATE,
	// YYYY-MM-DD in CSV. For month and year precision it is the first day
	// of the month or year. (An int32, not a time.Time: parquet-go v0.32.0
	// writes time.Time DATE columns wrong.)
	Date          *int32  `parquet:"date,date"`
	DatePrecision string  `parquet:"date_precision"`
	SourceCode    string  `parquet:"source_code"`
	SourceCountry string  `parquet:"source_country"`
	SourceAgent   string  `parquet:"source_agent"`
	SourceName    string  `parquet:"source_name"`
	SourceText    string  `parquet:"source_text"`
	TargetCode    *string `parquet:"target_code"`
	TargetCountry *string `parquet:"target_country"`
	TargetAgent   *string `parquet:"target_agent"`
	TargetName    *string `parquet:"target_name"`
	TargetText    *string `parquet:"target_text"`
	Code          string  `parquet:"code"` // CAMEO event code: a string, for its leading zero
	BaseCode      string  `parquet:"base_code"`
	Root          string  `parquet:"root"`
	QuadClass     int32   `parquet:"quad_class"`
	Goldstein     float64 `parquet:"goldstein"`
	PloverType    string  `parquet:"plover_type"`
	PloverMode    string  `parquet:"plover_mode"`
	Mode          string  `parquet:"mode"` // "" for a reported act, future or hypothetical
	NumMentions   int32   `parquet:"num_mentions"`
	NumArticles   int32   `parquet:"num_articles"`
	NumSources    int32   `parquet:"num_sources"`
	// FirstSeen and LastSeen are Parquet TIMESTAMP(MILLIS, UTC) and RFC 3339 in CSV.
	FirstSeen       time.Time `parquet:"first_seen,timestamp(millisecond)"`
	LastSeen        time.Time `parquet:"last_seen,timestamp(millisecond)"`
	LocationName    *string   `parquet:"location_name"`
	LocationCountry *string   `parquet:"location_country"` // ISO alpha-3
	LocationAdmin1  *string   `parquet:"location_admin1"`
	Latitude        *float64  `parquet:"latitude"`
	Longitude       *float64  `parquet:"longitude"`
	GeonameID       *int64    `parquet:"geoname_id"`
	ArticleID       string    `parquet:"article_id"`
	SourceURL       string    `parquet:"source_url"`     // the URL of the event's first article, "" if it has none
	SentenceIndex   int32     `parquet:"sentence_index"` // from 0
	Sentence        string    `parquet:"sentence"`
	Trigger         string    `parquet:"trigger"`
	Lang            string    `parquet:"lang"`
}

// TableColumns returns the column names of the CSV and Parquet exports, in order.
func TableColumns() []string {
	return []string{"id", "global_event_id", "date", "date_precision",
		"source_code", "source_country", "source_agent", "source_name", "source_text",
		"target_code", "target_country", "target_agent", "target_name", "target_text",
		"code", "base_code", "root", "quad_class", "goldstein", "plover_type", "plover_mode", "mode",
		"num_mentions", "num_articles", "num_sources", "first_seen", "last_seen",
		"location_name", "location_country", "location_admin1", "latitude", "longitude", "geoname_id",
		"article_id", "source_url", "sentence_index", "sentence", "trigger", "lang"}
}

func ptr[T any](v T) *T { return &v }

// RowOf flattens a stored event and the URL of its first article into a Row.
func RowOf(ev *store.Event, sourceURL string) Row {
	r := Row{
		ID: ev.ID, GlobalEventID: GlobalEventID(ev.ID), DatePrecision: ev.DatePrecision,
		SourceCode: ev.Source.Code, SourceCountry: ev.Source.Country, SourceAgent: ev.Source.Agent,
		SourceName: ev.Source.Name, SourceText: ev.Source.Text,
		Code: ev.Code, BaseCode: baseCode(ev.Code), Root: rootCode(&ev.Event), QuadClass: int32(ev.QuadClass),
		Goldstein: ev.Goldstein, PloverType: ev.Plover.Type, PloverMode: ev.Plover.Mode, Mode: ev.Mode,
		NumMentions: int32(ev.NumMentions), NumArticles: int32(ev.NumArticles), NumSources: int32(ev.NumSources),
		FirstSeen: ev.FirstSeen.UTC().Truncate(time.Millisecond), LastSeen: ev.LastSeen.UTC().Truncate(time.Millisecond),
		ArticleID: ev.ArticleID, SourceURL: sourceURL, SentenceIndex: int32(ev.Sentence.Index),
		Sentence: ev.Sentence.Text, Trigger: ev.Trigger.Text, Lang: ev.Lang,
	}
	if t, err := time.Parse("2006-01-02", ev.Date); err == nil {
		r.Date = ptr(int32(t.Unix() / 86400))
	}
	if t := ev.Target; t != nil && t.Code != "" {
		r.TargetCode, r.TargetCountry, r.TargetAgent, r.TargetName, r.TargetText =
			ptr(t.Code), ptr(t.Country), ptr(t.Agent), ptr(t.Name), ptr(t.Text)
	}
	if l := ev.Location; l != nil && (l.Name != "" || l.Country != "") {
		r.LocationName, r.LocationCountry, r.LocationAdmin1 = ptr(l.Name), ptr(l.Country), ptr(l.Admin1)
		if l.GeonameID != 0 || l.Lat != 0 || l.Lon != 0 {
			r.Latitude, r.Longitude = ptr(l.Lat), ptr(l.Lon)
		}
		if l.GeonameID != 0 {
			r.GeonameID = ptr(int64(l.GeonameID))
		}
	}
	return r
}

// record is the row as CSV cells, in TableColumns order.
func (r *Row) record() []string {
	s := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	f := func(p *float64) string {
		if p == nil {
			return ""
		}
		return ftoa(*p)
	}
	date, gid := "", ""
	if r.Date != nil {
		date = time.Unix(int64(*r.Date)*86400, 0).UTC().Format("2006-01-02")
	}
	if r.GeonameID != nil {
		gid = strconv.FormatInt(*r.GeonameID, 10)
	}
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	return []string{r.ID, strconv.FormatInt(r.GlobalEventID, 10), date, r.DatePrecision,
		r.SourceCode, r.SourceCountry, r.SourceAgent, r.SourceName, r.SourceText,
		s(r.TargetCode), s(r.TargetCountry), s(r.TargetAgent), s(r.TargetName), s(r.TargetText),
		r.Code, r.BaseCode, r.Root, strconv.Itoa(int(r.QuadClass)), ftoa(r.Goldstein), r.PloverType, r.PloverMode, r.Mode,
		strconv.Itoa(int(r.NumMentions)), strconv.Itoa(int(r.NumArticles)), strconv.Itoa(int(r.NumSources)), ts(r.FirstSeen), ts(r.LastSeen),
		s(r.LocationName), s(r.LocationCountry), s(r.LocationAdmin1), f(r.Latitude), f(r.Longitude), gid,
		r.ArticleID, r.SourceURL, strconv.Itoa(int(r.SentenceIndex)), r.Sentence, r.Trigger, r.Lang}
}

// csvWriter writes the flat table as CSV with a header.
type csvWriter struct {
	cw     *csv.Writer
	header bool
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{cw: csv.NewWriter(w)} }

func (c *csvWriter) writeHeader() error {
	if c.header {
		return nil
	}
	c.header = true
	return c.cw.Write(TableColumns())
}

func (c *csvWriter) write(r *eventRecord) (bool, error) {
	if err := c.writeHeader(); err != nil {
		return false, err
	}
	row := RowOf(r.ev, r.art.URL)
	return true, c.cw.Write(row.record())
}

func (c *csvWriter) flush() error {
	c.cw.Flush()
	return c.cw.Error()
}

func (c *csvWriter) close() error {
	if err := c.writeHeader(); err != nil { // an empty export still has its header
		return err
	}
	return c.flush()
}

// parquetWriter writes the flat table as Parquet, one row group a page.
type parquetWriter struct {
	pw   *parquet.GenericWriter[Row]
	rows []Row
}

func newParquetWriter(w io.Writer) *parquetWriter {
	return &parquetWriter{pw: parquet.NewGenericWriter[Row](w, parquet.Compression(&parquet.Snappy),
		parquet.CreatedBy("dyad", "", ""))}
}

func (p *parquetWriter) write(r *eventRecord) (bool, error) {
	p.rows = append(p.rows, RowOf(r.ev, r.art.URL))
	return true, nil
}

func (p *parquetWriter) flush() error {
	if len(p.rows) == 0 {
		return nil
	}
	if _, err := p.pw.Write(p.rows); err != nil {
		return err
	}
	clear(p.rows)
	p.rows = p.rows[:0]
	return p.pw.Flush()
}

func (p *parquetWriter) close() error {
	if err := p.flush(); err != nil {
		return err
	}
	return p.pw.Close()
}

// JSONLRecord is one line of the JSONL export: dyad's event record (as
// `dyad events --format jsonl` prints it) with the URL of its first article.
type JSONLRecord struct {
	store.Event
	SourceURL string `json:"source_url,omitempty"`
}

// jsonlWriter writes dyad's event records, one a line.
type jsonlWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func newJSONLWriter(w io.Writer) *jsonlWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonlWriter{bw: bw, enc: enc}
}

func (j *jsonlWriter) write(r *eventRecord) (bool, error) {
	return true, j.enc.Encode(&JSONLRecord{Event: *r.ev, SourceURL: r.art.URL})
}

func (j *jsonlWriter) flush() error { return j.bw.Flush() }
func (j *jsonlWriter) close() error { return j.bw.Flush() }
