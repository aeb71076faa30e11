package demotown

// mix64 is the splitmix64 finaliser: a cheap, well-mixed 64-bit hash.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// hash3 combines three values into one well-mixed hash.
func hash3(a, b, c uint64) uint64 {
	return mix64(mix64(mix64(a+0x9e3779b97f4a7c15)^b) ^ c)
}

// hashString is FNV-1a over s, used to give every file its own style.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// rng is a splitmix64 generator: tiny state, so one can be derived per
// child, per file or per row from a hash and thrown away.
type rng struct{ s uint64 }

// newRng derives a generator from three values (seed, subject, stream).
func newRng(a, b, c uint64) rng { return rng{s: hash3(a, b, c)} }

// next returns the next 64 random bits.
func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix64(r.s)
}

// intn returns a value in [0, n); n must be positive.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a value in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool {
	return float64(r.next()>>11)/(1<<53) < p
}

// weighted picks an index with probability proportional to w[i].
func (r *rng) weighted(w []int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	k := r.intn(total)
	for i, x := range w {
		if k < x {
			return i
		}
		k -= x
	}
	return len(w) - 1
}
