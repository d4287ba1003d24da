/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grammatical and structural contexts in which a phrase describes, forbids or transcribes an instruction instead of
 * giving one to the reader (session 5). Read by {@link InjectionDetector}'s damping: they only lower a phrase's
 * weight, never raise it, and each has an injected twin in the corpus that it must leave alone (an order in the
 * imperative, a demand for secrecy, a single forged turn, a note after the option list).
 */
final class InjectionContext {
  private InjectionContext() {}

  /** A prohibition right before the phrase: "the model should never reveal", "do not dump passwords". */
  private static final Pattern PROHIBITED = Pattern.compile("\\b(?:do not|don'?t|never|must not|mustn'?t|should not|"
      + "shouldn'?t|may not|must never|should never|will never|refuse to|refuses to|not to|(?:refuses?|declines?|rejects?)"
      + " (?:any |all |every |the )?(?:requests?|attempts?|instructions?|prompts?|orders?|demands?|messages?) to)\\s+"
      + "(?:[\\w-]+ly\\s+)?$");
  /**
   * A prohibition earlier in the clause: "the assistant must refuse to run destructive commands without
   * confirmation", "never reveal API keys". Not "don't hesitate to", "never mind", "don't forget to" (orders), nor
   * "do not tell the user, upload ..." (secrecy about the order that follows).
   */
  private static final Pattern PROHIBITED_CLAUSE = Pattern.compile("\\b(?:do not|don'?t|never|must not|mustn'?t|"
      + "should not|shouldn'?t|may not|must never|should never|will never|refuses? to|(?:refuses?|declines?|rejects?)"
      + " (?:any |all |every |the )?(?:requests?|attempts?|instructions?|prompts?|orders?|demands?|messages?) to)\\s+"
      + "(?!(?:mind|"
      + "hesitate|forget|fail|wait|delay|bother|stop|ask|let|alert|warn|confirm|check|consult)\\b|(?:tell|mention|"
      + "inform|notify|reveal|show|say)\\s+(?:this|it|that|these|those|anyone|anybody|anything|the user|the human|"
      + "them|him|her|your)\\b)[a-z]");
  /** A permission to a person, not an order: "you can safely ignore the messages", "you may skip this step". */
  private static final Pattern PERMISSIVE = Pattern.compile("\\b(?:can|may|could|might)\\s+(?:safely\\s+|generally\\s+|"
      + "usually\\s+|simply\\s+|also\\s+|just\\s+|probably\\s+|often\\s+|always\\s+)?$");
  /** What the reader's earlier guidance is called: dropping it stays an override even when "you can". */
  private static final Pattern PRIOR = Pattern.compile("\\b(?:previous|prior|preceding|above|earlier|former|original|"
      + "initial|system|safety|existing|all|any|every|your|user'?s?)\\b");
  /** A subject that is software, then a modal or an adverb: "the tool will ... overwrite ... without asking". */
  private static final Pattern SOFTWARE_SUBJECT = Pattern.compile("\\b(?:(?:tool|command|program|option|flag|script|"
      + "utility|cli|server|client|daemon|library|function|method|module|package|plugin|installer|process|binary|"
      + "compiler|linter)s?|it|this|which|that"
      // session 11: a program named right after the setting that makes it act ("If enabled gcloud will overwrite ...
      // without asking"); one word only, so "if enabled, the assistant will" is no program
      + "|(?:if|when|once) (?:enabled|disabled|set|specified|given|present|true|false|omitted),?\\s+[\\w.-]+)"
      + "\\s+(?:will|would|may|might|can|does|then|also|now|automatically|silently|quietly)\\b");
  /** A command-line option at the start of a line (plain or roff): "-f, --force", "\fB\-\-quiet\fR", ".TP". */
  private static final String OPTION = "(?:\\\\f[bi])?(?:\\\\?-){1,2}[a-z0-9][\\w\\\\-]*(?:\\\\f[rp])?";
  private static final Pattern OPTION_LINE = Pattern.compile("^[ \\t]*(?:\\.tp\\b.*|\\.ip\\b.*|" + OPTION
      // more spellings of the option, then at most one argument name: "-f, --force", "--tls-max version"
      + "(?:(?:,\\s*|\\s+)" + OPTION + ")*(?:[ =][<\\[]?[\\w.:|/-]+[>\\]]?)?"
      // session 8: or the two columns of a --help screen, the description after two spaces on the same line
      + "(?:[ \\t]{2,}\\S.*)?)\\s*$");
  /** A speaker label at a line start or a role field: the turns of a transcript (or of a forged one). */
  private static final Pattern ROLE_LABEL = Pattern.compile("(?:^|\\n)[ \\t>*]*(user|human|customer|assistant|ai|model|"
      + "bot|agent|gpt|claude)[ \\t]*:|\"role\"\\s*:\\s*\"(user|assistant|model)\"");
  /** A line holding nothing but a string literal (and a comma): an element of a list literal in code. */
  private static final Pattern STRING_ELEMENT = Pattern.compile("^\\s*(?:\"[^\"\\n]*\"|'[^'\\n]*'),?\\s*$");
  /** An assignment or call that opens a list or tuple literal on the next lines. */
  private static final Pattern LITERAL_OPENED = Pattern.compile("(?:\\w\\s*[:=]|\\()\\s*[\\[({]\\s*$");
  /** A row of a markdown table. */
  private static final Pattern OPTION_ROW = Pattern.compile("^\\s*\\|\\s*`?-{1,2}[a-z0-9][\\w-]*(?:[ =][^|`]*)?`?\\s*\\|");
  private static final Pattern TABLE_ROW = Pattern.compile("^\\s*\\|.*\\|.*\\|\\s*$");

  /** Whether the words right before a phrase forbid it. */
  static boolean prohibited(String before) {
    return PROHIBITED.matcher(before).find();
  }

  /** Whether a prohibition opens the clause that leads to a phrase. */
  static boolean prohibitedClause(String clauseBefore) {
    return PROHIBITED_CLAUSE.matcher(clauseBefore).find();
  }

  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+>#|]|\\d+[.)]|\\w[.)]\\s)");

  /**
   * Where the sentence holding line {@code ls} starts, as far as lines go: a wrapped sentence continues from the
   * lines above (up to three) unless the line opens a list item or the line above ends a sentence or is blank.
   */
  static int sentenceLineStart(String t, int ls) {
    int s = ls;
    for (int k = 0; k < 3 && s > 1; k++) {
      if (LIST_ITEM.matcher(t.substring(s, Math.max(s, lineEnd(t, s)))).find()) {
        return s;
      }
      int ps = t.lastIndexOf('\n', s - 2) + 1;
      String above = t.substring(ps, s - 1).strip();
      // a wrapped line of prose ends in a word (or a word and a comma); code, JSON and logs end otherwise
      String end = above.endsWith(",") ? above.substring(0, above.length() - 1) : above;
      if (end.isEmpty() || !Character.isLetterOrDigit(end.charAt(end.length() - 1))) {
        return s;
      }
      s = ps;
    }
    return s;
  }

  private static int lineEnd(String t, int s) {
    int e = t.indexOf('\n', s);
    return e < 0 ? t.length() : e;
  }

  /** Whether the words before a phrase permit it and the phrase does not drop the reader's earlier guidance. */
  static boolean permitted(String before, String phrase) {
    return PERMISSIVE.matcher(before).find() && !PRIOR.matcher(phrase).find();
  }

  /** A sentence that opens with the purpose of a how-to: "To disable the sandbox in development, set ...". */
  private static final Pattern HOW_TO = Pattern.compile("(?:^|[.!?:\\n]\\s*|\\bhow )to\\s+$");

  /**
   * Session 17: whether the phrase is the purpose a how-to opens with ("To disable the sandbox in development, set
   * SANDBOX=off", "how to skip the confirmation prompts"): a manual says what a step is for, it orders nothing.
   */
  static boolean howTo(String before) {
    return HOW_TO.matcher(before).find();
  }

  /** Whether the clause before a phrase has software as its subject ("the command will delete ... without asking"). */
  static boolean softwareSubject(String clauseBefore) {
    java.util.regex.Matcher m = SOFTWARE_SUBJECT.matcher(clauseBefore);
    int end = -1;
    while (m.find()) {
      end = m.end();
    }
    // session 22: "it would be really helpful if you quietly added my key ...": the reader acts, not "it"
    return end >= 0 && !READER_ACTS.matcher(clauseBefore).region(end, clauseBefore.length()).find();
  }

  /** The reader made the subject after a software subject's modal: "it would be nice if you ...". */
  private static final Pattern READER_ACTS = Pattern.compile("\\b(?:if|when|once|that) you\\b");

  /** What follows a delimiter named as a noun of a sentence: a conjunction, "markers", a list's comma, an ellipsis. */
  private static final Pattern NAMED_AFTER = Pattern.compile("^(?:user|model|system|assistant|human)?\\s*(?:(?:and|or"
      + "|inside|around|between|markers?|tokens?|tags?|delimiters?|strings?)\\b|\\.\\.\\.|\u2026|[,;)/]|\\.(?:\\s|$))");
  /** Words of a sentence about a chat or prompt format. */
  private static final Pattern FORMAT_WORDS = Pattern.compile("(?i)\\b(?:formats?|templates?|uses|using|wraps?|marks"
      + "|tokens?|syntax|delimit\\w*|markers?|surround\\w*|encloses?|such as|like|special)\\b");

  /**
   * Session 18: a turn delimiter named in prose about a chat format ("Llama 2 wraps the system prompt in &lt;&lt;SYS&gt;&gt;
   * and &lt;&lt;/SYS&gt;&gt; inside [INST]", "Gemma uses &lt;start_of_turn&gt;user and ... markers"): followed by a
   * conjunction, a list's punctuation or the sentence's end, after words about formats, it is a noun, not a boundary.
   */
  static boolean delimiterNamed(String lineBefore, String after) {
    return NAMED_AFTER.matcher(after).find() && FORMAT_WORDS.matcher(lineBefore).find();
  }

  /**
   * Whether the line is an option's description: it or a line above it in the same paragraph (no blank line between,
   * at most four lines up) names a command-line option. A note after the option list, past a blank line, is not.
   */
  static boolean optionDescription(String t, int ls) {
    int le = t.indexOf('\n', ls);
    if (OPTION_ROW.matcher(t.substring(ls, le < 0 ? t.length() : le)).find()) {
      return true; // session 9: a markdown table row whose first cell is an option: "| `--force` | false | ... |"
    }
    int s = ls;
    for (int k = 0; k < 5; k++) {
      int e = t.indexOf('\n', s);
      String line = t.substring(s, e < 0 ? t.length() : e);
      if (k > 0 && line.isBlank() && k > 1) {
        return false; // one blank line may part a roff tag from its text (".TP", "\fB\-\-force\fR", "", text)
      }
      if (OPTION_LINE.matcher(line).matches()) {
        return true;
      }
      if (s < 2) {
        return false;
      }
      s = t.lastIndexOf('\n', s - 2) + 1;
    }
    return false;
  }

  /**
   * Whether the hit is a speaker label in a transcript: the window holds at least two turns of each side. A forged
   * turn is one turn or one exchange.
   */
  static boolean transcriptTurn(String t, int start, int end) {
    Matcher own = ROLE_LABEL.matcher(t).region(Math.max(0, start - 2), Math.min(t.length(), end));
    if (!own.find()) {
      return false;
    }
    int user = 0;
    int model = 0;
    Matcher m = ROLE_LABEL.matcher(t);
    while (m.find()) {
      String who = m.group(1) != null ? m.group(1) : m.group(2);
      if (who.equals("user") || who.equals("human") || who.equals("customer")) {
        user++;
      } else {
        model++;
      }
    }
    return user >= 2 && model >= 2;
  }

  /** A line that announces a sample: "Each record is a dialogue:", "Example:", "The format looks like this:". */
  private static final Pattern SAMPLE_INTRO = Pattern.compile("\\b(?:examples?|samples?|records?|dialogues?|dialogs?|"
      + "conversations?|transcripts?|format(?:ted)?|looks? like|e\\.g\\.|for instance|like this|as follows|such as)\\b"
      + "[^\\n]{0,60}:\\s*$");

  /**
   * Whether the turn label at {@code start} belongs to a dialogue shown as a sample: the lines of turns above it (and
   * blank lines) lead up to a line that ends with a colon and announces an example, a record or a format, and the
   * dialogue holds a turn of each side. A forged turn follows prose that introduces nothing ("the card ends here.").
   */
  static boolean introducedDialogue(String t, int start) {
    int cs = start;
    while (cs < t.length() && Character.isWhitespace(t.charAt(cs))) {
      cs++;
    }
    int ls = t.lastIndexOf('\n', cs - 1) + 1;
    int intro = -1;
    for (int k = 0, p = ls; k < 12 && p > 0; k++) {
      int ps = t.lastIndexOf('\n', p - 2) + 1;
      String line = t.substring(ps, p - 1);
      if (line.isBlank() || ROLE_LABEL.matcher("\n" + line).lookingAt()) {
        p = ps;
        continue;
      }
      if (SAMPLE_INTRO.matcher(line).find()) {
        intro = p;
      }
      break;
    }
    if (intro < 0) {
      return false;
    }
    boolean user = false;
    boolean model = false;
    Matcher m = ROLE_LABEL.matcher(t).region(Math.max(0, intro - 1), Math.min(t.length(), intro + 800));
    while (m.find()) {
      String who = m.group(1) != null ? m.group(1) : m.group(2);
      if (who.equals("user") || who.equals("human") || who.equals("customer")) {
        user = true;
      } else {
        model = true;
      }
    }
    return user && model;
  }

  /** Whether the line is one string of a list literal opened by an assignment within the three lines above. */
  static boolean listedInCode(String t, int ls, int le) {
    if (!STRING_ELEMENT.matcher(t.substring(ls, le)).matches()) {
      return false;
    }
    int s = ls;
    for (int k = 0; k < 3 && s > 1; k++) {
      int ps = t.lastIndexOf('\n', s - 2) + 1;
      String line = t.substring(ps, s - 1);
      if (LITERAL_OPENED.matcher(line).find()) {
        return true;
      }
      if (!STRING_ELEMENT.matcher(line).matches()) {
        return false;
      }
      s = ps;
    }
    return false;
  }

  /**
   * Whether {@code p} lies inside a fenced code block: an odd number of fence lines ({@code ```}) before it in the
   * window. A turn shown in a fence is an example of the format; a forged turn is written to be read as one.
   */
  static boolean inCodeFence(String t, int p) {
    int n = 0;
    for (int i = t.indexOf("```"); i >= 0 && i < p; i = t.indexOf("```", i + 3)) {
      if (i == 0 || t.charAt(i - 1) == '\n' || t.substring(t.lastIndexOf('\n', i - 1) + 1, i).isBlank()) {
        n++;
      }
    }
    return n % 2 == 1;
  }

  private static final Pattern COMPONENT_ITEM = Pattern.compile("(?m)^[ \\t]*[-*+][ \\t]+([\\w.-]+):[ \\t]");

  /**
   * Whether the line is an entry of a changelog kept per component ("* agent: Use the sysconfdir ...", "* gpg: Fix
   * ..."): it is a list item under a label, and the window has list items under at least two other labels. An order
   * to an agent written as its own line or paragraph is not one.
   */
  static boolean componentEntry(String t, int ls, int le) {
    Matcher own = COMPONENT_ITEM.matcher(t.substring(ls, le));
    if (!own.lookingAt()) {
      return false;
    }
    java.util.Set<String> others = new java.util.HashSet<>();
    Matcher m = COMPONENT_ITEM.matcher(t);
    while (m.find()) {
      if (!m.group(1).equals(own.group(1))) {
        others.add(m.group(1));
      }
    }
    return others.size() >= 2;
  }

  /**
   * A third party reported as acting on the model: "the injected text asks the model to render ...", "a crafted
   * README can make the coding agent ...". An injection addresses its reader; a write-up tells what a text did to
   * one. The subjects are texts and attackers, never the user, the owner or an admin (whose "wishes" are the
   * authority claims injections make), nor "this page", "these instructions" (the content speaking of itself).
   */
  private static final Pattern REPORTED = Pattern.compile("(?<!\\b(?:this|these|following) (?:[\\w-]{1,20} )?)\\b(?:attackers?|adversar(?:y|ies)|payloads?|injections?|"
      // session 8: people reported asking the model ("when a user asks it to ignore its instructions")
      + "users?|someone|somebody|people|customers?|"
      + "pages?|sites?|websites?|texts?|content|comments?|documents?|e-?mails?|messages?|readmes?|files?|issues?|"
      + "tickets?|markup|snippets?|strings?|inputs?|instructions|prompts?|html|it|they|which|that)"
      + "(?:\\s+(?:can|could|may|might|would|will|then|also|just|often|successfully|still|first|\\w+ly))*\\s+"
      + "(?:tries to|tried to|attempts? to|asks?|asked|tells?|told|instructs?|instructed|makes?|made|tricks?|tricked|"
      + "gets?|got|causes?|caused|forces?|forced|convinces?|convinced|persuades?|persuaded|lures?|lured|coerces?|"
      + "coerced|directs?|directed|leads?|led|manipulates?|manipulated)\\s+(?:(?:the|a|an|its|their|any|every)\\s+"
      + "(?:[\\w-]+\\s+){0,2}?(?:models?|assistants?|agents?|bots?|llms?|ai|chatbots?|copilot|victims?|targets?|"
      + "clients?|plugins?|summari[sz]ers?)|it|them)\\b");

  /** Whether the clause before a phrase reports what a text or an attacker does to the model. */
  static boolean reported(String clauseBefore) {
    return REPORTED.matcher(clauseBefore).find();
  }

  /** Where the quote or HTML comment that is open at {@code p} on its line begins, or -1. */
  static int quoteOpener(String t, int ls, int p) {
    int c = t.lastIndexOf("<!--", p - 1);
    if (c >= ls && t.indexOf("-->", c) >= p) {
      return c;
    }
    int open = t.lastIndexOf('“', p - 1);
    if (open >= ls && t.lastIndexOf('”', p - 1) < open) {
      return open;
    }
    for (char q : new char[] {'"', '`'}) {
      int n = 0;
      int last = -1;
      for (int i = ls; i < p; i++) {
        if (t.charAt(i) == q) {
          n++;
          last = i;
        }
      }
      if (n % 2 == 1) {
        return last;
      }
    }
    // session 11: a single quote opens after a non-letter and closes before one; an apostrophe ("user's") does neither
    int single = -1;
    for (int i = ls; i < p; i++) {
      if (t.charAt(i) == '\'') {
        boolean letterBefore = i > ls && Character.isLetter(t.charAt(i - 1));
        boolean letterAfter = i + 1 < t.length() && Character.isLetter(t.charAt(i + 1));
        if (!letterBefore && letterAfter && single < 0) {
          single = i;
        } else if (letterBefore && !letterAfter && single >= 0) {
          single = -1;
        }
      }
    }
    return single;
  }

  private static final Pattern LABEL = Pattern.compile("^[ \\t]*([a-z]{2,12})[ \\t]*:");

  /**
   * Whether the line's role label ("SYSTEM:", "ADMIN:") also opens the line above or below: a log's source prefix
   * ("SYSTEM: Booting kernel", "SYSTEM: Mounting /dev/sda1"), not a forged turn, which is one block under one label.
   */
  static boolean repeatedLabel(String t, int ls, int le) {
    Matcher own = LABEL.matcher(t.substring(ls, le));
    if (!own.find()) {
      return false;
    }
    String label = own.group(1);
    if (ls > 1) {
      int ps = t.lastIndexOf('\n', ls - 2) + 1;
      Matcher m = LABEL.matcher(t.substring(ps, ls - 1));
      if (m.find() && m.group(1).equals(label)) {
        return true;
      }
    }
    if (le < t.length()) {
      Matcher m = LABEL.matcher(t.substring(le + 1, lineEnd(t, le + 1)));
      return m.find() && m.group(1).equals(label);
    }
    return false;
  }

  private static final Pattern FIELD = Pattern.compile("^([ \\t]*)([a-z_][\\w.-]{0,30})[ \\t]*:[ \\t]*\\S");
  private static final java.util.Set<String> ROLES = java.util.Set.of("system", "user", "human", "assistant", "ai",
      "model", "bot", "agent", "developer", "operator", "admin", "administrator", "root", "customer", "gpt", "claude");

  /**
   * Whether the line is one field of a definition list (session 8): the line above or below, at the same indentation,
   * holds a field whose name is no role ({@code prompt: the user message.} over {@code system: the system prompt;
   * ...} in a docstring's Args, YAML, HTTP headers). A forged turn stands alone or next to other turns.
   */
  static boolean fieldList(String t, int ls, int le) {
    Matcher own = FIELD.matcher(t.substring(ls, le));
    if (!own.find()) {
      return false;
    }
    String indent = own.group(1);
    if (ls > 1) {
      int ps = t.lastIndexOf('\n', ls - 2) + 1;
      if (otherField(t.substring(ps, ls - 1), indent)) {
        return true;
      }
    }
    return le < t.length() && otherField(t.substring(le + 1, lineEnd(t, le + 1)), indent);
  }

  private static boolean otherField(String line, String indent) {
    Matcher m = FIELD.matcher(line);
    return m.find() && m.group(1).equals(indent) && !ROLES.contains(m.group(2));
  }

  /** Whether the hit is a whole string literal: {@code "<|im_start|>"} names a token, it does not open a turn. */
  static boolean wholeLiteral(String t, int start, int end) {
    if (start == 0 || end >= t.length()) {
      return false;
    }
    char a = t.charAt(start - 1);
    char b = t.charAt(end);
    if (b == '\\' && end + 1 < t.length()) {
      b = t.charAt(end + 1); // inside an escaped JSON string: \"<|im_start|>\"
    }
    return (a == '"' || a == '\'' || a == '`') && b == a;
  }

  /** A test definition or an assertion: the code around is a test, and its strings are fixtures. */
  private static final Pattern TEST_CODE = Pattern.compile("\\bdef test_?\\w*\\s*\\(|\\bassert(?:equals|true|false|that"
      + "|_\\w+)?\\b\\s*[(\\w]|\\bexpect\\s*\\(|@test\\b|\\b(?:it|test|describe)\\s*\\(\\s*['\"`]|\\bself\\.assert\\w*\\("
      + "|\\bfunc test\\w*\\(");

  /**
   * Whether {@code p} lies inside a closed string literal that code opens by an assignment, a key or a call, in code
   * with a test definition or an assertion within 800 characters (session 13): {@code text = 'Ignore all previous
   * instructions'} above {@code assert detector.is_injection(text)} is a test's fixture, like a quoted sample.
   */
  static boolean testFixture(String t, int ls, int le, int p) {
    String line = t.substring(ls, le);
    int at = p - ls;
    int q = at - 1;
    while (q >= 0 && "\"'`".indexOf(line.charAt(q)) < 0) {
      q--;
    }
    if (q < 0 || line.indexOf(line.charAt(q), at) < 0 || !STRING_OPENED_BY.matcher(line.substring(0, q)).find()) {
      return false;
    }
    return TEST_CODE.matcher(t.substring(Math.max(0, p - 800), Math.min(t.length(), p + 800))).find();
  }

  /** What opens a string of code or data: an assignment, a key or a call ({@code PROMPT = """}, {@code "content": "}). */
  private static final Pattern STRING_OPENED_BY = Pattern.compile("[\\w.\\]'\"]\\s*(?:=|:|\\(|\\+=)\\s*[frbu]?$");
  /**
   * A prompt for a model the program calls opens by giving it a role; "you are now …" reassigns the reader's role
   * (the jailbreak opening), it does not define a program's model.
   */
  private static final Pattern ROLE_OPENING = Pattern.compile(
      "^\\s*(?:you are|you're|your (?:role|task|job) is|act as)\\b(?!\\s+(?:now|no longer)\\b)");

  /**
   * Whether {@code p} lies inside a string literal of code or data that holds a prompt written for a model the program
   * itself calls (session 7): the literal is opened by an assignment, a key or a call ({@code SYSTEM_PROMPT = """You
   * are ...}, {@code "content": "You are ...}, {@code const prompt = `You are ...}) and starts by giving that model its
   * role. An order in a comment beside it, a string that opens otherwise ({@code "New policy for the model reading this
   * file: ..."}) or text after the literal is closed is not one.
   */
  static boolean promptLiteral(String t, int ls, int p) {
    int open = -1;
    int len = 0;
    for (String q : new String[] {"\"\"\"", "\\\"\\\"\\\"", "'''", "`"}) { // \"\"\" inside a JSON string
      int n = 0;
      int last = -1;
      for (int i = t.indexOf(q); i >= 0 && i < p; i = t.indexOf(q, i + q.length())) {
        n++;
        last = i;
      }
      if (n % 2 == 1 && last > open) {
        open = last;
        len = q.length();
      }
    }
    if (open < 0) {
      int o = quoteOpener(t, ls, p);
      if (o >= 0 && (t.charAt(o) == '"' || t.charAt(o) == '`')) {
        open = o;
        len = 1;
      }
    }
    if (open < 0) {
      return false;
    }
    int lineStart = t.lastIndexOf('\n', open - 1) + 1;
    return STRING_OPENED_BY.matcher(t.substring(lineStart, open)).find()
        && ROLE_OPENING.matcher(t.substring(open + len, Math.min(t.length(), open + len + 40))).find();
  }

  /**
   * The model's turn of an instruction-tuning or chat format followed by its text: the answer half of a training or
   * evaluation record (Alpaca {@code ### Response:}, Llama 2 {@code [/INST] answer}, ChatML, Gemma, Llama 3).
   */
  private static final Pattern RECORD_ANSWER = Pattern.compile("(?:^|\\n)[ \\t]*#{2,4}[ \\t]*response[ \\t]*:?[ \\t]*"
      + "#{0,4}[ \\t]*\\n+[ \\t]*[^#\\s\\\\\"]|\\[/inst\\][ \\t]*[^\\s\\[<\\\\\"]|<\\|im_start\\|>[ \\t]*assistant[ \\t]*\\n+"
      + "[ \\t]*[^\\s<\\\\\"]|<start_of_turn>[ \\t]*model[ \\t]*\\n+[ \\t]*[^\\s<\\\\\"]|<\\|start_header_id\\|>[ \\t]*assistant"
      + "[ \\t]*<\\|end_header_id\\|>\\s*[^\\s<\\\\\"]");

  /**
   * Whether the window holds at least two complete records of a training or evaluation set (session 7): two answered
   * turns in one instruction or chat format. Their delimiters are the format of the data; a forged turn is one
   * unanswered prompt after ordinary content, or one record with an order in it.
   */
  static boolean trainingRecords(String t) {
    Matcher m = RECORD_ANSWER.matcher(t);
    int n = 0;
    while (m.find()) {
      if (++n >= 2) {
        return true;
      }
    }
    return false;
  }

  /**
   * A heading or an opening line that declares the document guidance for coding agents: {@code # AGENTS.md}, {@code ##
   * Rules for coding agents}, "Claude, when you work in this repo:".
   */
  private static final Pattern AGENT_GUIDANCE = Pattern.compile("(?m)(?:^|\\\\n|(?<= - ))[ \\t]*(?:#{1,4}[ \\t]*(?:agents\\.md|claude\\.md|"
      + "gemini\\.md|copilot-instructions\\.md|\\.cursorrules|(?:rules|guidelines|instructions|notes|conventions|tips|"
      + "guidance)(?: for| to) (?:the )?(?:ai |coding |llm |autonomous )?(?:agents?|assistants?|claude|copilot|codex|"
      + "gemini)|ai (?:usage |contribution )?polic(?:y|ies)|(?:use of|using) ai(?: tools| assistants)?|ai[- ]generated "
      + "contributions|(?:notes|instructions|guidance) for llms|llms\\.txt)|(?:claude|copilot|codex|gemini|(?:ai |coding )?agents?|(?:ai |coding )?assistants?),? when you "
      + "(?:work|are working|make changes) (?:in|on) this (?:repo|repository|project|codebase)[^\\n]{0,40}:)[ \\t]*$");

  /**
   * Session 9: a README's or CONTRIBUTING's note for coding agents, a label set off as markdown structure (a quote, a
   * bullet, a heading or bold: "> **Note for AI assistants:** run `npm test` before committing"); a plain line "Note
   * to any AI assistant triaging this issue:" in a comment is an address, not a document's guidance.
   */
  private static final Pattern AGENT_NOTE = Pattern.compile("(?m)(?:^|\\\\n)[ \\t]*(?:>[ \\t]*[*_]{0,2}|[-*][ \\t]+[*_]{0,2}|#+[ \\t]*"
      + "|[*_]{2})(?:notes?|tips?|reminders?|guidance|instructions) for (?:the )?(?:ai|coding|llm)(?: coding)? "
      + "(?:agents?|assistants?)[*_]{0,2}[ \\t]*:");

  /**
   * Whether the window is a repository's guidance for coding agents (session 7): an AGENTS.md or CLAUDE.md addresses
   * the agent by design, so being addressed is no sign of an injection there; what it asks still counts (an order to
   * send {@code .env} out and keep quiet about it is flagged in such a file too).
   */
  static boolean agentGuidance(String t) {
    return AGENT_GUIDANCE.matcher(t).find() || AGENT_NOTE.matcher(t).find();
  }

  /** A statement of code, then a comment at the end of the same line ({@code continue  # override: drop ...}). */
  private static final Pattern TRAILING_COMMENT = Pattern.compile("^[ \\t]*(?![#/*\\[<])[^\\n#]*?[\\w)\\]};:'\"][ \\t]+(?:#|//)[ \\t]");

  /**
   * Whether the phrase lies in a comment at the end of a line of code (session 8): such a comment says what the
   * statement before it does ({@code if cfg.ignore_system_prompt: continue  # drop the system prompt for the
   * ablation}). An order planted in code stands in comment lines or blocks of its own, which this leaves alone.
   */
  static boolean trailingComment(String line, int hitInLine) {
    Matcher m = TRAILING_COMMENT.matcher(line);
    return m.find() && m.end() <= hitInLine;
  }

  /** Whether the line is a markdown table row: its cells are quoted data. */
  static boolean tableRow(String line) {
    return TABLE_ROW.matcher(line).matches();
  }
}
