package watch

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// stateVersion is the layout of the state file; a file of another version
// is set aside (renamed) and the watcher starts afresh.
const stateVersion = 1

// FeedState is what the watcher remembers of a source between polls and
// across restarts.
type FeedState struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastPoll     time.Time `json:"last_poll,omitzero"`
	LastSuccess  time.Time `json:"last_success,omitzero"`
	NextPoll     time.Time `json:"next_poll,omitzero"`
	Failures     int       `json:"failures,omitempty"` // consecutive
	LastError    string    `json:"last_error,omitempty"`
	Articles     int       `json:"articles,omitempty"` // stored from this source
	// Seen holds the keys of the items already handled, newest first: a
	// short hash of each item's GUID (else its link, else its text), at
	// most Options.MaxSeen of them beyond those the feed still lists.
	Seen []string `json:"seen,omitempty"`
}

type stateFile struct {
	Version int                   `json:"version"`
	Saved   time.Time             `json:"saved"`
	Feeds   map[string]*FeedState `json:"feeds"`
}

// loadState reads the state file; a missing file is an empty state. A file
// that cannot be read as state is renamed FILE.bad-TIME so that nothing is
// lost, and an empty state is returned with the error for the log.
func loadState(path string, now time.Time) (map[string]*FeedState, error) {
	feeds := map[string]*FeedState{}
	if path == "" {
		return feeds, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return feeds, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read watch state: %w", err)
	}
	var sf stateFile
	if err := json.Unmarshal(b, &sf); err != nil || sf.Version != stateVersion {
		bad := fmt.Sprintf("%s.bad-%s", path, now.UTC().Format("20060102T150405"))
		if rerr := os.Rename(path, bad); rerr != nil {
			return nil, fmt.Errorf("watch state %s is unreadable and cannot be set aside: %w", path, rerr)
		}
		if err == nil {
			err = fmt.Errorf("version %d, want %d", sf.Version, stateVersion)
		}
		return feeds, fmt.Errorf("watch state %s set aside as %s: %w", path, bad, err)
	}
	for u, st := range sf.Feeds {
		if st != nil {
			st.URL = u
			feeds[u] = st
		}
	}
	return feeds, nil
}

// writeState writes the state atomically: to a temporary file in the same
// directory, synced, then renamed over the old one, so that a crash leaves
// either the old state or the new, never half of one.
func writeState(path string, sf *stateFile) error {
	b, err := json.MarshalIndent(sf, "", " ")
	if err != nil {
		return fmt.Errorf("write watch state: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write watch state: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write watch state: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write watch state: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write watch state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write watch state: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write watch state: %w", err)
	}
	return nil
}

// itemKey is the short hash under which an item is remembered.
func itemKey(parts ...string) string {
	h := sha1.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// mergeSeen returns the keys to remember after a poll: those the feed lists
// now (so none of them is handled twice however long the feed is), then the
// older ones, up to max in all.
func mergeSeen(current, old []string, max int) []string {
	out := make([]string, 0, min(len(current)+len(old), max+len(current)))
	in := make(map[string]bool, len(current))
	for _, k := range current {
		if !in[k] {
			in[k] = true
			out = append(out, k)
		}
	}
	for _, k := range old {
		if len(out) >= max {
			break
		}
		if !in[k] {
			in[k] = true
			out = append(out, k)
		}
	}
	return out
}
