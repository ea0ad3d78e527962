package handlers

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/questions/sets"
	"sabaq/questions/srs"
	"sabaq/views"
)

// scheduler builds the FSRS scheduler for a learner's settings.
func scheduler(rs questions.ReviewSettings) (*srs.Scheduler, error) {
	s := srs.DefaultSettings()
	s.DesiredRetention = rs.DesiredRetention
	return srs.New(s)
}

// deck is what the learner revises: the questions of the sets assigned to
// their classes first (soonest due first), then the timeline's questions
// filtered by their settings, in bank order. The slice is the caller's own.
func (a *App) deck(c *fiber.Ctx, rs questions.ReviewSettings) ([]questions.Question, error) {
	d, err := a.learnerDeck(c, rs)
	if err != nil {
		return nil, err
	}
	return append(slices.Clip(d.assigned), d.timeline.Questions...), nil
}

// learnerDeck is a learner's deck as the queue uses it: the timeline part
// is the bank's shared Deck for their filters, selected once, not per request.
type learnerDeck struct {
	assigned    []questions.Question // questions of assigned sets, first
	assignedIDs map[string]bool
	timeline    *questions.Deck
}

func (d learnerDeck) has(id string) bool { return d.assignedIDs[id] || d.timeline.Has(id) }

// questions lists the deck in queue order; without assignments it is the
// shared timeline deck itself, which the queue only reads.
func (d learnerDeck) questions() []questions.Question {
	if len(d.assigned) == 0 {
		return d.timeline.Questions
	}
	return append(slices.Clip(d.assigned), d.timeline.Questions...)
}

func (a *App) learnerDeck(c *fiber.Ctx, rs questions.ReviewSettings) (learnerDeck, error) {
	d := learnerDeck{timeline: a.Bank.Deck(rs.Eras, rs.Themes)}
	if acc, ok := account(c); ok && acc.Role == questions.Student {
		assigned, err := a.Store.StudentAssignments(c.UserContext(), acc.ID)
		if err != nil {
			return d, err
		}
		seen := map[int64]bool{}
		for _, as := range assigned {
			if seen[as.SetID] {
				continue
			}
			seen[as.SetID] = true
			items, err := a.Store.SetItems(c.UserContext(), as.SetID)
			if err != nil {
				return d, err
			}
			for _, it := range items {
				if q, ok := a.Bank.Question(sets.QuestionID(it.SetID, it.ID)); ok {
					d.assigned = append(d.assigned, q)
				}
			}
		}
		if len(d.assigned) > 0 {
			d.assignedIDs = make(map[string]bool, len(d.assigned))
			for _, q := range d.assigned {
				d.assignedIDs[q.ID] = true
			}
		}
	}
	return d, nil
}

// queueState is what the review pages need to know about the queue now.
type queueState struct {
	settings questions.ReviewSettings
	sched    *srs.Scheduler
	item     questions.QueueItem
	summary  questions.QueueSummary
	found    bool
	canUndo  bool
	now      time.Time
	until    time.Time // when the clock alone could change the queue
	// Exam mode, when the learner has an exam date.
	examCountdown, examForecast string
}

// queue is the learner's review queue now: kept from an earlier request
// when nothing it was made from has changed since (see queueCache), else
// made afresh and kept.
func (a *App) queue(c *fiber.Ctx, l questions.Learner) (queueState, error) {
	now := time.Now()
	k := queueKey{learner: l.ID, created: l.CreatedAt.UnixMilli()}
	if acc, ok := account(c); ok {
		k.account, k.role = acc.ID, acc.Role
	}
	// Read the versions before the data, so that a change committed
	// meanwhile can only make the kept queue look older than it is.
	v := queueVersion{store: a.Store.Generation(l.ID), bank: a.Bank.Version()}
	if st, ok := a.queues.get(k, v, now); ok {
		st.now = now
		return st, nil
	}
	st, err := a.makeQueue(c, l, now)
	if err != nil {
		return st, err
	}
	a.queues.put(k, v, st)
	return st, nil
}

// makeQueue reads what the queue is made from and chooses the next card.
func (a *App) makeQueue(c *fiber.Ctx, l questions.Learner, now time.Time) (queueState, error) {
	ctx := c.UserContext()
	var st queueState
	rs, err := a.Store.ReviewSettings(ctx, l.ID)
	if err != nil {
		return st, err
	}
	sched, err := scheduler(rs)
	if err != nil {
		return st, err
	}
	loc := rs.Location()
	if rs.ExamDate == "" {
		// Without an exam date of their own, a student revises towards the
		// earliest upcoming exam date of their classes' assignments.
		if rs.ExamDate, err = a.assignedExamDate(c, now, loc); err != nil {
			return st, err
		}
	}
	var due, all []questions.CardRecord
	var known map[string]bool
	if rs.ExamDate != "" {
		// Exam mode plans with every card: read them once, and take the
		// cards due and the questions known from them.
		if all, err = a.Store.Cards(ctx, l.ID); err != nil {
			return st, err
		}
		due, known = dueAndKnown(all, questions.NextDayStart(now, loc))
	} else {
		if due, err = a.Store.DueCards(ctx, l.ID, questions.NextDayStart(now, loc)); err != nil {
			return st, err
		}
		if known, err = a.Store.KnownQuestions(ctx, l.ID); err != nil {
			return st, err
		}
	}
	today, err := a.Store.DayCounts(ctx, l.ID, questions.DayStart(now, loc))
	if err != nil {
		return st, err
	}
	deck, err := a.learnerDeck(c, rs)
	if err != nil {
		return st, err
	}
	// Cards outside the learner's filters wait until the filters allow them.
	due = slices.DeleteFunc(due, func(cr questions.CardRecord) bool { return !deck.has(cr.QuestionID) })
	in := questions.QueueInput{Now: now, Settings: rs, Due: due, Known: known, Today: today, Bank: deck.questions(), Scheduler: sched}
	st = queueState{settings: rs, sched: sched, now: now}
	if rs.ExamDate != "" {
		a.examMode(l, all, &in, &st, deck)
	}
	st.item, st.summary, st.found = questions.NextCard(in)
	// Kept until the clock could change the choice: a learning card coming
	// due, the learner's next day (what is due, today's counts, the exam
	// plan) or the next midnight (which assigned exam is still to come).
	st.until = questions.Earliest(st.summary.Until, questions.NextDayStart(now, loc))
	y, m, d := now.In(loc).Date()
	st.until = questions.Earliest(st.until, time.Date(y, m, d+1, 0, 0, 0, 0, loc))
	if st.canUndo, err = a.canUndo(c, l); err != nil {
		return st, err
	}
	return st, nil
}

// reviewChecker is the one question the review page asks about the past:
// is there a review to undo? The store's LastReview answers it too, but sorts
// the learner's whole history to find the latest review.
type reviewChecker interface {
	HasReview(ctx context.Context, learnerID int64) (bool, error)
}

func (a *App) canUndo(c *fiber.Ctx, l questions.Learner) (bool, error) {
	if rc, ok := a.Store.(reviewChecker); ok {
		return rc.HasReview(c.UserContext(), l.ID)
	}
	_, err := a.Store.LastReview(c.UserContext(), l.ID)
	if errors.Is(err, questions.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// dueAndKnown picks from all of a learner's cards those due before until, by
// due time as DueCards lists them, and the questions that have a card, as
// KnownQuestions does.
func dueAndKnown(all []questions.CardRecord, until time.Time) ([]questions.CardRecord, map[string]bool) {
	known := make(map[string]bool, len(all))
	var due []questions.CardRecord
	until = time.UnixMilli(until.UnixMilli()) // as stored: to the millisecond
	for _, cr := range all {
		known[cr.QuestionID] = true
		if cr.Card.Due.Before(until) {
			due = append(due, cr)
		}
	}
	slices.SortFunc(due, func(x, y questions.CardRecord) int {
		if c := x.Card.Due.Compare(y.Card.Due); c != 0 {
			return c
		}
		return strings.Compare(x.QuestionID, y.QuestionID)
	})
	return due, known
}

// examMode plans the revision towards the learner's exam from all their
// cards: top-ups for cards that would otherwise next come up after it, and
// a new-card intake that covers the whole deck in time.
func (a *App) examMode(l questions.Learner, cards []questions.CardRecord, in *questions.QueueInput, st *queueState, deck learnerDeck) {
	loc := st.settings.Location()
	exam, err := time.ParseInLocation(time.DateOnly, st.settings.ExamDate, loc)
	if err != nil {
		return // validated on save; an unreadable date just means no exam mode
	}
	infos := make([]srs.CardInfo, 0, len(cards))
	for _, cr := range cards {
		if deck.has(cr.QuestionID) {
			infos = append(infos, srs.CardInfo{ID: cr.QuestionID, Card: cr.Card})
		}
	}
	newRemaining := 0
	for _, q := range in.Bank {
		if !in.Known[q.ID] {
			newRemaining++
		}
	}
	ein := srs.ExamInput{Cards: infos, NewRemaining: newRemaining, NewToday: in.Today.New,
		NewLimit: st.settings.NewPerDay, Exam: exam, Now: st.now, Location: loc}
	plan, ok := srs.PlanExam(ein)
	if !ok {
		return
	}
	in.NewLimit = plan.NewPerDay
	if ids := plan.DueTopUps(st.now); len(ids) > 0 {
		byID := make(map[string]questions.CardRecord, len(cards))
		for _, cr := range cards {
			byID[cr.QuestionID] = cr
		}
		for _, id := range ids {
			if cr, ok := byID[id]; ok {
				in.TopUps = append(in.TopUps, cr)
			}
		}
	}
	st.examCountdown = examCountdown(plan.DaysLeft, exam)
	key := forecastKey{app: a, learner: l.ID, created: l.CreatedAt.UnixMilli(), day: plan.Today.Unix(),
		exam: st.settings.ExamDate, timeZone: st.settings.TimeZone, retention: st.settings.DesiredRetention,
		newPerDay: st.settings.NewPerDay, deck: deck.timeline, assigned: deckFingerprint(deck.assigned)}
	if f, ok := a.forecasts.get(key, st.now); ok {
		st.examForecast = f
		return
	}
	st.examForecast = st.sched.ForecastExam(ein, plan).String() + "."
	a.forecasts.put(key, st.examForecast, st.now)
}

// newForecastCache keeps each learner's exam forecast ("112 cards, 9 days:
// about 25 reviews a day") for up to forecastTTL. Making it replays every
// card through FSRS until the exam: with 300 cards, about 4 ms of CPU on
// every review page of a learner with an exam date. The plan that chooses
// the cards is still made afresh on every page; only this estimate, shown
// as "about", may lag the learner's last few minutes of reviews.
func newForecastCache() *forecastCache {
	return &forecastCache{max: 20_000, m: map[forecastKey]forecastEntry{}}
}

// forecastTTL bounds how stale a forecast may be.
const forecastTTL = 5 * time.Minute

// forecastKey is what a forecast is made for, but for the cards and the
// time of day: the learner (ids of deleted learners can be reused; creation
// times tell them apart), their day and exam, the settings it depends on,
// and their deck (the shared timeline deck of their filters and a
// fingerprint of the questions assigned to them).
type forecastKey struct {
	app              *App
	learner, created int64
	day              int64
	exam, timeZone   string
	retention        float64
	newPerDay        int
	deck             *questions.Deck
	assigned         uint64
}

type forecastEntry struct {
	made time.Time
	text string
}

// deckFingerprint hashes the ids of the assigned questions, in order.
func deckFingerprint(qs []questions.Question) uint64 {
	h := fnv.New64a()
	for _, q := range qs {
		h.Write([]byte(q.ID))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

type forecastCache struct {
	mu  sync.Mutex
	max int
	m   map[forecastKey]forecastEntry
}

func (f *forecastCache) get(k forecastKey, now time.Time) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	e, ok := f.m[k]
	if ok && (now.Sub(e.made) > forecastTTL || now.Before(e.made)) {
		delete(f.m, k)
		return "", false
	}
	return e.text, ok
}

func (f *forecastCache) put(k forecastKey, text string, now time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	makeRoom(f.m, f.max)
	f.m[k] = forecastEntry{made: now, text: text}
}

func examCountdown(days int, exam time.Time) string {
	when := exam.Format("2 January 2006")
	if days == 1 {
		return "1 day to your exam on " + when + "."
	}
	return strconv.Itoa(days) + " days to your exam on " + when + "."
}

func cardURL(questionID string) string { return "/review/card/" + url.PathEscape(questionID) }

// reviewNext shows the next card of the queue.
func (a *App) reviewNext(c *fiber.Ctx) error {
	l, _ := learner(c)
	st, err := a.queue(c, l)
	if err != nil {
		return err
	}
	vm := views.ReviewPage{
		Page: a.page(c, "Review", "review"), Learning: st.summary.Learning, Review: st.summary.Review,
		New: st.summary.New, CanUndo: st.canUndo,
	}
	vm.ExamBanner = strings.TrimSpace(st.examCountdown + " " + st.examForecast)
	if !st.found {
		vm.Empty = true
		vm.EmptyNote = "No cards are due. Come back tomorrow, or practise freely in the meantime."
		if !st.summary.NextLearning.IsZero() {
			vm.EmptyNote = "The next learning card is due at " + st.summary.NextLearning.In(st.settings.Location()).Format("15:04") + "."
		}
		return render(c, views.Review(vm))
	}
	q, _ := a.Bank.Question(st.item.QuestionID)
	// The queue chose the card from the learner's cards: no need to read it again.
	return a.renderCard(c, st, q, st.item.Card, string(st.settings.Mode), false, vm)
}

// reviewCard shows a given card: its front, or with ?reveal=1 its back.
func (a *App) reviewCard(c *fiber.Ctx) error {
	l, _ := learner(c)
	q, err := a.cardQuestion(c)
	if err != nil {
		return err
	}
	st, err := a.queue(c, l)
	if err != nil {
		return err
	}
	mode := string(st.settings.Mode)
	switch m := c.Query("mode"); m {
	case "":
	case string(questions.ModeFlashcard), string(questions.ModeQuiz):
		mode = m
	default:
		return badRequest("There is no review mode called %q.", m)
	}
	vm := views.ReviewPage{
		Page: a.page(c, "Review", "review"), Learning: st.summary.Learning, Review: st.summary.Review,
		New: st.summary.New, CanUndo: st.canUndo,
	}
	cur, err := a.storedCard(c, q)
	if err != nil {
		return err
	}
	return a.renderCard(c, st, q, cur, mode, c.Query("reveal") == "1", vm)
}

func (a *App) cardQuestion(c *fiber.Ctx) (questions.Question, error) {
	id, err := url.PathUnescape(c.Params("id"))
	if err != nil {
		return questions.Question{}, notFound("card")
	}
	q, ok := a.Bank.Question(id)
	if !ok {
		return questions.Question{}, notFound("card")
	}
	if q.SetID != 0 {
		// A teacher's question, answer and all: only for those who may see
		// its set, and not found, like a missing one, for anyone else.
		ok, err := a.maySeeSet(c, q.SetID)
		if err != nil {
			return questions.Question{}, err
		}
		if !ok {
			return questions.Question{}, notFound("card")
		}
	}
	return q, nil
}

// storedCard is the learner's card for q, nil while q is new to them.
func (a *App) storedCard(c *fiber.Ctx, q questions.Question) (*questions.CardRecord, error) {
	l, _ := learner(c)
	cr, err := a.Store.Card(c.UserContext(), l.ID, q.ID)
	switch {
	case err == nil:
		return &cr, nil
	case errors.Is(err, questions.ErrNotFound):
		return nil, nil
	}
	return nil, err
}

// renderCard shows q with cur, the learner's card for it (nil when new).
func (a *App) renderCard(c *fiber.Ctx, st queueState, q questions.Question, cur *questions.CardRecord, mode string, reveal bool, vm views.ReviewPage) error {
	l, _ := learner(c)
	vm.CardURL = cardURL(q.ID)
	vm.QuestionID = q.ID
	vm.IsNew = cur == nil
	vm.Mode = mode
	vm.KindName = questions.KindNames[q.Kind]
	vm.Format = string(q.Kind.Format())
	vm.Prompt = q.Prompt
	vm.Lefts = q.Lefts
	seed := questions.Seed(q.ID, strconv.FormatInt(l.ID, 10))
	vm.Options = q.Options
	if q.Kind != questions.KindTrueFalse && q.Kind != questions.KindTone {
		vm.Options = q.Shuffled(seed)
	}
	vm.ShownAt = st.now.UnixMilli()
	if s, err := strconv.ParseInt(c.Query("shown"), 10, 64); err == nil && s > 0 && s <= vm.ShownAt {
		vm.ShownAt = s
	}
	if cur != nil {
		vm.Version = cur.Version
	}
	vm.Revealed = reveal && mode == string(questions.ModeFlashcard)
	if vm.Revealed {
		vm.Back = a.back(q, true, nil)
		vm.Back.ReportURL = reportLink(c, q.ID)
		card := srs.NewCard(st.now)
		if cur != nil {
			card = cur.Card
		}
		grades, err := gradeButtons(st.sched, card, st.now, 0)
		if err != nil {
			return err
		}
		vm.Grades = grades
	}
	return render(c, views.Review(vm))
}

func (a *App) back(q questions.Question, correct bool, given []string) *views.Feedback {
	f := &views.Feedback{Correct: correct, Given: shownAnswer(q, given), Answer: shownAnswer(q, q.Answer), Explanation: q.Explanation, Sources: sources(q.Sources)}
	for _, id := range q.EventIDs {
		if e, ok := a.Timeline.Event(id); ok {
			f.Events = append(f.Events, eventLink(e))
		}
	}
	return f
}

var gradeLabels = map[srs.Rating]string{srs.Again: "Again", srs.Hard: "Hard", srs.Good: "Good", srs.Easy: "Easy"}

// gradeButtons labels each grade with the interval it would give, as Anki does.
func gradeButtons(sched *srs.Scheduler, card srs.Card, now time.Time, current srs.Rating) ([]views.GradeButton, error) {
	preview, err := sched.Preview(card, now)
	if err != nil {
		return nil, err
	}
	out := make([]views.GradeButton, 0, 4)
	for _, r := range srs.Ratings {
		out = append(out, views.GradeButton{Rating: int(r), Label: gradeLabels[r],
			Interval: srs.FormatInterval(preview[r].Due.Sub(now)), Current: r == current})
	}
	return out, nil
}

// reviewForm reads the fields every review submit carries.
func reviewForm(c *fiber.Ctx) (version int64, durationMS int64, err error) {
	version, err = strconv.ParseInt(c.FormValue("version"), 10, 64)
	if err != nil || version < 0 {
		return 0, 0, badRequest("The form is missing the card's version. Reload the page and try again.")
	}
	shown, err := strconv.ParseInt(c.FormValue("shown_at"), 10, 64)
	if err == nil && shown > 0 {
		durationMS = time.Now().UnixMilli() - shown
	}
	return version, durationMS, nil
}

func parseRating(s string) (srs.Rating, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 4 {
		return 0, badRequest("A grade must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).")
	}
	return srs.Rating(n), nil
}

// currentCard loads the learner's card for q, or nil if it is new.
func (a *App) currentCard(c *fiber.Ctx, q questions.Question) (*questions.CardRecord, error) {
	l, _ := learner(c)
	cr, err := a.Store.Card(c.UserContext(), l.ID, q.ID)
	if errors.Is(err, questions.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &cr, nil
}

// gradeCard applies a flashcard grade. A stale or repeated submit (the card's
// version moved on) changes nothing and goes on to the next card.
func (a *App) gradeCard(c *fiber.Ctx) error {
	l, _ := learner(c)
	q, err := a.cardQuestion(c)
	if err != nil {
		return err
	}
	rating, err := parseRating(c.FormValue("rating"))
	if err != nil {
		return err
	}
	version, dur, err := reviewForm(c)
	if err != nil {
		return err
	}
	if _, err := a.applyReview(c, l, q, rating, version, dur, questions.ModeFlashcard, nil); err != nil && !errors.Is(err, errStale) {
		return err
	}
	return c.Redirect("/review", fiber.StatusSeeOther)
}

var errStale = errors.New("stale review")

// applyReview grades q for the learner if its card is still at version.
func (a *App) applyReview(c *fiber.Ctx, l questions.Learner, q questions.Question, rating srs.Rating, version, durationMS int64, mode questions.ReviewMode, given []string) (int64, error) {
	ctx := c.UserContext()
	cur, err := a.currentCard(c, q)
	if err != nil {
		return 0, err
	}
	curVersion := int64(0)
	if cur != nil {
		curVersion = cur.Version
	}
	if curVersion != version {
		return 0, errStale
	}
	rs, err := a.Store.ReviewSettings(ctx, l.ID)
	if err != nil {
		return 0, err
	}
	sched, err := scheduler(rs)
	if err != nil {
		return 0, err
	}
	rec, v, err := questions.Grade(sched, q, cur, rating, time.Now(), durationMS, mode)
	if err != nil {
		return 0, err
	}
	rec.Answer = given
	id, err := a.Store.SaveReview(ctx, l.ID, v, rec)
	if questions.ErrorCode(err) == questions.ECONFLICT {
		return 0, errStale
	}
	return id, err
}

// answerCard checks a quiz answer and grades it: right is Good, wrong Again.
func (a *App) answerCard(c *fiber.Ctx) error {
	l, _ := learner(c)
	q, err := a.cardQuestion(c)
	if err != nil {
		return err
	}
	version, dur, err := reviewForm(c)
	if err != nil {
		return err
	}
	given, problem, err := parseAnswer(c, q)
	if err != nil {
		return err
	}
	if problem != "" {
		st, err := a.queue(c, l)
		if err != nil {
			return err
		}
		c.Status(fiber.StatusBadRequest)
		vm := views.ReviewPage{Page: a.page(c, "Review", "review"), Learning: st.summary.Learning,
			Review: st.summary.Review, New: st.summary.New, CanUndo: st.canUndo, Error: problem}
		cur, err := a.storedCard(c, q)
		if err != nil {
			return err
		}
		return a.renderCard(c, st, q, cur, string(questions.ModeQuiz), false, vm)
	}
	correct := q.Check(given)
	id, err := a.applyReview(c, l, q, questions.QuizRating(correct), version, dur, questions.ModeQuiz, given)
	if errors.Is(err, errStale) {
		// Already answered: show the feedback of the answer that counted.
		last, err := a.Store.LastReview(c.UserContext(), l.ID)
		if err == nil && last.QuestionID == q.ID && last.Mode == questions.ModeQuiz {
			return c.Redirect(fmt.Sprintf("/review/log/%d", last.ID), fiber.StatusSeeOther)
		}
		return c.Redirect("/review", fiber.StatusSeeOther)
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/review/log/%d", id), fiber.StatusSeeOther)
}

// reviewLog shows the feedback on a quiz review, with the grade to change.
func (a *App) reviewLog(c *fiber.Ctx) error {
	l, _ := learner(c)
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return notFound("review")
	}
	rec, err := a.Store.Review(c.UserContext(), l.ID, id)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return notFound("review")
	}
	if err != nil {
		return err
	}
	q, ok := a.Bank.Question(rec.QuestionID)
	if !ok {
		return notFound("card")
	}
	st, err := a.queue(c, l)
	if err != nil {
		return err
	}
	correct := q.Check(rec.Answer)
	vm := views.ReviewPage{
		Page: a.page(c, "Review", "review"), Learning: st.summary.Learning, Review: st.summary.Review,
		New: st.summary.New, CanUndo: st.canUndo, CardURL: cardURL(q.ID), QuestionID: q.ID, Mode: string(questions.ModeQuiz),
		Revealed: true, KindName: questions.KindNames[q.Kind], Format: string(q.Kind.Format()), Prompt: q.Prompt,
		LogID: rec.ID, Rating: int(rec.Rating), Back: a.back(q, correct, rec.Answer),
	}
	vm.Back.ReportURL = reportLink(c, q.ID)
	before := srs.NewCard(rec.ReviewedAt)
	if rec.Before != nil {
		before = *rec.Before
	}
	if vm.Grades, err = gradeButtons(st.sched, before, rec.ReviewedAt, rec.Rating); err != nil {
		return err
	}
	return render(c, views.Review(vm))
}

// regrade changes the grade of a quiz review.
func (a *App) regrade(c *fiber.Ctx) error {
	l, _ := learner(c)
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return notFound("review")
	}
	rating, err := parseRating(c.FormValue("rating"))
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	old, err := a.Store.Review(ctx, l.ID, id)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return notFound("review")
	}
	if err != nil {
		return err
	}
	if old.Rating == rating {
		return c.Redirect(fmt.Sprintf("/review/log/%d", id), fiber.StatusSeeOther)
	}
	q, ok := a.Bank.Question(old.QuestionID)
	if !ok {
		return notFound("card")
	}
	rs, err := a.Store.ReviewSettings(ctx, l.ID)
	if err != nil {
		return err
	}
	sched, err := scheduler(rs)
	if err != nil {
		return err
	}
	newID, err := a.Store.RegradeReview(ctx, l.ID, id, func(before questions.ReviewRecord, version int64) (questions.ReviewRecord, error) {
		var cur *questions.CardRecord
		if before.Before != nil {
			cur = &questions.CardRecord{QuestionID: q.ID, EventID: before.EventID, Card: *before.Before, Version: version}
		}
		rec, _, err := questions.Grade(sched, q, cur, rating, before.ReviewedAt, before.DurationMS, before.Mode)
		rec.Answer = before.Answer
		return rec, err
	})
	if questions.ErrorCode(err) == questions.ECONFLICT {
		return c.Redirect("/review", fiber.StatusSeeOther)
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/review/log/%d", newID), fiber.StatusSeeOther)
}

// undo reverts the learner's last review and shows that card again.
func (a *App) undo(c *fiber.Ctx) error {
	l, _ := learner(c)
	ctx := c.UserContext()
	last, err := a.Store.LastReview(ctx, l.ID)
	if errors.Is(err, questions.ErrNotFound) {
		return c.Redirect("/review", fiber.StatusSeeOther)
	}
	if err != nil {
		return err
	}
	if _, err := a.Store.UndoReview(ctx, l.ID, last.ID); err != nil && questions.ErrorCode(err) != questions.ECONFLICT {
		return err
	}
	return c.Redirect(cardURL(last.QuestionID), fiber.StatusSeeOther)
}

// feedScheduler records an answer given outside the review queue (a mock
// exam) as a review of the question's card: right is Good, wrong Again. It
// grades whatever state the card is in now, so it never conflicts with a
// stale form; it returns the review's id.
func (a *App) feedScheduler(c *fiber.Ctx, l questions.Learner, q questions.Question, correct bool, durationMS int64, given []string, mode questions.ReviewMode) (int64, error) {
	for range 3 {
		cur, err := a.currentCard(c, q)
		if err != nil {
			return 0, err
		}
		version := int64(0)
		if cur != nil {
			version = cur.Version
		}
		id, err := a.applyReview(c, l, q, questions.QuizRating(correct), version, durationMS, mode, given)
		if !errors.Is(err, errStale) {
			return id, err
		}
		// Another review of this card landed in between: grade the new state.
	}
	return 0, questions.Errorf(questions.ECONFLICT, "This card is being reviewed elsewhere at the same time. Try again.")
}
