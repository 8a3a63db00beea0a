"""The grammar of one number phrase: digits and number words joined by و.

A phrase is cut into :class:`Atom` s (a digit number, a unit, ten, tens,
hundred, scale word, fraction or denominator; ordinal words count as units)
by :func:`atoms_at`; :func:`parse_phrase` runs them through a small state
machine (:func:`step`) and returns the longest well-formed number. The rules
follow Arabic number syntax: units come before tens (``خمسة وعشرون``),
hundreds and scale groups come first and decrease (``ألف وتسعمئة وخمسة
وستون``), a scale word multiplies the group before it (``ثلاثة آلاف``،
``3.5 مليار``، ``مئتين واثنين ألف``), ``مئة`` written after a number without
``و`` multiplies it (``ثلاث مئة``), ``و`` + fraction adds it, or a fraction of
the scale after a scale word (``مليون ونصف`` = 1,500,000). Two numbers that
cannot be one (``خمسين وستين``, ``4 آلاف و5 آلاف``) are left for the caller
to read as two.
"""

from __future__ import annotations

from fractions import Fraction

from analysis.numbers.tokens import Token


class Atom:
    """One item of a number phrase.

    Its kind (num, unit, ten, tens, hundred, scale, fraction, denominator), value, token and whether و joins
    it to the previous item.
    """
    __slots__ = ("kind", "value", "form", "joined", "tok", "definite", "ordinal", "compound_only",
                 "decimal", "frac", "need_def", "not_alone_def", "prefix", "tanwin")

    def __init__(self, kind: str, value: Fraction | int, tok: int, joined: bool) -> None:
        self.kind = kind
        self.value = value
        self.tok = tok
        self.joined = joined
        self.form = ""
        self.definite = False
        self.ordinal = False
        self.compound_only = False
        self.decimal = False
        self.frac = False
        self.need_def = False
        self.not_alone_def = False
        self.prefix = ""
        self.tanwin = False


CARD_KINDS = ("unit", "ten", "tens", "hundred", "scale", "fraction", "denominator", "ordinal")


def word_atom(tok: Token, idx: int, joined_before: bool) -> Atom | None:
    """The atom a number word makes (None for words that are not cardinal items, such as vague words)."""
    for m in tok.matches():
        info = m.info
        if info.kind not in CARD_KINDS:
            continue
        kind = info.kind
        value = info.value
        a = Atom(kind, value, idx, joined_before or m.prefix.startswith("و"))
        a.prefix = m.prefix
        a.definite = m.definite
        a.form = info.form
        a.tanwin = "\u064B" in tok.text  # مليوناً: accusative singular, not the dual construct مليونا
        if kind == "ordinal":
            a.ordinal = True
            a.kind = "ten" if value == 10 else "unit"
            a.compound_only = info.form == "compound_only"
            a.need_def = info.need_definite
            if value == 1 and not info.form and tok.norm.endswith("ي") and tok.text.rstrip(
                    "\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652").endswith("ي"):
                continue  # أولي/الأولي (preliminary), not الأولى (first)
        elif kind == "unit":
            a.compound_only = info.form == "compound_only"
            a.not_alone_def = info.not_alone_definite
        return a
    return None


def atoms_at(toks: list[Token], i: int) -> list[Atom]:
    """The run of number items starting at token ``i`` (digits, number words, standalone و between them)."""
    atoms: list[Atom] = []
    j = i
    pending = False
    while j < len(toks) and len(atoms) < 24:
        t = toks[j]
        if t.kind == "num":
            if t.num is None:
                break
            a = Atom("num", t.num.value, j, pending)
            a.decimal = t.num.decimal
            a.frac = t.frac
            if t.chain_role and atoms:
                break
            atoms.append(a)
            pending = False
            if t.chain_role:
                break
        elif t.kind == "word":
            if t.norm == "و":
                if pending or not atoms:
                    break
                pending = True
                j += 1
                continue
            if t.norm in ("ال", "الـ") and not atoms:
                break
            a = word_atom(t, j, pending)
            if a is None:
                break
            if atoms and a.prefix not in ("", "و"):
                break
            atoms.append(a)
            pending = False
        else:
            break
        j += 1
    return atoms


class PhraseState:
    """State of the phrase machine.

    Completed scale groups (``total``), the group being built, the last scale and item kind.
    """
    __slots__ = ("total", "group", "last_scale", "last", "group_start", "zero", "frac_done", "pending",
                 "decimal", "fraction", "count", "tail_scale")

    def __init__(self) -> None:
        self.total = Fraction(0)
        self.group = Fraction(0)
        self.last_scale = 0
        self.last = ""
        self.group_start = 0
        self.zero = False
        self.frac_done = False
        self.pending = 0
        self.decimal = False
        self.fraction = False
        self.count = 0
        self.tail_scale = 0

    def copy(self) -> PhraseState:
        n = PhraseState.__new__(PhraseState)
        n.total = self.total
        n.group = self.group
        n.last_scale = self.last_scale
        n.last = self.last
        n.group_start = self.group_start
        n.zero = self.zero
        n.frac_done = self.frac_done
        n.pending = self.pending
        n.decimal = self.decimal
        n.fraction = self.fraction
        n.count = self.count
        n.tail_scale = self.tail_scale
        return n

    @property
    def value(self) -> Fraction:
        return self.total + self.group


def step(s: PhraseState, a: Atom, nx: Atom | None, idx: int) -> PhraseState | None:
    """One atom of a cardinal phrase; None when it cannot continue the number."""
    if s.zero:
        return None
    first = s.count == 0
    j = a.joined and not first
    k = a.kind
    n = s.copy()
    n.count += 1
    if s.frac_done:
        # "مليون ونصف المليون", "مليار ونصف مليار": the scale repeated after its fraction
        if k == "scale" and not j and a.value == s.last_scale and s.last != "echo" \
                and (a.definite or a.form == "singular"):
            n.last = "echo"
            return n
        return None
    if s.last == "fraction_lead" and k not in ("scale",):
        return None
    after_scale = s.last == "scale" and s.group == 0 and not first
    if k == "num":
        d = a.value
        if first:
            n.group = Fraction(d)
            n.decimal = a.decimal
            n.fraction = a.frac
        elif after_scale and 0 < d < s.last_scale and not a.frac:
            n.group = Fraction(d)
            n.group_start = idx
            n.decimal = n.decimal or a.decimal
        elif j and s.last == "hundred" and 0 < d < 100 and d == int(d):
            n.group += d
        else:
            return None
        n.last = "num"
    elif k == "unit":
        u = a.value
        if a.compound_only and not (nx is not None and not nx.joined and nx.kind == "ten") \
                and not (a.ordinal and nx is not None and nx.joined and nx.kind == "tens"):
            return None
        if u == 0:
            if not first:
                return None
            n.zero = True
        elif j and nx is not None and nx.kind == "denominator" and not nx.joined and s.value > 0:
            n.pending = u
            n.last = "numer"
            return n
        elif first:
            n.group = Fraction(u)
        elif after_scale:
            n.group = Fraction(u)
            n.group_start = idx
        elif j and s.last == "hundred" and s.group % 100 == 0:
            n.group += u
        else:
            return None
        n.last = "unit"
    elif k == "ten":
        if not first and not j and s.last == "unit" and 1 <= s.group % 100 <= 9:
            n.group += 10
        elif first:
            n.group = Fraction(10)
        elif after_scale:
            n.group = Fraction(10)
            n.group_start = idx
        elif j and s.last == "hundred" and s.group % 100 == 0:
            n.group += 10
        else:
            return None
        n.last = "teen"
    elif k == "tens":
        if first:
            n.group = Fraction(a.value)
        elif j and s.last == "unit" and 1 <= s.group % 100 <= 9:
            n.group += a.value
        elif after_scale and j:
            n.group = Fraction(a.value)
            n.group_start = idx
        elif j and s.last == "hundred" and s.group % 100 == 0:
            n.group += a.value
        else:
            return None
        n.last = "tens"
    elif k == "hundred":
        if a.value == 100 and not j and not first and s.last in ("unit", "num", "tens", "teen") and s.group > 0:
            n.group = s.group * 100
        elif first:
            n.group = Fraction(a.value)
        elif after_scale:
            n.group = Fraction(a.value)
            n.group_start = idx
        else:
            return None
        n.last = "hundred"
    elif k == "scale":
        S = a.value
        form = a.form
        if form == "singular_after_number":
            # "عشرون ألفاً" and "مليوناً ونصف" are singular; "ألفا شخص" (no tanwin, a noun after) is dual
            form = "singular" if s.group > 0 or a.tanwin or (nx is not None and nx.joined) else "dual"
        if a.definite and not first and form != "singular":
            return None
        if form == "plural":
            if s.group >= 3 and s.last != "scale" and (not s.last_scale or S < s.last_scale):
                n.total += s.group * S
                n.group = Fraction(0)
            else:
                return None
            n.last_scale = S
        elif form == "dual":
            if first:
                n.total = Fraction(2 * S)
            elif j and after_scale and S < s.last_scale:
                n.total += 2 * S
            elif j and S < 100 and s.group > 0 and s.last in ("hundred", "tens", "teen", "unit"):
                n.group += 2 * S  # "ثلاثمئة ودزينتين" = 324
                n.last = "dozen"
                n.tail_scale = 0
                return n
            else:
                return None
            n.last_scale = S
        else:
            if s.group > 0 and s.last not in ("scale",) and (not s.last_scale or S < s.last_scale):
                n.total += s.group * S
                n.group = Fraction(0)
                n.last_scale = S
            elif first:
                n.total = Fraction(S)
                n.last_scale = S
            elif after_scale and not j and S > s.last_scale:
                n.total = s.total * S
                n.last_scale = S
            elif after_scale and j and S < s.last_scale:
                n.total += S
                n.last_scale = S
            else:
                return None
        n.tail_scale = S
        n.last = "scale"
        return n
    elif k == "fraction":
        f = Fraction(a.value)
        if first:
            n.group = f
            n.fraction = True
            n.last = "fraction_lead"
            return n
        if j and s.last in ("scale", "unit", "num", "tens", "teen", "hundred"):
            if s.group == 0 and s.last_scale >= 1000:
                n.total += f * s.last_scale
            else:
                n.group += f
            n.frac_done = True
            n.fraction = True
            n.last = "fraction"
            n.tail_scale = 0
            return n
        return None
    elif k == "denominator":
        D = a.value
        if s.last == "numer":
            n.group += Fraction(s.pending, D)
            n.pending = 0
        elif not j and not first and s.last in ("unit", "tens", "teen", "num", "hundred") and s.group > 0:
            n.group = s.group / D
        else:
            return None
        n.fraction = True
        n.frac_done = True
        n.last = "denominator"
        n.tail_scale = 0
        return n
    else:
        return None
    n.tail_scale = 0
    return n


def parse_phrase(atoms: list[Atom]) -> tuple[int, PhraseState] | None:
    """Longest well-formed number at the start of ``atoms``: (atoms used, state)."""
    states = [PhraseState()]
    s = states[0]
    fail_at = len(atoms)
    for idx, a in enumerate(atoms):
        nx = atoms[idx + 1] if idx + 1 < len(atoms) else None
        ns = step(s, a, nx, idx)
        if ns is None:
            fail_at = idx
            break
        states.append(ns)
        s = ns
    used = len(states) - 1
    if used == 0:
        return None
    if fail_at < len(atoms) and used > 1:
        failed = atoms[fail_at]
        last = states[used]
        # "4 آلاف و5 آلاف": the group before a rejected scale belongs to the next number
        if failed.kind in ("scale", "hundred", "denominator") and last.group > 0 and last.group_start > 0 \
                and not failed.joined:
            used = last.group_start
    while used > 0 and states[used].last == "numer":
        used -= 1
    if used == 0:
        return None
    return used, states[used]


def split_whole(atoms: list[Atom], denominator: Fraction | int) -> tuple[Fraction, Fraction] | None:
    """Cut a spelled-out numerator at a ``و`` into a whole part and a proper numerator.

    ``مئتان وواحد وسبعون جزءا من مئة`` is 200 and 71 hundredths (200.71), not
    271 hundredths: a numerator written in words that is not smaller than its
    denominator is read as a whole number plus the last conjuncts, the longest
    run of them whose value is below the denominator. Returns (whole,
    numerator), or None when no such cut exists (``ثلاثة وعشرون خمس`` stays
    23/5: ``وعشرون`` alone is not below 5).
    """
    for k in range(1, len(atoms)):
        if not atoms[k].joined:
            continue
        head = parse_phrase(atoms[:k])
        tail = parse_phrase(atoms[k:])
        if head is None or tail is None or head[0] != k or tail[0] != len(atoms) - k:
            continue
        whole, part = head[1].value, tail[1].value
        if 0 < part < denominator and part.denominator == 1 and whole >= denominator:
            return whole, part
    return None
