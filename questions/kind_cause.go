package questions

import (
	"fmt"
	"maps"
	"slices"
)

// related walks led_to links from id, forwards or backwards, and returns
// every event reached.
func (g *generator) related(id string, forwards bool) map[string]bool {
	k := reachKey{id, forwards}
	if r, ok := g.reach[k]; ok {
		return r
	}
	r := g.walk(id, forwards)
	g.reach[k] = r
	return r
}

// walk is related, worked out.
func (g *generator) walk(id string, forwards bool) map[string]bool {
	seen := map[string]bool{}
	queue := []string{id}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		var next []string
		if forwards {
			if e, ok := g.t.Event(cur); ok {
				next = append(slices.Clone(e.LedTo), slices.Sorted(maps.Keys(e.BearsOn))...)
			}
		} else {
			for _, e := range g.events {
				if _, bears := e.BearsOn[cur]; bears || slices.Contains(e.LedTo, cur) {
					next = append(next, e.ID)
				}
			}
		}
		for _, n := range next {
			if !seen[n] && n != id {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	return seen
}

// Cause and consequence questions come from the timeline's led_to links.
// A link is a claim: each carries the source that states it (LinkSources),
// which the feedback quotes. Distractors lie on the same side of the event
// as the answer (a cause's before it, a consequence's after it) and as
// near it in time and subject as the timeline allows, so neither the dates
// nor the subject give the answer away; none is linked to the event through
// any chain of links, either way, nor to the answer (an event that shares
// the answer's cause is no clean wrong answer), so none is a cause or
// consequence the sources state (a chain counts Event.BearsOn, the ties a
// source makes short of a stated cause, as links: the 1965 war and the
// Tashkent Declaration are no wrong answers to what Ayub's visit to Moscow
// led to, when a source says Moscow stayed neutral in the war as a result); none ends or is ended by either (see
// Event.Ends: the withdrawal is no wrong answer to what the invasion led
// to); none of a consequence's is the end of a state that acted in the
// event (the Soviet Union's dissolution is no wrong answer to what its
// invasion of Afghanistan led to: historians argue the war hastened it);
// and none has disputed dates or actors.
// (Requiring distractors of another subject was tried: the answer was then
// the only option on the subject, 47 of 69 questions.)

// causeQuestions: "Which development led to X?", one per direct cause.
func (g *generator) causeQuestions(x Event) []Question {
	var out []Question
	for _, c := range g.events {
		src, ok := c.LinkSources[x.ID]
		if !slices.Contains(c.LedTo, x.ID) || !ok {
			continue
		}
		id := questionID(KindCause, x.ID, c.ID)
		ds := g.eventDistractors(id, c, distractorCount, []string{c.Title, x.Title}, func(o Event) bool {
			return o.ID != x.ID && o.Date.Last().Before(x.Date.First()) &&
				!g.linkedAtAll(o.ID, x.ID) && !g.linkedAtAll(o.ID, c.ID) && !endsEither(o, x, c) && settled(o)
		}, nil)
		if len(ds) < distractorCount {
			continue
		}
		q := g.question(KindCause, id, []Event{x, c},
			fmt.Sprintf("Which development led to this: %s?", quote(x.Title)),
			placeAnswer(id, c.Title, titles(ds)), []string{c.Title}, linkExplanation(c, x, src))
		q.Sources = withFirst(src, q.Sources)
		out = append(out, q)
	}
	return out
}

// consequenceQuestions: "What did X lead to?", one per led_to target.
func (g *generator) consequenceQuestions(x Event) []Question {
	var out []Question
	for _, tid := range x.LedTo {
		t, ok := g.t.Event(tid)
		src, sourced := x.LinkSources[tid]
		if !ok || !sourced {
			continue
		}
		id := questionID(KindConsequence, x.ID, t.ID)
		ds := g.eventDistractors(id, t, distractorCount, []string{t.Title, x.Title}, func(o Event) bool {
			return o.ID != x.ID && o.Date.First().After(x.Date.Last()) &&
				!g.linkedAtAll(o.ID, x.ID) && !g.linkedAtAll(o.ID, t.ID) && !endsEither(o, x, t) && !g.endsActorOf(o, x) && settled(o)
		}, nil)
		if len(ds) < distractorCount {
			continue
		}
		q := g.question(KindConsequence, id, []Event{x, t},
			fmt.Sprintf("What did this lead to: %s?", quote(x.Title)),
			placeAnswer(id, t.Title, titles(ds)), []string{t.Title}, linkExplanation(x, t, src))
		q.Sources = withFirst(src, q.Sources)
		out = append(out, q)
	}
	return out
}

// endsEither reports whether o ends, or is ended by, a or b.
func endsEither(o, a, b Event) bool {
	return o.Ends == a.ID || o.Ends == b.ID || a.Ends == o.ID || b.Ends == o.ID
}

// endsActorOf reports whether o is the end of a state or organisation that
// acted in x: one of x's actors that ceased to exist on o's date, and
// acted in o too.
func (g *generator) endsActorOf(o, x Event) bool {
	for _, id := range x.Actors {
		a, ok := g.t.Actor(id)
		if ok && a.Kind != Person && a.To != nil && a.To.Compare(o.Date) == 0 && slices.Contains(o.Actors, id) {
			return true
		}
	}
	return false
}

// settled reports whether an event's date and actors are undisputed: one
// whose causes the sources argue over (who left CENTO, and when) is no
// safe wrong answer.
func settled(e Event) bool { return !e.Disputed(AspectDate) && !e.Disputed(AspectActors) }

// linkedAtAll reports whether a chain of links joins the two events in
// either direction, through any events.
func (g *generator) linkedAtAll(a, b string) bool {
	return g.related(a, true)[b] || g.related(a, false)[b]
}

// linkExplanation says that from led to to, and who says so.
func linkExplanation(from, to Event, src Source) string {
	return fmt.Sprintf("%s%s led to %s%s. %s says: “%s”", quote(from.Title), when(from), quote(to.Title), when(to), Documents[src.Doc], src.Quote)
}

// withFirst puts s first among sources, once.
func withFirst(s Source, sources []Source) []Source {
	out := []Source{s}
	for _, o := range sources {
		if o != s {
			out = append(out, o)
		}
	}
	return out
}
