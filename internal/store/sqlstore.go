package store

import (
	"context"
	"crypto/sha1"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/simhash"
)

// SQL is a Store over database/sql, shared by the SQLite and PostgreSQL
// backends: the SQL it writes is the common subset of both, with
// placeholders rewritten for the dialect; what differs is in Dialect.
type SQL struct {
	DB *sql.DB // writes (and reads when Read is nil)
	// Read, if set, serves the queries, so that reads do not wait for the
	// single SQLite writer.
	Read    *sql.DB
	Dialect Dialect
	Merge   MergeOptions
	Now     func() time.Time
	Log     *slog.Logger
}

// Dialect is what differs between SQL backends.
type Dialect struct {
	Name string
	// Placeholder returns the n-th (1-based) bind placeholder: ? or $n.
	Placeholder func(n int) string
	// LockKeys, if set, is run first in every write transaction with the
	// sorted advisory lock keys of the articles it saves (ids, text hashes,
	// URLs, fingerprint bands): two writers that could find each other's
	// article a duplicate take a common key and so run one after the other.
	LockKeys func(ctx context.Context, tx *sql.Tx, keys []int64) error
	// LockRows, if set, is the locking clause ("FOR NO KEY UPDATE") with
	// which a writer locks the events it recounts, in id order, so that its
	// recount sees every mention committed before it.
	LockRows string
	// SearchInsert is the row template of the search index insert, with
	// three placeholders: mention id, event id, folded text.
	SearchInsert string
	// SearchMatch returns the condition (over events alias e) selecting
	// events whose evidence has the words, and its one argument.
	SearchMatch func(words []SearchWord) (cond string, arg any)
	// PlanHints makes queries tell the planner whether to read events by
	// date or look their actors up (with SQLite's unary +), for a planner
	// without statistics fine enough to choose.
	PlanHints bool
	// Prepare makes a write transaction prepare each statement once and reuse
	// it, for a driver that does not cache prepared statements itself.
	Prepare bool
	// Optimize is the statement that refreshes the planner's statistics.
	Optimize string
	// Retryable reports whether a failed transaction may succeed if run
	// again (a deadlock, a serialisation failure, a busy database).
	Retryable func(err error) bool
}

// maxArgs bounds the bind arguments of one statement (SQLite allows 32766,
// PostgreSQL 65535).
const maxArgs = 30000

// q rewrites ? placeholders for the dialect.
func (s *SQL) q(query string) string {
	if s.Dialect.Placeholder == nil {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + len(query)/8)
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

func (s *SQL) read() *sql.DB {
	if s.Read != nil {
		return s.Read
	}
	return s.DB
}

// wtx is a write transaction. With Dialect.Prepare it prepares each
// statement once: a batch runs the same few statements many times.
type wtx struct {
	*sql.Tx
	s     *SQL
	stmts map[string]*sql.Stmt
}

func (t *wtx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.Tx.PrepareContext(ctx, t.s.q(query))
	if err != nil {
		return nil, err
	}
	t.stmts[query] = st
	return st, nil
}

func (t *wtx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if !t.s.Dialect.Prepare {
		return t.Tx.ExecContext(ctx, t.s.q(query), args...)
	}
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (t *wtx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if !t.s.Dialect.Prepare {
		return t.Tx.QueryContext(ctx, t.s.q(query), args...)
	}
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func textHash(t string) string {
	h := sha1.Sum([]byte(t))
	return hex.EncodeToString(h[:])
}

// Close closes the database.
func (s *SQL) Close() error {
	var err error
	if s.Read != nil {
		err = s.Read.Close()
	}
	return errors.Join(err, s.DB.Close())
}

// Optimize refreshes the statistics the query planner uses, for after a
// bulk load (a PostgreSQL database that keeps growing gets them from
// autovacuum; the SQLite store keeps none: see its Dialect).
func (s *SQL) Optimize(ctx context.Context) error {
	if s.Dialect.Optimize == "" {
		return nil
	}
	if _, err := s.DB.ExecContext(ctx, s.Dialect.Optimize); err != nil {
		return fmt.Errorf("optimize: %w", err)
	}
	return nil
}

// Ping checks that the database answers.
func (s *SQL) Ping(ctx context.Context) error { return s.read().PingContext(ctx) }

// HasArticle reports whether an article with this id is stored.
func (s *SQL) HasArticle(ctx context.Context, id string) (bool, error) {
	var n int
	err := s.read().QueryRowContext(ctx, s.q(`SELECT count(*) FROM articles WHERE id = ?`), id).Scan(&n)
	return n > 0, err
}

// nearDupMinLen is the shortest text compared by fingerprint: shorter ones
// (one-sentence records) are compared exactly only.
const nearDupMinLen = 400

// prepared is what SaveArticles works out for a bundle before it starts.
type prepared struct {
	b    *Bundle
	hash string
	fp   uint64
}

// lockKeys are the advisory lock keys of an article: every way the duplicate
// check could match it to another article.
func lockKeys(p *prepared) []int64 {
	key := func(parts ...string) int64 {
		h := fnv.New64a()
		h.Write([]byte("dyad"))
		for _, s := range parts {
			h.Write([]byte{0})
			h.Write([]byte(s))
		}
		return int64(h.Sum64())
	}
	a := p.b.Article
	keys := []int64{key("id", a.ID), key("hash", p.hash)}
	if a.URL != "" {
		keys = append(keys, key("url", a.URL))
	}
	if len(a.Text) >= nearDupMinLen {
		// two fingerprints within simhash.NearDuplicate bits share a band
		for i, b := range simhash.Bands(p.fp) {
			keys = append(keys, key("band", strconv.Itoa(i), strconv.FormatInt(b, 10)))
		}
	}
	return keys
}

// findDuplicate looks for a stored copy: same id, same text, same URL, or
// a near-duplicate fingerprint.
func (s *SQL) findDuplicate(ctx context.Context, tx *wtx, p *prepared) (string, error) {
	a := p.b.Article
	rows, err := tx.query(ctx, `SELECT id, 0 FROM articles WHERE id = ? OR text_hash = ?
		UNION ALL SELECT article_id, 1 FROM article_sources WHERE url = ? AND url <> ''
		ORDER BY 2 LIMIT 1`, a.ID, p.hash, a.URL)
	if err != nil {
		return "", err
	}
	var id string
	var prio int
	if rows.Next() {
		err = rows.Scan(&id, &prio)
	}
	rows.Close()
	if err != nil || id != "" {
		return id, err
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if len(a.Text) < nearDupMinLen {
		return "", nil
	}
	b := simhash.Bands(p.fp)
	rows, err = tx.query(ctx, `SELECT id, fp FROM articles WHERE fp0 = ? OR fp1 = ? OR fp2 = ? OR fp3 = ? ORDER BY id LIMIT 200`, b[0], b[1], b[2], b[3])
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
		if simhash.Distance(uint64(cfp), p.fp) <= simhash.NearDuplicate {
			return cid, nil
		}
	}
	return "", rows.Err()
}

// SaveArticle stores one article with its sentences and mentions in one transaction.
func (s *SQL) SaveArticle(ctx context.Context, b *Bundle) (SaveResult, error) {
	res, err := s.SaveArticles(ctx, []*Bundle{b})
	if err != nil {
		return SaveResult{}, err
	}
	return res[0], nil
}

// maxAttempts bounds how often a transaction that failed for a retryable
// reason (a deadlock, a busy database) is run again.
const maxAttempts = 5

// SaveArticles stores articles in one transaction, all or none.
func (s *SQL) SaveArticles(ctx context.Context, bs []*Bundle) ([]SaveResult, error) {
	ps := make([]prepared, len(bs))
	for i, b := range bs {
		if b == nil || b.Article == nil || b.Article.ID == "" {
			return nil, fmt.Errorf("save article: no article id")
		}
		ps[i] = prepared{b: b, hash: textHash(b.Article.Text), fp: simhash.Fingerprint(b.Article.Text)}
	}
	for attempt := 1; ; attempt++ {
		res, err := s.save(ctx, ps)
		if err == nil || attempt == maxAttempts || s.Dialect.Retryable == nil || !s.Dialect.Retryable(err) || ctx.Err() != nil {
			return res, err
		}
		if s.Log != nil {
			s.Log.Debug("save: retrying transaction", slog.Int("attempt", attempt), slog.Any("err", err))
		}
		select {
		case <-time.After(time.Duration(attempt*attempt) * 10 * time.Millisecond):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// mentionRow is a mention about to be inserted.
type mentionRow struct {
	id, eventID, bucket string
	articleID           string
	article             int // index in the batch
	m                   *model.Event
}

// save runs one attempt of SaveArticles. Its steps and their order are what
// make concurrent writers safe (docs/DESIGN.md, "Store"): advisory locks
// first, then the articles, then the events inserted in id order, then the
// mentions, then the touched events locked in id order and recounted.
func (s *SQL) save(ctx context.Context, ps []prepared) (res []SaveResult, err error) {
	res = make([]SaveResult, len(ps))
	now := s.now().Format(time.RFC3339Nano)
	name := ps[0].b.Article.ID
	if len(ps) > 1 {
		name = fmt.Sprintf("%s (+%d more)", name, len(ps)-1)
	}
	sqltx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("save article %s: %w", name, err)
	}
	tx := &wtx{Tx: sqltx, s: s, stmts: map[string]*sql.Stmt{}}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if s.Dialect.LockKeys != nil {
		var keys []int64
		for i := range ps {
			keys = append(keys, lockKeys(&ps[i])...)
		}
		slices.Sort(keys)
		if err = s.Dialect.LockKeys(ctx, tx.Tx, slices.Compact(keys)); err != nil {
			return nil, fmt.Errorf("save article %s: lock: %w", name, err)
		}
	}

	// articles: each checked against those stored and those before it in the batch
	var gained []string // stored articles that gained a source
	var mentions []mentionRow
	var sentences []sentenceRow
	seen := map[string]bool{}
	for i := range ps {
		p := &ps[i]
		a := p.b.Article
		dup, err := s.findDuplicate(ctx, tx, p)
		if err != nil {
			return nil, fmt.Errorf("save article %s: duplicate check: %w", a.ID, err)
		}
		if dup != "" {
			res[i].Duplicate, res[i].DuplicateOf = true, dup
			n, err := s.addSource(ctx, tx, dup, a, now)
			if err != nil {
				return nil, fmt.Errorf("save article %s: %w", a.ID, err)
			}
			if n > 0 {
				gained = append(gained, dup)
			}
			continue
		}
		if err := s.insertArticle(ctx, tx, p, now); err != nil {
			return nil, fmt.Errorf("save article %s: %w", a.ID, err)
		}
		res[i].Sentences = len(p.b.Sentences)
		for j := range p.b.Sentences {
			sentences = append(sentences, sentenceRow{a.ID, &p.b.Sentences[j]})
		}
		for j := range p.b.Mentions {
			m := &p.b.Mentions[j]
			eid, bucket := EventKey(m, s.Merge)
			mid := m.ID
			if mid == "" {
				mid = fmt.Sprintf("%s-%d-%d", a.ID, m.Sentence.Index, j)
			}
			mid = a.ID + ":" + mid
			if seen[mid] {
				continue // the coder gave two mentions one id: the first stands
			}
			seen[mid] = true
			mentions = append(mentions, mentionRow{id: mid, eventID: eid, bucket: bucket, articleID: a.ID, article: i, m: m})
			res[i].Mentions++
		}
	}

	if err = s.insertRows(ctx, tx, `INSERT INTO sentences (article_id, idx, start_byte, end_byte, text) VALUES `, "(?, ?, ?, ?, ?)", 5, "",
		len(sentences), func(i int, args []any) []any {
			st := sentences[i].s
			return append(args, sentences[i].article, st.Index, st.Start, st.End, st.Text)
		}, nil); err != nil {
		return nil, fmt.Errorf("save article %s: sentences: %w", name, err)
	}

	// events, inserted in id order so that concurrent writers wait for each
	// other in one order and cannot deadlock
	first := map[string]*mentionRow{}
	var eids []string
	for i := range mentions {
		if first[mentions[i].eventID] == nil {
			first[mentions[i].eventID] = &mentions[i]
			eids = append(eids, mentions[i].eventID)
		}
	}
	slices.Sort(eids)
	created, err := s.insertEvents(ctx, tx, eids, first, now)
	if err != nil {
		return nil, fmt.Errorf("save article %s: events: %w", name, err)
	}
	for _, eid := range eids {
		if created[eid] {
			res[first[eid].article].NewEvents++
		}
	}
	if err = s.insertMentions(ctx, tx, mentions, now); err != nil {
		return nil, fmt.Errorf("save article %s: mentions: %w", name, err)
	}

	// recount every event whose mentions or sources changed
	touched := eids
	if len(gained) > 0 {
		more, err := s.eventsOf(ctx, tx, gained)
		if err != nil {
			return nil, fmt.Errorf("save article %s: recount: %w", name, err)
		}
		touched = append(eids, more...)
		slices.Sort(touched)
		touched = slices.Compact(touched)
	}
	if err = s.recount(ctx, tx, touched, now); err != nil {
		return nil, fmt.Errorf("save article %s: recount: %w", name, err)
	}
	if err = tx.Commit(); err != nil {
		return nil, fmt.Errorf("save article %s: commit: %w", name, err)
	}
	return res, nil
}

func (s *SQL) insertArticle(ctx context.Context, tx *wtx, p *prepared, now string) error {
	a := p.b.Article
	pub := ""
	if !a.Published.IsZero() {
		pub = a.Published.UTC().Format(time.RFC3339)
	}
	bands := simhash.Bands(p.fp)
	if _, err := tx.exec(ctx, `INSERT INTO articles (id, url, source, title, lang, published, place, text, text_hash, fp, fp0, fp1, fp2, fp3, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.URL, a.Source, a.Title, a.Lang, pub, a.Place, a.Text, p.hash, int64(p.fp), bands[0], bands[1], bands[2], bands[3], now); err != nil {
		return err
	}
	_, err := s.addSource(ctx, tx, a.ID, a, now)
	return err
}

// sentenceRow is a sentence about to be inserted.
type sentenceRow struct {
	article string
	s       *model.Sentence
}

// insertRows inserts n rows with multi-row INSERT statements: prefix, then
// the row template repeated, then suffix. row appends the arguments of row
// i. If returned is set, it gets the first column of each row the
// statement returns.
func (s *SQL) insertRows(ctx context.Context, tx *wtx, prefix, row string, cols int, suffix string, n int,
	rowArgs func(i int, args []any) []any, returned func(string)) error {
	per := max(1, min(500, maxArgs/cols))
	for start := 0; start < n; start += per {
		end := min(n, start+per)
		var b strings.Builder
		b.WriteString(prefix)
		args := make([]any, 0, (end-start)*cols)
		for i := start; i < end; i++ {
			if i > start {
				b.WriteString(", ")
			}
			b.WriteString(row)
			args = rowArgs(i, args)
		}
		b.WriteString(suffix)
		if returned == nil {
			if _, err := tx.exec(ctx, b.String(), args...); err != nil {
				return err
			}
			continue
		}
		rows, err := tx.query(ctx, b.String(), args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return err
			}
			returned(v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func (s *SQL) addSource(ctx context.Context, tx *wtx, articleID string, a *model.Article, now string) (int64, error) {
	r, err := tx.exec(ctx, `INSERT INTO article_sources (article_id, url, source, origin, seen_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
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

// insertEvents creates the events (in the order of eids) that do not exist
// yet, from their first mention in the batch, and says which it created.
// Their counts and the fields taken from their representative mention are
// set by recount.
func (s *SQL) insertEvents(ctx context.Context, tx *wtx, eids []string, first map[string]*mentionRow, now string) (map[string]bool, error) {
	created := map[string]bool{}
	err := s.insertRows(ctx, tx, `INSERT INTO events (id, bucket, code, root, quad_class, goldstein, plover_type, plover_mode,
		source_code, source_country, source_agent, source_name, target_code, target_country, target_agent, target_name,
		date, date_precision, loc_name, loc_country, loc_admin1, loc_lat, loc_lon, loc_geoname_id,
		num_mentions, num_articles, num_sources, first_seen, last_seen, first_mention) VALUES `,
		"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?)", 27,
		" ON CONFLICT DO NOTHING RETURNING id", len(eids),
		func(i int, args []any) []any {
			r := first[eids[i]]
			m := r.m
			sc, scn, sag, snm, _, _, _ := actorCols(&m.Source)
			tc, tcn, tag, tnm, _, _, _ := actorCols(m.Target)
			ln, lc, la, lid := locCols(m.Location)
			return append(args, r.eventID, r.bucket, m.Code, m.Root, m.QuadClass, m.Goldstein, m.Plover.Type, m.Plover.Mode,
				sc, scn, sag, snm, tc, tcn, tag, tnm, m.Date, m.DatePrecision, ln, lc, la, nullFloat(m.Location, true), nullFloat(m.Location, false), lid,
				now, now, r.id)
		}, func(id string) { created[id] = true })
	return created, err
}

func (s *SQL) insertMentions(ctx context.Context, tx *wtx, ms []mentionRow, now string) error {
	err := s.insertRows(ctx, tx, `INSERT INTO mentions (id, event_id, article_id, sentence_idx, sentence_start, sentence_end, sentence_text,
		code, root, quad_class, goldstein, plover_type, plover_mode,
		source_code, source_country, source_agent, source_name, source_text, source_start, source_end,
		target_code, target_country, target_agent, target_name, target_text, target_start, target_end,
		trigger_text, trigger_start, trigger_end, date, date_precision,
		loc_name, loc_country, loc_admin1, loc_lat, loc_lon, loc_geoname_id, mode, pattern, lang, created_at) VALUES `,
		"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 42,
		" ON CONFLICT DO NOTHING", len(ms),
		func(i int, args []any) []any {
			r := &ms[i]
			m := r.m
			sc, scn, sag, snm, stx, sst, sen := actorCols(&m.Source)
			tc, tcn, tag, tnm, ttx, tst, ten := actorCols(m.Target)
			ln, lc, la, lid := locCols(m.Location)
			return append(args, r.id, r.eventID, r.articleID, m.Sentence.Index, m.Sentence.Start, m.Sentence.End, m.Sentence.Text,
				m.Code, m.Root, m.QuadClass, m.Goldstein, m.Plover.Type, m.Plover.Mode,
				sc, scn, sag, snm, stx, sst, sen, tc, tcn, tag, tnm, ttx, tst, ten,
				m.Trigger.Text, m.Trigger.Start, m.Trigger.End, m.Date, m.DatePrecision,
				ln, lc, la, nullFloat(m.Location, true), nullFloat(m.Location, false), lid, m.Mode, m.Pattern, m.Lang, now)
		}, nil)
	if err != nil || s.Dialect.SearchInsert == "" {
		return err
	}
	return s.insertRows(ctx, tx, `INSERT INTO mention_search (mention_id, event_id, body) VALUES `, s.Dialect.SearchInsert, 3, "", len(ms),
		func(i int, args []any) []any {
			return append(args, ms[i].id, ms[i].eventID, Fold(ms[i].m.Sentence.Text))
		}, nil)
}

// eventsOf returns the events the articles' mentions belong to.
func (s *SQL) eventsOf(ctx context.Context, tx *wtx, articles []string) ([]string, error) {
	rows, err := tx.query(ctx, `SELECT DISTINCT event_id FROM mentions WHERE article_id IN (`+placeholders(len(articles))+`)`, anys(articles)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// recount recomputes the counts of events (sorted ids) from their mentions
// and sources, and takes their date, code, place and evidence from their
// representative mention: the earliest dated, then the smallest id, so the
// stored event does not depend on the order its mentions arrived in.
func (s *SQL) recount(ctx context.Context, tx *wtx, ids []string, now string) error {
	const chunk = 500
	for start := 0; start < len(ids); start += chunk {
		part := anys(ids[start:min(len(ids), start+chunk)])
		in := placeholders(len(part))
		if s.Dialect.LockRows != "" {
			// a statement begun after the locks are held sees every mention
			// committed before: the recount below cannot miss one
			rows, err := tx.query(ctx, `SELECT id FROM events WHERE id IN (`+in+`) ORDER BY id `+s.Dialect.LockRows, part...)
			if err != nil {
				return fmt.Errorf("lock events: %w", err)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("lock events: %w", err)
			}
		}
		if _, err := tx.exec(ctx, `UPDATE events SET
			num_mentions = (SELECT count(*) FROM mentions m WHERE m.event_id = events.id),
			num_articles = (SELECT count(*) FROM (SELECT DISTINCT m.article_id FROM mentions m WHERE m.event_id = events.id) a
				JOIN article_sources src ON src.article_id = a.article_id),
			num_sources = (SELECT count(DISTINCT CASE WHEN src.source <> '' THEN src.source WHEN src.url <> '' THEN src.url ELSE src.origin END)
				FROM (SELECT DISTINCT m.article_id FROM mentions m WHERE m.event_id = events.id) a
				JOIN article_sources src ON src.article_id = a.article_id),
			(first_mention, code, root, quad_class, goldstein, plover_type, plover_mode,
				source_country, source_agent, source_name, target_country, target_agent, target_name,
				date, date_precision, loc_name, loc_country, loc_admin1, loc_lat, loc_lon, loc_geoname_id) =
			(SELECT m.id, m.code, m.root, m.quad_class, m.goldstein, m.plover_type, m.plover_mode,
				m.source_country, m.source_agent, m.source_name, m.target_country, m.target_agent, m.target_name,
				m.date, m.date_precision, m.loc_name, m.loc_country, m.loc_admin1, m.loc_lat, m.loc_lon, m.loc_geoname_id
				FROM mentions m WHERE m.event_id = events.id ORDER BY m.date, m.id LIMIT 1),
			last_seen = ?
			WHERE id IN (`+in+`)`, append([]any{now}, part...)...); err != nil {
			return fmt.Errorf("count: %w", err)
		}
	}
	return nil
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
