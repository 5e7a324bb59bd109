package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Errors a fetch may wrap.
var (
	ErrTooLarge = errors.New("response too large")
	ErrStatus   = errors.New("unexpected status")
)

// fetched is the answer to one request.
type fetched struct {
	NotModified  bool
	Body         []byte
	ETag         string
	LastModified string
	ContentType  string
	URL          string        // after redirects
	RetryAfter   time.Duration // from a 429 or 503, 0 if none
}

// fetch GETs an address with a timeout and a size limit, conditionally when
// an ETag or a Last-Modified date is known. A status other than 200 or 304
// is an error wrapping ErrStatus; a body over limit one wrapping ErrTooLarge.
func (w *Watcher) fetch(ctx context.Context, u, accept, etag, lastModified string, limit int64) (*fetched, error) {
	ctx, cancel := context.WithTimeout(ctx, w.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	req.Header.Set("User-Agent", w.opt.UserAgent)
	req.Header.Set("Accept", accept)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := w.opt.Client.Do(req)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("fetch %s: no answer within %s: %w", u, w.opt.Timeout, context.DeadlineExceeded)
		}
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	defer resp.Body.Close()
	f := &fetched{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
		ContentType: resp.Header.Get("Content-Type"), URL: resp.Request.URL.String()}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		f.NotModified = true
		if f.ETag == "" {
			f.ETag = etag
		}
		if f.LastModified == "" {
			f.LastModified = lastModified
		}
		return f, nil
	default:
		err := fmt.Errorf("fetch %s: %w %s", u, ErrStatus, resp.Status)
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			return &fetched{RetryAfter: retryAfter(resp.Header.Get("Retry-After"), w.opt.Now())}, err
		}
		return nil, err
	}
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("fetch %s: %w: %d bytes, over the limit of %d", u, ErrTooLarge, resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("fetch %s: body not read within %s: %w", u, w.opt.Timeout, context.DeadlineExceeded)
		}
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("fetch %s: %w: over the limit of %d bytes", u, ErrTooLarge, limit)
	}
	f.Body = body
	return f, nil
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
