package web

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dyad-events/dyad/internal/store"
)

// DefaultCacheTTL is how long the aggregates of the overview pages (the
// network, the series, the counts) are kept: over a million events a
// year's network is a scan of the year, which several analysts opening the
// home page need not repeat. The lists of events are never cached.
const DefaultCacheTTL = time.Minute

// maxCached bounds the aggregates kept.
const maxCached = 256

// cache keeps query results for a while. It is safe for concurrent use.
type cache struct {
	mu  sync.Mutex
	ttl time.Duration
	m   map[string]cached
}

type cached struct {
	v  any
	at time.Time
}

func newCache(ttl time.Duration) *cache { return &cache{ttl: ttl, m: map[string]cached{}} }

// do returns the result of f for key, from the cache when it is fresh.
func do[T any](c *cache, now time.Time, kind string, q any, f func() (T, error)) (T, error) {
	if c == nil || c.ttl <= 0 {
		return f()
	}
	k, err := json.Marshal(q)
	if err != nil {
		return f()
	}
	key := kind + string(k)
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if ok && now.Sub(e.at) < c.ttl {
		return e.v.(T), nil
	}
	v, err := f()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCached {
		oldest := ""
		for k, e := range c.m {
			if now.Sub(e.at) >= c.ttl {
				delete(c.m, k)
			} else if oldest == "" || e.at.Before(c.m[oldest].at) {
				oldest = k
			}
		}
		if len(c.m) >= maxCached {
			delete(c.m, oldest)
		}
	}
	c.m[key] = cached{v: v, at: now}
	return v, nil
}

func (s *Server) network(ctx context.Context, q store.NetworkQuery) (*store.Network, error) {
	return do(s.cache, time.Now(), "network", q, func() (*store.Network, error) { return s.st.Network(ctx, q) })
}

func (s *Server) series(ctx context.Context, q store.SeriesQuery) (*store.Series, error) {
	return do(s.cache, time.Now(), "series", q, func() (*store.Series, error) { return s.st.Series(ctx, q) })
}

func (s *Server) stats(ctx context.Context) (store.Stats, error) {
	return do(s.cache, time.Now(), "stats", nil, func() (store.Stats, error) { return s.st.Stats(ctx) })
}

func (s *Server) dyads(ctx context.Context, q store.Query) ([]store.DyadCount, error) {
	return do(s.cache, time.Now(), "dyads", q, func() ([]store.DyadCount, error) {
		if !q.Both || q.Source == "" || q.Target == "" {
			return s.st.Dyads(ctx, q)
		}
		// Both directions as two queries, one a direction: each is a range
		// of the (source, target, date) index, where the OR of the two is
		// a scan of the period (seconds over a million events).
		ab, ba := q, q
		ab.Both, ba.Both = false, false
		ba.Source, ba.Target = q.Target, q.Source
		x, err := s.st.Dyads(ctx, ab)
		if err != nil {
			return nil, err
		}
		y, err := s.st.Dyads(ctx, ba)
		if err != nil {
			return nil, err
		}
		return mergeDyads(x, y, q.Limit), nil
	})
}

// mergeDyads merges the dyads of two queries (a dyad in both once), the
// busiest first, at most limit (0: all).
func mergeDyads(x, y []store.DyadCount, limit int) []store.DyadCount {
	seen := map[[2]string]bool{}
	var out []store.DyadCount
	for _, d := range append(x, y...) {
		k := [2]string{d.Source, d.Target}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b store.DyadCount) int {
		if a.Events != b.Events {
			return b.Events - a.Events
		}
		return strings.Compare(a.Source+" "+a.Target, b.Source+" "+b.Target)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
