// Package questions is Sabaq's domain: the curated timeline of Pakistan's
// relations with the Soviet Union and Russia, the questions generated from it,
// and answer checking. It does no I/O beyond reading its embedded data.
package questions

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Tone says how a development moved relations between Pakistan and Moscow.
type Tone string

// The three tones an event can have.
const (
	Warming Tone = "warming"
	Cooling Tone = "cooling"
	Neutral Tone = "neutral"
)

// Precision says how much of a Date the sources give.
type Precision int

// Precisions, from coarsest to finest.
const (
	PrecisionYear Precision = iota + 1
	PrecisionMonth
	PrecisionDay
)

// Date is a date at the precision the sources give: a year, a year and month,
// or a full day. Month and Day are zero when unknown.
type Date struct {
	Year  int
	Month int
	Day   int
}

var isoDate = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)

// ParseDate reads "1965", "1965-04" or "1965-04-03".
func ParseDate(s string) (Date, error) {
	m := isoDate.FindStringSubmatch(s)
	if m == nil {
		return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var d Date
	d.Year, _ = strconv.Atoi(m[1])
	if m[2] != "" {
		d.Month, _ = strconv.Atoi(m[2])
	}
	if m[3] != "" {
		d.Day, _ = strconv.Atoi(m[3])
	}
	return d, d.Validate()
}

// Validate reports whether the date exists on the calendar.
func (d Date) Validate() error {
	if d.Year < 1700 || d.Year > 2100 {
		return fmt.Errorf("date %s: year out of range", d)
	}
	if d.Month == 0 && d.Day != 0 {
		return fmt.Errorf("date %s: day without month", d)
	}
	if d.Month < 0 || d.Month > 12 {
		return fmt.Errorf("date %s: no such month", d)
	}
	if d.Day != 0 {
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if t.Day() != d.Day {
			return fmt.Errorf("date %s: no such day", d)
		}
	}
	return nil
}

// Precision reports how precise the date is.
func (d Date) Precision() Precision {
	switch {
	case d.Day != 0:
		return PrecisionDay
	case d.Month != 0:
		return PrecisionMonth
	default:
		return PrecisionYear
	}
}

// String is the ISO form at the date's precision.
func (d Date) String() string {
	switch d.Precision() {
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	default:
		return fmt.Sprintf("%04d", d.Year)
	}
}

// Human is the date as a reader writes it: "1965", "April 1965", "3 April 1965".
func (d Date) Human() string {
	switch d.Precision() {
	case PrecisionDay:
		return fmt.Sprintf("%d %s %d", d.Day, time.Month(d.Month), d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%s %d", time.Month(d.Month), d.Year)
	default:
		return strconv.Itoa(d.Year)
	}
}

// First is the earliest day the date can mean; Last the latest.
func (d Date) First() time.Time {
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Last is the latest day the date can mean.
func (d Date) Last() time.Time {
	switch d.Precision() {
	case PrecisionDay:
		return d.First()
	case PrecisionMonth:
		return d.First().AddDate(0, 1, -1)
	default:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	}
}

// Compare orders dates by the middle of the span they can mean, so that
// "May 1960" sorts after "1 May 1960"; equal middles put the coarser first.
func (d Date) Compare(o Date) int {
	if c := d.mid().Compare(o.mid()); c != 0 {
		return c
	}
	return int(d.Precision()) - int(o.Precision())
}

func (d Date) mid() time.Time { return d.First().Add(d.Last().Sub(d.First()) / 2) }

// MarshalJSON writes the ISO form.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads the ISO form.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Source cites one seed document with a short verbatim quote from it.
type Source struct {
	Doc   string `json:"doc"`
	Quote string `json:"quote"`
}

// Aspect names what part of an event a dispute is about, so that generators
// know what not to ask.
type Aspect string

// The aspects a dispute can concern.
const (
	AspectDate   Aspect = "date"   // when it happened
	AspectActors Aspect = "actors" // who was involved
	AspectDetail Aspect = "detail" // what happened, or why
)

// Dispute records where documents contradict each other or the established
// record. The event itself states the established fact.
type Dispute struct {
	Aspect  Aspect   `json:"aspect"`
	Note    string   `json:"note"`
	Sources []string `json:"sources"`
	// Claims say, document by document, what each source asserts, so that
	// source-criticism questions can ask who says what.
	Claims []Claim `json:"claims,omitempty"`
	// Record is what the established record says, as a full sentence.
	Record string `json:"record,omitempty"`
	// Unasked says why no question is made of the dispute (a slip in a
	// minor title, with nothing a student would be examined on); the
	// dispute still shows on its event's page.
	Unasked string `json:"unasked,omitempty"`
}

// Claim is one document's side of a dispute.
type Claim struct {
	Doc string `json:"doc"`
	// Says completes "Which source ___?": "dates the U-2 incident to May 1950".
	Says string `json:"says"`
	// Statement is the claim written as if it were fact, a full sentence:
	// "The U-2 incident happened in May 1950."
	Statement string `json:"statement"`
	// Quote is the document's own words for the claim (verbatim, under 30
	// words), shown with a question about it.
	Quote string `json:"quote,omitempty"`
	// Ask marks a claim worth a "which source says…" question: a headline
	// slip a student may meet in circulating notes, made by this document
	// alone (checked against the whole of the other documents).
	Ask bool `json:"ask,omitempty"`
}

// Interpretation is a judgement a source makes (not a fact the timeline
// asserts), attributed to its document.
type Interpretation struct {
	Doc string `json:"doc"`
	// Says completes "Which source ___?": "judges that Ayub's visit achieved little".
	Says  string `json:"says"`
	Quote string `json:"quote"`
	// Ask marks a substantive verdict worth a "which source…" question, one
	// that no other document makes.
	Ask bool `json:"ask,omitempty"`
}

// Event is one dated development in the timeline.
type Event struct {
	ID       string    `json:"id"`
	Date     Date      `json:"date"`
	Era      string    `json:"era"`
	Title    string    `json:"title"`
	Summary  string    `json:"summary"`
	Actors   []string  `json:"actors"`
	Themes   []string  `json:"themes"`
	Tone     Tone      `json:"tone"`
	Sources  []Source  `json:"sources"`
	Disputes []Dispute `json:"disputes,omitempty"`
	LedTo    []string  `json:"led_to,omitempty"`

	// Roles says what each actor did in the event, as a verb phrase that
	// completes "Who ___?" ("signed the treaty for the Soviet Union"). Every
	// actor of the event has one, so no involved actor is ever a distractor.
	Roles map[string]string `json:"roles,omitempty"`
	// Record names the reference for a fact that the event's quotes do not
	// state: key "date" for the date, or an actor id for that actor's role.
	// Feedback shows it, so a learner can tell where a key comes from.
	Record map[string]string `json:"record,omitempty"`
	// LinkSources cites, for each event in LedTo, the source that states the
	// causal link.
	LinkSources map[string]Source `json:"link_sources,omitempty"`
	// BearsOn cites, for a later event, a source that ties this one to it
	// short of a cause the timeline states: the visit of 1965 "as a result"
	// of which Moscow stayed neutral in that year's war; Liaquat going to
	// Washington "instead" of Moscow. It makes no question; it keeps the two,
	// and what either led to, from being each other's wrong answer in a
	// cause or consequence question, since a student who read the source may
	// fairly pick it.
	BearsOn map[string]Source `json:"bears_on,omitempty"`
	// ToneReason says why the sources agree on the event's tone; tone is
	// asked only where it is given.
	ToneReason      string           `json:"tone_reason,omitempty"`
	Interpretations []Interpretation `json:"interpretations,omitempty"`
	// Trend marks a development that ran over years (a policy, a flow of
	// refugees, growing trade): its date is when it began, and no question
	// asks it as a single date.
	Trend bool `json:"trend,omitempty"`
	// Ends names the earlier event whose arrangement this one undoes: a
	// withdrawal ends an occupation, leaving a pact ends joining it. The
	// two are never each other's wrong answer in a cause or consequence
	// question: a student may fairly say the one led to the other.
	Ends string `json:"ends,omitempty"`
	// Aliases are other names students and the sources give the event
	// ("Tashkent agreement", "U2 affair"), by which a piece of writing can
	// be seen to mention it. No two events share one.
	Aliases []string `json:"aliases,omitempty"`
}

// Disputed reports whether any dispute on the event concerns aspect a.
func (e Event) Disputed(a Aspect) bool {
	return slices.ContainsFunc(e.Disputes, func(d Dispute) bool { return d.Aspect == a })
}

// ActorKind says what sort of actor an Actor is.
type ActorKind string

// The kinds of actor.
const (
	Person       ActorKind = "person"
	State        ActorKind = "state"
	Organisation ActorKind = "organisation"
)

// Actor is a person, state or organisation that appears in events.
type Actor struct {
	ID   string    `json:"id"`
	Name string    `json:"name"`
	Kind ActorKind `json:"kind"`
	Role string    `json:"role"`
	// Country is the state a person served ("pakistan", "soviet-union", ...),
	// used to pick plausible distractors for "who" questions.
	Country string `json:"country,omitempty"`
	// From and To bound when the actor can be an answer or a distractor:
	// a state's or organisation's existence, a person's public life (first
	// office to last, or death). Zero To means still active in 2011.
	From *Date `json:"from,omitempty"`
	To   *Date `json:"to,omitempty"`
	// Offices are the posts a person held, with their dates.
	Offices []Office `json:"offices,omitempty"`
	// Spellings are other ways the sources and students write the name
	// ("Liaqat Ali Khan", "Z. A. Bhutto"), accepted in typed answers.
	Spellings []string `json:"spellings,omitempty"`
}

// Office is a post a person held.
type Office struct {
	Title string `json:"title"`
	From  Date   `json:"from"`
	To    *Date  `json:"to,omitempty"`
}

// ActiveAt reports whether the actor existed, or was in public life, at any
// time the date can mean.
func (a Actor) ActiveAt(d Date) bool {
	if a.From != nil && d.Last().Before(a.From.First()) {
		return false
	}
	return a.To == nil || !d.First().After(a.To.Last())
}

// ActiveThroughout reports whether the actor existed, or was in public
// life, on every day the date can mean: the test for a wrong option, so
// that Bangladesh (from 16 December 1971) is no option for December 1971.
func (a Actor) ActiveThroughout(d Date) bool {
	if a.From != nil && d.First().Before(a.From.First()) {
		return false
	}
	return a.To == nil || !d.Last().After(a.To.Last())
}

// OfficeAt is the office the actor held at the date, if any.
func (a Actor) OfficeAt(d Date) (Office, bool) {
	for _, o := range a.Offices {
		if !d.Last().Before(o.From.First()) && (o.To == nil || !d.First().After(o.To.Last())) {
			return o, true
		}
	}
	return Office{}, false
}

// Era is one period of the timeline. Its span is [Start, End); End is zero
// for the era that runs to the present.
type Era struct {
	ID    string
	Name  string
	Span  string
	Start time.Time
	End   time.Time
}

// Contains reports whether any day the date can mean falls within the era.
func (e Era) Contains(d Date) bool {
	if e.End.IsZero() {
		return !d.Last().Before(e.Start)
	}
	return !d.Last().Before(e.Start) && d.First().Before(e.End)
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// Eras are the periods the timeline is grouped by, in order. The boundaries
// are the days power changed hands.
var Eras = []Era{
	{ID: "democracy", Name: "Democratic governments", Span: "1947–58", Start: day(1947, 8, 14), End: day(1958, 10, 7)},
	{ID: "military", Name: "Military presidencies", Span: "1958–71", Start: day(1958, 10, 7), End: day(1971, 12, 20)},
	{ID: "bhutto", Name: "Bhutto", Span: "1971–77", Start: day(1971, 12, 20), End: day(1977, 7, 5)},
	{ID: "zia", Name: "Zia and the Afghan war", Span: "1977–88", Start: day(1977, 7, 5), End: day(1988, 8, 17)},
	{ID: "soviet-end", Name: "The end of the Soviet Union", Span: "1988–91", Start: day(1988, 8, 17), End: day(1991, 12, 26)},
	{ID: "russia", Name: "The Russian Federation", Span: "1991 on", Start: day(1991, 12, 26)},
}

// EraByID finds an era.
func EraByID(id string) (Era, bool) {
	i := slices.IndexFunc(Eras, func(e Era) bool { return e.ID == id })
	if i < 0 {
		return Era{}, false
	}
	return Eras[i], true
}

// Theme is a subject that cuts across eras.
type Theme struct {
	ID   string
	Name string
}

// Themes are the subjects events are tagged with.
var Themes = []Theme{
	{"alliances", "Alliances and pacts"},
	{"kashmir-india", "Kashmir and India"},
	{"afghanistan", "Afghanistan"},
	{"aid-industry", "Aid and industry"},
	{"arms", "Arms"},
	{"nuclear", "Nuclear"},
	{"diplomacy", "Diplomacy and visits"},
	{"trade-culture", "Trade and culture"},
	{"war", "Wars and crises"},
	{"united-states", "The United States"},
	{"china", "China"},
	{"terrorism", "Terrorism and militancy"},
}

// ThemeByID finds a theme.
func ThemeByID(id string) (Theme, bool) {
	i := slices.IndexFunc(Themes, func(t Theme) bool { return t.ID == id })
	if i < 0 {
		return Theme{}, false
	}
	return Themes[i], true
}

// Documents names the seed documents the timeline cites, by file name.
var Documents = map[string]string{
	"000_247525f416ab8d2c.txt": "Revision notes: Pakistan and the Soviet Union",
	"001_911a79f62d7cfbda.txt": "Article: Pakistan–Soviet Union relations",
	"002_78d0894eccec32f8.txt": "Granville (2004)",
	"003_aafc18c92e579520.txt": "Essay: Ayub Khan's visit to Moscow",
	"004_bce41f32adc6233d.txt": "Article: Pakistan–Russia relations",
}

// DocumentYears is the span of years each seed document covers, from its
// first concern to the last year it writes of: a "which source" question
// offers only documents that cover the event's time (an essay on 1965 is no
// fair option for 2003).
var DocumentYears = map[string][2]int{
	"000_247525f416ab8d2c.txt": {1947, 1984},
	"001_911a79f62d7cfbda.txt": {1947, 1991},
	"002_78d0894eccec32f8.txt": {1947, 2004},
	"003_aafc18c92e579520.txt": {1947, 1966},
	"004_bce41f32adc6233d.txt": {1947, 2011},
}

// Timeline is the curated set of events and the actors they name.
type Timeline struct {
	Events []Event `json:"events"`
	Actors []Actor `json:"actors"`

	byID    map[string]int
	actorBy map[string]int
}

// The built-in timeline is kept in several files (actors, then events by
// era) so that each stays small enough to read against the sources.
//
//go:embed data/timeline/*.json
var timelineFiles embed.FS

// Load reads and validates the built-in timeline.
func Load() (*Timeline, error) {
	names, err := fs.Glob(timelineFiles, "data/timeline/*.json")
	if err != nil {
		return nil, err
	}
	parts := make([][]byte, 0, len(names))
	for _, n := range names {
		b, err := timelineFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		parts = append(parts, b)
	}
	return Parse(parts...)
}

// Parse reads a timeline from one or more JSON documents, each with actors
// and events, merges them, sorts the events by date and validates it.
func Parse(docs ...[]byte) (*Timeline, error) {
	var t Timeline
	for i, b := range docs {
		var part Timeline
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&part); err != nil {
			return nil, fmt.Errorf("timeline (document %d): %w", i+1, err)
		}
		t.Events = append(t.Events, part.Events...)
		t.Actors = append(t.Actors, part.Actors...)
	}
	slices.SortStableFunc(t.Events, func(a, b Event) int { return a.Date.Compare(b.Date) })
	t.index()
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return &t, nil
}

func (t *Timeline) index() {
	t.byID = make(map[string]int, len(t.Events))
	for i, e := range t.Events {
		t.byID[e.ID] = i
	}
	t.actorBy = make(map[string]int, len(t.Actors))
	for i, a := range t.Actors {
		t.actorBy[a.ID] = i
	}
}

// Event finds an event by id.
func (t *Timeline) Event(id string) (Event, bool) {
	i, ok := t.byID[id]
	if !ok {
		return Event{}, false
	}
	return t.Events[i], true
}

// Actor finds an actor by id.
func (t *Timeline) Actor(id string) (Actor, bool) {
	i, ok := t.actorBy[id]
	if !ok {
		return Actor{}, false
	}
	return t.Actors[i], true
}

// Causes lists the events that led to the event with the given id.
func (t *Timeline) Causes(id string) []Event {
	var out []Event
	for _, e := range t.Events {
		if slices.Contains(e.LedTo, id) {
			out = append(out, e)
		}
	}
	return out
}

var slug = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// Validate checks the invariants every consumer of the timeline relies on.
// It returns all problems found, joined.
func (t *Timeline) Validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if len(t.byID) != len(t.Events) || len(t.actorBy) != len(t.Actors) {
		t.index()
	}
	seenA := map[string]bool{}
	for _, a := range t.Actors {
		switch {
		case !slug.MatchString(a.ID):
			bad("actor %q: id is not a slug", a.ID)
		case seenA[a.ID]:
			bad("actor %q: duplicate id", a.ID)
		}
		seenA[a.ID] = true
		if a.Name == "" || a.Role == "" {
			bad("actor %q: name and role are required", a.ID)
		}
		if a.Kind != Person && a.Kind != State && a.Kind != Organisation {
			bad("actor %q: kind %q is not person, state or organisation", a.ID, a.Kind)
		}
		if a.From != nil && a.To != nil && a.To.Last().Before(a.From.First()) {
			bad("actor %q: ends (%s) before it starts (%s)", a.ID, a.To, a.From)
		}
	}
	seen := map[string]bool{}
	for _, e := range t.Events {
		if !slug.MatchString(e.ID) {
			bad("event %q: id is not a slug", e.ID)
		}
		if seen[e.ID] {
			bad("event %q: duplicate id", e.ID)
		}
		seen[e.ID] = true
		if err := e.Date.Validate(); err != nil {
			bad("event %q: %w", e.ID, err)
		}
		if era, ok := EraByID(e.Era); !ok {
			bad("event %q: unknown era %q", e.ID, e.Era)
		} else if !era.Contains(e.Date) {
			bad("event %q: date %s is outside era %q (%s)", e.ID, e.Date, e.Era, era.Span)
		}
		if strings.TrimSpace(e.Title) == "" {
			bad("event %q: empty title", e.ID)
		}
		if n := sentences(e.Summary); n < 1 || n > 3 {
			bad("event %q: summary has %d sentences, want 1 to 3", e.ID, n)
		}
		if len(e.Actors) == 0 {
			bad("event %q: no actors", e.ID)
		}
		for _, a := range e.Actors {
			if _, ok := t.actorBy[a]; !ok {
				bad("event %q: unknown actor %q", e.ID, a)
			}
		}
		if len(e.Themes) == 0 {
			bad("event %q: no themes", e.ID)
		}
		for _, th := range e.Themes {
			if _, ok := ThemeByID(th); !ok {
				bad("event %q: unknown theme %q", e.ID, th)
			}
		}
		if e.Tone != Warming && e.Tone != Cooling && e.Tone != Neutral {
			bad("event %q: tone %q is not warming, cooling or neutral", e.ID, e.Tone)
		}
		if len(e.Sources) == 0 {
			bad("event %q: no sources", e.ID)
		}
		for _, s := range e.Sources {
			if _, ok := Documents[s.Doc]; !ok {
				bad("event %q: unknown document %q", e.ID, s.Doc)
			}
			if w := len(strings.Fields(s.Quote)); w == 0 || w >= 30 {
				bad("event %q: quote from %s has %d words, want 1 to 29", e.ID, s.Doc, w)
			}
		}
		for _, d := range e.Disputes {
			if d.Aspect != AspectDate && d.Aspect != AspectActors && d.Aspect != AspectDetail {
				bad("event %q: dispute aspect %q is not date, actors or detail", e.ID, d.Aspect)
			}
			if strings.TrimSpace(d.Note) == "" || len(d.Sources) == 0 {
				bad("event %q: a dispute needs a note and the documents that make the claim", e.ID)
			}
			for _, doc := range d.Sources {
				if _, ok := Documents[doc]; !ok {
					bad("event %q: dispute cites unknown document %q", e.ID, doc)
				}
			}
		}
		for _, l := range e.LedTo {
			if l == e.ID {
				bad("event %q: leads to itself", e.ID)
			}
			if src, ok := e.LinkSources[l]; !ok || Documents[src.Doc] == "" || strings.TrimSpace(src.Quote) == "" {
				bad("event %q: the link to %q cites no source (link_sources)", e.ID, l)
			}
		}
		for l := range e.LinkSources {
			if !slices.Contains(e.LedTo, l) {
				bad("event %q: link_sources names %q, which is not in led_to", e.ID, l)
			}
		}
		for l, src := range e.LinkSources {
			// A source's view (an interpretation: "many Pakistanis
			// believed…") is no stated cause: asked as "what led to", it
			// would be settled. It is a tie (bears_on) instead.
			for _, in := range e.Interpretations {
				if in.Doc == src.Doc && (strings.Contains(in.Quote, src.Quote) || strings.Contains(src.Quote, in.Quote)) {
					bad("event %q: its link to %q quotes a view the event records as an interpretation; make it bears_on", e.ID, l)
				}
			}
		}
		for l, src := range e.BearsOn {
			switch {
			case l == e.ID:
				bad("event %q: bears on itself", e.ID)
			case slices.Contains(e.LedTo, l):
				bad("event %q: bears_on names %q, which is in led_to already", e.ID, l)
			case Documents[src.Doc] == "" || strings.TrimSpace(src.Quote) == "":
				bad("event %q: bears_on %q cites no source", e.ID, l)
			}
		}
		for _, a := range e.Actors {
			if strings.TrimSpace(e.Roles[a]) == "" {
				bad("event %q: actor %q has no role", e.ID, a)
			}
		}
		for a := range e.Roles {
			if !slices.Contains(e.Actors, a) {
				bad("event %q: role for %q, who is not among its actors", e.ID, a)
			}
		}
		for k, v := range e.Record {
			if k != "date" && !slices.Contains(e.Actors, k) || strings.TrimSpace(v) == "" {
				bad("event %q: record %q must be \"date\" or one of its actors, with a note", e.ID, k)
			}
		}
		for _, d := range e.Disputes {
			for _, c := range d.Claims {
				if Documents[c.Doc] == "" || strings.TrimSpace(c.Says) == "" {
					bad("event %q: a dispute's claim needs a known document and what it says", e.ID)
				}
			}
		}
		for _, in := range e.Interpretations {
			if Documents[in.Doc] == "" || strings.TrimSpace(in.Says) == "" || strings.TrimSpace(in.Quote) == "" {
				bad("event %q: an interpretation needs a known document, what it says and a quote", e.ID)
			}
		}
	}
	aliasOf := map[string]string{}
	for _, e := range t.Events {
		for _, al := range e.Aliases {
			k := strings.ToLower(strings.Join(strings.Fields(al), " "))
			switch {
			case k == "":
				bad("event %q: empty alias", e.ID)
			case aliasOf[k] == e.ID:
				bad("event %q: alias %q given twice", e.ID, al)
			case aliasOf[k] != "":
				bad("event %q: alias %q is also an alias of %q", e.ID, al, aliasOf[k])
			default:
				aliasOf[k] = e.ID
			}
		}
	}
	for _, e := range t.Events {
		if e.Ends != "" {
			if ended, ok := t.Event(e.Ends); !ok {
				bad("event %q: ends names unknown event %q", e.ID, e.Ends)
			} else if !ended.Date.Last().Before(e.Date.First()) {
				bad("event %q: ends %q, which did not come before it", e.ID, e.Ends)
			}
		}
		for l := range e.BearsOn {
			if !seen[l] {
				bad("event %q: bears_on names unknown event %q", e.ID, l)
			}
		}
		for _, l := range e.LedTo {
			if !seen[l] {
				bad("event %q: led_to names unknown event %q", e.ID, l)
			} else if to, _ := t.Event(l); to.Date.Compare(e.Date) < 0 && to.Date.Last().Before(e.Date.First()) {
				bad("event %q: leads to %q, which came before it", e.ID, l)
			}
		}
	}
	return errors.Join(errs...)
}

// sentences counts sentences roughly: runs ending in ., ! or ? followed by a
// space or the end, ignoring common abbreviations.
func sentences(s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	for _, abbr := range []string{"U.S.", "U.N.", "U.S.S.R.", "Dr.", "Mr.", "St.", "Gen.", "e.g.", "i.e.", "c."} {
		s = strings.ReplaceAll(s, abbr, strings.ReplaceAll(abbr, ".", ""))
	}
	n := 0
	for i, r := range s {
		if r == '.' || r == '!' || r == '?' {
			if i+1 == len(s) || s[i+1] == ' ' {
				n++
			}
		}
	}
	if !strings.ContainsAny(s[len(s)-1:], ".!?") {
		n++
	}
	return n
}
