package srs

import "math"

// The exam plan weighs a review of the same memory on many days, and only
// two outcomes of it: recalled (planned as Good), or forgotten and relearnt
// Good at its step the same day. So the powers of a memory's stability and
// difficulty that FSRS-6's formulas need are worked out once per memory
// (prep), and a review's outcomes from them and its recall (outcomes): four
// exponentials and powers a review, where model.next takes a dozen.
// TestPlanModel_IsModelNext holds it to model.next.

// planModel is the model with the constants the two outcomes share.
type planModel struct {
	model
	expW8      float64 // e^w8
	shortGood  float64 // e^(w17·w18): a same-day Good's factor before S^-w19
	lapseLimit float64 // a lapse's stability is at most S / e^(w17·w18)
	easyInit   float64 // the initial difficulty of an Easy first answer
}

func newPlanModel(m model) planModel {
	w := &m.w
	e := math.Exp(w[17] * w[18])
	return planModel{model: m, expW8: math.Exp(w[8]), shortGood: e, lapseLimit: e, easyInit: w[4] - math.Exp(w[5]*3) + 1}
}

// powers are a memory's s^-w9, d^-w12 and (s+1)^w13 − 1.
type powers struct{ sw9, dw12, sw13 float64 }

func (pm *planModel) prep(mem memory) powers {
	w := &pm.w
	ls := math.Log(mem.s)
	return powers{sw9: math.Exp(-w[9] * ls), dw12: math.Exp(-w[12] * math.Log(mem.d)), sw13: math.Exp(w[13]*math.Log1p(mem.s)) - 1}
}

// recall is model.recall as exp and log, which cost half of math.Pow.
func (pm *planModel) recall(elapsed, s float64) float64 {
	s = min(max(s, stabilityMin), stabilityMax)
	return math.Exp(pm.decay * math.Log1p(pm.factor*elapsed/s))
}

// difficulty is the difficulty after a review rated r.
func (pm *planModel) difficulty(d float64, r Rating) float64 {
	w := &pm.w
	d += (10 - d) * (-w[6] * float64(r-3)) / 9
	return min(max(w[7]*pm.easyInit+(1-w[7])*d, difficultyMin), difficultyMax)
}

// outcomes are a review's recall probability, the memory after it recalled
// (Good) and after it forgotten and relearnt (Again, then Good at the
// step), for a review elapsed > 0 days after the last of a memory whose
// powers are pw.
func (pm *planModel) outcomes(mem memory, pw powers, elapsed float64) (r float64, good, lapse memory) {
	w := &pm.w
	r = pm.recall(elapsed, mem.s)
	good.s = mem.s * (1 + pm.expW8*(11-mem.d)*pw.sw9*(math.Exp((1-r)*w[10])-1))
	good.s = min(max(good.s, stabilityMin), stabilityMax)
	good.d = pm.difficulty(mem.d, Good)
	s := w[11] * pw.dw12 * pw.sw13 * math.Exp((1-r)*w[14])
	s = min(max(min(s, mem.s/pm.lapseLimit), stabilityMin), stabilityMax)
	inc := max(pm.shortGood*math.Exp(-w[19]*math.Log(s)), 1)
	lapse.s = min(max(s*inc, stabilityMin), stabilityMax)
	lapse.d = pm.difficulty(pm.difficulty(mem.d, Again), Good)
	return r, good, lapse
}
