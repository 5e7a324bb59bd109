package store

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Series intervals.
const (
	IntervalDay   = "day"
	IntervalWeek  = "week" // weeks start on Monday
	IntervalMonth = "month"
)

// MaxSeriesPoints bounds the periods of one series: a bit under three years
// by day.
const MaxSeriesPoints = 1000

// SeriesQuery asks for the events that Query selects, counted per period.
// Since and Until bound the series (default: the 24 months, 26 weeks or 31
// days up to today); they are widened to whole periods. Limit, Offset and
// After are ignored.
type SeriesQuery struct {
	Query
	Interval string // day, week or month (default month)
}

// Series is the events of a query counted per period, every period of the
// range present (zero when nothing happened).
type Series struct {
	Interval string        `json:"interval"`
	Since    string        `json:"since"`
	Until    string        `json:"until"`
	Points   []SeriesPoint `json:"points"`
}

// SeriesPoint is one period of a series. Events dated to a month or a year
// count on its first day.
type SeriesPoint struct {
	Period      string  `json:"period"` // its first day, YYYY-MM-DD
	Events      int     `json:"events"`
	Mentions    int     `json:"mentions"`
	Goldstein   float64 `json:"goldstein"`   // sum over events
	Cooperation int     `json:"cooperation"` // events of quad class 1 and 2
	Conflict    int     `json:"conflict"`    // events of quad class 3 and 4
	// Quad counts the events of each quad class: verbal cooperation,
	// material cooperation, verbal conflict, material conflict.
	Quad [4]int `json:"quad_class"`
}

// Network limits.
const (
	MaxNetworkDays    = 366
	DefaultNetworkTop = 50
	MaxNetworkTop     = 500
)

// NetworkQuery asks for the country network of the events Query selects
// between Since and Until (default: the 30 days up to today; at most
// MaxNetworkDays). Limit, Offset and After are ignored.
type NetworkQuery struct {
	Query
	MinWeight int // edges with at least this many events (default 1)
	Top       int // the heaviest edges only, at most this many (default DefaultNetworkTop)
}

// Network is countries and the events between them: an edge from the
// source's country to the target's, weighted by its events, cooperative and
// conflictual. Events within one country are left out.
type Network struct {
	Since string        `json:"since"`
	Until string        `json:"until"`
	Nodes []NetworkNode `json:"nodes"`
	Edges []NetworkEdge `json:"edges"`
}

// NetworkNode is a country with the totals of its edges in the network.
type NetworkNode struct {
	ID          string `json:"id"`
	Events      int    `json:"events"`
	Cooperation int    `json:"cooperation"`
	Conflict    int    `json:"conflict"`
}

// NetworkEdge is the events from one country to another.
type NetworkEdge struct {
	Source      string  `json:"source"`
	Target      string  `json:"target"`
	Events      int     `json:"events"`
	Mentions    int     `json:"mentions"`
	Cooperation int     `json:"cooperation"`
	Conflict    int     `json:"conflict"`
	Goldstein   float64 `json:"goldstein"`
}

const day = "2006-01-02"

// periodStart is the first day of t's period.
func periodStart(t time.Time, interval string) time.Time {
	switch interval {
	case IntervalWeek:
		return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	case IntervalMonth:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

func nextPeriod(t time.Time, interval string) time.Time {
	switch interval {
	case IntervalWeek:
		return t.AddDate(0, 0, 7)
	case IntervalMonth:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

// dateRange parses since and until, defaulting until to today and since to
// what defSince makes of until.
func (s *SQL) dateRange(since, until string, defSince func(until time.Time) time.Time) (time.Time, time.Time, error) {
	u := s.now().Truncate(24 * time.Hour)
	var err error
	if until != "" {
		if u, err = time.Parse(day, until); err != nil {
			return u, u, badQuery("until", "until %q: want a date YYYY-MM-DD", until)
		}
	}
	f := defSince(u)
	if since != "" {
		if f, err = time.Parse(day, since); err != nil {
			return f, u, badQuery("since", "since %q: want a date YYYY-MM-DD", since)
		}
	}
	if f.After(u) {
		return f, u, badQuery("since", "since %s is after until %s", f.Format(day), u.Format(day))
	}
	return f, u, nil
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// Series counts the events q selects per day, week or month.
func (s *SQL) Series(ctx context.Context, q SeriesQuery) (*Series, error) {
	iv := q.Interval
	periods := map[string]int{IntervalDay: 31, IntervalWeek: 26, IntervalMonth: 24} // by default
	if iv == "" {
		iv = IntervalMonth
	}
	if _, ok := periods[iv]; !ok {
		return nil, fmt.Errorf("series: %w", badQuery("interval", "interval %q: want day, week or month", q.Interval))
	}
	since, until, err := s.dateRange(q.Since, q.Until, func(u time.Time) time.Time {
		t := periodStart(u, iv)
		for range periods[iv] - 1 {
			t = periodStart(t.AddDate(0, 0, -1), iv)
		}
		return t
	})
	if err != nil {
		return nil, fmt.Errorf("series: %w", err)
	}
	since = periodStart(since, iv)
	until = nextPeriod(periodStart(until, iv), iv).AddDate(0, 0, -1)
	out := &Series{Interval: iv, Since: since.Format(day), Until: until.Format(day)}
	index := map[string]int{}
	for t := since; !t.After(until); t = nextPeriod(t, iv) {
		if len(out.Points) == MaxSeriesPoints {
			return nil, fmt.Errorf("series: %w", badQuery("since", "since %s to until %s is more than %d periods of a %s; ask for a shorter range or a longer interval",
				out.Since, out.Until, MaxSeriesPoints, iv))
		}
		index[t.Format(day)] = len(out.Points)
		out.Points = append(out.Points, SeriesPoint{Period: t.Format(day)})
	}
	fq := q.Query
	fq.Since, fq.Until, fq.After, fq.Limit, fq.Offset = out.Since, out.Until, nil, 0, 0
	w, args, err := s.wherePlan(ctx, fq, planByKey, nil) // every matching event is read: look them up by actor
	if err != nil {
		return nil, fmt.Errorf("series: %w", err)
	}
	rows, err := s.read().QueryContext(ctx, s.q(`SELECT e.date, count(*), sum(e.num_mentions), sum(e.goldstein),
		sum(CASE WHEN e.quad_class = 1 THEN 1 ELSE 0 END), sum(CASE WHEN e.quad_class = 2 THEN 1 ELSE 0 END),
		sum(CASE WHEN e.quad_class = 3 THEN 1 ELSE 0 END), sum(CASE WHEN e.quad_class = 4 THEN 1 ELSE 0 END)
		FROM events e`+w+` GROUP BY e.date`), args...)
	if err != nil {
		return nil, fmt.Errorf("series: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var date string
		var n, mentions int
		var gold float64
		var quad [4]int
		if err := rows.Scan(&date, &n, &mentions, &gold, &quad[0], &quad[1], &quad[2], &quad[3]); err != nil {
			return nil, fmt.Errorf("series: %w", err)
		}
		t, err := time.Parse(day, date)
		if err != nil {
			continue // not a date: cannot be placed
		}
		i, ok := index[periodStart(t, iv).Format(day)]
		if !ok {
			continue
		}
		p := &out.Points[i]
		p.Events += n
		p.Mentions += mentions
		p.Goldstein += gold
		for k := range quad {
			p.Quad[k] += quad[k]
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("series: %w", err)
	}
	for i := range out.Points {
		p := &out.Points[i]
		p.Goldstein = round2(p.Goldstein)
		p.Cooperation, p.Conflict = p.Quad[0]+p.Quad[1], p.Quad[2]+p.Quad[3]
	}
	return out, nil
}

// Network returns the country network of the events q selects.
func (s *SQL) Network(ctx context.Context, q NetworkQuery) (*Network, error) {
	since, until, err := s.dateRange(q.Since, q.Until, func(u time.Time) time.Time { return u.AddDate(0, 0, -29) })
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	if days := int(until.Sub(since).Hours()/24) + 1; days > MaxNetworkDays {
		return nil, fmt.Errorf("network: %w", badQuery("since", "since %s to until %s is %d days; at most %d",
			since.Format(day), until.Format(day), days, MaxNetworkDays))
	}
	top := q.Top
	if top == 0 {
		top = DefaultNetworkTop
	}
	if top < 0 || top > MaxNetworkTop {
		return nil, fmt.Errorf("network: %w", badQuery("top", "top %d: want 1 to %d", q.Top, MaxNetworkTop))
	}
	if q.MinWeight < 0 {
		return nil, fmt.Errorf("network: %w", badQuery("min_weight", "min_weight %d: want 0 or more", q.MinWeight))
	}
	out := &Network{Since: since.Format(day), Until: until.Format(day), Nodes: []NetworkNode{}, Edges: []NetworkEdge{}}
	fq := q.Query
	fq.Since, fq.Until, fq.After, fq.Limit, fq.Offset = out.Since, out.Until, nil, 0, 0
	w, args, err := s.where(ctx, fq)
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	rows, err := s.read().QueryContext(ctx, s.q(`SELECT e.source_country, e.target_country, count(*), sum(e.num_mentions),
		sum(CASE WHEN e.quad_class <= 2 THEN 1 ELSE 0 END), sum(CASE WHEN e.quad_class >= 3 THEN 1 ELSE 0 END), sum(e.goldstein)
		FROM events e`+w+` AND e.source_country <> '' AND e.target_country <> '' AND e.source_country <> e.target_country
		GROUP BY e.source_country, e.target_country HAVING count(*) >= ?
		ORDER BY count(*) DESC, e.source_country, e.target_country LIMIT ?`), append(args, max(q.MinWeight, 1), top)...)
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	defer rows.Close()
	nodes := map[string]*NetworkNode{}
	node := func(id string) *NetworkNode {
		if nodes[id] == nil {
			nodes[id] = &NetworkNode{ID: id}
		}
		return nodes[id]
	}
	for rows.Next() {
		var e NetworkEdge
		if err := rows.Scan(&e.Source, &e.Target, &e.Events, &e.Mentions, &e.Cooperation, &e.Conflict, &e.Goldstein); err != nil {
			return nil, fmt.Errorf("network: %w", err)
		}
		e.Goldstein = round2(e.Goldstein)
		out.Edges = append(out.Edges, e)
		for _, id := range []string{e.Source, e.Target} {
			n := node(id)
			n.Events += e.Events
			n.Cooperation += e.Cooperation
			n.Conflict += e.Conflict
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	for _, n := range nodes {
		out.Nodes = append(out.Nodes, *n)
	}
	slices.SortFunc(out.Nodes, func(a, b NetworkNode) int {
		if a.Events != b.Events {
			return b.Events - a.Events
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}
