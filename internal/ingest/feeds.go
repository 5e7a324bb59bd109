package ingest

import (
	"bytes"
	"fmt"
	"io"
)

// looksLikeFeed: an RSS, Atom or RDF document.
func looksLikeFeed(h []byte) bool {
	head := h[:min(len(h), 2048)]
	return bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed")) || bytes.Contains(head, []byte("<rdf:RDF"))
}

func readFeed(name string, r io.Reader, size int64, opt Options, h Handler) error {
	return h(nil, &InputError{Origin: name, Err: fmt.Errorf("%w: feeds are not read yet", ErrFormat)})
}
