package httpapi_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// docExample is one curl command of docs/API.md with the answer shown
// after it.
type docExample struct {
	line   int
	cmd    string
	status int
	body   string
}

var responseLine = regexp.MustCompile("^Response `(\\d{3})")

// readDocExamples finds the examples of an API document: a ```sh block with
// one curl command, then a line "Response `STATUS ...`:", then a ```json
// block with (part of) the answer.
func readDocExamples(t *testing.T, path string) []docExample {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []docExample
	var cur *docExample
	var block []string
	lang, inBlock := "", false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case !inBlock && strings.HasPrefix(line, "```"):
			inBlock, lang, block = true, strings.TrimPrefix(line, "```"), nil
		case inBlock && line == "```":
			inBlock = false
			text := strings.Join(block, "\n")
			switch {
			case lang == "sh" && strings.Contains(text, "curl "):
				if cur != nil {
					t.Fatalf("%s:%d: the example before has no answer", path, cur.line)
				}
				cmd := strings.ReplaceAll(text, "\\\n", " ")
				if strings.Count(cmd, "curl ") != 1 {
					t.Fatalf("%s:%d: one curl command a block", path, n)
				}
				cur = &docExample{line: n - len(block), cmd: strings.TrimSpace(cmd)}
			case lang == "json" && cur != nil && cur.status != 0:
				cur.body = text
				out = append(out, *cur)
				cur = nil
			case lang == "json" && cur != nil:
				t.Fatalf("%s:%d: an answer with no Response line before it", path, n)
			}
		case inBlock:
			block = append(block, line)
		case responseLine.MatchString(line):
			if cur == nil {
				t.Fatalf("%s:%d: a Response line with no curl example before it", path, n)
			}
			cur.status, _ = strconv.Atoi(responseLine.FindStringSubmatch(line)[1])
		}
	}
	if cur != nil {
		t.Fatalf("%s:%d: example without an answer", path, cur.line)
	}
	return out
}

// shellWords splits a command line as a shell would, for the quoting and the
// $DYAD_TOKEN the examples use.
func shellWords(s string, env map[string]string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	expand := func(s string) string {
		for k, v := range env {
			s = strings.ReplaceAll(s, "$"+k, v)
		}
		return s
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unclosed ' in %s", s)
			}
			w.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, fmt.Errorf("unclosed \" in %s", s)
			}
			w.WriteString(expand(s[i+1 : i+1+j]))
			i += j + 1
			inWord = true
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			j := strings.IndexAny(s[i:], " \t\n'\"")
			if j < 0 {
				j = len(s) - i
			}
			w.WriteString(expand(s[i : i+j]))
			i += j - 1
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

// curlRequest makes the request a curl command would send.
func curlRequest(cmd string, env map[string]string) (*http.Request, error) {
	words, err := shellWords(cmd, env)
	if err != nil {
		return nil, err
	}
	if len(words) == 0 || words[0] != "curl" {
		return nil, fmt.Errorf("not a curl command: %s", cmd)
	}
	method, rawURL, get := "", "", false
	var headers, data []string
	for i := 1; i < len(words); i++ {
		arg := func() (string, error) {
			if i+1 >= len(words) {
				return "", fmt.Errorf("%s needs a value", words[i])
			}
			i++
			return words[i], nil
		}
		var v string
		switch words[i] {
		case "-s", "-S", "-sS", "--silent":
		case "-G", "--get":
			get = true
		case "-X", "--request":
			if method, err = arg(); err != nil {
				return nil, err
			}
		case "-H", "--header":
			if v, err = arg(); err != nil {
				return nil, err
			}
			headers = append(headers, v)
		case "--data-urlencode":
			if v, err = arg(); err != nil {
				return nil, err
			}
			name, val, _ := strings.Cut(v, "=")
			data = append(data, name+"="+url.QueryEscape(val))
		case "-d", "--data":
			if v, err = arg(); err != nil {
				return nil, err
			}
			data = append(data, v)
		default:
			if strings.HasPrefix(words[i], "-") || rawURL != "" {
				return nil, fmt.Errorf("curl option %q: the doc test does not know it", words[i])
			}
			rawURL = words[i]
		}
	}
	var body io.Reader
	if len(data) > 0 {
		if get {
			sep := "?"
			if strings.Contains(rawURL, "?") {
				sep = "&"
			}
			rawURL += sep + strings.Join(data, "&")
		} else {
			body = strings.NewReader(strings.Join(data, "&"))
			if method == "" {
				method = http.MethodPost
			}
		}
	}
	if method == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequest(method, rawURL, body)
	if err != nil {
		return nil, err
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	return req, nil
}

// contains reports where want (a document's answer) is not found in got:
// objects may hold more keys than shown, lists must have the length shown,
// other values must be equal.
func contains(got, want any, path string) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: got %v, want an object", path, got)
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				return fmt.Sprintf("%s.%s: missing", path, k)
			}
			if d := contains(gv, wv, path+"."+k); d != "" {
				return d
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: got %v, want a list of %d", path, got, len(w))
		}
		for i := range w {
			if d := contains(g[i], w[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	}
	if got != want {
		return fmt.Sprintf("%s: got %#v, want %#v", path, got, want)
	}
	return ""
}

func TestDocExamples(t *testing.T) {
	examples := readDocExamples(t, "../../docs/API.md")
	if len(examples) < 15 {
		t.Fatalf("found %d examples in docs/API.md; the parser must have missed some", len(examples))
	}
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			st := loaded(t, b)
			local := newServer(t, st, "")
			remote := newServer(t, st, testToken) // a server bound beyond loopback has a token
			for _, ex := range examples {
				t.Run(fmt.Sprintf("line%d", ex.line), func(t *testing.T) { runDocExample(t, ex, local.URL, remote.URL) })
			}
		})
	}
}

func runDocExample(t *testing.T, ex docExample, local, remote string) {
	req, err := curlRequest(ex.cmd, map[string]string{"DYAD_TOKEN": testToken})
	if err != nil {
		t.Fatalf("docs/API.md:%d: %v", ex.line, err)
	}
	srv := local
	if h := req.URL.Hostname(); h != "127.0.0.1" && h != "localhost" {
		srv = remote
	}
	u, _ := url.Parse(srv)
	req.URL.Scheme, req.URL.Host, req.Host = u.Scheme, u.Host, u.Host
	r := do(t, req)
	var want any
	if err := json.Unmarshal([]byte(ex.body), &want); err != nil {
		t.Fatalf("docs/API.md:%d: the answer shown is not JSON: %v", ex.line, err)
	}
	var got any
	json.Unmarshal([]byte(r.raw), &got)
	if r.status != ex.status {
		t.Errorf("docs/API.md:%d: %s\nstatus %d, the doc says %d: %s", ex.line, ex.cmd, r.status, ex.status, r.raw)
	}
	if d := contains(got, want, "answer"); d != "" {
		t.Errorf("docs/API.md:%d: %s\n%s\nanswer: %s", ex.line, ex.cmd, d, r.raw)
	}
}
