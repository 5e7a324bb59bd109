package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/model"
)

// MaxLimit bounds how many rows one query returns.
const MaxLimit = 10000

// plan steers a planner that cannot tell on its own whether the date index
// or the actor indexes serve a query better (Dialect.PlanHints).
type plan int

const (
	planAny    plan = iota
	planByDate      // keep the actor and country indexes out: read by date
	planByKey       // look the actors up (keeping the date index out if their codes stay ranges)
)

// hasKeyFilter reports whether q selects by actor or country, which the
// actor and country indexes serve.
func hasKeyFilter(q Query) bool {
	return q.Actor != "" || q.Source != "" || q.Target != "" || q.Country != ""
}

// where builds the WHERE clause of an events query over alias e.
func (s *SQL) where(ctx context.Context, q Query) (string, []any, error) {
	return s.wherePlan(ctx, q, planAny, nil)
}

// prefixCodes holds the codes that code prefixes were expanded to (by
// column and prefix), for a query that builds its conditions twice.
type prefixCodes map[[2]string]expansion

type expansion struct {
	codes []string
	ok    bool
}

// wherePlan is where for plan p. known, if not nil, keeps the prefixes'
// expansions: given again, it reads none twice.
func (s *SQL) wherePlan(ctx context.Context, q Query, p plan, known prefixCodes) (string, []any, error) {
	var conds []string
	var args []any
	add := func(c string, a ...any) {
		conds = append(conds, c)
		args = append(args, a...)
	}
	// SQLite's unary + hides a column from the indexes
	key, date := "e.", "e."
	if s.Dialect.PlanHints && p == planByDate {
		key = "+e."
	}
	code := func(v string) string { return strings.ToUpper(strings.TrimSpace(v)) }
	// an actor code prefix becomes the few codes stored that have it, so
	// that the indexes are searched for each with the columns after it
	// (the target, the date); reading by date, there is no need
	expand := p != planByDate
	ranges := false // a code filter that stayed a range
	codeCond := func(col, prefix string) (string, []any, bool, error) {
		if expand {
			if cs, ok, err := s.codesWithPrefix(ctx, col, prefix, known); err != nil || ok {
				c, a := inCond(key+col, cs)
				return c, a, true, err
			}
		}
		ranges = true
		c, a := prefixCond(key+col, prefix)
		return c, a, false, nil
	}
	if q.Actor != "" {
		c1, a1, _, err := codeCond("source_code", code(q.Actor))
		if err != nil {
			return "", nil, err
		}
		c2, a2, _, err := codeCond("target_code", code(q.Actor))
		if err != nil {
			return "", nil, err
		}
		add("("+c1+" OR "+c2+")", append(a1, a2...)...)
	}
	dyad := func(source, target string) (string, []any, error) {
		var cs []string
		var as []any
		sourceExact := false
		for _, side := range []struct{ col, prefix string }{{"source_code", source}, {"target_code", target}} {
			if side.prefix == "" {
				continue
			}
			c, a, exact, err := codeCond(side.col, side.prefix)
			if err != nil {
				return "", nil, err
			}
			if side.col == "source_code" {
				sourceExact = exact
			} else if !exact && source != "" && !sourceExact && s.Dialect.PlanHints {
				// a range of sources then a range of targets: only the first
				// is searched in (source_code, target_code, date); keep the
				// target out of the planner's sight or it picks its index
				c, a = prefixCond("+e.target_code", side.prefix)
			}
			cs, as = append(cs, c), append(as, a...)
		}
		if len(cs) == 0 {
			return "1 = 1", nil, nil
		}
		return "(" + strings.Join(cs, " AND ") + ")", as, nil
	}
	if q.Source != "" || q.Target != "" {
		c, a, err := dyad(code(q.Source), code(q.Target))
		if err != nil {
			return "", nil, err
		}
		if q.Both {
			c2, a2, err := dyad(code(q.Target), code(q.Source))
			if err != nil {
				return "", nil, err
			}
			c, a = "("+c+" OR "+c2+")", append(a, a2...)
		}
		add(c, a...)
	}
	if q.Country != "" {
		add("("+key+"source_country = ? OR "+key+"target_country = ?)", code(q.Country), code(q.Country))
	}
	if s.Dialect.PlanHints && p == planByKey && ranges {
		// codes searched by range in an index leave the date to be checked
		// in it: the planner must not take the date index instead
		date = "+e."
	}
	if q.Root != "" {
		add("e.root = ?", q.Root)
	}
	if q.Code != "" {
		c, a := prefixCond("e.code", q.Code)
		add(c, a...)
	}
	if q.Quad < 0 || q.Quad > 4 {
		return "", nil, badQuery("quad", "quad %d: want 1 to 4", q.Quad)
	}
	if q.Quad != 0 {
		add("e.quad_class = ?", q.Quad)
	}
	for _, d := range []struct{ name, v string }{{"since", q.Since}, {"until", q.Until}} {
		if d.v != "" && !ValidDate(d.v) {
			return "", nil, badQuery(d.name, "%s %q: want a date YYYY-MM-DD", d.name, d.v)
		}
	}
	if q.Since != "" {
		add(date+"date >= ?", q.Since)
	}
	if q.Until != "" {
		add(date+"date <> '' AND "+date+"date <= ?", q.Until)
	}
	if q.Place != "" {
		add("(lower(e.loc_name) = lower(?) OR e.loc_country = ?)", q.Place, code(q.Place))
	}
	if q.Text != "" {
		words, err := ParseSearch(q.Text)
		if err != nil {
			return "", nil, err
		}
		if s.Dialect.SearchMatch != nil {
			c, a := s.Dialect.SearchMatch(words)
			add(c, a)
		} else {
			for _, w := range words {
				add("EXISTS (SELECT 1 FROM mentions mt WHERE mt.event_id = e.id AND lower(mt.sentence_text) LIKE ?)", "%"+w.Word+"%")
			}
		}
	}
	if q.Lang != "" {
		add("EXISTS (SELECT 1 FROM mentions ml WHERE ml.event_id = e.id AND ml.lang = ?)", q.Lang)
	}
	if q.After != nil {
		// the first term, redundant, lets the date index start at the cursor
		add(date+"date <= ? AND (e.date < ? OR (e.date = ? AND e.id < ?))", q.After.Date, q.After.Date, q.After.Date, q.After.ID)
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// maxExpand bounds the codes a prefix is replaced by.
const maxExpand = 64

// codesWithPrefix returns the distinct codes of column col (source_code or
// target_code) that start with prefix, reading one index entry per code
// (a loose index scan), unless known has them. ok is false when there are
// more than maxExpand or the prefix is not ASCII.
func (s *SQL) codesWithPrefix(ctx context.Context, col, prefix string, known prefixCodes) (codes []string, ok bool, err error) {
	if x, found := known[[2]string{col, prefix}]; found {
		return x.codes, x.ok, nil
	}
	lo, hi, ok := prefixRange(prefix)
	if !ok {
		return nil, false, nil
	}
	rows, err := s.read().QueryContext(ctx, s.q(`WITH RECURSIVE c(code) AS (
		SELECT min(`+col+`) FROM events WHERE `+col+` >= ? AND `+col+` < ?
		UNION ALL
		SELECT (SELECT min(`+col+`) FROM events WHERE `+col+` > c.code AND `+col+` < ?) FROM c WHERE c.code IS NOT NULL
	) SELECT code FROM c WHERE code IS NOT NULL LIMIT ?`), lo, hi, hi, maxExpand+1)
	if err != nil {
		return nil, false, fmt.Errorf("codes %s*: %w", prefix, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, false, err
		}
		codes = append(codes, c)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	ok = len(codes) <= maxExpand
	if known != nil {
		known[[2]string{col, prefix}] = expansion{codes, ok}
	}
	return codes, ok, nil
}

// inCond selects rows whose column is one of values.
func inCond(col string, values []string) (string, []any) {
	if len(values) == 0 {
		return "1 = 0", nil
	}
	return col + " IN (" + placeholders(len(values)) + ")", anys(values)
}

// prefixCond selects rows whose column starts with p. Codes are ASCII, so
// it is a range that an index serves on both backends (LIKE would not, with
// SQLite's case-insensitive LIKE or PostgreSQL's locale collations).
func prefixCond(col, p string) (string, []any) {
	if lo, hi, ok := prefixRange(p); ok {
		return "(" + col + " >= ? AND " + col + " < ?)", []any{lo, hi}
	}
	esc := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(p)
	return col + ` LIKE ? ESCAPE '\'`, []any{esc + "%"}
}

// prefixRange is the range of strings that start with p, when p ends in
// ASCII (so that the bound stays valid UTF-8).
func prefixRange(p string) (lo, hi string, ok bool) {
	if p == "" || p[len(p)-1] >= 0x7e {
		return "", "", false
	}
	return p, p[:len(p)-1] + string(p[len(p)-1]+1), true
}

// ValidDate reports whether s is a date YYYY-MM-DD.
func ValidDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func limitOf(q Query) int {
	if q.Limit <= 0 {
		return 100
	}
	return min(q.Limit, MaxLimit)
}

const eventCols = `e.id, e.code, e.root, e.quad_class, e.goldstein, e.plover_type, e.plover_mode,
	e.source_code, e.source_country, e.source_agent, e.source_name,
	e.target_code, e.target_country, e.target_agent, e.target_name,
	e.date, e.date_precision, e.loc_name, e.loc_country, e.loc_admin1, e.loc_lat, e.loc_lon, e.loc_geoname_id,
	e.num_mentions, e.num_articles, e.num_sources, e.first_seen, e.last_seen,
	COALESCE(m.article_id, ''), COALESCE(m.sentence_idx, 0), COALESCE(m.sentence_start, 0), COALESCE(m.sentence_end, 0), COALESCE(m.sentence_text, ''),
	COALESCE(m.source_text, ''), COALESCE(m.target_text, ''), COALESCE(m.trigger_text, ''), COALESCE(m.trigger_start, 0), COALESCE(m.trigger_end, 0),
	COALESCE(m.mode, ''), COALESCE(m.pattern, ''), COALESCE(m.lang, '')`

func scanEvent(sc interface{ Scan(...any) error }) (*Event, error) {
	var e Event
	var tcode, tcountry, tagent, tname string
	var lname, lcountry, ladmin string
	var lat, lon sql.NullFloat64
	var lid int
	var first, last string
	var stext, ttext string
	err := sc.Scan(&e.ID, &e.Code, &e.Root, &e.QuadClass, &e.Goldstein, &e.Plover.Type, &e.Plover.Mode,
		&e.Source.Code, &e.Source.Country, &e.Source.Agent, &e.Source.Name,
		&tcode, &tcountry, &tagent, &tname,
		&e.Date, &e.DatePrecision, &lname, &lcountry, &ladmin, &lat, &lon, &lid,
		&e.NumMentions, &e.NumArticles, &e.NumSources, &first, &last,
		&e.ArticleID, &e.Sentence.Index, &e.Sentence.Start, &e.Sentence.End, &e.Sentence.Text,
		&stext, &ttext, &e.Trigger.Text, &e.Trigger.Start, &e.Trigger.End, &e.Mode, &e.Pattern, &e.Lang)
	if err != nil {
		return nil, err
	}
	e.Source.Text = stext
	if tcode != "" {
		e.Target = &model.Actor{Code: tcode, Country: tcountry, Agent: tagent, Name: tname, Text: ttext}
	}
	if lname != "" || lcountry != "" {
		e.Location = &model.Location{Name: lname, Country: lcountry, Admin1: ladmin, Lat: lat.Float64, Lon: lon.Float64, GeonameID: lid}
	}
	e.FirstSeen, _ = time.Parse(time.RFC3339Nano, first)
	e.LastSeen, _ = time.Parse(time.RFC3339Nano, last)
	return &e, nil
}

// Events returns merged events, newest first.
func (s *SQL) Events(ctx context.Context, q Query) ([]Event, error) {
	p := planAny
	var known prefixCodes
	if s.Dialect.PlanHints && hasKeyFilter(q) {
		known = prefixCodes{}
		// newest first: an actor with few events is best looked up and its
		// events sorted, one with many by reading the newest events until
		// enough are found; a count bounded by probeRows tells which
		var err error
		if p, err = s.probe(ctx, q, known); err != nil {
			return nil, fmt.Errorf("query events: %w", err)
		}
	}
	w, args, err := s.wherePlan(ctx, q, p, known)
	if err != nil {
		return nil, fmt.Errorf("query events: %w", err)
	}
	query := `SELECT ` + eventCols + ` FROM events e LEFT JOIN mentions m ON m.id = e.first_mention` + w +
		` ORDER BY e.date DESC, e.id DESC LIMIT ? OFFSET ?`
	args = append(args, limitOf(q), max(q.Offset, 0))
	rows, err := s.read().QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("query events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("query events: %w", err)
		}
		out = append(out, *e)
	}
	return out, rows.Err()
}

// probeRows is how many matching events make a query's actors common
// enough that reading the newest events until enough match costs less than
// sorting all of them: at most limit*N/probeRows rows read, against at most
// probeRows sorted.
const probeRows = 2000

// probe counts, up to probeRows, the events that q's actor and country
// filters select, and returns the plan that suits their number. The codes
// its prefixes expand to are left in known, for the query that follows.
func (s *SQL) probe(ctx context.Context, q Query, known prefixCodes) (plan, error) {
	keyOnly := Query{Actor: q.Actor, Source: q.Source, Target: q.Target, Both: q.Both, Country: q.Country}
	w, args, err := s.wherePlan(ctx, keyOnly, planAny, known)
	if err != nil {
		return planAny, err
	}
	var n int
	if err := s.read().QueryRowContext(ctx, s.q(`SELECT count(*) FROM (SELECT 1 FROM events e`+w+` LIMIT ?) AS p`), append(args, probeRows)...).Scan(&n); err != nil {
		return planAny, err
	}
	if n >= probeRows {
		return planByDate, nil
	}
	return planByKey, nil
}

// Event returns one event with its mentions.
func (s *SQL) Event(ctx context.Context, id string) (*Event, []Mention, error) {
	row := s.read().QueryRowContext(ctx, s.q(`SELECT `+eventCols+` FROM events e LEFT JOIN mentions m ON m.id = e.first_mention WHERE e.id = ?`), id)
	e, err := scanEvent(row)
	if err == sql.ErrNoRows {
		return nil, nil, fmt.Errorf("event %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("event %s: %w", id, err)
	}
	ms, err := s.mentions(ctx, `WHERE m.event_id = ?`, []any{id}, MaxLimit, 0)
	return e, ms, err
}

const mentionCols = `m.id, m.event_id, m.article_id, m.sentence_idx, m.sentence_start, m.sentence_end, m.sentence_text,
	m.code, m.root, m.quad_class, m.goldstein, m.plover_type, m.plover_mode,
	m.source_code, m.source_country, m.source_agent, m.source_name, m.source_text, m.source_start, m.source_end,
	m.target_code, m.target_country, m.target_agent, m.target_name, m.target_text, m.target_start, m.target_end,
	m.trigger_text, m.trigger_start, m.trigger_end, m.date, m.date_precision,
	m.loc_name, m.loc_country, m.loc_admin1, m.loc_lat, m.loc_lon, m.loc_geoname_id, m.mode, m.pattern, m.lang,
	a.url, a.source`

func (s *SQL) mentions(ctx context.Context, where string, args []any, limit, offset int) ([]Mention, error) {
	rows, err := s.read().QueryContext(ctx, s.q(`SELECT `+mentionCols+` FROM mentions m JOIN articles a ON a.id = m.article_id `+where+
		` ORDER BY m.article_id, m.sentence_idx, m.trigger_start, m.id LIMIT ? OFFSET ?`), append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("query mentions: %w", err)
	}
	defer rows.Close()
	var out []Mention
	for rows.Next() {
		var m Mention
		var t model.Actor
		var lname, lcountry, ladmin string
		var lat, lon sql.NullFloat64
		var lid int
		if err := rows.Scan(&m.ID, &m.EventID, &m.ArticleID, &m.Sentence.Index, &m.Sentence.Start, &m.Sentence.End, &m.Sentence.Text,
			&m.Code, &m.Root, &m.QuadClass, &m.Goldstein, &m.Plover.Type, &m.Plover.Mode,
			&m.Event.Source.Code, &m.Event.Source.Country, &m.Event.Source.Agent, &m.Event.Source.Name, &m.Event.Source.Text, &m.Event.Source.Start, &m.Event.Source.End,
			&t.Code, &t.Country, &t.Agent, &t.Name, &t.Text, &t.Start, &t.End,
			&m.Trigger.Text, &m.Trigger.Start, &m.Trigger.End, &m.Date, &m.DatePrecision,
			&lname, &lcountry, &ladmin, &lat, &lon, &lid, &m.Mode, &m.Pattern, &m.Lang,
			&m.ArticleURL, &m.Source); err != nil {
			return nil, fmt.Errorf("query mentions: %w", err)
		}
		if t.Code != "" {
			m.Target = &t
		}
		if lname != "" || lcountry != "" {
			m.Location = &model.Location{Name: lname, Country: lcountry, Admin1: ladmin, Lat: lat.Float64, Lon: lon.Float64, GeonameID: lid}
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Mentions returns the mentions of the events q selects.
func (s *SQL) Mentions(ctx context.Context, q Query) ([]Mention, error) {
	w, args, err := s.where(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("query mentions: %w", err)
	}
	return s.mentions(ctx, `WHERE m.event_id IN (SELECT e.id FROM events e`+w+`)`, args, limitOf(q), max(q.Offset, 0))
}

// ArticleMentions returns the mentions coded from one article.
func (s *SQL) ArticleMentions(ctx context.Context, id string) ([]Mention, error) {
	return s.mentions(ctx, `WHERE m.article_id = ?`, []any{id}, MaxLimit, 0)
}

// Article returns a stored article with its sources and sentences.
func (s *SQL) Article(ctx context.Context, id string) (*ArticleRecord, error) {
	var a ArticleRecord
	var pub, ing string
	err := s.read().QueryRowContext(ctx, s.q(`SELECT id, url, source, title, lang, published, place, text, ingested_at FROM articles WHERE id = ?`), id).
		Scan(&a.ID, &a.URL, &a.Article.Source, &a.Title, &a.Lang, &pub, &a.Place, &a.Text, &ing)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("article %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("article %s: %w", id, err)
	}
	a.Published, _ = time.Parse(time.RFC3339, pub)
	a.IngestedAt, _ = time.Parse(time.RFC3339Nano, ing)
	rows, err := s.read().QueryContext(ctx, s.q(`SELECT url, source, origin, seen_at FROM article_sources WHERE article_id = ? ORDER BY seen_at, url, source, origin`), id)
	if err != nil {
		return nil, fmt.Errorf("article %s: %w", id, err)
	}
	for rows.Next() {
		var src ArticleSource
		var seen string
		if err := rows.Scan(&src.URL, &src.Source, &src.Origin, &seen); err != nil {
			rows.Close()
			return nil, err
		}
		src.SeenAt, _ = time.Parse(time.RFC3339Nano, seen)
		a.Sources = append(a.Sources, src)
	}
	rows.Close()
	rows, err = s.read().QueryContext(ctx, s.q(`SELECT idx, start_byte, end_byte, text FROM sentences WHERE article_id = ? ORDER BY idx`), id)
	if err != nil {
		return nil, fmt.Errorf("article %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var st model.Sentence
		if err := rows.Scan(&st.Index, &st.Start, &st.End, &st.Text); err != nil {
			return nil, err
		}
		a.Sentences = append(a.Sentences, st)
	}
	return &a, rows.Err()
}

// Dyads returns the dyads with most events among those q selects.
func (s *SQL) Dyads(ctx context.Context, q Query) ([]DyadCount, error) {
	w, args, err := s.where(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("query dyads: %w", err)
	}
	cond := " WHERE e.target_code <> ''"
	if w != "" {
		cond = w + " AND e.target_code <> ''"
	}
	rows, err := s.read().QueryContext(ctx, s.q(`SELECT e.source_code, e.target_code, count(*), sum(e.num_mentions), sum(e.goldstein),
		sum(CASE WHEN e.quad_class <= 2 THEN 1 ELSE 0 END), sum(CASE WHEN e.quad_class >= 3 THEN 1 ELSE 0 END)
		FROM events e`+cond+` GROUP BY e.source_code, e.target_code ORDER BY count(*) DESC, sum(e.num_mentions) DESC, e.source_code, e.target_code LIMIT ?`),
		append(args, limitOf(q))...)
	if err != nil {
		return nil, fmt.Errorf("query dyads: %w", err)
	}
	defer rows.Close()
	var out []DyadCount
	for rows.Next() {
		var d DyadCount
		if err := rows.Scan(&d.Source, &d.Target, &d.Events, &d.Mentions, &d.Goldstein, &d.Coop, &d.Conflict); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Stats counts what is stored.
func (s *SQL) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.read().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM article_sources),
		(SELECT count(*) FROM mentions), (SELECT count(*) FROM events)`).Scan(&st.Articles, &st.Sources, &st.Mentions, &st.Events)
	return st, err
}
