package store

import (
	"context"
	"crypto/sha1"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/simhash"
)

// SQL is a Store over database/sql, shared by the SQLite and PostgreSQL
// backends: the SQL it writes is the common subset of both, with
// placeholders rewritten for the dialect.
type SQL struct {
	DB      *sql.DB
	Dialect Dialect
	Merge   MergeOptions
	Now     func() time.Time
}

// Dialect is what differs between SQL backends.
type Dialect struct {
	Name string
	// Placeholder returns the n-th (1-based) bind placeholder: ? or $n.
	Placeholder func(n int) string
	// InsertIgnore is the statement prefix/suffix pair for an insert that
	// ignores conflicts.
	IgnorePrefix, IgnoreSuffix string
	// LockArticle, if set, is run in SaveArticle's transaction before the
	// duplicate check, to serialise concurrent writers of one text hash.
	LockArticle func(ctx context.Context, tx *sql.Tx, textHash string) error
}

// q rewrites ? placeholders for the dialect.
func (s *SQL) q(query string) string {
	if s.Dialect.Placeholder == nil {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteString(s.Dialect.Placeholder(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

func (s *SQL) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func textHash(t string) string {
	h := sha1.Sum([]byte(t))
	return hex.EncodeToString(h[:])
}

// Close closes the database.
func (s *SQL) Close() error { return s.DB.Close() }

// HasArticle reports whether an article with this id is stored.
func (s *SQL) HasArticle(ctx context.Context, id string) (bool, error) {
	var n int
	err := s.DB.QueryRowContext(ctx, s.q(`SELECT count(*) FROM articles WHERE id = ?`), id).Scan(&n)
	return n > 0, err
}

// findDuplicate looks for a stored copy: same id, same text, same URL, or
// a near-duplicate fingerprint.
func (s *SQL) findDuplicate(ctx context.Context, tx *sql.Tx, a *model.Article, hash string, fp uint64) (string, error) {
	var id string
	err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM articles WHERE id = ? OR text_hash = ? LIMIT 1`), a.ID, hash).Scan(&id)
	if err == nil {
		return id, nil
	}
	if err != sql.ErrNoRows {
		return "", err
	}
	if a.URL != "" {
		err = tx.QueryRowContext(ctx, s.q(`SELECT article_id FROM article_sources WHERE url = ? LIMIT 1`), a.URL).Scan(&id)
		if err == nil {
			return id, nil
		}
		if err != sql.ErrNoRows {
			return "", err
		}
	}
	if len(a.Text) < 400 {
		return "", nil // short texts (one-sentence records) are compared exactly only
	}
	b := simhash.Bands(fp)
	rows, err := tx.QueryContext(ctx, s.q(`SELECT id, fp FROM articles WHERE fp0 = ? OR fp1 = ? OR fp2 = ? OR fp3 = ? LIMIT 200`), b[0], b[1], b[2], b[3])
	if err != nil {
		return "", err
	}
	defer rows.Close()
	for rows.Next() {
		var cid string
		var cfp int64
		if err := rows.Scan(&cid, &cfp); err != nil {
			return "", err
		}
		if simhash.Distance(uint64(cfp), fp) <= simhash.NearDuplicate {
			return cid, nil
		}
	}
	return "", rows.Err()
}

// SaveArticle stores one article with its sentences and mentions in one transaction.
func (s *SQL) SaveArticle(ctx context.Context, b *Bundle) (res SaveResult, err error) {
	a := b.Article
	if a == nil || a.ID == "" {
		return res, fmt.Errorf("save article: no article id")
	}
	now := s.now()
	nowS := now.Format(time.RFC3339Nano)
	hash := textHash(a.Text)
	fp := simhash.Fingerprint(a.Text)
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("save article %s: %w", a.ID, err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if s.Dialect.LockArticle != nil {
		if err = s.Dialect.LockArticle(ctx, tx, hash); err != nil {
			return res, fmt.Errorf("save article %s: lock: %w", a.ID, err)
		}
	}
	dup, err := s.findDuplicate(ctx, tx, a, hash, fp)
	if err != nil {
		return res, fmt.Errorf("save article %s: duplicate check: %w", a.ID, err)
	}
	if dup != "" {
		res.Duplicate, res.DuplicateOf = true, dup
		n, err2 := s.addSource(ctx, tx, dup, a, nowS)
		if err2 != nil {
			return res, fmt.Errorf("save article %s: %w", a.ID, err2)
		}
		if n > 0 {
			if err = s.recount(ctx, tx, `SELECT DISTINCT event_id FROM mentions WHERE article_id = ?`, []any{dup}, nowS); err != nil {
				return res, fmt.Errorf("save article %s: recount: %w", a.ID, err)
			}
		}
		return res, tx.Commit()
	}
	pub := ""
	if !a.Published.IsZero() {
		pub = a.Published.UTC().Format(time.RFC3339)
	}
	bands := simhash.Bands(fp)
	if _, err = tx.ExecContext(ctx, s.q(`INSERT INTO articles (id, url, source, title, lang, published, place, text, text_hash, fp, fp0, fp1, fp2, fp3, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		a.ID, a.URL, a.Source, a.Title, a.Lang, pub, a.Place, a.Text, hash, int64(fp), bands[0], bands[1], bands[2], bands[3], nowS); err != nil {
		return res, fmt.Errorf("save article %s: %w", a.ID, err)
	}
	if _, err = s.addSource(ctx, tx, a.ID, a, nowS); err != nil {
		return res, fmt.Errorf("save article %s: %w", a.ID, err)
	}
	for _, st := range b.Sentences {
		if _, err = tx.ExecContext(ctx, s.q(`INSERT INTO sentences (article_id, idx, start_byte, end_byte, text) VALUES (?, ?, ?, ?, ?)`),
			a.ID, st.Index, st.Start, st.End, st.Text); err != nil {
			return res, fmt.Errorf("save article %s: sentence %d: %w", a.ID, st.Index, err)
		}
	}
	res.Sentences = len(b.Sentences)
	touched := map[string]bool{}
	var order []string
	for i := range b.Mentions {
		m := &b.Mentions[i]
		eid, bucket := EventKey(m, s.Merge)
		mid := m.ID
		if mid == "" {
			mid = fmt.Sprintf("%s-%d-%d", a.ID, m.Sentence.Index, i)
		}
		mid = a.ID + ":" + mid
		created, err2 := s.ensureEvent(ctx, tx, eid, bucket, m, mid, nowS)
		if err2 != nil {
			return res, fmt.Errorf("save article %s: event: %w", a.ID, err2)
		}
		if created {
			res.NewEvents++
		}
		if err = s.insertMention(ctx, tx, mid, eid, a.ID, m, nowS); err != nil {
			return res, fmt.Errorf("save article %s: mention: %w", a.ID, err)
		}
		if !touched[eid] {
			touched[eid] = true
			order = append(order, eid)
		}
		res.Mentions++
	}
	for _, eid := range order {
		if err = s.recount(ctx, tx, `SELECT ?`, []any{eid}, nowS); err != nil {
			return res, fmt.Errorf("save article %s: recount: %w", a.ID, err)
		}
	}
	if err = tx.Commit(); err != nil {
		return res, fmt.Errorf("save article %s: commit: %w", a.ID, err)
	}
	return res, nil
}

func (s *SQL) addSource(ctx context.Context, tx *sql.Tx, articleID string, a *model.Article, now string) (int64, error) {
	r, err := tx.ExecContext(ctx, s.q(s.Dialect.IgnorePrefix+`INSERT INTO article_sources (article_id, url, source, origin, seen_at) VALUES (?, ?, ?, ?, ?)`+s.Dialect.IgnoreSuffix),
		articleID, a.URL, a.Source, a.Origin, now)
	if err != nil {
		return 0, fmt.Errorf("add source: %w", err)
	}
	return r.RowsAffected()
}

func nullFloat(l *model.Location, lat bool) any {
	if l == nil || (l.Lat == 0 && l.Lon == 0) {
		return nil
	}
	if lat {
		return l.Lat
	}
	return l.Lon
}

func actorCols(a *model.Actor) (code, country, agent, name, text string, start, end int) {
	if a == nil {
		return
	}
	return a.Code, a.Country, a.Agent, a.Name, a.Text, a.Start, a.End
}

func locCols(l *model.Location) (name, country, admin1 string, id int) {
	if l == nil {
		return
	}
	return l.Name, l.Country, l.Admin1, l.GeonameID
}

// ensureEvent creates the event a mention belongs to if it does not exist.
func (s *SQL) ensureEvent(ctx context.Context, tx *sql.Tx, eid, bucket string, m *model.Event, mid, now string) (bool, error) {
	var one int
	err := tx.QueryRowContext(ctx, s.q(`SELECT 1 FROM events WHERE id = ?`), eid).Scan(&one)
	if err == nil {
		return false, nil
	}
	if err != sql.ErrNoRows {
		return false, err
	}
	sc, scn, sag, snm, _, _, _ := actorCols(&m.Source)
	tc, tcn, tag, tnm, _, _, _ := actorCols(m.Target)
	ln, lc, la, lid := locCols(m.Location)
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO events (id, bucket, code, root, quad_class, goldstein, plover_type, plover_mode,
		source_code, source_country, source_agent, source_name, target_code, target_country, target_agent, target_name,
		date, date_precision, loc_name, loc_country, loc_admin1, loc_lat, loc_lon, loc_geoname_id,
		num_mentions, num_articles, num_sources, first_seen, last_seen, first_mention)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?)`),
		eid, bucket, m.Code, m.Root, m.QuadClass, m.Goldstein, m.Plover.Type, m.Plover.Mode,
		sc, scn, sag, snm, tc, tcn, tag, tnm, m.Date, m.DatePrecision, ln, lc, la, nullFloat(m.Location, true), nullFloat(m.Location, false), lid,
		now, now, mid)
	return err == nil, err
}

func (s *SQL) insertMention(ctx context.Context, tx *sql.Tx, mid, eid, articleID string, m *model.Event, now string) error {
	sc, scn, sag, snm, stx, sst, sen := actorCols(&m.Source)
	tc, tcn, tag, tnm, ttx, tst, ten := actorCols(m.Target)
	ln, lc, la, lid := locCols(m.Location)
	_, err := tx.ExecContext(ctx, s.q(s.Dialect.IgnorePrefix+`INSERT INTO mentions (id, event_id, article_id, sentence_idx, sentence_start, sentence_end, sentence_text,
		code, root, quad_class, goldstein, plover_type, plover_mode,
		source_code, source_country, source_agent, source_name, source_text, source_start, source_end,
		target_code, target_country, target_agent, target_name, target_text, target_start, target_end,
		trigger_text, trigger_start, trigger_end, date, date_precision,
		loc_name, loc_country, loc_admin1, loc_lat, loc_lon, loc_geoname_id, mode, pattern, lang, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`+s.Dialect.IgnoreSuffix),
		mid, eid, articleID, m.Sentence.Index, m.Sentence.Start, m.Sentence.End, m.Sentence.Text,
		m.Code, m.Root, m.QuadClass, m.Goldstein, m.Plover.Type, m.Plover.Mode,
		sc, scn, sag, snm, stx, sst, sen, tc, tcn, tag, tnm, ttx, tst, ten,
		m.Trigger.Text, m.Trigger.Start, m.Trigger.End, m.Date, m.DatePrecision,
		ln, lc, la, nullFloat(m.Location, true), nullFloat(m.Location, false), lid, m.Mode, m.Pattern, m.Lang, now)
	return err
}

// recount recomputes the counts of the events the selector query returns.
func (s *SQL) recount(ctx context.Context, tx *sql.Tx, selector string, args []any, now string) error {
	rows, err := tx.QueryContext(ctx, s.q(selector), args...)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		_, err := tx.ExecContext(ctx, s.q(`UPDATE events SET
			num_mentions = (SELECT count(*) FROM mentions WHERE event_id = ?),
			num_articles = (SELECT count(*) FROM article_sources src WHERE src.article_id IN (SELECT article_id FROM mentions WHERE event_id = ?)),
			num_sources = (SELECT count(DISTINCT CASE WHEN src.source <> '' THEN src.source WHEN src.url <> '' THEN src.url ELSE src.origin END)
				FROM article_sources src WHERE src.article_id IN (SELECT article_id FROM mentions WHERE event_id = ?)),
			last_seen = ?
			WHERE id = ?`), id, id, id, now, id)
		if err != nil {
			return err
		}
	}
	return nil
}
