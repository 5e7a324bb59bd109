package web

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/dyad-events/dyad/internal/store"
)

// The charts are computed here, in Go, and drawn by the templates as inline
// SVG: the page needs no script to show them and the server sends only
// numbers that html/template escapes like any other attribute.

// netGraph is a country network laid out on a circle.
type netGraph struct {
	W, H  int
	Nodes []netNode
	Edges []netEdge
}

type netNode struct {
	ID, Name       string
	X, Y, R        float64
	LX, LY         float64 // label position
	Anchor         string  // SVG text-anchor of the label
	Events         int
	Coop, Conflict int
}

type netEdge struct {
	A, B  string
	Class string // "coop" or "conf"
	D     string // SVG path
	Width float64
	Count int
	Title string
}

// pairKey is an unordered pair of countries.
type pairKey struct{ a, b string }

func pairOf(a, b string) pairKey {
	if b < a {
		a, b = b, a
	}
	return pairKey{a, b}
}

// pairTotals sums a network's directed edges over unordered pairs.
type pairTotals struct {
	key                    pairKey
	coop, conflict, events int
	ab, ba                 store.NetworkEdge // a → b and b → a
}

func pairsOf(n *store.Network) []*pairTotals {
	idx := map[pairKey]*pairTotals{}
	var out []*pairTotals
	for _, e := range n.Edges {
		k := pairOf(e.Source, e.Target)
		p := idx[k]
		if p == nil {
			p = &pairTotals{key: k}
			idx[k] = p
			out = append(out, p)
		}
		p.coop += e.Cooperation
		p.conflict += e.Conflict
		p.events += e.Events
		if e.Source == k.a {
			p.ab = e
		} else {
			p.ba = e
		}
	}
	slices.SortStableFunc(out, func(x, y *pairTotals) int {
		if c := cmp.Compare(y.events, x.events); c != 0 {
			return c
		}
		return cmp.Compare(x.key.a+x.key.b, y.key.a+y.key.b)
	})
	return out
}

// layoutNetwork places the network's countries on a circle, ordered so that
// countries with many events between them sit side by side, and draws each
// pair's cooperation and conflict as two curves bent towards the centre by
// different amounts, their width by the number of events. pairs are
// pairsOf(n).
func layoutNetwork(n *store.Network, pairs []*pairTotals, w, h int) *netGraph {
	g := &netGraph{W: w, H: h}
	if n == nil || len(n.Nodes) == 0 {
		return g
	}
	weight := map[pairKey]int{}
	for _, p := range pairs {
		weight[p.key] = p.events
	}
	order := circleOrder(n.Nodes, weight)
	cx, cy := float64(w)/2, float64(h)/2
	radius := math.Min(float64(w), float64(h))/2 - 70
	maxEvents := 1
	for _, nd := range n.Nodes {
		maxEvents = max(maxEvents, nd.Events)
	}
	for i, nd := range order {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(order))
		r := 4 + 12*math.Sqrt(float64(nd.Events)/float64(maxEvents))
		c, s := math.Cos(a), math.Sin(a)
		node := netNode{ID: nd.ID, Name: countryName(nd.ID), Events: nd.Events, Coop: nd.Cooperation, Conflict: nd.Conflict,
			X: round1(cx + radius*c), Y: round1(cy + radius*s), R: round1(r),
			LX: round1(cx + (radius+r+6)*c), LY: round1(cy + (radius+r+6)*s + 4)}
		switch {
		case c > 0.2:
			node.Anchor = "start"
		case c < -0.2:
			node.Anchor = "end"
		default:
			node.Anchor = "middle"
			if s < 0 {
				node.LY = round1(cy + (radius+r+6)*s - 2)
			} else {
				node.LY = round1(cy + (radius+r+6)*s + 12)
			}
		}
		g.Nodes = append(g.Nodes, node)
	}
	pos := make(map[string]*netNode, len(g.Nodes))
	for i := range g.Nodes {
		pos[g.Nodes[i].ID] = &g.Nodes[i]
	}
	maxCount := 1
	for _, p := range pairs {
		maxCount = max(maxCount, p.coop, p.conflict)
	}
	for _, p := range pairs {
		a, b := pos[p.key.a], pos[p.key.b]
		if a == nil || b == nil {
			continue
		}
		title := pairTitle(p)
		for _, c := range []struct {
			class string
			count int
			bend  float64
		}{{"coop", p.coop, 0.10}, {"conf", p.conflict, 0.28}} {
			if c.count == 0 {
				continue
			}
			g.Edges = append(g.Edges, netEdge{A: p.key.a, B: p.key.b, Class: c.class, Count: c.count, Title: title,
				D:     curve(a.X, a.Y, b.X, b.Y, cx, cy, c.bend),
				Width: round1(1.2 + 9*math.Sqrt(float64(c.count)/float64(maxCount)))})
		}
	}
	// thin edges last, so they are drawn over the thick ones
	slices.SortStableFunc(g.Edges, func(x, y netEdge) int { return cmp.Compare(y.Count, x.Count) })
	return g
}

func pairTitle(p *pairTotals) string {
	s := ""
	for _, e := range []store.NetworkEdge{p.ab, p.ba} {
		if e.Events == 0 {
			continue
		}
		if s != "" {
			s += "; "
		}
		s += fmt.Sprintf("%s → %s: %d cooperation, %d conflict", e.Source, e.Target, e.Cooperation, e.Conflict)
	}
	return s
}

// circleOrder orders nodes around the circle: the busiest first, then
// repeatedly the unplaced node most tied to the last placed one (else to any
// placed one, else the busiest left).
func circleOrder(nodes []store.NetworkNode, weight map[pairKey]int) []store.NetworkNode {
	left := slices.Clone(nodes)
	slices.SortStableFunc(left, func(x, y store.NetworkNode) int {
		if c := cmp.Compare(y.Events, x.Events); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	out := make([]store.NetworkNode, 0, len(left))
	out = append(out, left[0])
	left = left[1:]
	for len(left) > 0 {
		last := out[len(out)-1].ID
		best, bestLast, bestAny := 0, -1, -1
		for i, nd := range left {
			wl := weight[pairOf(last, nd.ID)]
			wa := 0
			for _, p := range out {
				wa += weight[pairOf(p.ID, nd.ID)]
			}
			if wl > bestLast || wl == bestLast && wa > bestAny {
				best, bestLast, bestAny = i, wl, wa
			}
		}
		out = append(out, left[best])
		left = slices.Delete(left, best, best+1)
	}
	return out
}

// curve is a quadratic Bézier from (x1,y1) to (x2,y2) whose control point
// is pushed from the chord's middle towards the centre (cx,cy) by bend times
// the chord's length.
func curve(x1, y1, x2, y2, cx, cy, bend float64) string {
	mx, my := (x1+x2)/2, (y1+y2)/2
	dx, dy := x2-x1, y2-y1
	l := math.Hypot(dx, dy)
	if l == 0 {
		return ""
	}
	nx, ny := -dy/l, dx/l // a unit normal of the chord
	if (cx-mx)*nx+(cy-my)*ny < 0 {
		nx, ny = -nx, -ny // the one that points to the centre
	}
	qx, qy := mx+nx*l*bend, my+ny*l*bend
	return fmt.Sprintf("M%s %sQ%s %s %s %s", f1(x1), f1(y1), f1(qx), f1(qy), f1(x2), f1(y2))
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func f1(x float64) string { return strconv.FormatFloat(round1(x), 'f', -1, 64) }

// barChart is a diverging bar chart of a series: cooperation above the axis,
// conflict below, on one scale.
type barChart struct {
	W, H             int
	Left, Right, Top float64
	Bottom           float64
	TickX, LabelY    float64
	ZeroY            float64
	Bars             []chartBar
	Ticks            []chartTick
	Labels           []chartLabel
	Total            int
	Coop, Conflict   int
	Interval         string
}

type chartBar struct {
	X, W         float64
	CoopY, CoopH float64
	ConfY, ConfH float64
	HitY, HitH   float64 // the whole column, for the link and tooltip
	Title        string
	Href         string
}

type chartTick struct {
	Y     float64
	Label string
}

type chartLabel struct {
	X     float64
	Label string
}

// seriesChart draws s in a w×h box. href gives each period's link ("" for
// none).
func seriesChart(s *store.Series, w, h int, href func(p store.SeriesPoint, until string) string) *barChart {
	c := &barChart{W: w, H: h, Left: 44, Right: float64(w) - 10, Top: 12, Bottom: float64(h) - 24, TickX: 38, LabelY: float64(h) - 7}
	if s == nil || len(s.Points) == 0 {
		return c
	}
	c.Interval = s.Interval
	bottom := c.Bottom
	maxCoop, maxConf := 0, 0
	for _, p := range s.Points {
		maxCoop, maxConf = max(maxCoop, p.Cooperation), max(maxConf, p.Conflict)
		c.Total += p.Events
		c.Coop += p.Cooperation
		c.Conflict += p.Conflict
	}
	step := niceStep(max(maxCoop, maxConf))
	topMax := ceilTo(maxCoop, step)
	botMax := ceilTo(maxConf, step)
	if topMax == 0 && botMax == 0 {
		topMax, botMax = step, step
	}
	scale := (bottom - c.Top) / float64(topMax+botMax)
	c.ZeroY = round1(c.Top + float64(topMax)*scale)
	for v := -botMax; v <= topMax; v += step {
		c.Ticks = append(c.Ticks, chartTick{Y: round1(c.ZeroY - float64(v)*scale), Label: strconv.Itoa(abs(v))})
	}
	n := len(s.Points)
	slot := (c.Right - c.Left) / float64(n)
	gap := math.Min(slot*0.2, 3)
	every := (n + 11) / 12
	for i, p := range s.Points {
		x := c.Left + float64(i)*slot
		until := periodEnd(p.Period, s.Interval)
		b := chartBar{X: round1(x + gap/2), W: round1(math.Max(slot-gap, 0.5)),
			CoopH: round1(float64(p.Cooperation) * scale), ConfY: c.ZeroY, ConfH: round1(float64(p.Conflict) * scale),
			HitY: c.Top, HitH: round1(bottom - c.Top),
			Title: fmt.Sprintf("%s: %d events, %d cooperation, %d conflict, Goldstein %+.1f", periodLabel(p.Period, s.Interval, true), p.Events, p.Cooperation, p.Conflict, p.Goldstein)}
		b.CoopY = round1(c.ZeroY - b.CoopH)
		if href != nil && p.Events > 0 {
			b.Href = href(p, until)
		}
		c.Bars = append(c.Bars, b)
		if i%every == 0 {
			c.Labels = append(c.Labels, chartLabel{X: round1(x + slot/2), Label: periodLabel(p.Period, s.Interval, false)})
		}
	}
	return c
}

// niceStep is a tick step of 1, 2 or 5 times a power of ten giving about
// three ticks up to m.
func niceStep(m int) int {
	if m <= 3 {
		return 1
	}
	raw := float64(m) / 3
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, f := range []float64{1, 2, 5, 10} {
		if f*p >= raw {
			return int(f * p)
		}
	}
	return int(10 * p)
}

func ceilTo(v, step int) int { return (v + step - 1) / step * step }

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// periodEnd is the last day of the period starting on start.
func periodEnd(start, interval string) string {
	t, err := time.Parse(dateLayout, start)
	if err != nil {
		return start
	}
	switch interval {
	case store.IntervalWeek:
		t = t.AddDate(0, 0, 6)
	case store.IntervalMonth:
		t = t.AddDate(0, 1, -1)
	}
	return t.Format(dateLayout)
}

// periodLabel names a period for an axis (short) or a tooltip (long).
func periodLabel(start, interval string, long bool) string {
	t, err := time.Parse(dateLayout, start)
	if err != nil {
		return start
	}
	switch {
	case interval == store.IntervalMonth && long:
		return t.Format("January 2006")
	case interval == store.IntervalMonth:
		return t.Format("Jan 06")
	case interval == store.IntervalWeek && long:
		return "week of " + t.Format("2 Jan 2006")
	case long:
		return t.Format("Mon 2 Jan 2006")
	}
	return t.Format("2 Jan")
}

const dateLayout = "2006-01-02"
