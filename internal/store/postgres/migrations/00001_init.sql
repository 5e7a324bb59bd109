-- dyad's PostgreSQL schema: the same tables as SQLite's (store/sqlite), so
-- that one body of SQL serves both. Dates and times are ISO 8601 text, which
-- sorts as it reads; keys and codes are compared byte-wise (COLLATE "C"),
-- so that prefix ranges and ordering agree with SQLite whatever the
-- database's locale.

-- +goose Up
CREATE TABLE articles (
    id          TEXT COLLATE "C" PRIMARY KEY,
    url         TEXT COLLATE "C" NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    lang        TEXT NOT NULL DEFAULT '',
    published   TEXT COLLATE "C" NOT NULL DEFAULT '',
    place       TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    text_hash   TEXT COLLATE "C" NOT NULL,
    fp          BIGINT NOT NULL,
    fp0         INTEGER NOT NULL,
    fp1         INTEGER NOT NULL,
    fp2         INTEGER NOT NULL,
    fp3         INTEGER NOT NULL,
    ingested_at TEXT COLLATE "C" NOT NULL
);
-- one text is stored once: the last guard behind the writers' advisory locks
CREATE UNIQUE INDEX articles_text_hash ON articles (text_hash);
CREATE INDEX articles_fp0 ON articles (fp0);
CREATE INDEX articles_fp1 ON articles (fp1);
CREATE INDEX articles_fp2 ON articles (fp2);
CREATE INDEX articles_fp3 ON articles (fp3);
CREATE INDEX articles_url ON articles (url);

CREATE TABLE article_sources (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    url        TEXT COLLATE "C" NOT NULL DEFAULT '',
    source     TEXT COLLATE "C" NOT NULL DEFAULT '',
    origin     TEXT COLLATE "C" NOT NULL DEFAULT '',
    seen_at    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, url, source, origin)
);
CREATE INDEX article_sources_url ON article_sources (url);

CREATE TABLE sentences (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_byte INTEGER NOT NULL,
    end_byte   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE events (
    id             TEXT COLLATE "C" PRIMARY KEY,
    bucket         TEXT COLLATE "C" NOT NULL,
    code           TEXT COLLATE "C" NOT NULL,
    root           TEXT COLLATE "C" NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      DOUBLE PRECISION NOT NULL,
    plover_type    TEXT NOT NULL DEFAULT '',
    plover_mode    TEXT NOT NULL DEFAULT '',
    source_code    TEXT COLLATE "C" NOT NULL,
    source_country TEXT COLLATE "C" NOT NULL DEFAULT '',
    source_agent   TEXT COLLATE "C" NOT NULL DEFAULT '',
    source_name    TEXT NOT NULL DEFAULT '',
    target_code    TEXT COLLATE "C" NOT NULL DEFAULT '',
    target_country TEXT COLLATE "C" NOT NULL DEFAULT '',
    target_agent   TEXT COLLATE "C" NOT NULL DEFAULT '',
    target_name    TEXT NOT NULL DEFAULT '',
    date           TEXT COLLATE "C" NOT NULL DEFAULT '',
    date_precision TEXT NOT NULL DEFAULT '',
    loc_name       TEXT NOT NULL DEFAULT '',
    loc_country    TEXT COLLATE "C" NOT NULL DEFAULT '',
    loc_admin1     TEXT NOT NULL DEFAULT '',
    loc_lat        DOUBLE PRECISION,
    loc_lon        DOUBLE PRECISION,
    loc_geoname_id INTEGER NOT NULL DEFAULT 0,
    num_mentions   INTEGER NOT NULL DEFAULT 0,
    num_articles   INTEGER NOT NULL DEFAULT 0,
    num_sources    INTEGER NOT NULL DEFAULT 0,
    first_seen     TEXT COLLATE "C" NOT NULL,
    last_seen      TEXT COLLATE "C" NOT NULL,
    first_mention  TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX events_date_id ON events (date, id);
CREATE INDEX events_source ON events (source_code, date);
CREATE INDEX events_dyad ON events (source_code, target_code, date);
CREATE INDEX events_target ON events (target_code, date);
CREATE INDEX events_source_country ON events (source_country, date);
CREATE INDEX events_target_country ON events (target_country, date);
CREATE INDEX events_root ON events (root, date, id);
-- covers the country network of a period: read from the index alone
CREATE INDEX events_network ON events (date, source_country, target_country, quad_class, root, goldstein, num_mentions);

CREATE TABLE mentions (
    id              TEXT COLLATE "C" PRIMARY KEY,
    event_id        TEXT COLLATE "C" NOT NULL REFERENCES events (id),
    article_id      TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    sentence_idx    INTEGER NOT NULL,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL,
    sentence_text   TEXT NOT NULL,
    code            TEXT COLLATE "C" NOT NULL,
    root            TEXT COLLATE "C" NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       DOUBLE PRECISION NOT NULL,
    plover_type     TEXT NOT NULL DEFAULT '',
    plover_mode     TEXT NOT NULL DEFAULT '',
    source_code     TEXT COLLATE "C" NOT NULL,
    source_country  TEXT COLLATE "C" NOT NULL DEFAULT '',
    source_agent    TEXT COLLATE "C" NOT NULL DEFAULT '',
    source_name     TEXT NOT NULL DEFAULT '',
    source_text     TEXT NOT NULL DEFAULT '',
    source_start    INTEGER NOT NULL DEFAULT 0,
    source_end      INTEGER NOT NULL DEFAULT 0,
    target_code     TEXT COLLATE "C" NOT NULL DEFAULT '',
    target_country  TEXT COLLATE "C" NOT NULL DEFAULT '',
    target_agent    TEXT COLLATE "C" NOT NULL DEFAULT '',
    target_name     TEXT NOT NULL DEFAULT '',
    target_text     TEXT NOT NULL DEFAULT '',
    target_start    INTEGER NOT NULL DEFAULT 0,
    target_end      INTEGER NOT NULL DEFAULT 0,
    trigger_text    TEXT NOT NULL DEFAULT '',
    trigger_start   INTEGER NOT NULL DEFAULT 0,
    trigger_end     INTEGER NOT NULL DEFAULT 0,
    date            TEXT COLLATE "C" NOT NULL DEFAULT '',
    date_precision  TEXT NOT NULL DEFAULT '',
    loc_name        TEXT NOT NULL DEFAULT '',
    loc_country     TEXT COLLATE "C" NOT NULL DEFAULT '',
    loc_admin1      TEXT NOT NULL DEFAULT '',
    loc_lat         DOUBLE PRECISION,
    loc_lon         DOUBLE PRECISION,
    loc_geoname_id  INTEGER NOT NULL DEFAULT 0,
    mode            TEXT NOT NULL DEFAULT '',
    pattern         TEXT NOT NULL DEFAULT '',
    lang            TEXT NOT NULL DEFAULT '',
    created_at      TEXT COLLATE "C" NOT NULL
);
CREATE INDEX mentions_event ON mentions (event_id, date, id);
CREATE INDEX mentions_article ON mentions (article_id);

-- full-text search of evidence sentences: the store folds the text
-- (store.Fold), the 'simple' configuration only splits it into words
CREATE TABLE mention_search (
    mention_id TEXT COLLATE "C" PRIMARY KEY REFERENCES mentions (id) ON DELETE CASCADE,
    event_id   TEXT COLLATE "C" NOT NULL,
    body       TSVECTOR NOT NULL
);
CREATE INDEX mention_search_body ON mention_search USING GIN (body);

-- +goose Down
DROP TABLE mention_search;
DROP TABLE mentions;
DROP TABLE events;
DROP TABLE sentences;
DROP TABLE article_sources;
DROP TABLE articles;
