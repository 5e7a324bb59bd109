-- Full-text search over evidence sentences, indexes for stable (keyset)
-- paging and dyad series, and the text hash made unique so that two writers
-- can never store one text twice.

-- +goose Up
-- body is the sentence folded by the store (store.Fold): lower case, no
-- accents, words separated by spaces. Rows already stored are indexed from
-- their text, which the tokenizer folds the same way.
CREATE VIRTUAL TABLE mention_search USING fts5(
    mention_id UNINDEXED,
    event_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO mention_search (mention_id, event_id, body) SELECT id, event_id, sentence_text FROM mentions;
-- +goose StatementBegin
CREATE TRIGGER mentions_search_delete AFTER DELETE ON mentions BEGIN
    DELETE FROM mention_search WHERE mention_id = old.id;
END;
-- +goose StatementEnd

DROP INDEX events_date;
CREATE INDEX events_date_id ON events (date, id);
-- the date in these lets a range of codes be checked against dates in the
-- index, before the rows are read
DROP INDEX events_source;
CREATE INDEX events_source ON events (source_code, date);
CREATE INDEX events_dyad ON events (source_code, target_code, date);
DROP INDEX events_target;
CREATE INDEX events_target ON events (target_code, date);
CREATE INDEX events_source_country ON events (source_country, date);
CREATE INDEX events_target_country ON events (target_country, date);
DROP INDEX events_root;
CREATE INDEX events_root ON events (root, date, id);
-- covers the country network of a period: read from the index alone
CREATE INDEX events_network ON events (date, source_country, target_country, quad_class, root, goldstein, num_mentions);
DROP INDEX articles_text_hash;
CREATE UNIQUE INDEX articles_text_hash ON articles (text_hash);
DROP INDEX mentions_event;
CREATE INDEX mentions_event ON mentions (event_id, date, id);

-- +goose Down
DROP INDEX mentions_event;
CREATE INDEX mentions_event ON mentions (event_id);
DROP INDEX articles_text_hash;
CREATE INDEX articles_text_hash ON articles (text_hash);
DROP INDEX events_network;
DROP INDEX events_root;
CREATE INDEX events_root ON events (root, date);
DROP INDEX events_target_country;
DROP INDEX events_source_country;
DROP INDEX events_target;
CREATE INDEX events_target ON events (target_code);
DROP INDEX events_dyad;
DROP INDEX events_source;
CREATE INDEX events_source ON events (source_code);
DROP INDEX events_date_id;
CREATE INDEX events_date ON events (date);
DROP TRIGGER mentions_search_delete;
DROP TABLE mention_search;
