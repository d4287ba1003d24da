/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Decides, before a window is scored, whether it can produce any injection finding at all, and which matchers can
 * match in it. Every feature, cue and the markdown rule has a {@link Prefilter} condition derived from its regex
 * ("ignore" AND "instructions", not "ignore" alone); one automaton pass over the window finds where the literals
 * occur, and the highest score the possible matchers could add up to (each feature id or cue group at its top weight,
 * with every bonus the scoring can give) is compared with the thresholds: per window for clusters of phrase features,
 * per sentence for the sentence scoring (only literals and keys a hit of that sentence can contain count). A window
 * that cannot reach them is skipped: its result would have been empty, so skipping changes nothing but the cost.
 * The scorer applies the same key rule as here (a feature only near its keys, a cue only in sentences with one).
 *
 * <p>Literals anywhere in a window cannot say that they are adjacent ("agent" AND ":" AND "run" holds in most prose),
 * so while a bound still reaches a threshold the gate runs the scorer's own matching for the heaviest matcher it
 * counts (a phrase feature at its keys, a cue in the sentences the scorer would search) and counts it only where it
 * really matched. A bound over real hits is still a bound, and the hits are handed to the scorer ({@link Known}),
 * which then does not run that matching again. Being the rules' own regexes, this follows every rule edit.
 *
 * <p>Only the text the scorer would see is read: the window itself (ASCII windows lower-cased, others normalised
 * first; runs of whitespace collapsed, see {@link Prefilter#ofCollapsed}) and, for hiding markup, the 600
 * characters before it. Windows with tag characters or several
 * invisible characters always go to the scorer (it reports those on their own).
 *
 * <p>Session 8: an ASCII window does not scan itself. The scan runs the literal and key automata once over each
 * stretch of overlapping windows ({@link WindowIndex}); a window reads its slice of their position lists and is
 * rejected there when no matcher with a key in it has its literal condition met, before anything is built for it.
 * Sentence starts and per-sentence bounds are computed only when the bound over the whole window still reaches the
 * sentence threshold. Windows with any non-ASCII character are normalised and scanned on their own, as before.
 */
final class InjectionGate {
  /** Floating-point slack: the bound adds the same weights as the scorer, in another order. */
  private static final double EPSILON = 1e-9;
  /** How far before a window the scorer looks for markup that hides text. */
  private static final int HIDE_REACH = 600;

  private static final int FEATURES = InjectionRules.FEATURES.size();
  private static final int CUES = InjectionCues.CUES.size();
  /** Matchers: the features, then the cues, then markdown exfiltration. */
  private static final int MATCHERS = FEATURES + CUES + 1;
  private static final int[] EVERY_MATCHER = java.util.stream.IntStream.range(0, MATCHERS).toArray();

  /**
   * Literals too common to be worth finding (session 11: 55 % of the index's occurrences on man pages were one
   * character, then these words): a condition takes them as true. Still a bound, and the scorer's matching decides.
   */
  private static final Set<String> UNINFORMATIVE = Set.of("the", "the ", " the", " the ", " i", "i ", "it", "to",
      "--", "of", "in", "is", "on", "an", "or", "and", " a ", "a ");

  private static final Triggers LITERALS;
  /** Per literal: the matchers whose condition mentions it. */
  private static final int[][] MATCHERS_OF;
  /** Per matcher: its condition over literal ids. */
  private static final Prefilter.Cond[] COND;
  private static final Map<String, Integer> LITERAL_ID = new HashMap<>();
  private static final Check[] CHECK;
  /** The same conditions, on literals stamped with a sentence's marks (see {@link #sentenceBound}). */
  private static final Stamped[] STAMPED;
  /** Matchers whose condition is always true (nothing to gate on). */
  private static final int[] ALWAYS;
  /** Per matcher: index of its feature id (cluster scoring), or -1 for cues. */
  private static final int[] ID_OF;
  private static final int IDS;
  private static final boolean[] STRONG_ID;
  /** Per matcher: index of its group (sentence scoring). */
  private static final int[] GROUP_OF;
  private static final String[] GROUPS;
  private static final double[] WEIGHT;
  private static final int OVERRIDE;
  private static final Triggers HIDE;
  private static final Pattern[] PATTERN;

  static {
    List<Pattern> patterns = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    WEIGHT = new double[MATCHERS];
    for (int f = 0; f < FEATURES; f++) {
      InjectionRules.Feature feature = InjectionRules.FEATURES.get(f);
      patterns.add(feature.pattern());
      ids.add(feature.id());
      groups.add(InjectionCues.group(feature.id()));
      WEIGHT[f] = feature.weight();
    }
    for (int c = 0; c < CUES; c++) {
      InjectionCues.Cue cue = InjectionCues.CUES.get(c);
      patterns.add(cue.pattern());
      ids.add(null);
      groups.add(InjectionCues.group("cue-" + cue.group()));
      WEIGHT[FEATURES + c] = cue.weight();
    }
    patterns.add(InjectionDetector.MARKDOWN_EXFIL);
    ids.add("markdown-exfil");
    groups.add(InjectionCues.group("markdown-exfil"));
    WEIGHT[MATCHERS - 1] = InjectionDetector.MARKDOWN_MAX_WEIGHT;

    PATTERN = patterns.toArray(Pattern[]::new);
    COND = new Prefilter.Cond[MATCHERS];
    Set<String> literals = new LinkedHashSet<>();
    for (int m = 0; m < MATCHERS; m++) {
      COND[m] = Prefilter.weaken(Prefilter.ofCollapsed(patterns.get(m)), InjectionGate::informative);
      Prefilter.literals(COND[m], literals);
    }
    List<String> lits = new ArrayList<>(literals);
    for (int i = 0; i < lits.size(); i++) {
      LITERAL_ID.put(lits.get(i), i);
    }
    CHECK = new Check[MATCHERS];
    STAMPED = new Stamped[MATCHERS];
    for (int m = 0; m < MATCHERS; m++) {
      CHECK[m] = compile(COND[m]);
      STAMPED[m] = compileStamped(COND[m]);
    }
    List<List<Integer>> of = new ArrayList<>();
    lits.forEach(l -> of.add(new ArrayList<>()));
    List<Integer> always = new ArrayList<>();
    for (int m = 0; m < MATCHERS; m++) {
      Set<String> mine = new LinkedHashSet<>();
      Prefilter.literals(COND[m], mine);
      if (mine.isEmpty()) {
        always.add(m);
      }
      for (String l : mine) {
        of.get(LITERAL_ID.get(l)).add(m);
      }
    }
    LITERALS = new Triggers(lits.isEmpty() ? List.of("\u0000") : lits);
    MATCHERS_OF = new int[lits.size()][];
    for (int i = 0; i < lits.size(); i++) {
      MATCHERS_OF[i] = of.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    ALWAYS = always.stream().mapToInt(Integer::intValue).toArray();

    List<String> idNames = new ArrayList<>();
    ID_OF = new int[MATCHERS];
    for (int m = 0; m < MATCHERS; m++) {
      String id = ids.get(m);
      if (id == null) {
        ID_OF[m] = -1;
      } else {
        if (!idNames.contains(id)) {
          idNames.add(id);
        }
        ID_OF[m] = idNames.indexOf(id);
      }
    }
    IDS = idNames.size();
    STRONG_ID = new boolean[IDS];
    for (int i = 0; i < IDS; i++) {
      STRONG_ID[i] = InjectionDetector.STRONG.contains(idNames.get(i));
    }
    List<String> groupNames = new ArrayList<>();
    GROUP_OF = new int[MATCHERS];
    for (int m = 0; m < MATCHERS; m++) {
      if (!groupNames.contains(groups.get(m))) {
        groupNames.add(groups.get(m));
      }
      GROUP_OF[m] = groupNames.indexOf(groups.get(m));
    }
    GROUPS = groupNames.toArray(String[]::new);
    OVERRIDE = groupNames.indexOf("override");
    Set<String> hide = new LinkedHashSet<>();
    hide.add("<!--");
    Prefilter.literals(Prefilter.ofIgnoringAsciiCase(InjectionDetector.HIDDEN_STYLE), hide);
    boolean hideKnown = !(Prefilter.ofIgnoringAsciiCase(InjectionDetector.HIDDEN_STYLE) instanceof Prefilter.Always);
    HIDE = hideKnown ? new Triggers(new ArrayList<>(hide)) : null;
  }

  private InjectionGate() {}

  /** Every matcher may match (windows the gate does not judge). */
  private static final boolean[] ALL_POSSIBLE = new boolean[MATCHERS];

  static {
    java.util.Arrays.fill(ALL_POSSIBLE, true);
  }

  /** Number of literals the gate looks for (for tests and the benchmark). */
  static int literals() {
    return LITERAL_ID.size();
  }

  /** The condition of matcher {@code m} (features, then cues, then markdown). */
  static Prefilter.Cond condition(int m) {
    return COND[m];
  }

  /** The regex of matcher {@code m}. */
  static Pattern pattern(int m) {
    return PATTERN[m];
  }

  static int matchers() {
    return MATCHERS;
  }

  /** Whether scoring {@code text[from,to)} at depth 0 can produce any span. False means: skip, nothing is lost. */
  static boolean mayScore(CharSequence text, int from, int to) {
    return possible(text, from, to) != null;
  }

  /**
   * Null when scoring {@code text[from,to)} at depth 0 cannot produce any span (skip it, nothing is lost); else, per
   * matcher (features, then cues, then markdown), whether it can match anywhere in the window at all. A matcher marked
   * false has no match there: the scorer may leave it out and find exactly the same hits.
   */
  static boolean[] possible(CharSequence text, int from, int to) {
    Known k = judge(text, from, to);
    return k == null ? null : k.possible;
  }

  /**
   * What the gate learnt about a window it lets through: per matcher whether it can match (see {@link #possible}),
   * and the matching it already ran for the scorer to reuse (null when none ran).
   */
  record Known(boolean[] possible, Verifier verifier) {}

  private static final Known ALL = new Known(ALL_POSSIBLE, null);

  /**
   * Whether a condition keeps {@code literal}: not one of the words above, nor a space, letter or digit. Punctuation
   * stays: dropping it too let 3-4x more log windows reach the gate's regexes (session 13, {@code FilterStages}).
   */
  static boolean informative(String literal) {
    if (literal.length() == 1) {
      char c = literal.charAt(0);
      return !(c < 128 && (Character.isLetterOrDigit(c) || c == ' '));
    }
    return !UNINFORMATIVE.contains(literal);
  }

  /** {@link #possible}, with the hits the gate found on the way; null: skip the window. */
  static Known judge(CharSequence text, int from, int to) {
    return judge(text, from, to, null);
  }

  /** An index of {@code text} for {@link #judge(CharSequence, int, int, WindowIndex)}, covering nothing yet. */
  static WindowIndex index(CharSequence text) {
    return new WindowIndex(text, LITERALS, Math.max(1, LITERAL_ID.size()), MATCHERS);
  }

  /**
   * {@link #judge(CharSequence, int, int)}, an ASCII window reading its literal and key occurrences from
   * {@code index} (one that covers the window, on the same text; otherwise, or when null, the window is indexed on its
   * own). A window with any other character is normalised and scanned on its own, as before.
   */
  static Known judge(CharSequence text, int from, int to, WindowIndex index) {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) >= 128) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      WindowIndex ix = index;
      if (ix == null || !ix.covers(text, from, to)) {
        ix = index(text);
        ix.cover(from, to);
      }
      return judgeAscii(text, from, to, ix);
    }
    Normalized nz = Normalized.of(text, from, to);
    if (nz.tags > 0 || nz.invisibles > 0) {
      return ALL; // hidden-character evidence: let the scorer report and weigh it
    }
    double extras = nz.mixedScriptWords > 0 ? 0.3 : 0;
    String t = nz.text;
    Occurrences occ = Occurrences.of(t);
    if (occ.size == 0 && ALWAYS.length == 0) {
      return null;
    }
    boolean[] present = new boolean[LITERAL_ID.size()];
    for (int i = 0; i < occ.size; i++) {
      present[occ.literal[i]] = true;
    }
    // the scorer tries a feature only near its keys and a cue only in sentences with one of its keys
    IntList[] keyAt = InjectionDetector.keysOf(t);
    boolean[] possible = new boolean[MATCHERS];
    boolean any = false;
    for (int m = 0; m < MATCHERS; m++) {
      possible[m] = keyAt[m] != null && CHECK[m].test(present);
      any |= possible[m];
    }
    if (!any) {
      return null;
    }
    return decide(text, from, to, t, () -> occ, keyAt, possible, extras);
  }

  /**
   * An ASCII window, from the index: the normalised text of an ASCII window is the window lower-cased, so offsets are
   * the text's minus {@code from}. The cheapest rejection comes first: no matcher with a key in the window whose
   * literal condition holds there, read off the stamped slices without building anything.
   */
  private static Known judgeAscii(CharSequence text, int from, int to, WindowIndex ix) {
    int mark = ix.nextStamp();
    boolean[] word = InjectionKeys.wordKeys();
    int keyed = ix.stampMatchers(from, to, word, mark);
    if (keyed == 0) {
      return null;
    }
    ix.stampLiterals(from, to, mark);
    int[] stamp = ix.literalStamp;
    boolean[] possible = null;
    for (int i = 0; i < keyed; i++) {
      int m = ix.keyed[i];
      if (STAMPED[m].test(stamp, mark, mark)) {
        if (possible == null) {
          possible = new boolean[MATCHERS];
        }
        possible[m] = true;
      }
    }
    if (possible == null) {
      return null;
    }
    IntList[] keyAt = new IntList[MATCHERS];
    ix.keys(from, to, word, (id, s) -> {
      for (int m : InjectionKeys.matchersOf(id)) {
        if (keyAt[m] == null) {
          keyAt[m] = new IntList();
        }
        keyAt[m].add(s);
      }
    });
    InjectionDetector.sortEach(keyAt);
    // the occurrences matter only to the sentence stage, which most windows never reach
    Supplier<Occurrences> occ = () -> {
      Occurrences o = new Occurrences();
      ix.literals(from, to, o::add);
      return o;
    };
    return decide(text, from, to, asciiLowerCase(text, from, to), occ, keyAt, possible, 0);
  }

  /**
   * The bounds of a window whose possible matchers are known: a cluster of phrase features, then per sentence; where
   * a bound reaches its threshold, the heaviest matcher it counts is run (see the class comment).
   */
  private static Known decide(CharSequence text, int from, int to, String t, Supplier<Occurrences> literals,
      IntList[] keyAt, boolean[] possible, double extras) {
    // literal conditions say what may match; where they are not enough, the scorer's own matching decides
    Verifier verifier = new Verifier(t, keyAt);
    Hide hide = new Hide(text, from, to);
    while (reaches(clusterBound(possible, extras), InjectionDetector.THRESHOLD, hide)) {
      int m = heaviestUnverified(possible, verifier, null, -1, EVERY_MATCHER);
      if (m < 0) {
        return new Known(possible, verifier);
      }
      possible[m] = verifier.matches(m);
    }
    // every sentence counts a part of what the whole window may hold: below the threshold there, below it everywhere
    if (!reaches(groupBound(possible, extras), InjectionDetector.SENTENCE_THRESHOLD, hide)) {
      return null;
    }
    // sentences: the scorer's threshold is per sentence, so is this bound (see sentenceBound)
    int[] starts = verifier.starts();
    Occurrences occ = literals.get();
    int[] stamp = new int[LITERAL_ID.size()];
    boolean[] counted = new boolean[MATCHERS];
    // matchers only ever become impossible from here on: each sentence looks at these few, not at all of them
    int[] live = indicesOf(possible);
    // a sentence counts only matchers with a key in or near it (markdown excepted): without one its bound is 0
    int[] keys = keyPositions(possible, keyAt);
    boolean keyless = possible[MATCHERS - 1];
    for (int s = 0; s < starts.length; s++) {
      if (!keyless && !keyNear(keys, starts, s, t.length())) {
        continue;
      }
      while (reaches(sentenceBound(t, starts, s, occ, keyAt, possible, live, stamp, extras, verifier, counted),
          InjectionDetector.SENTENCE_THRESHOLD, hide)) {
        int m = heaviestUnverified(possible, verifier, counted, s, live);
        if (m < 0) {
          return new Known(possible, verifier);
        }
        if (isCue(m)) {
          verifier.searchCue(m, s);
        } else {
          possible[m] = verifier.matches(m);
        }
      }
    }
    return null;
  }

  /** The starts of every key of a possible matcher, sorted. */
  private static int[] keyPositions(boolean[] possible, IntList[] keyAt) {
    int n = 0;
    for (int m = 0; m < MATCHERS; m++) {
      n += possible[m] && keyAt[m] != null ? keyAt[m].size() : 0;
    }
    int[] a = new int[n];
    int k = 0;
    for (int m = 0; m < MATCHERS; m++) {
      if (possible[m] && keyAt[m] != null) {
        for (int i = 0; i < keyAt[m].size(); i++) {
          a[k++] = keyAt[m].get(i);
        }
      }
    }
    java.util.Arrays.sort(a);
    return a;
  }

  /**
   * Whether a key lies where {@link #sentenceBound} could count it for sentence {@code s}: from its start to the
   * end of the cue region ({@code E} there) or {@link InjectionDetector#KEY_REACH} past its end, whichever is later.
   * A cue's hit starting in the sentence lies in that region and contains its key; a feature's starts at most
   * {@code KEY_REACH} before its key.
   */
  private static boolean keyNear(int[] keys, int[] starts, int s, int length) {
    int ss = starts[s];
    int se = s + 1 < starts.length ? starts[s + 1] : length;
    int e = length;
    for (int k = s + 1; k < starts.length; k++) {
      if (starts[k] > se + 2) {
        e = starts[k];
        break;
      }
    }
    int hi = Math.max(e, se + InjectionDetector.KEY_REACH);
    int lo = 0;
    int up = keys.length;
    while (lo < up) {
      int mid = (lo + up) >>> 1;
      if (keys[mid] < ss) {
        lo = mid + 1;
      } else {
        up = mid;
      }
    }
    return lo < keys.length && keys[lo] < hi;
  }

  /** Whether {@code bound}, or the bound with the hiding bonus when markup may hide the window, reaches it. */
  private static boolean reaches(double bound, double threshold, Hide hide) {
    if (bound >= threshold - EPSILON) {
      return true;
    }
    return bound + 0.5 >= threshold - EPSILON && hide.possible();
  }

  private static boolean isCue(int m) {
    return m >= FEATURES && m < FEATURES + CUES;
  }

  /**
   * The heaviest matcher still possible whose matching has not been run, among those {@code among} marks (null: the
   * phrase features and the markdown rule); cues count as run once searched for sentence {@code s}. -1: none left.
   * {@code candidates}: ascending, holding every matcher still possible (the first of equal weight wins).
   */
  private static int heaviestUnverified(boolean[] possible, Verifier verifier, boolean[] among, int s,
      int[] candidates) {
    int best = -1;
    for (int m : candidates) {
      boolean open = isCue(m) ? among != null && !verifier.cueSearched(m, s) : !verifier.verified(m);
      if (possible[m] && open && (among == null || among[m])
          && (best < 0 || WEIGHT[m] > WEIGHT[best])) {
        best = m;
      }
    }
    return best;
  }

  /** The gate's superset of the scorer's hiding check ({@link #mayBeHidden}), run at most once per window. */
  private static final class Hide {
    private final CharSequence text;
    private final int from;
    private final int to;
    private int known; // 0 not yet checked, 1 may hide, -1 cannot

    Hide(CharSequence text, int from, int to) {
      this.text = text;
      this.from = from;
      this.to = to;
    }

    boolean possible() {
      if (known == 0) {
        known = mayBeHidden(text, from, to) ? 1 : -1;
      }
      return known > 0;
    }
  }

  /**
   * Runs a phrase feature (or the markdown rule) exactly as the scorer does, on the same normalised text and at the
   * same keys, at most once per window: a bound that counts only features which really match there is still a bound,
   * and one that found no match can be left out by the scorer without changing its hits.
   */
  static final class Verifier {
    private final String t;
    private final IntList[] keyAt;
    /** Sentence starts of {@link #t}, found on first need (most windows are decided without them). */
    private int[] starts;
    private final IntList[] hitStarts = new IntList[MATCHERS];
    private final List<InjectionDetector.Hit>[] featureHits;
    /** Per cue: the sentences whose hits are known, and per searched sentence the hits of its search. */
    private final boolean[][] cueKnown = new boolean[MATCHERS][];
    private final List<InjectionDetector.Hit>[][] cueHits;

    @SuppressWarnings({"unchecked", "rawtypes"}) // arrays of a generic type
    Verifier(String t, IntList[] keyAt) {
      this.t = t;
      this.keyAt = keyAt;
      this.featureHits = new List[MATCHERS];
      this.cueHits = new List[MATCHERS][];
    }

    int[] starts() {
      if (starts == null) {
        starts = InjectionDetector.sentenceStarts(t);
      }
      return starts;
    }

    /** The normalised window text the matching ran on. */
    String text() {
      return t;
    }

    /** Per matcher: where its keys start in {@link #text} (null: nowhere). */
    IntList[] keys() {
      return keyAt;
    }

    boolean verified(int m) {
      return featureHits[m] != null;
    }

    /** The hits of feature (or markdown rule) {@code m} in the order the scorer finds them, or null if not run. */
    List<InjectionDetector.Hit> featureHits(int m) {
      return featureHits[m];
    }

    /** The hits of the scorer's search of sentence {@code k} for cue {@code m}, or null if not run. */
    List<InjectionDetector.Hit> cueHits(int m, int k) {
      return cueHits[m] == null ? null : cueHits[m][k];
    }

    boolean matches(int m) {
      if (featureHits[m] == null) {
        List<InjectionDetector.Hit> hits = new ArrayList<>();
        if (m < FEATURES) {
          InjectionDetector.matchAtKeys(m, t, keyAt[m], hits);
        } else {
          InjectionDetector.markdownExfil(t, hits);
        }
        IntList at = new IntList();
        hits.forEach(h -> at.add(h.start()));
        featureHits[m] = hits;
        hitStarts[m] = at;
      }
      return !featureHits[m].isEmpty();
    }

    boolean cueSearched(int m, int s) {
      return cueKnown[m] != null && cueKnown[m][s];
    }

    /**
     * Finds every hit of cue {@code m} that can start in sentence {@code s}. The scorer searches a sentence for a cue
     * only when one of the cue's keys lies in it, from 3 characters before the sentence; so a hit starting in
     * {@code s} comes from the search of {@code s} or of a later sentence starting less than 3 characters after
     * {@code s} ends. Those searches are run here the same way (all of them, whether the scorer would run them or not).
     */
    void searchCue(int m, int s) {
      int[] starts = starts();
      if (cueKnown[m] == null) {
        cueKnown[m] = new boolean[starts.length];
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<InjectionDetector.Hit>[] perSentence = new List[starts.length];
        cueHits[m] = perSentence;
        hitStarts[m] = new IntList();
      }
      int se = end(s);
      for (int k = s; k < starts.length && (k == s || starts[k] - 3 < se); k++) {
        if (cueHits[m][k] == null && keyIn(keyAt[m], starts[k], end(k))) {
          List<InjectionDetector.Hit> hits = new ArrayList<>();
          InjectionCues.find(InjectionCues.CUES.get(m - FEATURES), t, starts[k], end(k), hits);
          hits.forEach(h -> hitStarts[m].add(h.start()));
          cueHits[m][k] = hits;
        }
      }
      cueKnown[m][s] = true;
    }

    private int end(int s) {
      int[] starts = starts();
      return s + 1 < starts.length ? starts[s + 1] : t.length();
    }

    /** Whether matcher {@code m} was run and one of its matches starts in {@code [lo, hi)}. */
    boolean startsIn(int m, int lo, int hi) {
      return keyIn(hitStarts[m], lo, hi);
    }
  }

  /**
   * The highest score a cluster of phrase features can get (without the hiding bonus): each feature id at most its
   * best plus half a second match; 0 when no cluster of the possible features can count at all.
   */
  private static double clusterBound(boolean[] possible, double extras) {
    double[] idBest = new double[IDS];
    boolean strong = false;
    Set<String> featureGroups = new LinkedHashSet<>();
    for (int m = 0; m < MATCHERS; m++) {
      if (possible[m] && ID_OF[m] >= 0) {
        idBest[ID_OF[m]] = Math.max(idBest[ID_OF[m]], 1.5 * WEIGHT[m]);
        strong |= STRONG_ID[ID_OF[m]];
        featureGroups.add(GROUPS[GROUP_OF[m]]);
      }
    }
    double cluster = extras;
    for (double b : idBest) {
      cluster += b;
    }
    return strong || InjectionCues.specific(featureGroups) ? cluster : 0;
  }

  /**
   * The highest score sentence {@code s} of {@code t} can get in the scorer's sentence scoring (without the hiding
   * bonus). A hit belongs to the sentence its match starts in, so only these can count:
   * <ul>
   *   <li>a cue whose condition holds on the literals in {@code [start of s, E)}: the scorer finds cues sentence by
   *   sentence, the search of a sentence starting 3 characters before it, so a cue match that starts in {@code s}
   *   ends at the latest with the first sentence that starts more than 2 characters after {@code s} ends ({@code E});
   *   <li>a phrase feature whose condition holds on the literals from the start of {@code s} on, and which has a key
   *   in {@code [start of s, end of s + 80)}: the scorer tries a feature only up to 80 characters before a key;
   *   <li>markdown exfiltration whose condition holds from the start of {@code s} on.
   * </ul>
   */
  private static double sentenceBound(String t, int[] starts, int s, Occurrences occ, IntList[] keyAt,
      boolean[] possible, int[] live, int[] stamp, double extras, Verifier verifier, boolean[] counted) {
    int ss = starts[s];
    int se = s + 1 < starts.length ? starts[s + 1] : t.length();
    int e = t.length();
    for (int k = s + 1; k < starts.length; k++) {
      if (starts[k] > se + 2) {
        e = starts[k];
        break;
      }
    }
    // literals whose occurrence starts in this sentence or later: stamp 2 * s + 1; also ending before e: 2 * s + 2
    int inFrom = 2 * s + 1;
    int inRegion = 2 * s + 2;
    for (int i = occ.firstStartingAtOrAfter(ss); i < occ.size; i++) {
      int lit = occ.literal[i];
      if (occ.endEarliest[i] <= e) {
        stamp[lit] = inRegion;
      } else if (stamp[lit] != inRegion) {
        stamp[lit] = inFrom;
      }
    }
    for (int m : live) {
      if (!possible[m]) {
        counted[m] = false;
        continue;
      }
      boolean can;
      if (isCue(m) && verifier.cueSearched(m, s)) {
        can = verifier.startsIn(m, ss, se); // a hit belongs to the sentence its match starts in
      } else if (isCue(m)) {
        can = keyIn(keyAt[m], ss, e) && STAMPED[m].test(stamp, inRegion, inRegion); // the cheap test first
      } else if (verifier.verified(m)) {
        can = verifier.startsIn(m, ss, se); // a hit belongs to the sentence its match starts in
      } else {
        can = (m >= FEATURES || keyIn(keyAt[m], ss, se + InjectionDetector.KEY_REACH))
            && STAMPED[m].test(stamp, inFrom, inRegion);
      }
      counted[m] = can;
    }
    return groupBound(counted, live, extras);
  }

  /** The indices of the set entries of {@code marks}, ascending. */
  private static int[] indicesOf(boolean[] marks) {
    int n = 0;
    for (boolean b : marks) {
      n += b ? 1 : 0;
    }
    int[] a = new int[n];
    int k = 0;
    for (int m = 0; m < marks.length; m++) {
      if (marks[m]) {
        a[k++] = m;
      }
    }
    return a;
  }

  /**
   * The sentence scoring's score if every matcher {@code counted} marks matched in one sentence at its top weight:
   * each group at its best (an override one and a half times), with the scoring's bonuses; 0 when the groups are not
   * specific to text aimed at a model. More matchers never give less, so the window's possible matchers bound every
   * sentence.
   */
  private static double groupBound(boolean[] counted, double extras) {
    return groupBound(counted, EVERY_MATCHER, extras);
  }

  /** {@link #groupBound(boolean[], double)} when only the matchers in {@code among} can be marked. */
  private static double groupBound(boolean[] counted, int[] among, double extras) {
    double[] groupBest = new double[GROUPS.length];
    boolean anyGroup = false;
    for (int m : among) {
      if (counted[m]) {
        int g = GROUP_OF[m];
        groupBest[g] = Math.max(groupBest[g], g == OVERRIDE ? 1.5 * WEIGHT[m] : WEIGHT[m]);
        anyGroup = true;
      }
    }
    if (!anyGroup) {
      return 0;
    }
    Set<String> present = new LinkedHashSet<>();
    double sentence = extras;
    for (int g = 0; g < GROUPS.length; g++) {
      if (groupBest[g] > 0) {
        present.add(GROUPS[g]);
        sentence += groupBest[g];
      }
    }
    if (!InjectionCues.specific(present)) {
      return 0;
    }
    if (present.contains("sensitive") && present.contains("transfer") && present.contains("external")) {
      sentence += 0.3;
    }
    if (InjectionCues.specificCount(present) >= 2) {
      sentence += InjectionDetector.SENTENCE_THRESHOLD - InjectionDetector.THRESHOLD;
    }
    return sentence;
  }

  private static boolean keyIn(IntList positions, int lo, int hi) {
    return positions != null && positions.anyIn(lo, hi);
  }

  private static String asciiLowerCase(CharSequence text, int from, int to) {
    char[] c = new char[to - from];
    for (int i = from; i < to; i++) {
      char x = text.charAt(i);
      c[i - from] = x >= 'A' && x <= 'Z' ? (char) (x + 32) : x;
    }
    return new String(c);
  }

  /**
   * Every occurrence of a gate literal in a normalised window, found in its whitespace-collapsed form (the form the
   * conditions are written for) and placed back in the window: an occurrence whose first character is a collapsed
   * run of whitespace starts, at the latest, at the run's last character; one whose last character is such a run
   * ends, at the earliest, after the run's first. A match that contains the occurrence contains those characters.
   */
  private static final class Occurrences {
    int size;
    int[] literal = new int[16];
    int[] startLatest = new int[16];
    int[] endEarliest = new int[16];

    static Occurrences of(String t) {
      int n = t.length();
      char[] collapsed = new char[n];
      int[] first = new int[n];
      int[] last = new int[n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        char c = t.charAt(i);
        if (Prefilter.isSpace(c)) {
          if (k > 0 && collapsed[k - 1] == ' ' && last[k - 1] == i - 1) {
            last[k - 1] = i;
            continue;
          }
          c = ' ';
        }
        collapsed[k] = c;
        first[k] = i;
        last[k] = i;
        k++;
      }
      Occurrences o = new Occurrences();
      LITERALS.scan(collapsed, 0, k, (id, end) -> {
        int s = end - LITERALS.keywordLength(id);
        o.add(id, last[s], first[end - 1] + 1);
      });
      o.sortByStart();
      return o;
    }

    void add(int lit, int start, int end) {
      if (size == literal.length) {
        literal = java.util.Arrays.copyOf(literal, size * 2);
        startLatest = java.util.Arrays.copyOf(startLatest, size * 2);
        endEarliest = java.util.Arrays.copyOf(endEarliest, size * 2);
      }
      literal[size] = lit;
      startLatest[size] = start;
      endEarliest[size] = end;
      size++;
    }

    /** The automaton reports by end; the sentence walk reads by start. */
    void sortByStart() {
      long[] packed = new long[size];
      for (int i = 0; i < size; i++) {
        packed[i] = ((long) startLatest[i] << 32) | i;
      }
      java.util.Arrays.sort(packed);
      int[] l = new int[size];
      int[] s = new int[size];
      int[] e = new int[size];
      for (int i = 0; i < size; i++) {
        int j = (int) packed[i];
        l[i] = literal[j];
        s[i] = startLatest[j];
        e[i] = endEarliest[j];
      }
      literal = l;
      startLatest = s;
      endEarliest = e;
    }

    int firstStartingAtOrAfter(int p) {
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (startLatest[mid] < p) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /** A superset of the scorer's hiding check: a literal of its markup rules in the window or just before it. */
  private static boolean mayBeHidden(CharSequence text, int from, int to) {
    if (HIDE == null) {
      return true;
    }
    boolean[] found = new boolean[1];
    HIDE.scan(text, Math.max(0, from - HIDE_REACH), to, (id, end) -> found[0] = true);
    return found[0];
  }

  /** A condition compiled to literal ids. */
  @FunctionalInterface
  private interface Check {
    boolean test(boolean[] present);
  }

  /** A condition over stamped literals: a literal counts when its stamp is {@code a} or {@code b}. */
  @FunctionalInterface
  private interface Stamped {
    boolean test(int[] stamp, int a, int b);
  }

  private static Stamped compileStamped(Prefilter.Cond c) {
    if (c instanceof Prefilter.Lit l) {
      int id = LITERAL_ID.get(l.text());
      return (st, a, b) -> st[id] == a || st[id] == b;
    }
    if (c instanceof Prefilter.All all) {
      Stamped[] parts = all.parts().stream().map(InjectionGate::compileStamped).toArray(Stamped[]::new);
      return (st, a, b) -> {
        for (Stamped x : parts) {
          if (!x.test(st, a, b)) {
            return false;
          }
        }
        return true;
      };
    }
    if (c instanceof Prefilter.Any any) {
      Stamped[] parts = any.parts().stream().map(InjectionGate::compileStamped).toArray(Stamped[]::new);
      return (st, a, b) -> {
        for (Stamped x : parts) {
          if (x.test(st, a, b)) {
            return true;
          }
        }
        return false;
      };
    }
    return (st, a, b) -> true;
  }

  private static Check compile(Prefilter.Cond c) {
    if (c instanceof Prefilter.Lit l) {
      int id = LITERAL_ID.get(l.text());
      return p -> p[id];
    }
    if (c instanceof Prefilter.All a) {
      Check[] parts = a.parts().stream().map(InjectionGate::compile).toArray(Check[]::new);
      return p -> {
        for (Check x : parts) {
          if (!x.test(p)) {
            return false;
          }
        }
        return true;
      };
    }
    if (c instanceof Prefilter.Any a) {
      Check[] parts = a.parts().stream().map(InjectionGate::compile).toArray(Check[]::new);
      return p -> {
        for (Check x : parts) {
          if (x.test(p)) {
            return true;
          }
        }
        return false;
      };
    }
    return p -> true;
  }
}
