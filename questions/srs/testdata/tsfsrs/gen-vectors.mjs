// gen-vectors.mjs writes ../tsfsrs_vectors.json: random review sequences
// scheduled by ts-fsrs, the reference FSRS implementation, with Sabaq's
// settings and fuzz off. vectors_test.go replays them through our Go
// scheduler and compares the results.
//
// Regenerate (needs Node >= 20 and npm):
//
//	cd questions/srs/testdata/tsfsrs && npm ci && node gen-vectors.mjs
//
// The PRNG is seeded, so rerunning with the same ts-fsrs version (pinned in
// package.json and package-lock.json) rewrites the same file byte for byte.

import { writeFileSync } from "node:fs";
import { createEmptyCard, fsrs, FSRSVersion, generatorParameters } from "ts-fsrs";

const SEED = 20240601;
const SEQUENCES = 300;
const MAX_LEN = 12;

// mulberry32: a small, well-known 32-bit PRNG; enough for test inputs.
function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Sabaq's settings (questions/srs DefaultSettings with fuzz off).
const settings = {
  request_retention: 0.9,
  maximum_interval: 365,
  learning_steps: ["1m", "10m"],
  relearning_steps: ["10m"],
  enable_fuzz: false,
  enable_short_term: true,
};
const params = generatorParameters(settings);
const f = fsrs(params);

// nextGap picks how long after the previous review the learner comes back:
// often when the card is due (as a real learner would), otherwise anything
// from a minute to a year, so early, late and same-day reviews all occur.
function nextGap(now, due) {
  const u = rand();
  if (u < 0.35 && due > now) {
    return due - now + int(0, 3 * HOUR); // on time, up to three hours late
  }
  if (u < 0.5) return int(1, 180) * MINUTE + int(0, 59999);
  if (u < 0.65) return int(3 * HOUR, 48 * HOUR);
  if (u < 0.9) return int(1, 60) * DAY + int(0, DAY - 1);
  return int(60, 400) * DAY + int(0, DAY - 1);
}

const start2023 = Date.UTC(2023, 0, 1);
const sequences = [];
for (let id = 0; id < SEQUENCES; id++) {
  const created = start2023 + int(0, 3 * 365) * DAY + int(0, DAY - 1);
  let card = createEmptyCard(new Date(created));
  let now = created + int(0, 30 * MINUTE);
  const reviews = [];
  const len = int(1, MAX_LEN);
  for (let i = 0; i < len; i++) {
    if (i > 0) now += nextGap(now, card.due.getTime());
    const rating = int(1, 4);
    const { card: next } = f.next(card, new Date(now), rating);
    reviews.push({
      review_ms: now,
      rating,
      due_ms: next.due.getTime(),
      stability: next.stability,
      difficulty: next.difficulty,
      state: next.state,
      reps: next.reps,
      lapses: next.lapses,
      scheduled_days: next.scheduled_days,
    });
    card = next;
  }
  sequences.push({ id, created_ms: created, reviews });
}

// One review per line keeps the committed file diffable.
const lines = [];
lines.push("{");
lines.push(`  "generator": ${JSON.stringify(`ts-fsrs ${FSRSVersion} (gen-vectors.mjs, seed ${SEED})`)},`);
lines.push(`  "settings": ${JSON.stringify(settings)},`);
lines.push(`  "w": ${JSON.stringify(params.w)},`);
lines.push(`  "sequences": [`);
sequences.forEach((s, i) => {
  lines.push(`    {"id": ${s.id}, "created_ms": ${s.created_ms}, "reviews": [`);
  s.reviews.forEach((r, j) => {
    lines.push(`      ${JSON.stringify(r)}${j < s.reviews.length - 1 ? "," : ""}`);
  });
  lines.push(`    ]}${i < sequences.length - 1 ? "," : ""}`);
});
lines.push("  ]");
lines.push("}");
const out = new URL("../tsfsrs_vectors.json", import.meta.url);
writeFileSync(out, lines.join("\n") + "\n");
const total = sequences.reduce((n, s) => n + s.reviews.length, 0);
console.log(`wrote ${sequences.length} sequences, ${total} reviews with ts-fsrs ${FSRSVersion}`);
