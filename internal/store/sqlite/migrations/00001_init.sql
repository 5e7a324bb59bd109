-- +goose Up
CREATE TABLE articles (
    id          TEXT PRIMARY KEY,
    url         TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    lang        TEXT NOT NULL DEFAULT '',
    published   TEXT NOT NULL DEFAULT '',
    place       TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    text_hash   TEXT NOT NULL,
    fp          INTEGER NOT NULL,
    fp0         INTEGER NOT NULL,
    fp1         INTEGER NOT NULL,
    fp2         INTEGER NOT NULL,
    fp3         INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_text_hash ON articles (text_hash);
CREATE INDEX articles_fp0 ON articles (fp0);
CREATE INDEX articles_fp1 ON articles (fp1);
CREATE INDEX articles_fp2 ON articles (fp2);
CREATE INDEX articles_fp3 ON articles (fp3);
CREATE INDEX articles_url ON articles (url);

CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    url        TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT '',
    origin     TEXT NOT NULL DEFAULT '',
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (article_id, url, source, origin)
);
CREATE INDEX article_sources_url ON article_sources (url);

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_byte INTEGER NOT NULL,
    end_byte   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE events (
    id             TEXT PRIMARY KEY,
    bucket         TEXT NOT NULL,
    code           TEXT NOT NULL,
    root           TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    plover_type    TEXT NOT NULL DEFAULT '',
    plover_mode    TEXT NOT NULL DEFAULT '',
    source_code    TEXT NOT NULL,
    source_country TEXT NOT NULL DEFAULT '',
    source_agent   TEXT NOT NULL DEFAULT '',
    source_name    TEXT NOT NULL DEFAULT '',
    target_code    TEXT NOT NULL DEFAULT '',
    target_country TEXT NOT NULL DEFAULT '',
    target_agent   TEXT NOT NULL DEFAULT '',
    target_name    TEXT NOT NULL DEFAULT '',
    date           TEXT NOT NULL DEFAULT '',
    date_precision TEXT NOT NULL DEFAULT '',
    loc_name       TEXT NOT NULL DEFAULT '',
    loc_country    TEXT NOT NULL DEFAULT '',
    loc_admin1     TEXT NOT NULL DEFAULT '',
    loc_lat        REAL,
    loc_lon        REAL,
    loc_geoname_id INTEGER NOT NULL DEFAULT 0,
    num_mentions   INTEGER NOT NULL DEFAULT 0,
    num_articles   INTEGER NOT NULL DEFAULT 0,
    num_sources    INTEGER NOT NULL DEFAULT 0,
    first_seen     TEXT NOT NULL,
    last_seen      TEXT NOT NULL,
    first_mention  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_source ON events (source_code);
CREATE INDEX events_target ON events (target_code);
CREATE INDEX events_root ON events (root, date);

CREATE TABLE mentions (
    id              TEXT PRIMARY KEY,
    event_id        TEXT NOT NULL REFERENCES events (id),
    article_id      TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    sentence_idx    INTEGER NOT NULL,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL,
    sentence_text   TEXT NOT NULL,
    code            TEXT NOT NULL,
    root            TEXT NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       REAL NOT NULL,
    plover_type     TEXT NOT NULL DEFAULT '',
    plover_mode     TEXT NOT NULL DEFAULT '',
    source_code     TEXT NOT NULL,
    source_country  TEXT NOT NULL DEFAULT '',
    source_agent    TEXT NOT NULL DEFAULT '',
    source_name     TEXT NOT NULL DEFAULT '',
    source_text     TEXT NOT NULL DEFAULT '',
    source_start    INTEGER NOT NULL DEFAULT 0,
    source_end      INTEGER NOT NULL DEFAULT 0,
    target_code     TEXT NOT NULL DEFAULT '',
    target_country  TEXT NOT NULL DEFAULT '',
    target_agent    TEXT NOT NULL DEFAULT '',
    target_name     TEXT NOT NULL DEFAULT '',
    target_text     TEXT NOT NULL DEFAULT '',
    target_start    INTEGER NOT NULL DEFAULT 0,
    target_end      INTEGER NOT NULL DEFAULT 0,
    trigger_text    TEXT NOT NULL DEFAULT '',
    trigger_start   INTEGER NOT NULL DEFAULT 0,
    trigger_end     INTEGER NOT NULL DEFAULT 0,
    date            TEXT NOT NULL DEFAULT '',
    date_precision  TEXT NOT NULL DEFAULT '',
    loc_name        TEXT NOT NULL DEFAULT '',
    loc_country     TEXT NOT NULL DEFAULT '',
    loc_admin1      TEXT NOT NULL DEFAULT '',
    loc_lat         REAL,
    loc_lon         REAL,
    loc_geoname_id  INTEGER NOT NULL DEFAULT 0,
    mode            TEXT NOT NULL DEFAULT '',
    pattern         TEXT NOT NULL DEFAULT '',
    lang            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE INDEX mentions_article ON mentions (article_id);

-- +goose Down
DROP TABLE mentions;
DROP TABLE events;
DROP TABLE sentences;
DROP TABLE article_sources;
DROP TABLE articles;
