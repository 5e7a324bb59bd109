package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"
)

// A small client of the Chrome DevTools Protocol over --remote-debugging-pipe
// (messages are JSON separated by NUL bytes on file descriptors 3 and 4), so
// the browser tests need no dependency and no port: enough to open a page,
// run script in it, click like a person and take screenshots.

// browser is a headless Chromium driven through its pipe.
type browser struct {
	cmd    *exec.Cmd
	in     io.WriteCloser // our end of the browser's fd 3
	mu     sync.Mutex
	nextID int
	wait   map[int]chan cdpMessage
	stderr *bytes.Buffer
	done   chan struct{}
}

type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// chromiumPath finds the browser: $DYAD_CHROMIUM, else chromium on the PATH.
func chromiumPath() (string, error) {
	if p := os.Getenv("DYAD_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium on the PATH (apt-get install chromium, or set DYAD_CHROMIUM)")
}

// startBrowser starts headless Chromium with a fresh profile and the flags
// that keep it off the network but for the pages it is sent to.
func startBrowser(t *testing.T, path string) *browser {
	t.Helper()
	toBrowser, ourIn, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	ourOut, fromBrowser, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--force-device-scale-factor=1",
		"--window-size=1280,900", "--remote-debugging-pipe", "--user-data-dir="+t.TempDir(), "about:blank")
	cmd.ExtraFiles = []*os.File{toBrowser, fromBrowser} // fds 3 and 4
	b := &browser{cmd: cmd, in: ourIn, wait: map[int]chan cdpMessage{}, stderr: &bytes.Buffer{}, done: make(chan struct{})}
	cmd.Stderr = &lockedWriter{w: b.stderr}
	if err := cmd.Start(); err != nil {
		t.Skipf("chromium does not start: %v", err)
	}
	toBrowser.Close()
	fromBrowser.Close()
	go b.read(ourOut)
	t.Cleanup(func() {
		ourIn.Close()
		if cmd.Process != nil {
			_ = cmd.Process.Kill()
		}
		_ = cmd.Wait()
		ourOut.Close()
	})
	return b
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if lw, ok := l.w.(*bytes.Buffer); ok && lw.Len() > 1<<16 {
		return len(p), nil // keep the first 64 KB only
	}
	return l.w.Write(p)
}

func (b *browser) read(r io.Reader) {
	defer close(b.done)
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		line, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMessage
		if json.Unmarshal(line[:len(line)-1], &m) != nil || m.ID == 0 {
			continue // events are not needed: pages are awaited by polling
		}
		b.mu.Lock()
		ch := b.wait[m.ID]
		delete(b.wait, m.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- m
		}
	}
}

// call sends one command (to the browser, or to a page's session) and
// decodes its result into out.
func (b *browser) call(ctx context.Context, session, method string, params, out any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan cdpMessage, 1)
	b.wait[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	if _, err := b.in.Write(append(data, 0)); err != nil {
		return fmt.Errorf("%s: write to chromium: %w", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("%s: %s", method, m.Error.Message)
		}
		if out != nil {
			return json.Unmarshal(m.Result, out)
		}
		return nil
	case <-b.done:
		return fmt.Errorf("%s: chromium exited: %s", method, b.stderr.String())
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// tab is one page of the browser.
type tab struct {
	b       *browser
	session string
	t       *testing.T
	ctx     context.Context
}

func (b *browser) newTab(ctx context.Context, t *testing.T) *tab {
	t.Helper()
	var target struct{ TargetID string }
	if err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		t.Fatal(err)
	}
	var att struct{ SessionID string }
	if err := b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att); err != nil {
		t.Fatal(err)
	}
	tb := &tab{b: b, session: att.SessionID, t: t, ctx: ctx}
	tb.do("Page.enable", nil, nil)
	tb.do("Emulation.setDeviceMetricsOverride", map[string]any{"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false}, nil)
	return tb
}

func (tb *tab) do(method string, params, out any) {
	tb.t.Helper()
	if err := tb.b.call(tb.ctx, tb.session, method, params, out); err != nil {
		tb.t.Fatal(err)
	}
}

// eval runs a script expression in the page and decodes its value into out.
func (tb *tab) eval(expr string, out any) {
	tb.t.Helper()
	var res struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	tb.do("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &res)
	if res.ExceptionDetails != nil {
		tb.t.Fatalf("script %q: %s %s", expr, res.ExceptionDetails.Text, res.ExceptionDetails.Exception.Description)
	}
	if out != nil && len(res.Result.Value) > 0 {
		if err := json.Unmarshal(res.Result.Value, out); err != nil {
			tb.t.Fatalf("script %q: %v", expr, err)
		}
	}
}

func (tb *tab) str(expr string) string {
	tb.t.Helper()
	var s string
	tb.eval(expr, &s)
	return s
}

func (tb *tab) num(expr string) float64 {
	tb.t.Helper()
	var f float64
	tb.eval(expr, &f)
	return f
}

// open loads an address and waits for the page to be complete.
func (tb *tab) open(url string) {
	tb.t.Helper()
	tb.do("Page.navigate", map[string]any{"url": url}, nil)
	tb.waitFor(func(href string) bool { return href == url })
}

// waitFor waits until the page's address satisfies ok and it has loaded.
func (tb *tab) waitFor(ok func(href string) bool) {
	tb.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var st struct{ Href, State string }
		tb.eval(`({href: location.href, state: document.readyState})`, &st)
		if ok(st.Href) && st.State == "complete" {
			return
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("page did not load: at %s (%s)", st.Href, st.State)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// click clicks the middle of the first element matching a CSS selector
// with the mouse, as a person would, and waits for the next page.
func (tb *tab) click(selector string) {
	tb.t.Helper()
	before := tb.str("location.href")
	var r struct{ X, Y float64 }
	sel, _ := json.Marshal(selector)
	tb.eval(`(() => { const e = document.querySelector(`+string(sel)+`); if (!e) return {X: -1, Y: -1};
		e.scrollIntoView({block: "center"}); const r = e.getBoundingClientRect(); return {X: r.x + r.width / 2, Y: r.y + r.height / 2}; })()`, &r)
	if r.X < 0 {
		tb.t.Fatalf("nothing to click at %s on %s", selector, before)
	}
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		tb.do("Input.dispatchMouseEvent", map[string]any{"type": typ, "x": r.X, "y": r.Y, "button": "left", "clickCount": 1}, nil)
	}
	tb.waitFor(func(href string) bool { return href != before })
}

// screenshot captures the whole page (up to maxHeight pixels) as PNG.
func (tb *tab) screenshot(maxHeight int) []byte {
	tb.t.Helper()
	h := tb.num(`Math.ceil(document.documentElement.scrollHeight)`)
	h = min(h, float64(maxHeight))
	var res struct{ Data string }
	tb.do("Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true,
		"clip": map[string]any{"x": 0, "y": 0, "width": 1280, "height": h, "scale": 1}}, &res)
	png, err := base64.StdEncoding.DecodeString(res.Data)
	if err != nil {
		tb.t.Fatal(err)
	}
	return png
}
